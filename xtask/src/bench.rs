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

/// `cargo xtask bench-bindings`: the Python and Kotlin packages against hand-written clients
/// (httpx + pydantic v2; java.net.http + Jackson) on the same calls, release builds of the
/// native library and of the sandbox (`psb-mock --orders 1000`). Prints each benchmark's table.
pub fn bench_bindings(root: &Path) -> Result<()> {
    run(crate::install::cargo(root).args(["build", "--quiet", "--release", "-p", "psb-mock"]))?;
    let mock = root.join("target/release/psb-mock");
    let out = root.join("target/bench");

    // Python: a release wheel (maturin builds target/release/libpsb_uniffi.so on the way) in a
    // venv of its own, beside the baseline's libraries.
    let maturin = crate::install::venv(root, &[crate::python::MATURIN])?.join("maturin");
    let wheels = out.join("wheels");
    if wheels.exists() {
        std::fs::remove_dir_all(&wheels)?;
    }
    run(Command::new(maturin)
        .current_dir(root.join("bindings/python"))
        .args(["build", "--quiet", "--release", "--out"])
        .arg(&wheels)
        .env("CARGO", crate::install::cargo_program()))?;
    let wheel = std::fs::read_dir(&wheels)?.next().context("maturin wrote no wheel")??.path();
    let venv = out.join("venv");
    if !venv.join("bin/python").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check", "--force-reinstall", "--no-deps"])
        .arg(&wheel))?;
    run(Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(PYTHON_BASELINE))?;
    println!("\nPython: psb_hosting against httpx + pydantic (bindings/python/bench/bench.py)\n");
    run(Command::new(venv.join("bin/python"))
        .arg(root.join("bindings/python/bench/bench.py"))
        .arg("--mock")
        .arg(&mock)
        .arg("--markdown"))?;

    // Kotlin: the generated sources (as `cargo xtask kotlin` makes them), the release library
    // in JNA's layout, then the benchmark test.
    crate::kotlin::build(root)?;
    let native = out.join("kotlin-native/linux-x86-64");
    std::fs::create_dir_all(&native)?;
    std::fs::copy(root.join("target/release/libpsb_uniffi.so"), native.join("libpsb_uniffi.so"))?;
    run(crate::kotlin::mvn(root)
        .args(["test", "-Pbench"])
        .arg(format!("-Dpsb.mock={}", mock.display()))
        .arg(format!("-Dpsb.native={}", out.join("kotlin-native").display())))?;
    println!("\nKotlin: hosting.psb against java.net.http + Jackson (bindings/kotlin, mvn test -Pbench)\n");
    print!("{}", std::fs::read_to_string(root.join("bindings/kotlin/target/bench.md"))?);
    Ok(())
}

/// What the Python baseline is built with.
const PYTHON_BASELINE: &[&str] = &["httpx==0.28.1", "pydantic==2.12.5"];
