//! A Postman collection (v2.0 or v2.1) → an OpenAPI 3.0.3 document.
//!
//! General, not PSB-specific: it reads what a collection states (folders, requests, URL objects or
//! plain URLs with a "published docs" `urlObject`, auth, bodies, examples, prose hints) and
//! infers the rest from the examples. Anything a collection cannot say belongs in an overlay.

pub mod describe;
pub mod infer;

use anyhow::{anyhow, bail, Result};
use describe::{description_text, hints, pascal, snake, Hints};
use regex::Regex;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Converts a parsed collection. Errors are one line and name the request they concern.
pub fn convert(collection: &Value) -> Result<Value> {
    let c =
        collection.as_object().ok_or_else(|| anyhow!("not a Postman collection: the top level is not an object"))?;
    let info = c
        .get("info")
        .and_then(Value::as_object)
        .ok_or_else(|| anyhow!("not a Postman collection: no `info` object"))?;
    let schema = info.get("schema").and_then(Value::as_str).unwrap_or("");
    if !(schema.contains("/v2.0.") || schema.contains("/v2.1.")) {
        bail!("unsupported Postman schema version {schema:?}: only collection v2.0 and v2.1 are understood");
    }
    let items =
        c.get("item").and_then(Value::as_array).ok_or_else(|| anyhow!("not a Postman collection: no `item` array"))?;

    let mut conv = Converter { variables: variables(c.get("variable")), ..Default::default() };
    let root = Scope { folders: vec![], auth: c.get("auth") };
    conv.walk(items, &root)?;
    conv.finish(info)
}

#[derive(Default)]
struct Converter {
    variables: BTreeMap<String, String>,
    paths: Map<String, Value>,
    tags: Vec<Value>,
    components: BTreeMap<String, Value>,
    schemes: BTreeMap<String, Value>,
    /// Per operation: the security scheme it uses (None = public), to pick a document default.
    op_security: Vec<(String, String, Option<String>)>,
    operation_ids: HashSet<String>,
    first_host: Option<String>,
    warnings: Vec<String>,
}

#[derive(Clone)]
struct Scope<'a> {
    folders: Vec<&'a str>,
    auth: Option<&'a Value>,
}

impl<'a> Scope<'a> {
    fn label(&self, name: &str) -> String {
        let mut parts: Vec<&str> = self.folders.clone();
        parts.push(name);
        parts.join(" / ")
    }
}

