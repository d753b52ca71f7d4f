//! Shared by the integration tests: a sandbox on loopback, a client, and a checker that holds
//! every JSON response to the schema `spec/openapi.json` gives for its operation and status.

#![allow(dead_code)] // each test binary uses a different part of this module

use std::sync::OnceLock;
use std::time::Duration;

use psb_mock::{Sandbox, SandboxConfig, SandboxHandle, DEFAULT_TOKEN, SECOND_USER_TOKEN};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const TOKEN: &str = DEFAULT_TOKEN;
pub const OTHER_TOKEN: &str = SECOND_USER_TOKEN;

/// A sandbox and a client for it. Server actions complete after 50 ms, to keep tests quick.
pub struct Harness {
    pub sandbox: SandboxHandle,
    pub client: reqwest::Client,
}

/// One answer: status, headers and the body parsed as JSON (`Value::Null` when it is not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Harness {
    pub async fn start() -> Self {
        Self::with_config(SandboxConfig::default().transition_delay(Duration::from_millis(50))).await
    }

    pub async fn with_config(config: SandboxConfig) -> Self {
        let sandbox = Sandbox::start(config).await.expect("sandbox starts on loopback");
        // No connection reuse: a fault that drops a connection must not affect the next test step.
        let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client builds");
        Self { sandbox, client }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.url(), path)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.header("Authorization", token),
            None => builder,
        }
    }

    /// Sends, reads, and checks the body against the spec.
    pub async fn send(&self, method: Method, path: &str, builder: reqwest::RequestBuilder) -> Reply {
        let response = builder.send().await.expect("the sandbox answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("the body arrives whole");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        if !path.starts_with("/__sandbox") {
            check_against_spec(&method, path, status, &body, &text);
        }
        Reply { status, headers, body }
    }

    /// Sends and reads without holding the answer to the spec: for injected faults, whose
    /// statuses (429, 5xx) the spec does not declare.
    pub async fn send_unchecked(&self, builder: reqwest::RequestBuilder) -> Reply {
        let response = builder.send().await.expect("the sandbox answers");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("the body arrives whole");
        Reply { status, headers, body: serde_json::from_str(&text).unwrap_or(Value::Null) }
    }

    pub async fn faulted(&self, method: Method, path: &str) -> Reply {
        self.send_unchecked(self.request(method, path, Some(TOKEN))).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_as(TOKEN, path).await
    }

    pub async fn get_as(&self, token: &str, path: &str) -> Reply {
        self.send(Method::GET, path, self.request(Method::GET, path, Some(token))).await
    }

    /// A form operation, sent urlencoded.
    pub async fn form(&self, method: Method, path: &str, fields: &[(&str, &str)]) -> Reply {
        self.form_as(TOKEN, method, path, fields).await
    }

    pub async fn form_as(&self, token: &str, method: Method, path: &str, fields: &[(&str, &str)]) -> Reply {
        let builder = self.request(method.clone(), path, Some(token)).form(fields);
        self.send(method, path, builder).await
    }

    /// A form operation, sent as multipart/form-data.
    pub async fn multipart(&self, method: Method, path: &str, form: reqwest::multipart::Form) -> Reply {
        let builder = self.request(method.clone(), path, Some(TOKEN)).multipart(form);
        self.send(method, path, builder).await
    }

    /// A request without a body.
    pub async fn call(&self, method: Method, path: &str) -> Reply {
        self.call_as(TOKEN, method, path).await
    }

    pub async fn call_as(&self, token: &str, method: Method, path: &str) -> Reply {
        self.send(method.clone(), path, self.request(method, path, Some(token))).await
    }

    pub async fn json(&self, method: Method, path: &str, body: Value) -> Reply {
        let builder = self.request(method.clone(), path, Some(TOKEN)).json(&body);
        self.send(method, path, builder).await
    }

    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut builder = self.request(method.clone(), path, None);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        self.send(method, path, builder).await
    }

    pub async fn balance(&self, token: &str) -> f64 {
        self.get_as(token, "/users/me").await.body["balance"].as_f64().expect("balance is a number")
    }

    /// Polls the order until its server reaches `status` (at most 3 s).
    pub async fn wait_for_server_status(&self, order_id: i64, status: &str) -> Value {
        for _ in 0..60 {
            let detail = self.get(&format!("/order/{order_id}")).await.body;
            if detail["status_machine"] == status {
                return detail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("order {order_id} never reached {status}");
    }
}

/// Asserts the FastAPI validation shape and that one issue is at `loc`.
pub fn assert_validation_error(reply: &Reply, loc: &[&str]) {
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "body: {}", reply.body);
    let issues = reply.body["detail"].as_array().expect("422 detail is a list");
    // Locations mix names and list indexes (`["body", "files", 0]`): compare them as text.
    let as_text = |part: &Value| part.as_str().map_or_else(|| part.to_string(), str::to_owned);
    let matches = |issue: &Value| {
        issue["loc"].as_array().is_some_and(|found| found.iter().map(as_text).eq(loc.iter().map(|p| p.to_string())))
    };
    assert!(issues.iter().any(matches), "no issue at {loc:?} in {}", reply.body);
    for issue in issues {
        assert!(issue["msg"].is_string() && issue["type"].is_string(), "issue shape: {issue}");
    }
}

/// Asserts a `{"detail": "..."}` error with this status.
pub fn assert_detail(reply: &Reply, status: u16) {
    assert_eq!(reply.status.as_u16(), status, "body: {}", reply.body);
    assert!(reply.body["detail"].is_string(), "detail should be a message: {}", reply.body);
}

