//! The project's chores: `cargo xtask <command>`. See `cargo xtask --help`.

mod bench;
mod codegen;
mod conformance;
mod dist;
mod install;
mod kotlin;
mod lint;
mod next_release;
mod overlay;
mod postman;
mod python;
mod sandbox;
mod surface;
mod test;
mod tools;
mod wasm;

// The cross-language parity suites live in tests/parity/; Rust's runs as an xtask test (and on
// the next-release test's scratch copy).
#[path = "../../tests/parity/rust_surface.rs"]
mod rust_surface;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Build chores for psb-sdk")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert any Postman v2.0/v2.1 collection to OpenAPI 3.0.3.
    Openapi {
        /// The collection (JSON).
        collection: PathBuf,
        /// Where to write the document (stdout when absent).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Collection + overlay → spec/openapi.json → crates/psb-api/src/generated.rs.
    Codegen {
        /// Write nothing; fail when a generated file is stale.
        #[arg(long)]
        check: bool,
    },
    /// Run every test (installs what it needs first).
    Test {
        /// Only the steps whose name contains this (e.g. `prism`, `redocly`).
        #[arg(long)]
        only: Option<String>,
    },
    /// Compare our converter with postman2openapi and p2o on two collections.
    CompareConverters,
    /// Benchmark the sandbox with wrk (GET /users/me, 64 connections).
    BenchMock,
    /// Benchmark the Python and Kotlin packages against hand-written clients (release builds).
    BenchBindings,
    /// Build the Python wheel (psb_hosting, debug) into target/wheels/.
    Python,
    /// Generate the Kotlin sources and the native library (debug) for bindings/kotlin into target/kotlin/.
    Kotlin,
    /// Build the npm package psb-hosting (release, wasm-opt -Oz) into target/npm/psb-hosting/.
    Wasm,
    /// Build every release artifact for every platform into target/dist/, check each, and write
    /// a manifest (platform, size, sha256).
    Dist {
        /// Only these platforms' native artifacts (linux-x86_64, linux-aarch64, macos-aarch64,
        /// macos-x86_64, windows-x86_64); the npm tarball and the crates are always built.
        #[arg(long)]
        platform: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Openapi { collection, output } => openapi(&collection, output.as_deref()),
        Command::Codegen { check } => codegen::run(&root(), check),
        Command::Test { only } => test::run_all(&root(), only.as_deref()),
        Command::CompareConverters => tools::compare_converters(&root()),
        Command::BenchMock => bench::bench_mock(&root()),
        Command::BenchBindings => bench::bench_bindings(&root()),
        Command::Python => python::build(&root()).map(drop),
        Command::Kotlin => kotlin::build(&root()).map(drop),
        Command::Wasm => wasm::release(&root()),
        Command::Dist { platform } => dist::run_dist(&root(), &platform),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the chain of contexts, outermost first.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn openapi(collection: &Path, output: Option<&Path>) -> Result<()> {
    let doc = postman::convert(&read_json(collection)?)?;
    let text = to_pretty_json(&doc);
    match output {
        // Written whole or not at all: a failed conversion never leaves a partial file.
        Some(out) => write_atomic(out, &text),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid JSON", path.display()))
}

pub fn to_pretty_json(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("a Value always serializes");
    s.push('\n');
    s
}

pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, text).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}
