//! Python's resource classes, from the operation table: `psb_hosting/_resources.py`, an asyncio
//! class and a blocking class per resource and per handle. Each method converts its arguments,
//! calls the native (uniffi) method of the same name and converts the result; behaviour stays
//! in the Rust core. The clients' constructors (their options) are generated into the base
//! classes here; the rest of the clients (`_async.py`, `_sync.py`) is hand-written.

use super::arr;
use serde_json::Value;
use std::fmt::Write;

pub const RESOURCES: &str = "bindings/python/python/psb_hosting/_resources.py";

/// A resource's class name: its name in Pascal case, `...Resource` where that would be a
/// record's name too (`Account`).
pub fn class_name(table: &Value, resource: &str) -> String {
    let pascal: String = resource.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect();
    let records = super::type_names(table, true);
    if records.contains(&pascal) {
        format!("{pascal}Resource")
    } else {
        pascal
    }
}

/// A table type as a Python annotation; `asynchronous` picks the handle and iterator flavour.
fn annotation(ty: &str, asynchronous: bool, input: bool) -> String {
    if let Some(inner) = ty.strip_suffix('?') {
        return format!("{} | None", annotation(inner, asynchronous, input));
    }
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        let item = annotation(item, asynchronous, input);
        return if input { format!("typing.Iterable[{item}]") } else { format!("list[{item}]") };
    }
    if let Some(item) = ty.strip_prefix("iter<").and_then(|t| t.strip_suffix('>')) {
        let item = annotation(item, asynchronous, input);
        return if asynchronous { format!("typing.AsyncIterator[{item}]") } else { format!("typing.Iterator[{item}]") };
    }
    match ty {
        "int" => "int".into(),
        "float" => "decimal.Decimal".into(),
        "bool" => "bool".into(),
        "string" | "secret" => "str".into(),
        "duration" => "float | datetime.timedelta".into(),
        "json" => "typing.Any".into(),
        "uploads" => "typing.Iterable[UploadSource]".into(),
        "headers" => "typing.Mapping[str, str]".into(),
        "ServerAction" if asynchronous => "AsyncServerAction".into(),
        other => other.into(),
    }
}

/// A default as Python source (`300s` → `300.0`).
fn default_value(p: &Value) -> Option<String> {
    let ty = p["type"].as_str().unwrap_or_default();
    if let Some(d) = p.get("default").and_then(Value::as_str) {
        return Some(match d.strip_suffix("ms") {
            Some(ms) => format!("{}", ms.parse::<f64>().unwrap_or(0.0) / 1000.0),
            None => match d.strip_suffix('s') {
                Some(s) => format!("{:.1}", s.parse::<f64>().unwrap_or(0.0)),
                None => d.to_string(),
            },
        });
    }
    if ty == "uploads" {
        Some("()".into())
    } else if ty.ends_with('?') {
        Some("None".into())
    } else {
        None
    }
}

/// The Python arguments of a method (a query record's fields become keyword arguments) and
/// the expressions the native method is called with.
fn arguments(m: &Value, asynchronous: bool, vocab: &[&str]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut sig, mut native, mut names) = (Vec::new(), Vec::new(), Vec::new());
    for p in arr(m, "params") {
        let name = p["name"].as_str().unwrap_or_default().to_string();
        let ty = p["type"].as_str().unwrap_or_default();
        let fields = arr(p, "fields");
        if !fields.is_empty() {
            let mut assigns = Vec::new();
            for f in fields {
                let fname = f["name"].as_str().unwrap_or_default();
                sig.push(format!(
                    "{fname}: {} = None",
                    annotation(f["type"].as_str().unwrap_or_default(), asynchronous, true)
                ));
                assigns.push(format!("{fname}={fname}"));
                names.push(fname.to_string());
            }
            native.push(format!("{}({})", ty.trim_end_matches('?'), assigns.join(", ")));
            continue;
        }
        let mut s = format!("{name}: {}", annotation(ty, asynchronous, true));
        if let Some(d) = default_value(p) {
            s += &format!(" = {d}");
        }
        sig.push(s);
        names.push(name.clone());
        let item = ty.trim_end_matches('?').strip_prefix("list<").and_then(|t| t.strip_suffix('>'));
        native.push(match ty.trim_end_matches('?') {
            // A vocabulary is checked here, so that a misspelt value names its argument.
            t if vocab.contains(&t) && ty.ends_with('?') => {
                format!("None if {name} is None else {t}._arg({name}, \"{name}\")")
            }
            t if vocab.contains(&t) => format!("{t}._arg({name}, \"{name}\")"),
            _ if item.is_some_and(|i| vocab.contains(&i)) => {
                let v = item.unwrap_or_default();
                format!("[{v}._arg(v, \"{name}\") for v in {name}{}]", if ty.ends_with('?') { " or ()" } else { "" })
            }
            "uploads" => format!("uploads({name})"),
            "duration" => format!("_ms(\"{name}\", {name})"),
            t if t.starts_with("list<") && ty.ends_with('?') => format!("list({name} or ())"),
            t if t.starts_with("list<") => format!("list({name})"),
            _ => name,
        });
    }
    (sig, native, names)
}

