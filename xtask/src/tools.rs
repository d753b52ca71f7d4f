//! `cargo xtask compare-converters`: our Postman → OpenAPI converter beside two published ones,
//! on the same collections, judged by the same validators.

use crate::install::{self, display};
use anyhow::{Context, Result};
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The collections compared, relative to the workspace root.
const COLLECTIONS: [&str; 2] =
    ["spec/psb-hosting.postman_collection.json", "spec/testdata/bookshop.postman_collection.json"];

const POSTMAN2OPENAPI: (&str, &str, &str) = ("postman2openapi-cli", "1.2.1", "postman2openapi");
const P2O: (&str, &str) = ("postman-to-openapi@3.0.1", "p2o");

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub fn compare_converters(root: &Path) -> Result<()> {
    let out_dir = root.join("target/compare");
    std::fs::create_dir_all(&out_dir)?;
    let validators = Validators::install(root)?;
    let postman2openapi = install::cargo_bin(root, POSTMAN2OPENAPI.0, POSTMAN2OPENAPI.1, POSTMAN2OPENAPI.2)?;
    let p2o = install::npm_bin(root, P2O.0, P2O.1)?;

    let mut report = String::new();
    for collection in COLLECTIONS {
        let input = root.join(collection);
        let stem =
            input.file_name().unwrap().to_string_lossy().trim_end_matches(".postman_collection.json").to_string();
        let rows = [
            ("ours (`cargo xtask openapi`)", ours(&input, &out_dir.join(format!("{stem}.ours.json")))),
            (
                "postman2openapi-cli 1.2.1",
                external(
                    Command::new(&postman2openapi).args(["-f", "json"]).arg(&input),
                    &out_dir.join(format!("{stem}.postman2openapi.json")),
                    Output::Stdout,
                ),
            ),
            ("postman-to-openapi 3.0.1 (`p2o`)", {
                let out = out_dir.join(format!("{stem}.p2o.yaml"));
                external(Command::new(&p2o).arg(&input).arg("-f").arg(&out), &out, Output::File)
            }),
        ];
        writeln!(report, "#### `{collection}`\n")?;
        writeln!(report, "| converter | operations found | operations with a typed 2xx response (fields described) | openapi-spec-validator errors | redocly lint errors |")?;
        writeln!(report, "|---|---|---|---|---|")?;
        for (name, result) in rows {
            // Output that cannot even be read counts as a crash too.
            let judged = result.and_then(|file| {
                let (ops, typed) = count_operations(&read_any(&file)?);
                Ok((ops, typed, validators.spec_errors(&file)?, validators.redocly_errors(&file, &out_dir)?))
            });
            match judged {
                Ok((ops, typed, spec_errors, lint_errors)) => {
                    writeln!(report, "| {name} | {ops} | {typed} | {spec_errors} | {lint_errors} |")?;
                }
                Err(e) => {
                    let why = format!("{e:#}").replace('|', "\\|");
                    eprintln!("{name} failed on {collection}: {why}");
                    writeln!(report, "| {name} | crashed: {why} | – | 1 | – |")?;
                }
            }
        }
        writeln!(report)?;
    }
    let report_file = out_dir.join("report.md");
    std::fs::write(&report_file, &report)?;
    println!("{report}");
    eprintln!("(also written to {})", report_file.display());
    Ok(())
}

fn ours(input: &Path, out: &Path) -> Result<PathBuf> {
    let doc = crate::postman::convert(&crate::read_json(input)?)?;
    crate::write_atomic(out, &crate::to_pretty_json(&doc))?;
    Ok(out.to_path_buf())
}

enum Output {
    /// The converter prints the document.
    Stdout,
    /// The converter writes the document to the file named on its command line.
    File,
}

/// Runs an external converter; a crash, a failure or an empty result is an error.
fn external(cmd: &mut Command, out: &Path, output: Output) -> Result<PathBuf> {
    eprintln!("+ {}", display(cmd));
    let _ = std::fs::remove_file(out);
    let result = cmd.output().with_context(|| format!("cannot start {}", display(cmd)))?;
    if !result.status.success() {
        let stderr = String::from_utf8_lossy(&result.stderr);
        let first = stderr.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("no message");
        anyhow::bail!("exit {}: {first}", result.status);
    }
    if let Output::Stdout = output {
        std::fs::write(out, &result.stdout)?;
    }
    let text = std::fs::read_to_string(out).with_context(|| format!("no output at {}", out.display()))?;
    if text.trim().is_empty() {
        anyhow::bail!("empty output");
    }
    Ok(out.to_path_buf())
}

