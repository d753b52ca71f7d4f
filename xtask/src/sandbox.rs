//! Processes the tests start: the sandbox (`psb-mock`) on a free loopback port, and a guard that
//! stops a child process whatever happens to the step that started it.

use crate::install::{cargo, run};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `psb-mock` (the debug build) with `args`, on a free loopback port; returns its URL.
pub fn start(root: &Path, args: &[&str]) -> Result<(ChildGuard, String)> {
    run(cargo(root).args(["build", "--quiet", "-p", "psb-mock"]))?;
    spawn(&root.join("target/debug/psb-mock"), args)
}

/// A built `psb-mock` binary with `args`, on a free loopback port; its first stdout line says
/// where it listens.
pub fn spawn(bin: &Path, args: &[&str]) -> Result<(ChildGuard, String)> {
    let mut child = Command::new(bin)
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", bin.display()))?;
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line)?;
    let guard = ChildGuard(child);
    match line.trim().strip_prefix("listening on ") {
        Some(url) => Ok((guard, url.to_string())),
        None => bail!("psb-mock did not say where it listens (first line: {line:?})"),
    }
}

/// Kills its process when dropped, so a failing step leaves nothing running.
pub struct ChildGuard(Child);

impl ChildGuard {
    pub fn new(child: Child) -> ChildGuard {
        ChildGuard(child)
    }

    pub fn id(&self) -> u32 {
        self.0.id()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub fn wait_for_port(port: u16, limit: Duration) -> Result<()> {
    let started = std::time::Instant::now();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    while started.elapsed() < limit {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("nothing listened on port {port} within {limit:?}")
}
