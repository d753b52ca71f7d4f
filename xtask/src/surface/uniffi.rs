//! The uniffi exports, from the operation table: `bindings/uniffi/src/resources.rs`, one object
//! per resource and per handle, each method converting its arguments to the `psb` method of the
//! same name, awaiting it and converting the result. Python's and Kotlin's layers call these.
//!
//! Conventions the `psb` methods follow, so that a call can be written from the table alone
//! (the Rust parity suite checks the names; the compiler checks the rest): integers are `i64`
//! on both sides (psb checks their bounds); strings are borrowed; records are borrowed by
//! operations and moved into page walks (a walk outlives the call); durations cross as
//! milliseconds and counts as `i64`, range-checked by `convert.rs`.

use super::{arr, doc_comment, python::class_name};
use serde_json::Value;
use std::fmt::Write;

pub const RESOURCES: &str = "bindings/uniffi/src/resources.rs";

/// (FFI argument type, expression handing it to psb) for a table type.
fn argument(name: &str, ty: &str, owned: bool) -> (String, String) {
    let optional = ty.ends_with('?');
    let base = ty.trim_end_matches('?');
    match base {
        "int" if optional => ("Option<i64>".into(), name.into()),
        "int" => ("i64".into(), name.into()),
        "float" => ("f64".into(), name.into()),
        "bool" => ("bool".into(), name.into()),
        "string" if optional => ("Option<String>".into(), format!("{name}.as_deref()")),
        "string" => ("String".into(), format!("&{name}")),
        "secret" => ("String".into(), name.into()),
        "duration" => ("i64".into(), format!("millis({:?}, {name})?", name.trim_end_matches("_ms"))),
        "uploads" => ("Vec<Upload>".into(), format!("&{name}")),
        "json" => ("String".into(), format!("&{name}")),
        t if t.starts_with("list<string") => {
            ("Vec<String>".into(), format!("&{name}.iter().map(String::as_str).collect::<Vec<_>>()"))
        }
        t if t.starts_with("list<") => (format!("Vec<{}>", &t[5..t.len() - 1]), format!("&{name}")),
        // A vocabulary passes by value; a record is borrowed, or moved into a walk.
        t if is_vocabulary(t) => (t.into(), name.into()),
        t if owned => (t.into(), name.into()),
        t => (t.into(), format!("&{name}")),
    }
}

fn is_vocabulary(t: &str) -> bool {
    VOCABULARIES.with(|v| v.borrow().iter().any(|n| n == t))
}

thread_local! {
    static VOCABULARIES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn result_type(ty: &str) -> String {
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return format!("Vec<{}>", result_type(item));
    }
    match ty {
        "ServerAction" => "Arc<ServerAction>".into(),
        // JSON text, which each language parses (a uniffi type cannot be "any value").
        "json" => "String".into(),
        t => t.trim_end_matches('?').into(),
    }
}

