//! `cargo xtask test`: the one command that runs every test, on a fresh machine too. It
//! installs what it needs (into target/tools) before it runs anything.

use crate::install::{self, cargo, run};
use crate::sandbox::{self, ChildGuard};
use anyhow::{Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub fn run_all(root: &Path, only: Option<&str>) -> Result<()> {
    let started = Instant::now();
    let mut steps: Vec<(&str, f64)> = Vec::new();
    let mut step = |name: &'static str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        if only.is_some_and(|o| !name.contains(o)) {
            return Ok(());
        }
        eprintln!("\n== {name}");
        let t = Instant::now();
        f()?;
        steps.push((name, t.elapsed().as_secs_f64()));
        Ok(())
    };

    step("generated code is fresh", &mut || crate::codegen::run(root, true))?;
    step("house rules: rustfmt, clippy, ruff, biome", &mut || crate::lint::check(root))?;
    step("release files: one version, licences, changelog, crate and pom metadata", &mut || {
        crate::dist::check_release_files(root).map(drop)
    })?;
    step("openapi-spec-validator", &mut || validate_spec(root))?;
    step("redocly lint", &mut || redocly_lint(root))?;
    step("the converter's raw output validates too", &mut || raw_conversions_validate(root))?;
    step("psb and psb-api build for wasm32", &mut || {
        install::rustup_target("wasm32-unknown-unknown")?;
        run(cargo(root).args(["build", "--quiet", "-p", "psb", "--target", "wasm32-unknown-unknown"]))
    })?;
    step("workspace tests", &mut || run(cargo(root).args(["test", "--workspace"])))?;
    step("the provider's next release reaches every language", &mut || crate::next_release::test(root))?;
    step("newman: the provider's collection against the sandbox", &mut || crate::conformance::newman(root))?;
    step("schemathesis against the sandbox", &mut || crate::conformance::schemathesis(root))?;
    step("npm: wasm package + node and browser tests", &mut || crate::wasm::test(root))?;
    step("python: wheel + pytest", &mut || crate::python::test(root))?;
    step("kotlin: maven test", &mut || crate::kotlin::test(root))?;
    step("psb suite through Stoplight Prism", &mut || prism_suite(root))?;

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

/// The converter alone (no overlay) on both collections: its output must pass both validators.
fn raw_conversions_validate(root: &Path) -> Result<()> {
    let dir = root.join("target/convert");
    std::fs::create_dir_all(&dir)?;
    let bin = install::venv(root, &[install::OPENAPI_SPEC_VALIDATOR])?;
    let redocly = install::npm_bin(root, install::REDOCLY, "redocly")?;
    for collection in [crate::codegen::COLLECTION, "spec/testdata/bookshop.postman_collection.json"] {
        let doc = crate::postman::convert(&crate::read_json(&root.join(collection))?)?;
        let out = dir.join(Path::new(collection).file_name().unwrap()).with_extension("openapi.json");
        std::fs::write(&out, crate::to_pretty_json(&doc))?;
        run(Command::new(bin.join("openapi-spec-validator")).arg(&out))?;
        run(redocly_command(&redocly).current_dir(root).args(["lint", "--config", "spec/redocly.yaml"]).arg(&out))?;
    }
    Ok(())
}

pub fn redocly_lint(root: &Path) -> Result<()> {
    let redocly = install::npm_bin(root, install::REDOCLY, "redocly")?;
    run(redocly_command(&redocly).current_dir(root).args([
        "lint",
        "--config",
        "spec/redocly.yaml",
        crate::codegen::OPENAPI,
    ]))
}

/// Redocly with its telemetry and update check off (no network beyond the registries here).
pub fn redocly_command(bin: &Path) -> Command {
    let mut c = Command::new(bin);
    c.env("REDOCLY_TELEMETRY", "off").env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    c
}

/// The psb suite once more, with Stoplight Prism between the SDK and the sandbox
/// (`prism proxy --errors`): a third party checks every request the SDK sends and every
/// response it accepts against spec/openapi.json. Faults are left out: they are off-spec on
/// purpose.
fn prism_suite(root: &Path) -> Result<()> {
    let prism = install::npm_bin(root, install::PRISM, "prism")?;
    let spec = prism_view(root)?;
    let (_sandbox, sandbox_url) = sandbox::start(root, &[])?;
    let port = sandbox::free_port()?;
    let prism_url = format!("http://127.0.0.1:{port}");
    let _prism = ChildGuard::new(
        Command::new(&prism)
            .current_dir(root)
            .args(["proxy", "--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(&spec)
            .arg(&sandbox_url)
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start prism")?,
    );
    sandbox::wait_for_port(port, Duration::from_secs(90))?;
    run(cargo(root)
        .args([
            "test",
            "--quiet",
            "-p",
            "psb",
            "--test",
            "tour",
            "--test",
            "errors",
            "--test",
            "pagination",
            "--",
            "--test-threads=1",
        ])
        .env("PSB_TEST_API_URL", &prism_url)
        .env("PSB_TEST_CONTROL_URL", &sandbox_url))
}

/// spec/openapi.json as Prism can check it. Prism 5 keeps only the last of repeated multipart
/// keys (stoplightio/prism#2654), so an array of files never validates; here a `files` array
/// becomes one file. Everything else is the published spec, unchanged.
fn prism_view(root: &Path) -> Result<std::path::PathBuf> {
    let mut doc = crate::read_json(&root.join(crate::codegen::OPENAPI))?;
    if let Some(serde_json::Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        for schema in schemas.values_mut() {
            if let Some(serde_json::Value::Object(props)) = schema.get_mut("properties") {
                for prop in props.values_mut() {
                    let binary_items = prop.pointer("/items/format").and_then(|f| f.as_str()) == Some("binary");
                    if prop.get("type").and_then(|t| t.as_str()) == Some("array") && binary_items {
                        *prop = prop["items"].clone();
                    }
                }
            }
        }
    }
    let dir = root.join("target/prism");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("openapi.json");
    std::fs::write(&path, crate::to_pretty_json(&doc))?;
    Ok(path)
}