impl Converter {
    fn walk<'a>(&mut self, items: &'a [Value], scope: &Scope<'a>) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            let fallback = format!("item #{}", i + 1);
            let name = item.get("name").and_then(Value::as_str).unwrap_or(&fallback);
            if let Some(children) = item.get("item") {
                let children =
                    children.as_array().ok_or_else(|| anyhow!("{}: `item` is not an array", scope.label(name)))?;
                let mut inner = scope.clone();
                inner.folders.push(name);
                if let Some(auth) = item.get("auth").filter(|a| !a.is_null()) {
                    inner.auth = Some(auth);
                }
                let tag = inner.folders.join(" / ");
                if !self.tags.iter().any(|t| t["name"] == tag.as_str())
                    && children.iter().any(|c| c.get("request").is_some())
                {
                    let mut t = json!({"name": tag});
                    if let Some(d) = description_text(item.get("description")) {
                        t["description"] = json!(d);
                    }
                    self.tags.push(t);
                }
                self.walk(children, &inner)?;
            } else if let Some(request) = item.get("request") {
                let label = scope.label(name);
                self.request(name, request, item.get("response"), scope).map_err(|e| anyhow!("{label}: {e}"))?;
            } else {
                bail!("{}: neither a folder (`item`) nor a request (`request`)", scope.label(name));
            }
        }
        Ok(())
    }

    fn request(&mut self, name: &str, request: &Value, responses: Option<&Value>, scope: &Scope) -> Result<()> {
        // A request may be just its URL.
        let owned;
        let request = match request {
            Value::String(url) => {
                owned = json!({"url": url, "method": "GET"});
                &owned
            }
            Value::Object(_) => request,
            _ => bail!("`request` is neither an object nor a URL"),
        };
        let method = request.get("method").and_then(Value::as_str).unwrap_or("GET").to_ascii_lowercase();
        if !METHODS.contains(&method.as_str()) {
            bail!("unsupported HTTP method {method:?}");
        }
        let url = Url::from_request(request)?;
        if self.first_host.is_none() {
            self.first_host = url.host.clone();
        }

        let operation_id = self.operation_id(&scope.folders, name);
        let component_base = pascal(&operation_id);
        let mut op = Map::new();
        if !scope.folders.is_empty() {
            op.insert("tags".into(), json!([scope.folders.join(" / ")]));
        }
        op.insert("summary".into(), json!(name.trim()));
        if let Some(d) = description_text(request.get("description")) {
            op.insert("description".into(), json!(d));
        }
        op.insert("operationId".into(), json!(operation_id));

        let mut params = Vec::new();
        let mut path = String::new();
        for seg in &url.path {
            let seg = seg.trim();
            if seg.is_empty() {
                continue;
            }
            path.push('/');
            let var = seg.strip_prefix(':').or_else(|| seg.strip_prefix("{{").and_then(|s| s.strip_suffix("}}")));
            match var {
                Some(var) => {
                    path.push_str(&format!("{{{var}}}"));
                    let decl = url.variables.iter().find(|v| v.get("key").and_then(Value::as_str) == Some(var));
                    // A `{{var}}` segment takes its example from the collection's variables.
                    let value = decl
                        .and_then(|v| scalar_str(v.get("value")))
                        .or_else(|| seg.starts_with("{{").then(|| self.variables.get(var).cloned()).flatten());
                    let desc = decl.and_then(|v| description_text(v.get("description")));
                    let h = desc.as_deref().map(hints).unwrap_or_default();
                    let mut p = json!({"name": var, "in": "path", "required": true, "schema": value_schema(value.as_deref(), &h)});
                    if let Some(d) = desc {
                        p["description"] = json!(d);
                    }
                    push_param(&mut params, p);
                }
                None => path.push_str(seg),
            }
        }
        if path.is_empty() {
            path.push('/');
        }
        for q in &url.query {
            let Some(key) = q.get("key").and_then(Value::as_str) else { continue };
            let value = scalar_str(q.get("value"));
            let desc = description_text(q.get("description"));
            let h = desc.as_deref().map(hints).unwrap_or_default();
            let mut p = json!({"name": key, "in": "query", "required": h.required == Some(true), "schema": value_schema(value.as_deref(), &h)});
            if let Some(d) = desc {
                p["description"] = json!(d);
            }
            push_param(&mut params, p);
        }
        let mut literal_auth = None;
        for hd in request.get("header").and_then(Value::as_array).into_iter().flatten() {
            let Some(key) = hd.get("key").and_then(Value::as_str) else { continue };
            let value = scalar_str(hd.get("value"));
            match key.to_ascii_lowercase().as_str() {
                "authorization" => literal_auth = Some(value.unwrap_or_default()),
                // OpenAPI describes these through content and security, not parameters.
                "content-type" | "accept" => {}
                _ => {
                    let desc = description_text(hd.get("description"));
                    let h = desc.as_deref().map(hints).unwrap_or_default();
                    let disabled = hd.get("disabled").and_then(Value::as_bool).unwrap_or(false);
                    let required = h.required.unwrap_or(!disabled);
                    let mut p = json!({"name": key, "in": "header", "required": required, "schema": value_schema(value.as_deref(), &h)});
                    if let Some(d) = desc {
                        p["description"] = json!(d);
                    }
                    push_param(&mut params, p);
                }
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }

        if let Some(body) = request.get("body").filter(|b| !b.is_null()) {
            if let Some(rb) = self.request_body(body, &component_base)? {
                op.insert("requestBody".into(), rb);
            }
        }
        op.insert("responses".into(), self.responses(responses, &component_base)?);

        let auth = request.get("auth").filter(|a| !a.is_null()).or(scope.auth);
        let scheme = self.security(auth, literal_auth.as_deref());
        self.op_security.push((path.clone(), method.clone(), scheme));

        let item = self.paths.entry(path.clone()).or_insert_with(|| json!({}));
        if item.get(&method).is_some() {
            self.warnings.push(format!(
                "{}: {} {path} is already defined; this request is skipped",
                scope.label(name),
                method.to_uppercase()
            ));
            self.op_security.pop();
            return Ok(());
        }
        item[&method] = Value::Object(op);
        Ok(())
    }

    /// `folder_request-name` in snake_case; a request name that repeats its folder's name
    /// ("server" / "Server Restart") is not stuttered; clashes get a numeric suffix.
    fn operation_id(&mut self, folders: &[&str], name: &str) -> String {
        let folder = folders.last().map(|f| snake(f)).unwrap_or_default();
        let mut rest = snake(name);
        let singular = folder.strip_suffix('s').unwrap_or(&folder);
        for prefix in [folder.as_str(), singular] {
            if prefix.is_empty() {
                continue;
            }
            if rest == prefix {
                rest.clear();
                break;
            }
            if rest.starts_with(&format!("{prefix}_")) {
                rest = rest[prefix.len() + 1..].to_string();
                break;
            }
        }
        let base = match (folder.is_empty(), rest.is_empty()) {
            (true, _) => {
                if rest.is_empty() {
                    "operation".into()
                } else {
                    rest
                }
            }
            (false, true) => folder,
            (false, false) => format!("{folder}_{rest}"),
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.operation_ids.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }

    fn request_body(&mut self, body: &Value, base: &str) -> Result<Option<Value>> {
        let mode = body.get("mode").and_then(Value::as_str).unwrap_or("");
        match mode {
            "raw" => {
                let raw = body.get("raw").and_then(Value::as_str).unwrap_or("");
                if raw.trim().is_empty() {
                    return Ok(None);
                }
                let language = body.pointer("/options/raw/language").and_then(Value::as_str).unwrap_or("");
                let looks_json = matches!(raw.trim_start().chars().next(), Some('{' | '['));
                if language == "json" || (language.is_empty() && looks_json) {
                    let (clean, comments) = strip_json_comments(raw);
                    let value: Value =
                        serde_json::from_str(&clean).map_err(|e| anyhow!("raw body is not valid JSON ({e})"))?;
                    let shape = infer::shape_of(&value);
                    let schema = infer::to_schema(&shape, &format!("{base}Request"), &mut self.components);
                    self.describe_from_comments(&schema, &comments);
                    Ok(Some(
                        json!({"required": true, "content": {"application/json": {"schema": schema, "example": value}}}),
                    ))
                } else {
                    let ct = match language {
                        "xml" => "application/xml",
                        "html" => "text/html",
                        "javascript" => "application/javascript",
                        _ => "text/plain",
                    };
                    Ok(Some(json!({"required": true, "content": {ct: {"schema": {"type": "string"}, "example": raw}}})))
                }
            }
            "urlencoded" | "formdata" => {
                let fields = body.get(mode).and_then(Value::as_array).cloned().unwrap_or_default();
                let mut props = Map::new();
                let mut required = Vec::new();
                for f in &fields {
                    let Some(key) = f.get("key").and_then(Value::as_str) else { continue };
                    let is_file = f.get("type").and_then(Value::as_str) == Some("file");
                    let desc = description_text(f.get("description"));
                    let mut h = desc.as_deref().map(hints).unwrap_or_default();
                    if is_file {
                        h.ty = Some("binary");
                    }
                    let value = if is_file { None } else { scalar_str(f.get("value")) };
                    let mut schema = value_schema(value.as_deref(), &h);
                    if let Some(d) = desc {
                        schema["description"] = json!(d);
                    }
                    if let Some(existing) = props.get_mut(key) {
                        // A repeated key is a list of values.
                        if existing.get("type") != Some(&json!("array")) {
                            let first = existing.take();
                            *existing = json!({"type": "array", "items": first});
                        }
                        continue;
                    }
                    let disabled = f.get("disabled").and_then(Value::as_bool).unwrap_or(false);
                    // Postman marks fields off to show they may be left out; prose overrides.
                    if h.required.unwrap_or(!disabled && !is_file) {
                        required.push(json!(key));
                    }
                    props.insert(key.to_string(), schema);
                }
                if props.is_empty() {
                    // A form with no fields is no body.
                    return Ok(None);
                }
                let mut schema = json!({"type": "object", "properties": props});
                if !required.is_empty() {
                    schema["required"] = Value::Array(required.clone());
                }
                let name = format!("{base}Request");
                self.components.insert(name.clone(), schema);
                let ct = if mode == "urlencoded" { "application/x-www-form-urlencoded" } else { "multipart/form-data" };
                Ok(Some(
                    json!({"required": !required.is_empty(), "content": {ct: {"schema": {"$ref": format!("#/components/schemas/{name}")}}}}),
                ))
            }
            "file" => Ok(Some(
                json!({"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}),
            )),
            "graphql" => Ok(Some(
                json!({"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {"query": {"type": "string"}, "variables": {"type": "object"}}, "required": ["query"]}}}}),
            )),
            "" => Ok(None),
            other => bail!("unsupported body mode {other:?}"),
        }
    }

    /// `// comments` beside JSON keys become the descriptions (and hints) of those properties.
    fn describe_from_comments(&mut self, schema: &Value, comments: &BTreeMap<String, String>) {
        let Some(name) = schema.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) else { return };
        let Some(Value::Object(component)) = self.components.get_mut(name) else { return };
        let mut optional = Vec::new();
        if let Some(props) = component.get_mut("properties").and_then(Value::as_object_mut) {
            for (key, comment) in comments {
                if let Some(Value::Object(p)) = props.get_mut(key) {
                    let h = hints(comment);
                    if h.required == Some(false) {
                        optional.push(key.as_str());
                    }
                    if h.ty == Some("boolean") && p.get("type") == Some(&json!("boolean")) {
                        // "Available values: true/false" says nothing a boolean does not.
                    } else {
                        describe::apply(&Hints { ty: None, ..h }, p);
                    }
                    p.insert("description".into(), json!(comment));
                }
            }
        }
        // The example holds every key; a comment saying "Optional" is the only sign one may go.
        if let Some(Value::Array(required)) = component.get_mut("required") {
            required.retain(|k| !optional.iter().any(|o| k == *o));
            if required.is_empty() {
                component.remove("required");
            }
        }
    }

    fn responses(&mut self, examples: Option<&Value>, base: &str) -> Result<Value> {
        let examples = examples.and_then(Value::as_array).cloned().unwrap_or_default();
        // code → (description, json shape + examples, other content)
        let mut by_code: BTreeMap<String, ResponseParts> = BTreeMap::new();
        for (i, ex) in examples.iter().enumerate() {
            let code = ex.get("code").and_then(Value::as_u64).map(|c| c.to_string()).unwrap_or_else(|| "200".into());
            let ex_name = ex
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("example {}", i + 1));
            let status = ex.get("status").and_then(Value::as_str).unwrap_or("").to_string();
            let entry = by_code.entry(code.clone()).or_insert_with(|| (status.clone(), None, Map::new(), None));
            let body = ex.get("body").and_then(Value::as_str).unwrap_or("");
            if body.trim().is_empty() {
                continue;
            }
            let ct = ex
                .get("header")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|h| h.get("key").and_then(Value::as_str).is_some_and(|k| k.eq_ignore_ascii_case("content-type")))
                .and_then(|h| h.get("value").and_then(Value::as_str))
                .map(|s| s.split(';').next().unwrap_or(s).trim().to_string());
            let preview_json = ex.get("_postman_previewlanguage").and_then(Value::as_str) == Some("json");
            let declared_json = ct.as_deref().is_some_and(|c| c.contains("json")) || preview_json;
            match serde_json::from_str::<Value>(body) {
                Ok(v) => {
                    let s = infer::shape_of(&v);
                    entry.1 = Some(match entry.1.take() {
                        Some(prev) => infer::merge(prev, s),
                        None => s,
                    });
                    let mut key = snake(&ex_name);
                    if key.is_empty() || entry.2.contains_key(&key) {
                        key = format!("example_{}", i + 1);
                    }
                    entry.2.insert(key, json!({"summary": ex_name, "value": v}));
                }
                Err(e) if declared_json => {
                    bail!("response example {ex_name:?} is declared JSON but does not parse ({e})")
                }
                Err(_) => entry.3 = Some((ct.unwrap_or_else(|| "text/plain".into()), body.to_string())),
            }
        }
        let mut out = Map::new();
        for (code, (status, shape, exs, other)) in by_code {
            let mut r = json!({"description": if status.is_empty() { reason(&code).to_string() } else { status }});
            let mut content = Map::new();
            if let Some(shape) = shape {
                let name = if code == "200" { format!("{base}Response") } else { format!("{base}Response{code}") };
                let schema = infer::to_schema(&shape, &name, &mut self.components);
                content.insert("application/json".into(), json!({"schema": schema, "examples": exs}));
            }
            if let Some((ct, body)) = other {
                content.entry(ct).or_insert_with(|| json!({"schema": {"type": "string"}, "example": body}));
            }
            if !content.is_empty() {
                r["content"] = Value::Object(content);
            }
            out.insert(code, r);
        }
        if out.is_empty() {
            out.insert("200".into(), json!({"description": "Successful response"}));
        }
        Ok(Value::Object(out))
    }

    /// Registers the scheme an auth block (or a literal Authorization header) stands for.
    fn security(&mut self, auth: Option<&Value>, literal: Option<&str>) -> Option<String> {
        let kind = auth.and_then(|a| a.get("type")).and_then(Value::as_str);
        match kind {
            Some("noauth") => return None,
            Some("bearer") => return Some(self.scheme("bearerAuth", json!({"type": "http", "scheme": "bearer"}))),
            Some("basic") => return Some(self.scheme("basicAuth", json!({"type": "http", "scheme": "basic"}))),
            Some("apikey") => {
                let a = auth.unwrap();
                let key = auth_param(a, "apikey", "key").unwrap_or_else(|| "X-API-Key".into());
                let place = auth_param(a, "apikey", "in").unwrap_or_else(|| "header".into());
                let place = if place == "query" { "query" } else { "header" };
                let name = format!("{}{}", pascal(&key), pascal(place));
                return Some(self.scheme(&name, json!({"type": "apiKey", "in": place, "name": key})));
            }
            _ => {}
        }
        let value = literal?;
        let lower = value.trim().to_ascii_lowercase();
        Some(if lower.starts_with("bearer ") {
            self.scheme("bearerAuth", json!({"type": "http", "scheme": "bearer"}))
        } else if lower.starts_with("basic ") {
            self.scheme("basicAuth", json!({"type": "http", "scheme": "basic"}))
        } else {
            // The token as-is, with no scheme word: an API key carried in `Authorization`.
            self.scheme("AuthorizationHeader", json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": "The API token, as-is (no scheme word)."}))
        })
    }

    fn scheme(&mut self, name: &str, def: Value) -> String {
        self.schemes.entry(name.to_string()).or_insert(def);
        name.to_string()
    }

    fn finish(mut self, info: &Map<String, Value>) -> Result<Value> {
        // The most common scheme becomes the document's default; operations that differ say so.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (.., s) in &self.op_security {
            if let Some(s) = s {
                *counts.entry(s.as_str()).or_default() += 1;
            }
        }
        let default = counts.iter().max_by_key(|(_, n)| **n).map(|(s, _)| s.to_string());
        for (path, method, scheme) in &self.op_security {
            if *scheme != default {
                let sec = match scheme {
                    Some(s) => json!([{ s.as_str(): [] }]),
                    None => json!([]),
                };
                self.paths[path][method]["security"] = sec;
            }
        }

        let mut doc = json!({
            "openapi": "3.0.3",
            "info": {
                "title": info.get("name").and_then(Value::as_str).unwrap_or("API"),
                "version": info.get("version").and_then(scalar_version).unwrap_or_else(|| "1.0.0".into()),
            },
            "servers": [self.server()],
        });
        if let Some(d) = description_text(info.get("description")) {
            doc["info"]["description"] = json!(d);
        }
        if let Some(d) = &default {
            doc["security"] = json!([{ d.as_str(): [] }]);
        }
        if !self.tags.is_empty() {
            doc["tags"] = Value::Array(self.tags);
        }
        doc["paths"] = Value::Object(self.paths);
        let mut components = Map::new();
        if !self.components.is_empty() {
            components.insert("schemas".into(), json!(self.components));
        }
        if !self.schemes.is_empty() {
            components.insert("securitySchemes".into(), json!(self.schemes));
        }
        if !components.is_empty() {
            doc["components"] = Value::Object(components);
        }
        for w in &self.warnings {
            eprintln!("warning: {w}");
        }
        Ok(doc)
    }

    fn server(&self) -> Value {
        let host = self.first_host.clone().unwrap_or_default();
        let resolved = VAR.replace_all(&host, |c: &regex::Captures| {
            self.variables.get(&c[1]).cloned().unwrap_or_else(|| c[0].to_string())
        });
        if resolved.contains("{{") || resolved.is_empty() {
            json!({"url": "/", "description": format!("The collection leaves the host to a variable ({host}); set it to the API's base URL.")})
        } else if resolved.contains("://") {
            json!({"url": resolved.trim_end_matches('/')})
        } else {
            json!({"url": format!("https://{}", resolved.trim_end_matches('/'))})
        }
    }
}

static VAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{([^{}]+)\}\}").unwrap());

/// The parts of a request's URL, from an URL object, a published export's `urlObject`, or a
/// plain string.
struct Url {
    host: Option<String>,
    path: Vec<String>,
    query: Vec<Value>,
    variables: Vec<Value>,
}

impl Url {
    fn from_request(request: &Value) -> Result<Url> {
        match request.get("url") {
            Some(Value::Object(o)) => Ok(Url::from_object(o)),
            Some(Value::String(s)) => match request.get("urlObject") {
                Some(Value::Object(o)) => {
                    let mut u = Url::from_object(o);
                    if u.host.is_none() {
                        u.host = Url::parse(s).host;
                    }
                    Ok(u)
                }
                _ => Ok(Url::parse(s)),
            },
            None | Some(Value::Null) => bail!("the request has no URL"),
            Some(_) => bail!("`url` is neither an object nor a string"),
        }
    }

    fn from_object(o: &Map<String, Value>) -> Url {
        let host = match o.get("host") {
            Some(Value::Array(parts)) => Some(parts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(".")),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        let host = host.map(|h| match o.get("protocol").and_then(Value::as_str) {
            Some(p) if !h.starts_with("{{") => format!("{p}://{h}"),
            _ => h,
        });
        let path = match o.get("path") {
            Some(Value::Array(parts)) => parts
                .iter()
                .filter_map(|p| match p {
                    Value::String(s) => Some(s.clone()),
                    // v2.1 allows `{type, value}` segments.
                    Value::Object(s) => s.get("value").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                })
                .collect(),
            Some(Value::String(s)) => s.split('/').map(str::to_string).collect(),
            _ => match o.get("raw").and_then(Value::as_str) {
                Some(raw) => Url::parse(raw).path,
                None => vec![],
            },
        };
        let list = |k: &str| o.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        Url { host, path, query: list("query"), variables: list("variable") }
    }

    fn parse(raw: &str) -> Url {
        let raw = raw.trim_start();
        let (before_query, query) = match raw.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (raw, None),
        };
        let (scheme, rest) = match before_query.split_once("://") {
            Some((s, r)) => (Some(s), r),
            None => (None, before_query),
        };
        let (host, path) = match rest.split_once('/') {
            Some((h, p)) => (h, p),
            None => (rest, ""),
        };
        let host = match scheme {
            Some(s) => format!("{s}://{host}"),
            None => host.to_string(),
        };
        let query = query
            .map(|q| {
                q.split('&')
                    .filter(|kv| !kv.is_empty())
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        json!({"key": k, "value": v})
                    })
                    .collect()
            })
            .unwrap_or_default();
        Url {
            host: (!host.is_empty()).then_some(host),
            path: path.split('/').map(str::to_string).collect(),
            query,
            variables: vec![],
        }
    }
}