fn method(out: &mut String, m: &Value, call_on: &str) {
    let name = m["name"].as_str().unwrap_or_default();
    let ty = m["returns"].as_str().unwrap_or_default();
    let iter = ty.starts_with("iter<");
    let mut params = Vec::new();
    let mut args = Vec::new();
    let mut defaults = Vec::new();
    for p in arr(m, "params") {
        let pname = p["name"].as_str().unwrap_or_default();
        let pty = p["type"].as_str().unwrap_or_default();
        // A query record crosses whole; its fields are the languages' keyword arguments.
        let pty = if arr(p, "fields").is_empty() { pty } else { pty.trim_end_matches('?') };
        let ffi_name = if pty.trim_end_matches('?') == "duration" { format!("{pname}_ms") } else { pname.to_string() };
        let (ffi, expr) = argument(&ffi_name, pty, iter);
        if pty == "uploads" || (pty.starts_with("list<") && pty.ends_with('?')) {
            defaults.push(format!("{ffi_name} = []"));
        } else if pty.ends_with('?') {
            defaults.push(format!("{ffi_name} = None"));
        }
        params.push(format!("{ffi_name}: {ffi}"));
        args.push(expr);
    }
    doc_comment(out, m["doc"].as_str().unwrap_or_default(), "    ");
    if !defaults.is_empty() {
        let _ = writeln!(out, "    #[uniffi::method(default({}))]", defaults.join(", "));
    }
    let params = std::iter::once("&self".to_string()).chain(params).collect::<Vec<_>>().join(", ");
    let call = format!("{call_on}.{name}({})", args.join(", "));
    if let Some(item) = ty.strip_prefix("iter<").and_then(|t| t.strip_suffix('>')) {
        let _ = writeln!(
            out,
            "    pub fn {name}({params}) -> Arc<{item}Stream> {{\n        {item}Stream::new({call})\n    }}"
        );
    } else if ty == "ServerAction" {
        let _ = writeln!(
            out,
            "    pub async fn {name}({params}) -> Result<Arc<ServerAction>> {{\n        Ok(ServerAction::new({call}.await?))\n    }}"
        );
    } else {
        let value = if ty == "json" { format!("{call}.await?.to_string()") } else { format!("{call}.await?") };
        let _ = writeln!(
            out,
            "    pub async fn {name}({params}) -> Result<{}> {{\n        Ok({value})\n    }}",
            result_type(ty)
        );
        if ty != "json" {
            // Python's way to the same result (rows.rs); Kotlin lifts the typed one.
            let _ = writeln!(
                out,
                "    /// [`Self::{name}`], its result as rows for Python (`rows.rs`).\n    pub async fn {name}_rows({params}) -> Result<Vec<u8>> {{\n        rows::encode(&{call}.await?)\n    }}"
            );
        }
    }
}

/// The module, formatted by rustfmt with the workspace's settings, like the hand-written code.
pub fn formatted(root: &std::path::Path, table: &Value) -> anyhow::Result<String> {
    super::rustfmt(root, &render(table))
}

pub fn render(table: &Value) -> String {
    VOCABULARIES.with(|v| {
        *v.borrow_mut() =
            arr(table, "vocabularies").iter().filter_map(|x| x["name"].as_str().map(str::to_owned)).collect();
        // Not in the spec's components, but vocabularies of psb-model all the same.
        v.borrow_mut().extend(["PaymentSortBy", "SortOrder"].map(String::from));
    });
    // A walk's items are named by its stream type, not here.
    let types = super::type_names(table, false);
    let mut out = String::from(
        "//! One object per resource of spec/SURFACE.md and per handle; each method converts, calls\n\
         //! the psb method of the same name and converts back (xtask/src/surface/uniffi.rs).\n\n\
         #![allow(clippy::too_many_arguments)]\n\n\
         use crate::streams::*;\n\
         use crate::convert::{count, millis};\nuse crate::{rows, Client, Result};\n",
    );
    let uploads = arr(table, "resources")
        .iter()
        .flat_map(|r| arr(r, "methods"))
        .flat_map(|m| arr(m, "params"))
        .any(|p| p["type"] == "uploads");
    let uses: Vec<String> =
        types.iter().cloned().chain(uploads.then(|| "Upload".to_string())).chain(Some("Secret".to_string())).collect();
    out += "use psb_model::{@USES@};\n";
    out += "use std::sync::Arc;\n";

    for h in arr(table, "handles") {
        let name = h["name"].as_str().unwrap_or_default();
        let _ = writeln!(out);
        doc_comment(&mut out, h["doc"].as_str().unwrap_or_default(), "");
        let _ = writeln!(out, "#[derive(Debug, uniffi::Object)]\npub struct {name}(psb::{name});\n");
        let _ = writeln!(out, "impl {name} {{\n    pub(crate) fn new(inner: psb::{name}) -> Arc<{name}> {{\n        Arc::new({name}(inner))\n    }}\n}}\n");
        let _ = writeln!(out, "#[uniffi::export(async_runtime = \"tokio\")]\nimpl {name} {{");
        for f in arr(h, "fields") {
            let fname = f["name"].as_str().unwrap_or_default();
            doc_comment(&mut out, f["doc"].as_str().unwrap_or_default(), "    ");
            match f["type"].as_str().unwrap_or_default() {
                "string" => {
                    let _ = writeln!(
                        out,
                        "    pub fn {fname}(&self) -> String {{\n        self.0.{fname}().to_owned()\n    }}"
                    );
                }
                t => {
                    let _ = writeln!(
                        out,
                        "    pub fn {fname}(&self) -> {} {{\n        self.0.{fname}()\n    }}",
                        argument(fname, t, true).0
                    );
                }
            }
        }
        for m in arr(h, "methods") {
            method(&mut out, m, "self.0");
        }
        out += "}\n";
    }
    for r in arr(table, "resources") {
        let resource = r["name"].as_str().unwrap_or_default();
        let name = class_name(table, resource);
        let _ = writeln!(out);
        doc_comment(&mut out, r["doc"].as_str().unwrap_or_default(), "");
        let _ = writeln!(out, "#[derive(Debug, uniffi::Object)]\npub struct {name}(pub(crate) psb::Client);\n");
        let _ = writeln!(out, "#[uniffi::export(async_runtime = \"tokio\")]\nimpl {name} {{");
        for m in arr(r, "methods") {
            method(&mut out, m, &format!("self.0.{resource}()"));
        }
        out += "}\n";
    }
    client_config(&mut out, table);
    // The client's resource accessors.
    out += "\n#[uniffi::export]\nimpl Client {\n";
    for r in arr(table, "resources") {
        let resource = r["name"].as_str().unwrap_or_default();
        let name = class_name(table, resource);
        doc_comment(&mut out, r["doc"].as_str().unwrap_or_default(), "    ");
        let _ = writeln!(
            out,
            "    pub fn {resource}(&self) -> Arc<{name}> {{\n        Arc::new({name}(self.inner.clone()))\n    }}"
        );
    }
    out += "}\n";
    // Only the names the exports use are imported.
    let used: Vec<String> =
        uses.into_iter().filter(|n| regex::Regex::new(&format!(r"\b{n}\b")).unwrap().is_match(&out)).collect();
    out.replace("@USES@", &used.join(", "))
}

