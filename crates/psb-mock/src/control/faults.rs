//! Queued faults: what the next N matching requests suffer instead of (or on top of) a normal
//! answer.

use axum::http::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::operations::{self, Operation};

/// What a fault does to a request.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status and `{"detail": ...}` without running the operation; with
    /// `retry_after`, a `Retry-After` header (seconds). `detail` is any JSON, as FastAPI's
    /// `HTTPException(detail=...)` takes (a string usually, an object or list sometimes).
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<serde_json::Value>,
    },
    /// A Cloudflare HTML error page (502 or 520 usually), without running the operation.
    Cloudflare {
        #[serde(default = "default_cloudflare_status")]
        status: u16,
    },
    /// Wait this long, then run the operation normally.
    Latency { ms: u64 },
    /// Run the operation, then close the connection before any response: the effect happens,
    /// the answer is lost.
    Drop,
    /// Run the operation, announce the full `Content-Length`, send half the body, close.
    Truncate,
    /// Run the operation, send half its JSON body as a complete response.
    MalformedJson,
}

fn default_cloudflare_status() -> u16 {
    502
}

impl FaultKind {
    pub fn name(&self) -> &'static str {
        match self {
            FaultKind::Status { .. } => "status",
            FaultKind::Cloudflare { .. } => "cloudflare",
            FaultKind::Latency { .. } => "latency",
            FaultKind::Drop => "drop",
            FaultKind::Truncate => "truncate",
            FaultKind::MalformedJson => "malformed_json",
        }
    }
}

/// The body of `POST /__sandbox/faults`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    /// Match by operationId...
    #[serde(default)]
    pub operation_id: Option<String>,
    /// ...or by method and path (a concrete path like `/order/25284`, or the spec's template
    /// like `/order/{id}`).
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub path: Option<String>,
    /// How many matching requests suffer it (default 1).
    #[serde(default = "default_count")]
    pub count: u32,
    pub fault: FaultKind,
}

fn default_count() -> u32 {
    1
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Matcher {
    Operation { operation_id: String },
    Route { method: String, path: String },
}

impl Matcher {
    fn matches(&self, operation: Option<&Operation>, method: &Method, path: &str) -> bool {
        match self {
            Matcher::Operation { operation_id } => operation.is_some_and(|op| op.id == operation_id),
            Matcher::Route { method: wanted_method, path: wanted_path } => {
                wanted_method.eq_ignore_ascii_case(method.as_str())
                    && (wanted_path == path || operation.is_some_and(|op| op.template == wanted_path))
            }
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct QueuedFault {
    pub id: u64,
    #[serde(rename = "match")]
    pub matcher: Matcher,
    pub remaining: u32,
    pub fault: FaultKind,
}

#[derive(Default)]
pub struct FaultQueue {
    queued: Vec<QueuedFault>,
    next_id: u64,
}

impl FaultQueue {
    /// Checks a request for the queue, or says what is wrong with it.
    pub fn add(&mut self, request: FaultRequest) -> Result<QueuedFault, String> {
        let matcher = match (request.operation_id, request.method, request.path) {
            (Some(operation_id), None, None) => {
                if operations::by_id(&operation_id).is_none() {
                    return Err(format!("unknown operation_id {operation_id:?}"));
                }
                Matcher::Operation { operation_id }
            }
            (None, Some(method), Some(path)) => {
                Method::from_bytes(method.as_bytes()).map_err(|_| format!("invalid method {method:?}"))?;
                if !path.starts_with('/') {
                    return Err("path must start with '/'".into());
                }
                Matcher::Route { method: method.to_ascii_uppercase(), path }
            }
            _ => return Err("give either operation_id, or method and path".into()),
        };
        if request.count == 0 {
            return Err("count must be at least 1".into());
        }
        match &request.fault {
            // 1xx are not final answers: hyper cannot send one as a response.
            FaultKind::Status { status, .. } | FaultKind::Cloudflare { status } if !(200..=599).contains(status) => {
                return Err(format!("status {status} is not a final HTTP status (200..=599)"));
            }
            _ => {}
        }
        self.next_id += 1;
        let queued = QueuedFault { id: self.next_id, matcher, remaining: request.count, fault: request.fault };
        self.queued.push(queued.clone());
        Ok(queued)
    }

    /// The first queued fault matching the request, used up by one.
    pub fn take(&mut self, operation: Option<&Operation>, method: &Method, path: &str) -> Option<FaultKind> {
        let index = self.queued.iter().position(|f| f.matcher.matches(operation, method, path))?;
        let entry = &mut self.queued[index];
        entry.remaining -= 1;
        let fault = entry.fault.clone();
        if entry.remaining == 0 {
            self.queued.remove(index);
        }
        Some(fault)
    }

    pub fn list(&self) -> Value {
        serde_json::to_value(&self.queued).unwrap_or(Value::Null)
    }

    pub fn clear(&mut self) {
        self.queued.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: &str) -> FaultRequest {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_fault_serves_its_count_then_is_gone() {
        let mut queue = FaultQueue::default();
        queue.add(request(r#"{"operation_id": "users_get_data", "count": 2, "fault": {"type": "drop"}}"#)).unwrap();
        let op = operations::find(&Method::GET, "/users/me");
        assert_eq!(queue.take(op, &Method::GET, "/users/me"), Some(FaultKind::Drop));
        assert_eq!(queue.take(op, &Method::GET, "/users/me"), Some(FaultKind::Drop));
        assert_eq!(queue.take(op, &Method::GET, "/users/me"), None);
    }

    #[test]
    fn routes_match_concrete_paths_and_templates() {
        let mut queue = FaultQueue::default();
        queue
            .add(request(r#"{"method": "get", "path": "/order/{id}", "fault": {"type": "status", "status": 503}}"#))
            .unwrap();
        let op = operations::find(&Method::GET, "/order/76");
        assert_eq!(queue.take(operations::find(&Method::GET, "/order"), &Method::GET, "/order"), None);
        assert!(matches!(queue.take(op, &Method::GET, "/order/76"), Some(FaultKind::Status { status: 503, .. })));
    }

    #[test]
    fn bad_requests_are_explained() {
        let mut queue = FaultQueue::default();
        let unknown = queue.add(request(r#"{"operation_id": "nope", "fault": {"type": "drop"}}"#));
        assert!(unknown.unwrap_err().contains("unknown operation_id"));
        let neither = queue.add(request(r#"{"fault": {"type": "drop"}}"#));
        assert!(neither.is_err());
        let zero = queue.add(request(r#"{"operation_id": "users_get_data", "count": 0, "fault": {"type": "drop"}}"#));
        assert!(zero.is_err());
    }
}
