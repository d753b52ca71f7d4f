//! `psb::Error` as it crosses: one record whose `kind` says which error it is. Python's and
//! Kotlin's layers pick their exception class by that kind alone, so no layer restates the
//! kinds as variants of its own.

use psb::ErrorKind;
use psb_model::ValidationIssue;

/// An error from the SDK (uniffi needs an enum for an error; it has one variant).
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum PsbError {
    /// Every error: `kind` names it; the HTTP status (when the server answered), the server's
    /// message (`detail`), FastAPI's field errors (422), the `Retry-After` in milliseconds (429,
    /// 503) and the operation concerned; `description` is all of it in one line.
    #[error("{description}")]
    Failed {
        kind: ErrorKind,
        /// The whole story in one line: kind, status, method and path, message.
        description: String,
        status: Option<u16>,
        detail: String,
        validation: Vec<ValidationIssue>,
        retry_after_ms: Option<u64>,
        operation: Option<String>,
    },
}

impl From<psb::Error> for PsbError {
    fn from(e: psb::Error) -> PsbError {
        PsbError::Failed {
            kind: e.kind(),
            description: e.to_string(),
            status: e.status(),
            detail: e.message().to_owned(),
            validation: e.validation().to_vec(),
            retry_after_ms: e.retry_after().map(|d| d.as_millis() as u64),
            operation: e.operation().map(str::to_owned),
        }
    }
}

/// An InvalidArgument raised by the binding itself (a file it cannot read).
pub(crate) fn invalid_argument(detail: String) -> PsbError {
    PsbError::Failed {
        kind: ErrorKind::InvalidArgument,
        description: format!("InvalidArgument: {detail}"),
        status: None,
        detail,
        validation: Vec::new(),
        retry_after_ms: None,
        operation: None,
    }
}
