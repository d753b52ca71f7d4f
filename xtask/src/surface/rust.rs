//! psb's resources, from the operation table: `crates/psb/src/resources/generated.rs`, one
//! struct per resource with its `Client` accessor, and every method whose request follows from
//! the spec alone: it checks the arguments against the spec's bounds, names its operation
//! (`psb_api::operations`) and builds the generated call, which `crate::transport` sends. A
//! method with behaviour of its own carries `x-psb.hand` in the overlay (why) and is written
//! in the resource's module instead; page walks and helpers always are.
//!
//! Argument types: `int` is `i64` (converted to what the generated client takes once checked),
//! `string` is `&str`, `secret` is `impl Into<Secret>`; `json` results are `serde_json::Value`.

use super::{arr, doc_comment, python::class_name};
use anyhow::{bail, Result};
use serde_json::Value;
use std::fmt::Write;

pub const RESOURCES: &str = "crates/psb/src/resources/generated.rs";

/// The module, formatted by rustfmt with the workspace's settings.
pub fn formatted(root: &std::path::Path, table: &Value) -> Result<String> {
    super::rustfmt(root, &render(table)?)
}

pub fn render(table: &Value) -> Result<String> {
    let mut out = String::from(
        "//! The resources of spec/SURFACE.md and their accessors, with every method that the spec\n\
         //! describes completely (xtask/src/surface/rust.rs). The methods with behaviour of their own\n\
         //! are in the resource modules beside this one.\n\n\
         use super::{check_bounds, check_not_empty, positive, unsigned, ServerAction};\n\
         use crate::{Client, Result};\n\
         use psb_api::operations;\n\
         use psb_model::{@USES@};\n",
    );
    let mut accessors = String::new();
    for r in arr(table, "resources") {
        let resource = r["name"].as_str().unwrap_or_default();
        let ty = class_name(table, resource);
        let doc = r["doc"].as_str().unwrap_or_default();
        let _ = writeln!(out);
        doc_comment(&mut out, doc, "");
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, Copy)]\npub struct {ty}<'a> {{\n    pub(crate) client: &'a Client,\n}}\n"
        );
        doc_comment(&mut accessors, doc, "    ");
        let _ =
            writeln!(accessors, "    pub fn {resource}(&self) -> {ty}<'_> {{\n        {ty} {{ client: self }}\n    }}");
        let generated: Vec<&Value> =
            arr(r, "methods").iter().filter(|m| m["kind"] == "operation" && m.get("hand").is_none()).collect();
        if generated.is_empty() {
            continue;
        }
        let _ = writeln!(out, "impl {ty}<'_> {{");
        for m in generated {
            method(&mut out, resource, m)?;
        }
        out += "}\n";
    }
    let _ = write!(out, "\nimpl Client {{\n{accessors}}}\n");
    let used: Vec<String> = super::type_names(table, true)
        .into_iter()
        .chain(["Secret".to_string()])
        .filter(|n| n != "ServerAction")
        .filter(|n| regex::Regex::new(&format!(r"\b{n}\b")).unwrap().is_match(&out.replace("psb_model::{@USES@}", "")))
        .collect();
    for helper in ["check_bounds", "check_not_empty", "positive", "unsigned", "ServerAction"] {
        if out.matches(helper).nth(1).is_none() {
            out = out.replace(&format!("{helper}, "), "").replace(&format!(", {helper}"), "");
        }
    }
    Ok(out.replace("@USES@", &used.join(", ")))
}

/// One argument: its Rust type, the checks it needs, and the value the generated call takes.
struct Arg {
    name: String,
    ty: String,
    checks: Vec<String>,
    /// The conversion of a present value `v` to what the generated client takes.
    wire: String,
    optional: bool,
    /// `path:id` → (`path`, `id`).
    place: String,
    setter: String,
}

fn argument(owner: &str, p: &Value) -> Result<Arg> {
    let name = p["name"].as_str().unwrap_or_default().to_string();
    let ty = p["type"].as_str().unwrap_or_default();
    let optional = ty.ends_with('?');
    let base = ty.trim_end_matches('?');
    let (place, wire_name) = p["wire"].as_str().unwrap_or_default().split_once(':').unwrap_or(("", ""));
    let min = p.get("min").and_then(Value::as_i64);
    let max = p.get("max").and_then(Value::as_i64);
    let bound = |b: Option<i64>| b.map(|n| format!("Some({n})")).unwrap_or_else(|| "None".into());
    let mut checks = Vec::new();
    let (rust, wire) = match base {
        "int" => {
            if min.is_some() || max.is_some() {
                checks.push(format!("check_bounds({name:?}, v, {}, {})?;", bound(min), bound(max)));
            }
            let wire = match min {
                Some(m) if m >= 1 => "positive(v)",
                Some(0) => "unsigned(v)",
                _ => "v",
            };
            ("i64", wire.to_string())
        }
        "float" => ("f64", "v".into()),
        "bool" => ("bool", "v".into()),
        "string" => {
            if p.get("min_length").and_then(Value::as_i64).unwrap_or(0) > 0 {
                checks.push(format!("check_not_empty({name:?}, v)?;"));
            }
            ("&str", if place == "body" { "v.to_owned()".into() } else { "v".into() })
        }
        "secret" if !optional => {
            if p.get("min_length").and_then(Value::as_i64).unwrap_or(0) > 0 {
                checks.push(format!("check_not_empty({name:?}, v.expose())?;"));
            }
            ("impl Into<Secret>", "v.expose().to_owned()".into())
        }
        other => bail!(
            "{owner}.{name} takes `{other}`, which a generated method cannot pass on: write the method in psb \
             and say why with x-psb.hand in spec/overlay.yaml"
        ),
    };
    let ty = if optional { format!("Option<{rust}>") } else { rust.to_string() };
    Ok(Arg { name, ty, checks, wire, optional, place: place.into(), setter: super::snake(wire_name) })
}

