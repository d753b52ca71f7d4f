//! Kotlin's resource classes, from the operation table: `hosting/psb/Resources.kt`, a class per
//! resource and per handle, and `ClientResources`, the client's typed resource properties. Each
//! method converts its arguments, calls the native (uniffi) method of the same name inside
//! `native { }` (which turns the FFI error into a `PsbException`) and converts the result. The
//! `Client` class is generated too: its constructor takes the table's options.

use super::{arr, camel, python::class_name};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

pub const RESOURCES: &str = "bindings/kotlin/src/main/kotlin/hosting/psb/Resources.kt";

fn kotlin_type(ty: &str) -> String {
    if let Some(inner) = ty.strip_suffix('?') {
        return format!("{}?", kotlin_type(inner));
    }
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return format!("List<{}>", kotlin_type(item));
    }
    if let Some(item) = ty.strip_prefix("iter<").and_then(|t| t.strip_suffix('>')) {
        return format!("Flow<{}>", kotlin_type(item));
    }
    match ty {
        "int" => "Long".into(),
        "float" => "java.math.BigDecimal".into(),
        "bool" => "Boolean".into(),
        "string" | "secret" | "json" => "String".into(),
        "duration" => "Duration".into(),
        "uploads" => "List<Upload>".into(),
        "headers" => "Map<String, String>".into(),
        other => other.into(),
    }
}

/// A default as Kotlin source (`300s` → `300.seconds`).
fn default_value(p: &Value) -> Option<String> {
    let ty = p["type"].as_str().unwrap_or_default();
    if let Some(d) = p.get("default").and_then(Value::as_str) {
        return Some(match d.strip_suffix("ms") {
            Some(ms) => format!("{ms}.milliseconds"),
            None => match d.strip_suffix('s') {
                Some(s) => format!("{s}.seconds"),
                None => d.to_string(),
            },
        });
    }
    if ty == "uploads" || (ty.starts_with("list<") && ty.ends_with('?')) {
        Some("emptyList()".into())
    } else if ty.ends_with('?') {
        Some("null".into())
    } else {
        None
    }
}

/// The Kotlin parameters (a query record's fields are named parameters), statements that
/// prepare the native arguments, and the native arguments.
fn arguments(m: &Value) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut params, mut prepare, mut native) = (Vec::new(), Vec::new(), Vec::new());
    for p in arr(m, "params") {
        let name = camel(p["name"].as_str().unwrap_or_default());
        let ty = p["type"].as_str().unwrap_or_default();
        let fields = arr(p, "fields");
        if !fields.is_empty() {
            let mut assigns = Vec::new();
            for f in fields {
                let fname = camel(f["name"].as_str().unwrap_or_default());
                let fty = f["type"].as_str().unwrap_or_default();
                params.push(format!("{fname}: {} = null", kotlin_type(fty)));
                assigns.push(format!("{fname} = {fname}"));
            }
            prepare.push(format!("val {name} = {}({})", ty.trim_end_matches('?'), assigns.join(", ")));
            native.push(name);
            continue;
        }
        let mut s =
            format!("{name}: {}", kotlin_type(if ty.starts_with("list<") { ty.trim_end_matches('?') } else { ty }));
        if let Some(d) = default_value(p) {
            s += &format!(" = {d}");
        }
        params.push(s);
        if ty.trim_end_matches('?') == "duration" {
            prepare.push(format!("val {name}Ms = {name}.inWholeMilliseconds"));
            native.push(format!("{name}Ms"));
        } else {
            native.push(name);
        }
    }
    (params, prepare, native)
}

fn kdoc(out: &mut String, m: &Value, indent: &str) {
    let mut lines: Vec<String> = Vec::new();
    let text = m["doc"].as_str().unwrap_or_default().trim().to_string();
    lines.extend(wrap(&text, 96));
    if let Some(http) = m.get("http").and_then(Value::as_str) {
        lines.push(String::new());
        lines.push(format!("`{http}`"));
    }
    let params: Vec<&Value> = arr(m, "params")
        .iter()
        .flat_map(|p| if arr(p, "fields").is_empty() { std::slice::from_ref(p) } else { arr(p, "fields") })
        .filter(|p| p["doc"].as_str().is_some_and(|d| !d.is_empty()))
        .collect();
    if !params.is_empty() {
        lines.push(String::new());
    }
    for p in params {
        let text = format!(
            "@param {} {}",
            camel(p["name"].as_str().unwrap_or_default()),
            p["doc"].as_str().unwrap_or_default()
        );
        lines.extend(wrap(&text, 96));
    }
    if m["returns"] == "json" {
        lines.push(String::new());
        lines.push("@return the response as JSON text (a shape this version does not model yet)".into());
    }
    let _ = writeln!(out, "{indent}/**");
    for l in lines {
        let _ = writeln!(out, "{indent} *{}{}", if l.is_empty() { "" } else { " " }, l.replace("*/", "* /"));
    }
    let _ = writeln!(out, "{indent} */");
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line += word;
    }
    if !line.is_empty() {
        out.push(line);
    }
    out
}

