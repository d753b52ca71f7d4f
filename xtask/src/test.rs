//! `cargo xtask test`: the one command that runs every test, on a fresh machine too. It
//! installs what it needs (into target/tools) before it runs anything.

use crate::install::{self, run};
use anyhow::Result;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

pub fn run_all(root: &Path) -> Result<()> {
    let started = Instant::now();
    let mut steps: Vec<(&str, f64)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        eprintln!("\n== {name}");
        let t = Instant::now();
        f()?;
        steps.push((name, t.elapsed().as_secs_f64()));
        Ok(())
    };

    step("generated code is fresh", &mut || crate::codegen::run(root, true))?;
    step("openapi-spec-validator", &mut || validate_spec(root))?;
    step("redocly lint", &mut || redocly_lint(root))?;
    step("psb-api builds for wasm32", &mut || {
        install::rustup_target("wasm32-unknown-unknown")?;
        run(cargo(root).args(["build", "--quiet", "-p", "psb-api", "--target", "wasm32-unknown-unknown"]))
    })?;
    step("workspace tests", &mut || run(cargo(root).args(["test", "--workspace"])))?;

    eprintln!("\n== summary");
    for (name, secs) in &steps {
        eprintln!("{secs:>8.1}s  {name}");
    }
    eprintln!("{:>8.1}s  total", started.elapsed().as_secs_f64());
    Ok(())
}

pub fn validate_spec(root: &Path) -> Result<()> {
    let bin = install::venv(root, &[install::OPENAPI_SPEC_VALIDATOR])?;
    run(Command::new(bin.join("openapi-spec-validator")).arg(root.join(crate::codegen::OPENAPI)))
}

pub fn redocly_lint(root: &Path) -> Result<()> {
    let redocly = install::npm_bin(root, install::REDOCLY, "redocly")?;
    run(redocly_command(&redocly)
        .current_dir(root)
        .args(["lint", "--config", "spec/redocly.yaml", crate::codegen::OPENAPI]))
}

/// Redocly with its telemetry and update check off (no network beyond the registries here).
pub fn redocly_command(bin: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("REDOCLY_TELEMETRY", "off").env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    c
}

fn cargo(root: &Path) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.current_dir(root);
    c
}