/// Parameters are unique by name and location: a repeated query key (`?tag=a&tag=b`) is a list,
/// any other repetition is dropped.
fn push_param(params: &mut Vec<Value>, p: Value) {
    match params.iter_mut().find(|e| e["name"] == p["name"] && e["in"] == p["in"]) {
        Some(existing) => {
            if p["in"] == "query" && existing["schema"]["type"] != "array" {
                let item = existing["schema"].take();
                existing["schema"] = json!({"type": "array", "items": item});
            }
        }
        None => params.push(p),
    }
}

/// A parameter's schema from its example value, refined by the description's hints.
fn value_schema(value: Option<&str>, h: &Hints) -> Value {
    let mut s = Map::new();
    match value.map(str::trim).filter(|v| !v.is_empty() && !v.contains("{{")) {
        Some(v) if v.parse::<i64>().is_ok() => {
            s.insert("type".into(), json!("integer"));
            s.insert("example".into(), json!(v.parse::<i64>().unwrap()));
        }
        Some(v) if v.parse::<f64>().is_ok() && h.ty != Some("string") => {
            s.insert("type".into(), json!("number"));
            s.insert("example".into(), json!(v.parse::<f64>().unwrap()));
        }
        Some(v @ ("true" | "false")) => {
            s.insert("type".into(), json!("boolean"));
            s.insert("example".into(), json!(v == "true"));
        }
        Some(v) => {
            s.insert("type".into(), json!("string"));
            s.insert("example".into(), json!(v));
        }
        None => {
            s.insert("type".into(), json!("string"));
        }
    }
    describe::apply(h, &mut s);
    // A typed hint can leave a string example on a number ("5" for an integer): keep it coherent.
    if let (Some("string"), Some(ex)) = (s.get("type").and_then(Value::as_str), s.get("example").cloned()) {
        if !ex.is_string() {
            s.insert("example".into(), json!(ex.to_string()));
        }
    }
    if s.get("type").and_then(Value::as_str) == Some("boolean") {
        if let Some(Value::String(v)) = s.get("example").cloned() {
            s.insert("example".into(), json!(v == "true"));
        }
    }
    Value::Object(s)
}

