//! Errors as the provider's FastAPI server writes them: `{"detail": "..."}` for most 4xx, and
//! `{"detail": [{"loc": [...], "msg": ..., "type": ...}]}` for invalid input (422).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};

/// Bodies above this size are refused with 413 (attachments included).
pub const MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug)]
pub enum ApiError {
    /// 401: no token, or one that belongs to nobody.
    Unauthorized(&'static str),
    /// 400: the request is valid but cannot be carried out (balance too low, product unavailable).
    BadRequest(String),
    /// 404: no such object, or it belongs to another user.
    NotFound(String),
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 409: the object's state forbids it (deleted order, not a server, not paid yet).
    Conflict(String),
    /// 413: the body is over [`MAX_BODY_BYTES`].
    PayloadTooLarge,
    /// 422: invalid input, one issue per field.
    Validation(Vec<ValidationIssue>),
}

/// One entry of a 422's `detail`, as pydantic reports it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ValidationIssue {
    pub loc: Vec<Value>,
    pub msg: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<Value>,
}

impl ValidationIssue {
    /// `location` is FastAPI's: `("body", "port")`, `("query", "pageSize")`, `("path", "id")`.
    pub fn new(location: &str, field: &str, kind: &str, msg: impl Into<String>) -> Self {
        let mut loc = vec![Value::from(location)];
        if !field.is_empty() {
            loc.push(Value::from(field));
        }
        Self { loc, msg: msg.into(), kind: kind.to_owned(), input: None }
    }

    pub fn with_input(mut self, input: impl Into<Value>) -> Self {
        self.input = Some(input.into());
        self
    }

    pub fn missing(location: &str, field: &str) -> Self {
        Self::new(location, field, "missing", "Field required")
    }

    pub fn not_an_integer(location: &str, field: &str, input: &str) -> Self {
        Self::new(
            location,
            field,
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        )
        .with_input(input)
    }
}

impl ApiError {
    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::NotFound(what.into())
    }

    pub fn conflict(why: impl Into<String>) -> Self {
        ApiError::Conflict(why.into())
    }

    pub fn bad_request(why: impl Into<String>) -> Self {
        ApiError::BadRequest(why.into())
    }

    pub fn invalid(issue: ValidationIssue) -> Self {
        ApiError::Validation(vec![issue])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match self {
            ApiError::Unauthorized(why) => json!(why),
            ApiError::BadRequest(why) | ApiError::NotFound(why) | ApiError::Conflict(why) => json!(why),
            ApiError::MethodNotAllowed => json!("Method Not Allowed"),
            ApiError::PayloadTooLarge => {
                json!(format!("Request body is larger than {} MB", MAX_BODY_BYTES / (1024 * 1024)))
            }
            ApiError::Validation(issues) => json!(issues),
        };
        (status, Json(json!({ "detail": detail }))).into_response()
    }
}

/// Collects the issues of one request so that all of them are reported at once, as FastAPI does.
#[derive(Default)]
pub struct Issues(Vec<ValidationIssue>);

impl Issues {
    pub fn push(&mut self, issue: ValidationIssue) {
        self.0.push(issue);
    }

    /// `Ok(value)` when nothing was reported, else the 422 with every issue.
    pub fn finish<T>(self, value: T) -> Result<T, ApiError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ApiError::Validation(self.0))
        }
    }
}

/// The fallback for paths no operation has, spelled as FastAPI does.
pub async fn not_found_fallback() -> ApiError {
    ApiError::not_found("Not Found")
}

pub async fn method_not_allowed_fallback() -> ApiError {
    ApiError::MethodNotAllowed
}
