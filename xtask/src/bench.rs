//! `cargo xtask bench-mock`: how fast the sandbox answers, with wrk on loopback. Prints a table
//! for BENCHMARKS.md. A benchmark, not a test: it asserts nothing.

use crate::install::run;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::Command;

const CONNECTIONS: u32 = 64;

pub fn bench_mock(root: &Path) -> Result<()> {
    let wrk = wrk()?;
    run(Command::new("cargo").current_dir(root).args(["build", "--quiet", "--release", "-p", "psb-mock"]))?;
    let (guard, url) = crate::sandbox::spawn(&root.join("target/release/psb-mock"), &[])?;
    let target = format!("{url}/users/me");
    let wrk_run = |secs: u32| -> Result<WrkResult> {
        let out = Command::new(&wrk)
            .args([
                "-t2",
                &format!("-c{CONNECTIONS}"),
                &format!("-d{secs}s"),
                "--latency",
                "-H",
                "Authorization: sandbox-token",
            ])
            .arg(&target)
            .output()
            .context("cannot run wrk")?;
        WrkResult::parse(&String::from_utf8_lossy(&out.stdout))
    };
    let rss = || rss_kib(guard.id());
    wrk_run(3)?; // warm up: connections, allocator, caches
    let rss_before = rss()?;
    let measured = wrk_run(10)?;
    // Then at least a million more requests, to see whether memory stays flat.
    let secs = ((1_000_000.0 / measured.rate).ceil() as u32).max(5) + 2;
    let soak = wrk_run(secs)?;
    let rss_after = rss()?;
    println!("\nGET /users/me on loopback, {CONNECTIONS} connections, wrk -t2 (psb-mock release build; both on the same 2 cores)\n");
    println!("| measure | value |\n|---|---:|");
    println!("| throughput (10 s) | {:.0} req/s |", measured.rate);
    println!("| latency p50 / p90 / p99 | {} / {} / {} |", measured.p50, measured.p90, measured.p99);
    println!("| soak | {} requests in {secs} s ({:.0} req/s) |", soak.requests, soak.rate);
    println!("| RSS before → after the soak | {} KiB → {} KiB |", rss_before, rss_after);
    println!("| non-2xx answers | {} |", measured.errors + soak.errors);
    Ok(())
}

struct WrkResult {
    rate: f64,
    requests: u64,
    p50: String,
    p90: String,
    p99: String,
    errors: u64,
}

impl WrkResult {
    fn parse(out: &str) -> Result<WrkResult> {
        let field =
            |prefix: &str| out.lines().find_map(|l| l.trim().strip_prefix(prefix).map(|r| r.trim().to_string()));
        let rate: f64 = field("Requests/sec:").context("wrk printed no rate")?.parse()?;
        let requests = out
            .lines()
            .find(|l| l.contains("requests in"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let errors = field("Non-2xx or 3xx responses:").and_then(|v| v.parse().ok()).unwrap_or(0);
        let pct = |p: &str| field(p).unwrap_or_else(|| "?".into());
        Ok(WrkResult { rate, requests, p50: pct("50%"), p90: pct("90%"), p99: pct("99%"), errors })
    }
}

fn rss_kib(pid: u32) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .context("no VmRSS")
}

/// wrk from Debian's packages, installed when missing.
fn wrk() -> Result<String> {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok("wrk".into());
    }
    crate::install::apt_install("/usr/bin/wrk", &["wrk"])?;
    Ok("/usr/bin/wrk".into())
}