/// Markdown code spans as reStructuredText literals.
pub(crate) fn rst(text: &str) -> String {
    text.replace('`', "``").replace("````", "``")
}

pub(crate) fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            out += &format!("{indent}{line}\n");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    if !line.is_empty() {
        out += &format!("{indent}{line}\n");
    }
    out
}

/// A docstring: the table's doc, the request, and the arguments that have docs.
fn docstring(m: &Value, indent: &str) -> String {
    let mut body = wrap(&rst(m["doc"].as_str().unwrap_or_default()), indent, 96);
    if let Some(http) = m.get("http").and_then(Value::as_str) {
        body += &format!("\n{indent}``{http}``\n");
    }
    let documented: Vec<&Value> = arr(m, "params")
        .iter()
        .flat_map(|p| if arr(p, "fields").is_empty() { std::slice::from_ref(p) } else { arr(p, "fields") })
        .filter(|p| p["doc"].as_str().is_some_and(|d| !d.is_empty()))
        .collect();
    if !documented.is_empty() {
        body += &format!("\n{indent}Args:\n");
        for p in documented {
            let text = format!("{}: {}", p["name"].as_str().unwrap_or_default(), p["doc"].as_str().unwrap_or_default());
            body += &wrap(&rst(&text), &format!("{indent}    "), 96);
        }
    }
    format!("{indent}\"\"\"{}{indent}\"\"\"\n", body.trim_start())
}

fn method(out: &mut String, m: &Value, asynchronous: bool, native_of: &str, vocab: &[&str]) {
    let name = m["name"].as_str().unwrap_or_default();
    let ty = m["returns"].as_str().unwrap_or_default();
    let (sig, native, names) = arguments(m, asynchronous, vocab);
    let params = std::iter::once("self".to_string()).chain(sig).collect::<Vec<_>>().join(", ");
    let iter = ty.starts_with("iter<");
    let ret = annotation(ty, asynchronous, false);
    let head = format!("    {}def {name}({params}) -> {ret}:", if asynchronous && !iter { "async " } else { "" });
    if head.len() <= 110 {
        let _ = writeln!(out, "{head}");
    } else {
        let sig = arguments(m, asynchronous, vocab).0;
        let _ = writeln!(out, "    {}def {name}(\n        self,", if asynchronous && !iter { "async " } else { "" });
        for s in sig {
            let _ = writeln!(out, "        {s},");
        }
        let _ = writeln!(out, "    ) -> {ret}:");
    }
    out.push_str(&docstring(m, "        "));
    let call = format!("{native_of}.{name}({})", native.join(", "));
    let body = match (asynchronous, iter, ty) {
        (true, true, _) => format!("_walk(self._n.{name}({}))", native.join(", ")),
        (true, false, "ServerAction") => format!("AsyncServerAction(await _call({call}))"),
        // JSON text across the FFI (a response the SDK does not model yet), decoded here.
        (true, false, "json") => format!("json.loads(await _call({call}))"),
        // Records cross as rows (bindings/uniffi/src/rows.rs), built by `_rows`.
        (true, false, _) => format!("_rows.lift({ret}, await _call({native_of}.{name}_rows({})))", native.join(", ")),
        (false, true, _) => format!("_walk_sync(self._a._n.{name}({}))", native.join(", ")),
        (false, false, "ServerAction") => format!("ServerAction(_run(self._a.{name}({})))", names.join(", ")),
        (false, false, _) => format!("_run(self._a.{name}({}))", names.join(", ")),
    };
    let _ = writeln!(out, "        return {body}\n");
}

