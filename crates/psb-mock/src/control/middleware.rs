//! Wraps every API request: applies the configured latency and any queued fault, then counts
//! the answer for coverage and logs it. Control API requests pass straight through.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, SERVER};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::StreamExt;
use serde_json::json;

use super::faults::FaultKind;
use super::requests::RecordedRequest;
use crate::operations;
use crate::server::ConnectionKill;
use crate::shared::AppState;
use crate::timefmt::zulu;

pub const CONTROL_PREFIX: &str = "/__sandbox";

pub async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with(CONTROL_PREFIX) || request.method() == Method::OPTIONS {
        return next.run(request).await;
    }
    let kill = request.extensions().get::<ConnectionKill>().cloned();
    // A server finishes what it started when the client hangs up (uvicorn does): the request
    // runs on a task of its own, so a client that gives up first (its timeout shorter than a
    // latency fault) still leaves the operation done and logged.
    // A reset cancels it (`Control::reset`).
    let guard = Arc::new(super::Control::enter(&state));
    let held = guard.clone();
    let task = tokio::spawn(async move {
        let response = handle(state, request, next).await;
        drop(held);
        response
    });
    guard.attach(task.abort_handle());
    drop(guard);
    match task.await {
        Ok(Some(response)) => response,
        Ok(None) => drop_connection(kill).await,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => status_response(503, None, Some("the sandbox was reset while serving this request".into())),
    }
}

/// The request, its fault applied and logged; `None` when the connection is to be dropped.
async fn handle(state: AppState, request: Request, next: Next) -> Option<Response> {
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let generation = state.control.generation();
    let method = request.method().clone();
    let operation = operations::find(&method, &path);
    let fault = state.control.faults().take(operation, &method, &path);
    let mut record = RecordedRequest {
        seq: 0,
        at: zulu(chrono::Utc::now()),
        method: method.to_string(),
        path,
        query: request.uri().query().map(str::to_owned),
        operation_id: operation.map(|op| op.id),
        status: None,
        duration_ms: 0.0,
        authorization: request.headers().contains_key(AUTHORIZATION).then_some("[redacted]"),
        extra_headers: request
            .headers()
            .iter()
            .filter(|(name, _)| name.as_str().starts_with("x-"))
            .map(|(name, value)| (name.to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        fault: fault.as_ref().map(FaultKind::name),
    };

    let mut latency = state.config.latency;
    if let Some(FaultKind::Latency { ms }) = fault {
        latency += Duration::from_millis(ms);
    }
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }

    let response = match fault {
        Some(FaultKind::Drop) => {
            // The operation runs, its answer is lost: the case a client must not repeat blindly
            // (an order placed, the connection gone before the response).
            let _ = next.run(request).await;
            finish(&state, record, None, started, generation);
            return None;
        }
        Some(FaultKind::Status { status, retry_after, detail }) => status_response(status, retry_after, detail),
        Some(FaultKind::Cloudflare { status }) => cloudflare_page(status),
        Some(FaultKind::Truncate) => truncate(next.run(request).await).await,
        Some(FaultKind::MalformedJson) => malform(next.run(request).await).await,
        Some(FaultKind::Latency { .. }) | None => next.run(request).await,
    };
    let response = if state.control.vocabulary().is_empty() { response } else { substitute(&state, response).await };
    record.status = Some(response.status().as_u16());
    finish(&state, record, Some(response.status().as_u16()), started, generation);
    Some(response)
}

/// Rewrites a JSON answer with the substituted vocabulary (`/__sandbox/vocabulary`).
async fn substitute(state: &AppState, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    state.control.vocabulary().apply(&mut value);
    let text = serde_json::to_vec(&value).expect("a Value serializes");
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(text))
}

fn finish(state: &AppState, mut record: RecordedRequest, status: Option<u16>, started: Instant, generation: u64) {
    if state.control.generation() != generation {
        return; // begun before a reset: not this run's request
    }
    record.duration_ms = (started.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let mangled = matches!(record.fault, Some("truncate" | "malformed_json"));
    state.control.coverage().record(record.operation_id, status, mangled);
    state.control.requests().push(record);
}

/// Asks the connection's task to close the socket; this request never gets an answer.
async fn drop_connection(kill: Option<ConnectionKill>) -> Response {
    match kill {
        Some(kill) => {
            kill.trigger();
            std::future::pending::<Response>().await
        }
        // Only reachable when the router is driven without the sandbox's own server loop.
        None => status_response(502, None, Some("connection dropped".into())),
    }
}

fn status_response(status: u16, retry_after: Option<u64>, detail: Option<serde_json::Value>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let detail = detail.unwrap_or_else(|| json!(status.canonical_reason().unwrap_or("Injected fault")));
    let mut response = (status, Json(json!({ "detail": detail }))).into_response();
    if let Some(seconds) = retry_after {
        response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
    }
    response
}

/// The HTML page Cloudflare serves when the origin fails, which clients must not parse as JSON.
fn cloudflare_page(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    let title = match status.as_u16() {
        520 => "Web server is returning an unknown error",
        521 => "Web server is down",
        522 => "Connection timed out",
        524 => "A timeout occurred",
        _ => "Bad gateway",
    };
    let code = status.as_u16();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<title>backend.psb.hosting | {code}: {title}</title>\n\
         <meta charset=\"UTF-8\" />\n</head>\n<body>\n<div id=\"cf-wrapper\">\n<div id=\"cf-error-details\">\n\
         <h1><span class=\"cf-error-type\">Error</span> <span class=\"cf-error-code\">{code}</span></h1>\n\
         <h2 class=\"cf-subheadline\">{title}</h2>\n\
         <p>Cloudflare Ray ID: <strong>8f1d2c3b4a596877</strong> &bull; Performance &amp; security by Cloudflare</p>\n\
         </div>\n</div>\n</body>\n</html>\n"
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=UTF-8"));
    headers.insert(SERVER, HeaderValue::from_static("cloudflare"));
    headers.insert("cf-ray", HeaderValue::from_static("8f1d2c3b4a596877-AMS"));
    response
}

/// The response's parts and whole body (API bodies are small; this cannot fail on them).
async fn split(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(CONTENT_LENGTH);
    (parts, bytes)
}

/// Announces the full length, sends half, then fails the body so the connection is cut.
async fn truncate(response: Response) -> Response {
    let (mut parts, bytes) = split(response).await;
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len().max(1)));
    // The failure comes a moment after the first half, so that the headers and the half are
    // flushed to the client before the connection is cut.
    let first_half = futures_util::stream::iter([Ok::<_, std::io::Error>(half)]);
    let failure = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "truncated by a sandbox fault"))
    });
    Response::from_parts(parts, Body::from_stream(first_half.chain(failure)))
}

/// A complete response whose JSON stops halfway, so it cannot be parsed.
async fn malform(response: Response) -> Response {
    let (parts, bytes) = split(response).await;
    let cut = (bytes.len() / 2).max(1).min(bytes.len());
    let mut body = bytes.slice(..cut).to_vec();
    if serde_json::from_slice::<serde_json::Value>(&body).is_ok() {
        // A body too short to break by halving (`[]`): make sure it does not parse.
        body.push(b',');
    }
    Response::from_parts(parts, Body::from(body))
}
