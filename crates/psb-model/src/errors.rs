//! The kinds of error every language's SDK reports (spec/SURFACE.md), and FastAPI's field errors:
//! vocabulary shared by the Rust error type and every binding's.

use std::fmt;

/// What went wrong, in the terms every binding uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ErrorKind {
    /// 400 and other 4xx without a kind of their own: the server refused the request (for
    /// example, the balance is too low, or the upload is too large).
    BadRequest,
    /// 401: the token is missing or wrong.
    Unauthorized,
    /// 403: the token may not do this.
    Forbidden,
    /// 404: no such object, or it belongs to another account.
    NotFound,
    /// 409: the object's state does not allow this (for example, the order is deleted).
    Conflict,
    /// 422: the input is invalid; the error carries FastAPI's field errors.
    Validation,
    /// 429: too many requests; the error carries `Retry-After`.
    RateLimited,
    /// 5xx (including a proxy's HTML error page), or any other unexpected status.
    Server,
    /// The request or the connection timed out (408 too).
    Timeout,
    /// The connection failed or broke.
    Connection,
    /// The response does not fit the model.
    Decode,
    /// Refused before sending: an argument is out of range.
    InvalidArgument,
    /// A write whose answer was lost (a timeout, a broken connection) and whose effect the
    /// server's own state could not settle: it may or may not have been carried out. The
    /// message says what was checked; look before repeating it.
    OutcomeUnknown,
}

impl ErrorKind {
    /// The kind a status stands for. An unlisted 4xx (405, 410, 413, 415, ...) is the
    /// request's fault, so BadRequest; 408 is the server giving up waiting, so Timeout.
    // The specific 4xx arms come first on purpose; the range catches the rest.
    #[allow(clippy::match_overlapping_arm)]
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            408 => ErrorKind::Timeout,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::Validation,
            429 => ErrorKind::RateLimited,
            400..=499 => ErrorKind::BadRequest,
            _ => ErrorKind::Server,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "BadRequest",
            ErrorKind::Unauthorized => "Unauthorized",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::Validation => "Validation",
            ErrorKind::RateLimited => "RateLimited",
            ErrorKind::Server => "Server",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Connection => "Connection",
            ErrorKind::Decode => "Decode",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::OutcomeUnknown => "OutcomeUnknown",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One field error of a 422 response (FastAPI's `{"loc", "msg", "type"}`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ValidationIssue {
    /// Where: `["body", "port"]`, `["query", "pageSize"]`.
    pub loc: Vec<String>,
    pub msg: String,
    #[serde(rename = "type")]
    pub kind: String,
}