fn method(out: &mut String, m: &Value) {
    let name = camel(m["name"].as_str().unwrap_or_default());
    let ty = m["returns"].as_str().unwrap_or_default();
    let (params, prepare, native) = arguments(m);
    let call = format!("n.{name}({})", native.join(", "));
    kdoc(out, m, "    ");
    let iter = ty.starts_with("iter<");
    let head =
        format!("    {}fun {name}({}): {}", if iter { "" } else { "suspend " }, params.join(", "), kotlin_type(ty));
    let body = if iter {
        format!("walk({{ {call} }}) {{ it.next() }}")
    } else if ty == "ServerAction" {
        format!("ServerAction(native {{ {call} }})")
    } else {
        format!("native {{ {call} }}")
    };
    if prepare.is_empty() {
        let _ = writeln!(out, "{head} =\n        {body}\n");
    } else {
        let _ = writeln!(out, "{head} {{");
        for p in prepare {
            let _ = writeln!(out, "        {p}");
        }
        let _ = writeln!(out, "        return {body}\n    }}\n");
    }
}

fn class_doc(out: &mut String, doc: &str) {
    let _ = writeln!(out, "/**");
    for l in wrap(doc, 96) {
        let _ = writeln!(out, " * {l}");
    }
    let _ = writeln!(out, " */");
}

pub fn render(table: &Value) -> String {
    let resources: Vec<(String, String, &Value)> = arr(table, "resources")
        .iter()
        .map(|r| {
            let n = r["name"].as_str().unwrap_or_default();
            (n.to_string(), class_name(table, n), r)
        })
        .collect();
    let mut body = String::new();
    for h in arr(table, "handles") {
        let name = h["name"].as_str().unwrap_or_default();
        class_doc(&mut body, h["doc"].as_str().unwrap_or_default());
        let _ = writeln!(body, "class {name} internal constructor(private val n: Native{name}) {{");
        let mut shown = Vec::new();
        for f in arr(h, "fields") {
            let fname = camel(f["name"].as_str().unwrap_or_default());
            let _ = writeln!(body, "    /** {} */", f["doc"].as_str().unwrap_or_default());
            let _ = writeln!(
                body,
                "    val {fname}: {} get() = n.{fname}()\n",
                kotlin_type(f["type"].as_str().unwrap_or_default())
            );
            shown.push(format!("{fname}=${fname}"));
        }
        for m in arr(h, "methods") {
            method(&mut body, m);
        }
        let _ = writeln!(body, "    override fun toString(): String = \"{name}({})\"\n}}\n", shown.join(", "));
    }
    for (_, class, r) in &resources {
        class_doc(&mut body, r["doc"].as_str().unwrap_or_default());
        let _ = writeln!(body, "class {class} internal constructor(private val n: Native{class}) : Resource(n) {{");
        for m in arr(r, "methods") {
            method(&mut body, m);
        }
        body = body.trim_end().to_string() + "\n}\n\n";
    }
    body += "/** The client's resources, one property each (spec/SURFACE.md). */\n";
    body += "abstract class ClientResources internal constructor(native: NativeClient) {\n";
    for (name, class, r) in &resources {
        let _ = writeln!(body, "    /** {} */", r["doc"].as_str().unwrap_or_default());
        let _ = writeln!(body, "    val {}: {class} = {class}(native.{}())\n", camel(name), camel(name));
    }
    let names: Vec<String> = resources.iter().map(|(n, _, _)| camel(n)).collect();
    let _ = writeln!(
        body,
        "    internal fun releaseResources() {{\n        listOf<Resource>({}).forEach {{ it.release() }}\n    }}\n}}",
        names.join(", ")
    );

    client(&mut body, table);

    // Only what the module uses is imported.
    let used = |name: &str| regex::Regex::new(&format!(r"\b{name}\b")).unwrap().is_match(&body);
    let mut models = BTreeSet::new();
    for word in regex::Regex::new(r"\b[A-Z][A-Za-z0-9]*\b").unwrap().find_iter(&body) {
        models.insert(word.as_str().to_string());
    }
    let vocabularies: Vec<String> =
        arr(table, "vocabularies").iter().filter_map(|v| v["name"].as_str().map(str::to_owned)).collect();
    let model_names: BTreeSet<String> = models
        .into_iter()
        .filter(|m| {
            let records = super::type_names(table, true);
            // The vocabularies are this package's own classes (Vocabularies.kt).
            m == "Upload" || (records.contains(m) && !vocabularies.contains(m))
        })
        .collect();
    let mut head = String::from(
        "// @generated by `cargo xtask codegen` from spec/surface.json. Do not edit by hand: change\n\
         // spec/overlay.yaml (the x-psb annotations) or xtask/src/surface/kotlin.rs, then regenerate.\n\n\
         package hosting.psb\n\n",
    );
    for m in &model_names {
        let _ = writeln!(head, "import hosting.psb.model.{m}");
    }
    for (import, what) in [
        ("kotlinx.coroutines.flow.Flow", "Flow"),
        ("kotlin.time.Duration", "Duration"),
        ("kotlin.time.Duration.Companion.milliseconds", "milliseconds"),
        ("kotlin.time.Duration.Companion.seconds", "seconds"),
    ] {
        if used(what) {
            let _ = writeln!(head, "import {import}");
        }
    }
    let _ = writeln!(head, "import hosting.psb.ffi.ClientConfig");
    let _ = writeln!(head, "import hosting.psb.ffi.Client as NativeClient");
    for h in arr(table, "handles") {
        let n = h["name"].as_str().unwrap_or_default();
        let _ = writeln!(head, "import hosting.psb.ffi.{n} as Native{n}");
    }
    for (_, class, _) in &resources {
        let _ = writeln!(head, "import hosting.psb.ffi.{class} as Native{class}");
    }
    head + "\n" + &body
}