// ------------------------------------------------------------------ the spec as a checker

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/openapi.json");
        let text = std::fs::read_to_string(path).expect("spec/openapi.json is readable");
        serde_json::from_str(&text).expect("spec/openapi.json is JSON")
    })
}

/// The spec's operation for a request, and its operationId.
pub fn spec_operation(method: &Method, path: &str) -> Option<(&'static str, &'static Value)> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut best: Option<(usize, &'static Value)> = None;
    for (template, item) in spec()["paths"].as_object()?.iter() {
        let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
        if parts.len() != segments.len() {
            continue;
        }
        let mut params = 0;
        let fits = parts.iter().zip(&segments).all(|(part, segment)| {
            if part.starts_with('{') {
                params += 1;
                true
            } else {
                part == segment
            }
        });
        if let (true, Some(operation)) = (fits, item.get(method.as_str().to_lowercase())) {
            if best.is_none_or(|(fewest, _)| params < fewest) {
                best = Some((params, operation));
            }
        }
    }
    best.map(|(_, op)| (op["operationId"].as_str().expect("operationId"), op))
}

/// Holds a response to the spec: its status must be one the operation declares, and a JSON
/// body must fit the declared schema. Success bodies may carry no undeclared field.
fn check_against_spec(method: &Method, path: &str, status: StatusCode, body: &Value, text: &str) {
    let Some((operation_id, operation)) = spec_operation(method, path) else { return };
    if status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::METHOD_NOT_ALLOWED {
        return; // transport-level refusals the spec does not list per operation
    }
    let mut response = operation["responses"]
        .get(status.as_str())
        .unwrap_or_else(|| panic!("{operation_id}: status {status} is not in the spec; body: {text}"));
    if let Some(reference) = response.get("$ref").and_then(Value::as_str) {
        response = resolve(reference);
    }
    let Some(schema) = response.pointer("/content/application~1json/schema") else { return };
    let strict = status.is_success();
    let mut errors = Vec::new();
    validate(schema, body, "$", strict, &mut errors);
    assert!(
        errors.is_empty(),
        "{operation_id} {status}: body does not fit the spec:\n{}\nbody: {text}",
        errors.join("\n")
    );
}

fn resolve(reference: &str) -> &'static Value {
    let pointer = reference.trim_start_matches('#');
    spec().pointer(pointer).unwrap_or_else(|| panic!("dangling $ref {reference}"))
}

/// A validator for the OpenAPI 3.0 subset the spec uses.
fn validate(schema: &Value, value: &Value, at: &str, strict: bool, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return validate(resolve(reference), value, at, strict, errors);
    }
    if value.is_null() {
        if !accepts_null(schema) {
            errors.push(format!("{at}: null where the schema is not nullable"));
        }
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for part in all {
            validate(part, value, at, strict, errors);
        }
    }
    if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
        let fitting = one
            .iter()
            .filter(|option| {
                let mut sub = Vec::new();
                validate(option, value, at, strict, &mut sub);
                sub.is_empty()
            })
            .count();
        if fitting != 1 {
            errors.push(format!("{at}: fits {fitting} of the oneOf options instead of exactly one: {value}"));
        }
    }
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        let fits = match kind {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => true,
        };
        if !fits {
            errors.push(format!("{at}: expected {kind}, got {value}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            errors.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
    }
    if let (Some(minimum), Some(number)) = (schema.get("minimum").and_then(Value::as_f64), value.as_f64()) {
        if number < minimum {
            errors.push(format!("{at}: {number} < minimum {minimum}"));
        }
    }
    if let (Some(maximum), Some(number)) = (schema.get("maximum").and_then(Value::as_f64), value.as_f64()) {
        if number > maximum {
            errors.push(format!("{at}: {number} > maximum {maximum}"));
        }
    }
    if let (Some(pattern), Some(text)) = (schema.get("pattern").and_then(Value::as_str), value.as_str()) {
        if !simple_pattern_matches(pattern, text) {
            errors.push(format!("{at}: {text:?} does not match {pattern}"));
        }
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                errors.push(format!("{at}: missing required field {name:?}"));
            }
        }
        for (name, field) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(field_schema) => validate(field_schema, field, &format!("{at}.{name}"), strict, errors),
                None if strict && properties.is_some() && schema.get("additionalProperties").is_none() => {
                    errors.push(format!("{at}: field {name:?} is not in the spec"))
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            validate(items, item, &format!("{at}[{index}]"), strict, errors);
        }
    }
}

/// OpenAPI 3.0: `nullable` on the schema itself, on the one `oneOf` option null fits, or on
/// every `allOf` part.
fn accepts_null(schema: &Value) -> bool {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return accepts_null(resolve(reference));
    }
    if schema["nullable"] == true {
        return true;
    }
    if let Some(one) = schema.get("oneOf").and_then(Value::as_array) {
        return one.iter().filter(|option| accepts_null(option)).count() == 1;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        return all.iter().all(accepts_null);
    }
    false
}

/// The spec's two patterns, checked without a regex engine: signed integers, and timestamps
/// starting `YYYY-MM-DD HH:MM:SS` (with a space or `T`).
fn simple_pattern_matches(pattern: &str, text: &str) -> bool {
    match pattern {
        "^-?[0-9]+$" => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        }
        p if p.starts_with("^[0-9]{4}-") => {
            let bytes = text.as_bytes();
            bytes.len() >= 19
                && text[..4].chars().all(|c| c.is_ascii_digit())
                && bytes[4] == b'-'
                && bytes[7] == b'-'
                && (bytes[10] == b' ' || bytes[10] == b'T')
                && bytes[13] == b':'
                && bytes[16] == b':'
        }
        _ => true,
    }
}
