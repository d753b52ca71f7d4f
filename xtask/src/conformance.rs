//! Third parties check the sandbox against the contract: newman runs the provider's own
//! collection against it, schemathesis fuzzes it from spec/openapi.json.

use crate::install::{self, run};
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

pub const NEWMAN: &str = "newman@6.2.2";
pub const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// The provider's collection, as published, against the sandbox: no request may meet a 5xx.
pub fn newman(root: &Path) -> Result<()> {
    let newman = install::npm_bin(root, NEWMAN, "newman")?;
    let collection = runnable_collection(root)?;
    let (_sandbox, url) = crate::sandbox::start(root, &[])?;
    let report = root.join("target/newman/report.json");
    run(Command::new(&newman)
        .current_dir(root)
        .arg("run")
        .arg(&collection)
        .arg("--env-var")
        .arg(format!("API_URL={url}"))
        .args([
            "--env-var",
            &format!("API_TOKEN={}", "sandbox-token"),
            "--reporters",
            "cli,json",
            "--reporter-json-export",
        ])
        .arg(&report)
        .args(["--disable-unicode", "--color", "off"]))?;
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).context("newman wrote no report")?)?;
    let executions = report.pointer("/run/executions").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut by_class = [0usize; 6];
    let mut server_errors = Vec::new();
    for e in &executions {
        let code = e.pointer("/response/code").and_then(Value::as_u64).unwrap_or(0);
        by_class[(code / 100).min(5) as usize] += 1;
        if code >= 500 || code == 0 {
            let name = e.pointer("/item/name").and_then(Value::as_str).unwrap_or("?");
            server_errors.push(format!("{name}: {code}"));
        }
    }
    eprintln!("newman: {} requests: {} 2xx, {} 4xx, {} 5xx", executions.len(), by_class[2], by_class[4], by_class[5]);
    if executions.len() != 31 {
        bail!("newman ran {} requests, the collection has 31", executions.len());
    }
    if !server_errors.is_empty() {
        bail!("the sandbox answered the provider's collection with server errors: {}", server_errors.join(", "));
    }
    Ok(())
}

/// The collection with each request's URL as an object. A "published docs" export keeps the
/// URL as a plain string and the path variables in `urlObject`, which newman does not read: it
/// would send `/order/:id` literally. Nothing else changes.
fn runnable_collection(root: &Path) -> Result<std::path::PathBuf> {
    fn fix(items: &mut [Value]) {
        for item in items {
            if let Some(Value::Array(children)) = item.get_mut("item") {
                fix(children);
            }
            if let Some(request) = item.get_mut("request").and_then(Value::as_object_mut) {
                if let (Some(Value::String(raw)), Some(Value::Object(obj))) =
                    (request.get("url").cloned(), request.get("urlObject").cloned())
                {
                    let mut obj = obj;
                    obj.insert("raw".into(), Value::String(raw));
                    request.insert("url".into(), Value::Object(obj));
                }
            }
        }
    }
    let mut collection = crate::read_json(&root.join(crate::codegen::COLLECTION))?;
    if let Some(Value::Array(items)) = collection.get_mut("item") {
        fix(items);
    }
    let dir = root.join("target/newman");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("collection.json");
    std::fs::write(&path, crate::to_pretty_json(&collection))?;
    Ok(path)
}

/// schemathesis against the sandbox: examples, coverage and fuzzing phases, every check
/// (spec/schemathesis.toml, with the business rules no schema can state), a fixed
/// seed and a bounded number of examples, so a run is repeatable and takes minutes, not hours.
pub fn schemathesis(root: &Path) -> Result<()> {
    let bin = install::venv(root, &[SCHEMATHESIS])?;
    let (_sandbox, url) = crate::sandbox::start(root, &[])?;
    run(Command::new(bin.join("schemathesis"))
        .current_dir(root)
        .env("SCHEMATHESIS_TELEMETRY", "false")
        .args([
            "--config-file",
            "spec/schemathesis.toml",
            "run",
            crate::codegen::OPENAPI,
            "--url",
            &url,
            "--header",
            "Authorization: sandbox-token",
        ])
        .args(["--phases", "examples,coverage,fuzzing", "--seed", "42", "--max-examples", "30"])
        .args(["--no-color", "--suppress-health-check", "all"]))
}