/// A JSON or YAML document.
fn read_any(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path)?;
    match serde_json::from_str(&text) {
        Ok(v) => Ok(v),
        Err(_) => serde_norway::from_str(&text).with_context(|| format!("{} is neither JSON nor YAML", path.display())),
    }
}

/// (operations, operations whose 2xx response has a typed schema).
fn count_operations(doc: &Value) -> (usize, usize) {
    let mut ops = 0;
    let mut typed = 0;
    for item in doc.get("paths").and_then(Value::as_object).into_iter().flat_map(|p| p.values()) {
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            ops += 1;
            let responses = op.get("responses").and_then(Value::as_object);
            let has_typed = responses.into_iter().flatten().any(|(code, r)| {
                let r = resolve(doc, r);
                // A 204 carries no body (RFC 9110): a schema there is invented, not typed.
                code.starts_with('2')
                    && code != "204"
                    && r.get("content")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flat_map(|c| c.values())
                        .any(|media| media.get("schema").is_some_and(|s| is_typed(doc, s)))
            });
            if has_typed {
                typed += 1;
            }
        }
    }
    (ops, typed)
}

/// A schema that says what the body holds: an object with its properties (a bare
/// `{type: object}` says nothing), an array of typed items, a scalar, or a composition.
fn is_typed(doc: &Value, schema: &Value) -> bool {
    let s = resolve(doc, schema);
    if ["oneOf", "anyOf", "allOf"].iter().any(|k| s.get(*k).is_some()) {
        return true;
    }
    let has_props = s.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty())
        || s.get("additionalProperties").is_some_and(Value::is_object);
    match s.get("type").and_then(Value::as_str) {
        Some("object") => has_props,
        Some("array") => s.get("items").is_some_and(|i| is_typed(doc, i)),
        Some(_) => true,
        None => has_props,
    }
}

/// Follows local `$ref`s (a few levels, against cycles).
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..8 {
        match v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => match doc.pointer(pointer) {
                Some(target) => v = target,
                None => break,
            },
            None => break,
        }
    }
    v
}

/// openapi-spec-validator and redocly, installed under target/tools.
pub struct Validators {
    spec_validator: PathBuf,
    redocly: PathBuf,
}

impl Validators {
    pub fn install(root: &Path) -> Result<Self> {
        let bin = install::venv(root, &[install::OPENAPI_SPEC_VALIDATOR])?;
        let redocly = install::npm_bin(root, install::REDOCLY, "redocly")?;
        Ok(Validators { spec_validator: bin.join("openapi-spec-validator"), redocly })
    }

    /// 0 when openapi-spec-validator accepts the document, 1 when it does not.
    pub fn spec_errors(&self, file: &Path) -> Result<usize> {
        let mut cmd = Command::new(&self.spec_validator);
        cmd.arg(file);
        eprintln!("+ {}", display(&cmd));
        let out = cmd.output().with_context(|| format!("cannot start {}", display(&cmd)))?;
        if !out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            eprintln!("  openapi-spec-validator: {first}");
        }
        Ok(usize::from(!out.status.success()))
    }

    /// The number of errors `redocly lint` (recommended rules) reports.
    pub fn redocly_errors(&self, file: &Path, workdir: &Path) -> Result<usize> {
        let mut cmd = Command::new(&self.redocly);
        cmd.args(["lint", "--format=json"])
            .arg(file)
            .current_dir(workdir)
            .env("REDOCLY_TELEMETRY", "off")
            .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        eprintln!("+ {}", display(&cmd));
        let out = cmd.output().with_context(|| format!("cannot start {}", display(&cmd)))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        // The JSON report is the stdout from its first `{`.
        let json = stdout.find('{').map(|i| &stdout[i..]).unwrap_or("");
        let report: Value = serde_json::from_str(json).with_context(|| {
            format!(
                "redocly printed no JSON report for {} ({})",
                file.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })?;
        for p in report.get("problems").and_then(Value::as_array).into_iter().flatten() {
            if p.get("severity").and_then(Value::as_str) == Some("error") {
                let rule = p.get("ruleId").and_then(Value::as_str).unwrap_or("?");
                let msg = p.get("message").and_then(Value::as_str).unwrap_or("");
                let at = p.pointer("/location/0/pointer").and_then(Value::as_str).unwrap_or("");
                eprintln!("  redocly error [{rule}] {at}: {msg}");
            }
        }
        report
            .pointer("/totals/errors")
            .and_then(Value::as_u64)
            .map(|n| n as usize)
            .with_context(|| format!("redocly's report for {} has no totals.errors", file.display()))
    }
}