/// Strips `//` and `/* */` comments outside strings, and turns unquoted `{{var}}` placeholders
/// into `null`; returns the clean text and each commented key's comment.
fn strip_json_comments(raw: &str) -> (String, BTreeMap<String, String>) {
    static KEY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""([^"\\]+)"\s*:"#).unwrap());
    let mut out = String::with_capacity(raw.len());
    let mut comments = BTreeMap::new();
    let mut in_block = false;
    for line in raw.lines() {
        let mut clean = String::new();
        let mut in_str = false;
        let mut escaped = false;
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut comment = None;
        while i < chars.len() {
            let c = chars[i];
            if in_block {
                if c == '*' && chars.get(i + 1) == Some(&'/') {
                    in_block = false;
                    i += 1;
                }
            } else if in_str {
                clean.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
                clean.push(c);
            } else if c == '/' && chars.get(i + 1) == Some(&'/') {
                comment = Some(chars[i + 2..].iter().collect::<String>().trim().to_string());
                break;
            } else if c == '/' && chars.get(i + 1) == Some(&'*') {
                in_block = true;
                i += 1;
            } else {
                clean.push(c);
            }
            i += 1;
        }
        if let (Some(comment), Some(key)) = (comment, KEY.captures(&clean)) {
            if !comment.is_empty() {
                comments.insert(key[1].to_string(), comment);
            }
        }
        out.push_str(&clean);
        out.push('\n');
    }
    // Unquoted placeholders only: a `{{var}}` inside a string is a fine string.
    static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(:\s*|\[\s*|,\s*)\{\{[^{}"]+\}\}"#).unwrap());
    (PLACEHOLDER.replace_all(&out, "${1}null").into_owned(), comments)
}

fn variables(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| Some((v.get("key")?.as_str()?.to_string(), scalar_str(v.get("value"))?)))
        .collect()
}

fn scalar_str(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn scalar_version(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => Some(format!(
            "{}.{}.{}",
            o.get("major").and_then(Value::as_u64).unwrap_or(1),
            o.get("minor").and_then(Value::as_u64).unwrap_or(0),
            o.get("patch").and_then(Value::as_u64).unwrap_or(0)
        )),
        _ => None,
    }
}

/// v2.1 stores auth parameters as `[{key, value}]`, v2.0 as an object.
fn auth_param(auth: &Value, kind: &str, key: &str) -> Option<String> {
    match auth.get(kind)? {
        Value::Array(kvs) => kvs
            .iter()
            .find(|kv| kv.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|kv| scalar_str(kv.get("value"))),
        Value::Object(o) => scalar_str(o.get(key)),
        _ => None,
    }
}

fn reason(code: &str) -> &'static str {
    match code {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No Content",
        "400" => "Bad Request",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "Not Found",
        "409" => "Conflict",
        "422" => "Unprocessable Entity",
        "429" => "Too Many Requests",
        "500" => "Internal Server Error",
        _ => "Response",
    }
}

#[cfg(test)]
mod tests;

/// What the examples of one status code add up to: its description, the JSON shape inferred
/// from them with the examples, and a non-JSON content type with its example.
type ResponseParts = (String, Option<infer::Shape>, Map<String, Value>, Option<(String, String)>);