fn class(out: &mut String, name: &str, doc: &str, asynchronous: bool, wrapped: &str, fields: &[Value]) {
    let prefix = if asynchronous { "Async" } else { "" };
    let _ = writeln!(out, "\nclass {prefix}{name}:");
    let doc = wrap(&rst(doc), "    ", 96);
    match doc.trim().lines().count() {
        0 | 1 => out.push_str(&format!("    \"\"\"{}\"\"\"\n\n", doc.trim())),
        _ => out.push_str(&format!("    \"\"\"{}    \"\"\"\n\n", doc.trim_start())),
    }
    if asynchronous {
        let _ = writeln!(out, "    __slots__ = (\"_n\",)\n\n    def __init__(self, native: typing.Any) -> None:\n        self._n = native\n");
    } else {
        let _ = writeln!(
            out,
            "    __slots__ = (\"_a\",)\n\n    def __init__(self, a: Async{wrapped}) -> None:\n        self._a = a\n"
        );
    }
    if fields.is_empty() {
        let _ = writeln!(out, "    def __repr__(self) -> str:\n        return f\"<{{type(self).__name__}}>\"\n");
    } else {
        let names: Vec<String> =
            fields.iter().map(|f| format!("\"{}\"", f["name"].as_str().unwrap_or_default())).collect();
        let _ = writeln!(
            out,
            "    def __repr__(self) -> str:\n        shown = \" \".join(f\"{{name}}={{getattr(self, name)!r}}\" for name in ({},))\n        return f\"<{{type(self).__name__}} {{shown}}>\"\n",
            names.join(", ")
        );
    }
}

/// The module, formatted by ruff with the package's settings (as committed; `ruff format
/// --check` holds the package to them).
pub fn formatted(root: &std::path::Path, table: &Value) -> anyhow::Result<String> {
    let bin = crate::install::venv(root, &[crate::lint::RUFF])?;
    let mut ruff = std::process::Command::new(bin.join("ruff"));
    ruff.args(["format", "--no-cache", "--quiet", "--stdin-filename", "python/psb_hosting/_resources.py", "-"]);
    super::format_with(ruff, &root.join("bindings/python"), &render(table))
}

