//! The Python package `psb_hosting` (bindings/python, over the uniffi crate bindings/uniffi):
//! `cargo xtask python` builds its wheel; `test` (a step of `cargo xtask test`) installs the
//! wheel into a fresh venv and runs its pytest suite against the sandbox, `mypy --strict`
//! included.

use crate::install::{self, run};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MATURIN: &str = "maturin==1.16.0";
const TEST_REQUIREMENTS: &[&str] = &["pytest==9.2.0", "mypy==2.4.1"];

/// Builds the wheel (a debug build: quick, and what the tests need) into target/wheels/;
/// returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    let bin = install::venv(root, &[MATURIN])?;
    let out = root.join("target/wheels");
    // Only this build's wheel is left there, so the path is unambiguous.
    for old in wheels(&out)? {
        std::fs::remove_file(&old).with_context(|| format!("cannot remove {}", old.display()))?;
    }
    run(Command::new(bin.join("maturin"))
        .current_dir(root.join("bindings/python"))
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .env("CARGO", install::cargo_program()))?;
    match wheels(&out)?.as_slice() {
        [wheel] => {
            eprintln!("built {}", wheel.display());
            Ok(wheel.clone())
        }
        other => bail!("expected one psb_hosting wheel in {}, found {other:?}", out.display()),
    }
}

/// The wheel in a fresh venv, then pytest (against the built `psb-mock`) and mypy.
pub fn test(root: &Path) -> Result<()> {
    run(install::cargo(root).args(["build", "--quiet", "-p", "psb-mock"]))?;
    let wheel = build(root)?;
    let venv = root.join("target/python/venv");
    run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    let python = venv.join("bin/python");
    run(Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
        .arg(&wheel)
        .args(TEST_REQUIREMENTS))?;
    run(Command::new(&python)
        .current_dir(root.join("bindings/python"))
        .args([
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests",
            "../../tests/parity/test_python_surface.py",
            "../../tests/scenarios/test_python_scenarios.py",
        ])
        .env("PSB_MOCK_BIN", root.join("target/debug/psb-mock"))
        .env("PSB_REQUIRE_MYPY", "1"))
}

fn wheels(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with("psb_hosting-") && name.ends_with(".whl") {
            found.push(path);
        }
    }
    Ok(found)
}
