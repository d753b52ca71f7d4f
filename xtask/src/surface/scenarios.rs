//! The Rust runner's calls, from the operation table: `tests/scenarios/rust/dispatch.rs` maps
//! each method's table name (`servers.restart`) to the `psb` call, its arguments taken from a
//! scenario's JSON by the table's names and types. Python, JS and Kotlin find methods by
//! reflection; Rust cannot, so its side of the shared scenarios is generated instead.
//!
//! How psb takes each table type: `int` as `i64`, `string` as `&str`, `secret` as a `String`
//! (`impl Into<Secret>`), `duration` as a `Duration` (seconds in the scenario), `list<T>` and
//! `uploads` as slices, a record by reference, a query record from the call's own arguments
//! (by reference, by value for a page walk, which keeps it).

use super::arr;
use anyhow::{bail, Result};
use serde_json::Value;
use std::fmt::Write;

pub const DISPATCH: &str = "tests/scenarios/rust/dispatch.rs";

pub fn formatted(root: &std::path::Path, table: &Value) -> Result<String> {
    super::rustfmt(root, &render(table)?)
}

pub fn render(table: &Value) -> Result<String> {
    let mut out = String::from(
        "//! Every method of spec/surface.json by its table name, for the shared scenarios' Rust runner\n\
         //! (xtask/src/surface/scenarios.rs).\n\n\
         use super::{arg, collect, secs, value_of};\n\
         use psb::*;\n\
         use serde_json::{json, Value};\n\n",
    );
    let handles = arr(table, "handles");
    out += "/// What a call returned: a value as JSON (English vocabulary names), or a handle.\npub enum Out {\n    Value(Value),\n";
    for h in handles {
        let _ = writeln!(out, "    {0}({0}),", h["name"].as_str().unwrap_or_default());
    }
    out += "}\n\nimpl Out {\n    /// The value, or a handle's fields, as JSON.\n    pub fn json(&self) -> Value {\n        match self {\n            Out::Value(v) => v.clone(),\n";
    for h in handles {
        let name = h["name"].as_str().unwrap_or_default();
        let fields: Vec<String> = arr(h, "fields")
            .iter()
            .map(|f| format!("{0:?}: h.{0}()", f["name"].as_str().unwrap_or_default()))
            .collect();
        let _ = writeln!(out, "            Out::{name}(h) => json!({{ {} }}),", fields.join(", "));
    }
    out += "        }\n    }\n}\n\n";

    out += "/// Calls `method` (`resource.method`) on `client` with the scenario's `args`.\n\
            pub async fn call(client: &Client, method: &str, args: &Value) -> Result<Out> {\n    Ok(match method {\n";
    for r in arr(table, "resources") {
        let resource = r["name"].as_str().unwrap_or_default();
        for m in arr(r, "methods") {
            let name = m["name"].as_str().unwrap_or_default();
            let call = format!("client.{resource}().{name}({})", arguments(table, m)?.join(", "));
            let _ = writeln!(out, "        \"{resource}.{name}\" => {},", result(table, m, &call));
        }
    }
    out += "        other => panic!(\"the table has no method {other}\"),\n    })\n}\n\n";

    out += "/// Calls `method` on a handle a call returned.\n\
            pub async fn call_on(handle: &Out, method: &str, args: &Value) -> Result<Out> {\n    Ok(match (handle, method) {\n";
    for h in handles {
        let ty = h["name"].as_str().unwrap_or_default();
        for m in arr(h, "methods") {
            let name = m["name"].as_str().unwrap_or_default();
            let call = format!("h.{name}({})", arguments(table, m)?.join(", "));
            let _ = writeln!(out, "        (Out::{ty}(h), \"{name}\") => {},", result(table, m, &call));
        }
    }
    out += "        (_, other) => panic!(\"the handle has no method {other}\"),\n    })\n}\n";
    Ok(out)
}

/// The expression that turns the call's result into an `Out`.
fn result(table: &Value, m: &Value, call: &str) -> String {
    let returns = m["returns"].as_str().unwrap_or_default();
    if m["kind"] == "iter" {
        return format!("value_of(&collect({call}).await?)");
    }
    if arr(table, "handles").iter().any(|h| h["name"] == returns) {
        return format!("Out::{returns}({call}.await?)");
    }
    format!("value_of(&{call}.await?)")
}

/// The call's argument expressions, taken from the JSON object `args`.
fn arguments(table: &Value, m: &Value) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for p in arr(m, "params") {
        let name = p["name"].as_str().unwrap_or_default();
        let ty = p["type"].as_str().unwrap_or_default();
        if !arr(p, "fields").is_empty() {
            // A query record: its fields are the call's own arguments.
            let record = ty.trim_end_matches('?');
            let by_value = if m["kind"] == "iter" { "" } else { "&" };
            out.push(format!("{by_value}serde_json::from_value::<{record}>(args.clone()).expect(\"{record}\")"));
            continue;
        }
        out.push(match ty {
            "int" | "int?" | "bool" | "bool?" => format!("arg(args, {name:?})"),
            "secret" => format!("arg::<String>(args, {name:?})"),
            "string" => format!("&arg::<String>(args, {name:?})"),
            "string?" => format!("arg::<Option<String>>(args, {name:?}).as_deref()"),
            "duration" | "duration?" => {
                let default = p["default"].as_str().unwrap_or_default();
                format!("secs(args, {name:?}, {default:?})")
            }
            "uploads" => format!("&arg::<Option<Vec<Upload>>>(args, {name:?}).unwrap_or_default()"),
            t if t.starts_with("list<") => {
                let item = t.trim_end_matches('?').trim_start_matches("list<").trim_end_matches('>');
                format!("&arg::<Option<Vec<{item}>>>(args, {name:?}).unwrap_or_default()")
            }
            t if arr(table, "vocabularies").iter().any(|v| v["name"] == t) => format!("arg::<{t}>(args, {name:?})"),
            t if t.starts_with(|c: char| c.is_ascii_uppercase()) => format!("&arg::<{t}>(args, {name:?})"),
            other => bail!("{}: no scenario conversion for an argument of type {other}", m["name"]),
        });
    }
    Ok(out)
}