/// `Client`: a named parameter per option of the table, documented, filling the native
/// `ClientConfig`; its few members besides the resources (`baseUrl`, `close`, `fromEnv`).
fn client(out: &mut String, table: &Value) {
    let options = arr(table, "options");
    let mut doc = String::from(
        "A PSB Hosting API client over the SDK's Rust core: retries, errors, pagination and uploads are \
         the core's. Thread-safe; its resources share one connection pool. Every call is a `suspend \
         fun`; page walks are [kotlinx.coroutines.flow.Flow]s; failures are [PsbException]s. Reads and \
         idempotent writes are retried on 408/429/502/503/504 and broken connections, a POST only when \
         it never left.",
    );
    let mut lines = wrap(&doc, 96);
    lines.extend(
        ["", "```", "Client(token = \"...\").use { client -> println(client.account.get().balance) }", "```", ""]
            .map(String::from),
    );
    let (mut params, mut config) = (Vec::new(), Vec::new());
    for o in options {
        let name = camel(o["name"].as_str().unwrap_or_default());
        let ty = o["type"].as_str().unwrap_or_default();
        lines.extend(wrap(&format!("@param {name} {}", super::option_doc(o, "")), 96));
        // A count option is an Int (`maxRetries = 3`); the API's integers are Longs.
        let kotlin = if ty == "int?" { "Int?".to_string() } else { kotlin_type(ty) };
        params.push(format!("        {name}: {kotlin} = null,"));
        config.push(match ty.trim_end_matches('?') {
            "duration" => format!("{name}Ms = {name}?.inWholeMilliseconds"),
            "int" => format!("{name} = {name}?.toLong()"),
            "secret" => format!("{name} = {name}?.let {{ Secret(it) }}"),
            _ => format!("{name} = {name}"),
        });
    }
    lines.extend(wrap("@throws PsbException.InvalidArgument for a bad configuration (an `http://` URL other than loopback, an empty token, ...).", 96));
    let _ = writeln!(out, "\n/**");
    for l in lines {
        let _ = writeln!(out, " *{}{}", if l.is_empty() { "" } else { " " }, l.replace("*/", "* /"));
    }
    let _ = writeln!(out, " */");
    doc.clear();
    let default_url =
        options.iter().find(|o| o["name"] == "base_url").and_then(|o| o["default"].as_str()).unwrap_or_default();
    let _ = writeln!(
        out,
        "class Client private constructor(private val native: NativeClient) : ClientResources(native), AutoCloseable {{\n    @JvmOverloads\n    constructor(\n{}\n    ) : this(\n        native {{\n            NativeClient(\n                ClientConfig(\n{}\n                ),\n            )\n        }},\n    )\n",
        params.join("\n"),
        config.iter().map(|c| format!("                    {c},")).collect::<Vec<_>>().join("\n")
    );
    out.push_str(&format!(
        "    /** The API's address. */\n    val baseUrl: String get() = native.baseUrl()\n\n\
         \x20   /** Frees the native client now (otherwise the garbage collector does). */\n    override fun close() {{\n        releaseResources()\n        native.close()\n    }}\n\n\
         \x20   /** Never shows the token. */\n    override fun toString(): String = \"Client(baseUrl=$baseUrl)\"\n\n\
         \x20   companion object {{\n        /** Where the API lives. */\n        const val DEFAULT_BASE_URL: String = \"{default_url}\"\n\n\
         \x20       /**\n         * A client from `PSB_API_TOKEN` (required) and `PSB_API_URL` (optional).\n         * @throws PsbException.InvalidArgument when `PSB_API_TOKEN` is not set.\n         */\n\
         \x20       @JvmStatic\n        fun fromEnv(): Client = Client(native {{ NativeClient.fromEnv() }})\n    }}\n}}\n"
    ));
}