/// `ClientConfig`, the record Python's and Kotlin's constructors fill: a field per option of
/// the table (durations in milliseconds), and the psb builder it configures.
fn client_config(out: &mut String, table: &Value) {
    let options = arr(table, "options");
    out.push_str("\n/// How to build a [`Client`]: the client options of spec/SURFACE.md, every one optional.\n");
    // Debug is derived: the token is a Secret, which shows as ***.
    out.push_str("#[derive(Clone, Debug, Default, uniffi::Record)]\npub struct ClientConfig {\n");
    let mut apply = String::new();
    for o in options {
        let name = o["name"].as_str().unwrap_or_default();
        let ty = o["type"].as_str().unwrap_or_default().trim_end_matches('?');
        let (field, ffi, value) = match ty {
            "duration" => (format!("{name}_ms"), "i64", format!("millis({name:?}, v)?")),
            "int" => (name.to_string(), "i64", format!("count({name:?}, v)?")),
            "bool" => (name.to_string(), "bool", "v".to_string()),
            // A secret (the token) crosses as psb-model's Secret: no layer shows it.
            "secret" => (name.to_string(), "Secret", "v".to_string()),
            "headers" => (name.to_string(), "std::collections::HashMap<String, String>", "v".to_string()),
            _ => (name.to_string(), "String", "v".to_string()),
        };
        doc_comment(out, &super::option_doc(o, "milliseconds"), "    ");
        let _ = writeln!(out, "    #[uniffi(default = None)]\n    pub {field}: Option<{ffi}>,");
        let _ =
            writeln!(apply, "        if let Some(v) = self.{field} {{\n            b = b.{name}({value});\n        }}");
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "impl ClientConfig {{\n    /// The psb builder these options configure.\n    pub(crate) fn builder(self) -> Result<psb::ClientBuilder> {{\n        let mut b = psb::Client::builder();\n{apply}        Ok(b)\n    }}\n}}"
    );
}
