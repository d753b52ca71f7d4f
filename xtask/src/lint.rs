//! The house rules, checked rather than remembered: rustfmt and clippy (warnings denied) on the
//! hand-written Rust, native and wasm32; ruff on the Python; Biome on the JS we write. The
//! generated Rust is left to its generator (`#[rustfmt::skip]` on its modules).

use crate::install::{self, cargo, run};
use anyhow::Result;
use std::path::Path;
use std::process::Command;

pub const RUFF: &str = "ruff==0.17.6";
pub const BIOME: &str = "@biomejs/biome@2.6.9";

pub fn check(root: &Path) -> Result<()> {
    run(cargo(root).args(["fmt", "--all", "--", "--check"]))?;
    run(cargo(root).args(["clippy", "--quiet", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
    install::rustup_target("wasm32-unknown-unknown")?;
    run(cargo(root).args([
        "clippy",
        "--quiet",
        "-p",
        "psb",
        "-p",
        "psb-wasm",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    let bin = install::venv(root, &[RUFF])?;
    let python = root.join("bindings/python");
    // The package's settings for the cross-language suites' Python too (tests/ has no pyproject).
    let ruff = |args: &[&str]| {
        run(Command::new(bin.join("ruff")).current_dir(&python).args(args).args([
            "--config",
            "pyproject.toml",
            ".",
            "../../tests",
        ]))
    };
    ruff(&["check", "--no-cache"])?;
    ruff(&["format", "--no-cache", "--check"])?;
    // biome.json (at the top) names the JS we write: the binding's and the cross-language suites'.
    let biome = install::npm_bin(root, BIOME, "biome")?;
    run(Command::new(biome).current_dir(root).args(["check", "--no-errors-on-unmatched", "."]))
}