fn method(out: &mut String, resource: &str, m: &Value) -> Result<()> {
    let name = m["name"].as_str().unwrap_or_default();
    let owner = format!("{resource}.{name}");
    let args = arr(m, "params").iter().map(|p| argument(&owner, p)).collect::<Result<Vec<_>>>()?;
    let returns = m["returns"].as_str().unwrap_or_default();
    let action = m.get("action").and_then(Value::as_str);
    let http = m["http"].as_str().unwrap_or_default();

    let mut doc = m["doc"].as_str().unwrap_or_default().trim().to_string();
    doc += &format!("\n\n`{http}`.");
    if let Some(a) = action {
        doc += &format!(" Starts `{a}`; wait on the returned [`ServerAction`].");
    }
    if m["retry"] == "unsent" {
        doc += " Sent again only if it provably never reached the server.";
    }
    doc_comment(out, &doc, "    ");

    let params: Vec<String> = args.iter().map(|a| format!("{}: {}", a.name, a.ty)).collect();
    let result = rust_type(returns);
    let _ = writeln!(out, "    pub async fn {name}(&self, {}) -> Result<{result}> {{", params.join(", "));
    for a in &args {
        if a.ty == "impl Into<Secret>" {
            let _ = writeln!(out, "        let {0}: Secret = {0}.into();", a.name);
        }
        for c in &a.checks {
            if a.optional {
                let _ = writeln!(out, "        if let Some(v) = {} {{\n            {c}\n        }}", a.name);
            } else {
                let _ = writeln!(out, "        {}", with_var(c, &a.name));
            }
        }
    }
    // What the generated call takes for an argument.
    let value = |a: &Arg| -> String {
        match (a.optional, a.wire.as_str()) {
            (true, "v") => a.name.clone(),
            (true, wire) => format!("{}.map(|v| {wire})", a.name),
            (false, wire) => with_var(wire, &a.name),
        }
    };
    let operation = m["operation"].as_str().unwrap_or_default();
    let mut chain = format!("api.{operation}()");
    let mut optional_query = Vec::new();
    for a in args.iter().filter(|a| a.place != "body") {
        if a.optional {
            optional_query.push(format!("if let Some(v) = {} {{\n call = call.{}({});\n }}", a.name, a.setter, a.wire));
        } else {
            chain += &format!(".{}({})", a.setter, value(a));
        }
    }
    let body: Vec<String> =
        args.iter().filter(|a| a.place == "body").map(|a| format!(".{}({})", a.setter, value(a))).collect();
    if !body.is_empty() {
        chain += &format!(".body_map(|b| b{})", body.join(""));
    }
    let send = if optional_query.is_empty() {
        format!("|api| {chain}.send()")
    } else {
        format!("|api| {{\n let mut call = {chain};\n {}\n call.send()\n }}", optional_query.join("\n"))
    };
    let mut call = format!("self.client.call(&operations::{}, {send})", operation.to_uppercase());
    // What the call sends in secret is blanked wherever the server's error echoes it.
    let secrets: Vec<String> =
        args.iter().filter(|a| a.ty == "impl Into<Secret>").map(|a| format!("{}.expose()", a.name)).collect();
    if !secrets.is_empty() {
        call = format!("async {{ {call}.await.map_err(|e| e.redacting(&[{}])) }}", secrets.join(", "));
    }
    match action {
        Some(a) => {
            let Some(target) = args.iter().find(|a| a.place == "path") else {
                bail!("{owner} starts a server action but has no path parameter naming the order");
            };
            let _ = writeln!(out, "        self.act({}, {a:?}, {call}).await", target.name);
        }
        None => {
            let _ = writeln!(out, "        {call}.await");
        }
    }
    out.push_str("    }\n\n");
    Ok(())
}

/// `template` with its placeholder `v` replaced by the variable `name`.
fn with_var(template: &str, name: &str) -> String {
    regex::Regex::new(r"\bv\b").unwrap().replace_all(template, name).into_owned()
}

fn rust_type(ty: &str) -> String {
    if let Some(inner) = ty.strip_suffix('?') {
        return format!("Option<{}>", rust_type(inner));
    }
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return format!("Vec<{}>", rust_type(item));
    }
    match ty {
        "int" => "i64".into(),
        "float" => "f64".into(),
        "bool" => "bool".into(),
        "string" => "String".into(),
        "json" => "serde_json::Value".into(),
        other => other.into(),
    }
}