pub fn render(table: &Value) -> String {
    let records = super::type_names(table, true);
    let vocab: Vec<&str> = arr(table, "vocabularies").iter().filter_map(|v| v["name"].as_str()).collect();
    let mut out = String::new();
    let mut names = Vec::new();
    for h in arr(table, "handles") {
        let name = h["name"].as_str().unwrap_or_default();
        for asynchronous in [true, false] {
            let prefix = if asynchronous { "Async" } else { "" };
            names.push(format!("{prefix}{name}"));
            class(&mut out, name, h["doc"].as_str().unwrap_or_default(), asynchronous, name, arr(h, "fields"));
            for f in arr(h, "fields") {
                let field = f["name"].as_str().unwrap_or_default();
                let ty = annotation(f["type"].as_str().unwrap_or_default(), asynchronous, false);
                let get = if asynchronous { format!("{ty}(self._n.{field}())") } else { format!("self._a.{field}") };
                let _ = writeln!(out, "    @property\n    def {field}(self) -> {ty}:");
                out += &format!("        \"\"\"{}\"\"\"\n", rst(f["doc"].as_str().unwrap_or_default()));
                let _ = writeln!(out, "        return {get}\n");
            }
            for m in arr(h, "methods") {
                method(&mut out, m, asynchronous, "self._n", &vocab);
            }
        }
    }
    for r in arr(table, "resources") {
        let name = class_name(table, r["name"].as_str().unwrap_or_default());
        for asynchronous in [true, false] {
            let prefix = if asynchronous { "Async" } else { "" };
            names.push(format!("{prefix}{name}"));
            class(&mut out, &name, r["doc"].as_str().unwrap_or_default(), asynchronous, &name, &[]);
            for m in arr(r, "methods") {
                method(&mut out, m, asynchronous, "self._n", &vocab);
            }
        }
    }
    // The clients' resource attributes, typed, and how a client attaches them.
    let resources: Vec<(&str, String)> = arr(table, "resources")
        .iter()
        .map(|r| {
            let n = r["name"].as_str().unwrap_or_default();
            (n, class_name(table, n))
        })
        .collect();
    out += "\nRESOURCE_NAMES = (";
    out += &resources.iter().map(|(n, _)| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    out += ")\n\n\nclass _AsyncResources:\n    \"\"\"The resources of an :class:`AsyncClient`.\"\"\"\n\n";
    for (n, c) in &resources {
        let _ = writeln!(out, "    {n}: Async{c}");
    }
    client_init(&mut out, table, "_attach", "native: _ffi.Client");
    out += "\n    def _attach_resources(self, native: typing.Any) -> None:\n";
    for (n, c) in &resources {
        let _ = writeln!(out, "        self.{n} = Async{c}(native.{n}())");
    }
    out += "\n\nclass _SyncResources:\n    \"\"\"The resources of a :class:`Client`.\"\"\"\n\n";
    for (n, c) in &resources {
        let _ = writeln!(out, "    {n}: {c}");
    }
    client_init(&mut out, table, "_attach", "native: _ffi.Client");
    out += "\n    def _attach_resources(self, a: _AsyncResources) -> None:\n";
    for (n, c) in &resources {
        let _ = writeln!(out, "        self.{n} = {c}(a.{n})");
    }
    out += "\n";
    let _ = writeln!(out, "\n__all__ = [");
    names.sort();
    for n in names {
        let _ = writeln!(out, "    \"{n}\",");
    }
    out += "]\n";
    // Only what the module uses is imported, so that it stays lint-clean as the table changes.
    let used = |name: &str| regex::Regex::new(&format!(r"\b{name}\b")).unwrap().is_match(&out);
    let mut head = String::from(
        "# @generated by `cargo xtask codegen` from spec/surface.json. Do not edit by hand: change\n\
         # spec/overlay.yaml (the x-psb annotations) or xtask/src/surface/python.rs, then regenerate.\n\
         \"\"\"The resources of both clients, one asyncio class and one blocking class each: every method\n\
         converts its arguments, calls the native method of the same name and converts the result.\"\"\"\n\n\
         from __future__ import annotations\n\n",
    );
    for module in ["datetime", "decimal", "json", "typing"] {
        if out.contains(&format!("{module}.")) {
            let _ = writeln!(head, "import {module}");
        }
    }
    // In ruff's (isort's) order: case-insensitive.
    let mut models: Vec<&String> = records.iter().filter(|r| used(r) && !vocab.contains(&r.as_str())).collect();
    models.sort_by_key(|r| r.to_lowercase());
    let _ = writeln!(head);
    if used("_rows") {
        head += "from . import _rows\n";
    }
    if used("_ffi") {
        head += "from ._native import psb_uniffi as _ffi\n";
    }
    let _ = writeln!(head, "from ._native.psb_model import (");
    for r in models {
        let _ = writeln!(head, "    {r},");
    }
    head += ")\n";
    let mut vocabularies: Vec<&str> = vocab.iter().copied().filter(|v| used(v)).collect();
    vocabularies.sort_by_key(|v| v.to_lowercase());
    let support: Vec<&str> =
        ["_call", "_ms", "_new_client", "_run", "_walk", "_walk_sync"].into_iter().filter(|n| used(n)).collect();
    if used("Secret") {
        head += "from ._secret import Secret\n";
    }
    let _ = writeln!(head, "from ._support import {}", support.join(", "));
    let uploads: Vec<&str> = ["UploadSource", "uploads"].into_iter().filter(|n| used(n)).collect();
    if !uploads.is_empty() {
        let _ = writeln!(head, "from ._uploads import {}", uploads.join(", "));
    }
    if !vocabularies.is_empty() {
        let _ = writeln!(head, "from ._vocabularies import {}", vocabularies.join(", "));
    }
    head + "\n" + &out
}

/// A client's `__init__`, one keyword argument per option of the table (the `positional` ones
/// may also be given by position), documented; it fills the native `ClientConfig` and hands the
/// native client to the subclass's `attach`.
fn client_init(out: &mut String, table: &Value, attach: &str, attach_param: &str) {
    let options = arr(table, "options");
    let _ = writeln!(out, "\n    def __init__(\n        self,");
    let mut keyword_only = false;
    let (mut config, mut args) = (Vec::new(), String::new());
    for o in options {
        let name = o["name"].as_str().unwrap_or_default();
        let ty = o["type"].as_str().unwrap_or_default();
        if !o["positional"].as_bool().unwrap_or(false) && !keyword_only {
            keyword_only = true;
            let _ = writeln!(out, "        *,");
        }
        let _ = writeln!(out, "        {name}: {} = None,", annotation(ty, true, true));
        config.push(match ty.trim_end_matches('?') {
            "duration" => format!("{name}_ms=_ms(\"{name}\", {name})"),
            "secret" => format!("{name}=None if {name} is None else Secret({name})"),
            "headers" => format!("{name}=None if {name} is None else dict({name})"),
            _ => format!("{name}={name}"),
        });
        let doc = super::option_doc(o, "seconds (a number or a timedelta)");
        args += &wrap(&rst(&format!("{name}: {doc}")), "            ", 96);
    }
    let _ = writeln!(out, "    ) -> None:");
    let _ = writeln!(
        out,
        "        \"\"\"The client's options; every one may be left out.\n\n        Args:\n{args}        \"\"\""
    );
    let _ = writeln!(out, "        self.{attach}(_new_client(_ffi.ClientConfig({})))", config.join(", "));
    let _ = writeln!(
        out,
        "\n    def {attach}(self, {attach_param}) -> None:\n        raise NotImplementedError  # each client attaches the native one its own way"
    );
}
