//! `psb::Error` as it crosses: one variant per kind (a Python exception class, a Kotlin
//! sealed-class member), each with the same fields.

use psb::ErrorKind;
use psb_model::ValidationIssue;

macro_rules! psb_error {
    ($( $(#[$doc:meta])* $variant:ident ),+ $(,)?) => {
        /// An error from the SDK. Every variant carries the HTTP status (when the server
        /// answered), the server's message (`detail`), FastAPI's field errors (422), the
        /// `Retry-After` in milliseconds (429, 503) and the operation concerned; `description`
        /// is all of it in one line.
        #[derive(Debug, thiserror::Error, uniffi::Error)]
        pub enum PsbError {
            $(
                $(#[$doc])*
                #[error("{description}")]
                $variant {
                    /// The variant as a value (for a `when`/`match` over kinds).
                    kind: ErrorKind,
                    /// The whole story in one line: kind, status, method and path, message.
                    description: String,
                    status: Option<u16>,
                    detail: String,
                    validation: Vec<ValidationIssue>,
                    retry_after_ms: Option<u64>,
                    operation: Option<String>,
                },
            )+
        }

        impl From<psb::Error> for PsbError {
            fn from(e: psb::Error) -> PsbError {
                let status = e.status();
                let description = e.to_string();
                let detail = e.message().to_owned();
                let validation = e.validation().to_vec();
                let retry_after_ms = e.retry_after().map(|d| d.as_millis() as u64);
                let operation = e.operation().map(str::to_owned);
                match e.kind() {
                    $( ErrorKind::$variant => PsbError::$variant { kind: e.kind(), description, status, detail, validation, retry_after_ms, operation }, )+
                }
            }
        }
    };
}

psb_error! {
    /// 400: the server refused the request.
    BadRequest,
    /// 401: the token is missing or wrong.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409: the object's state does not allow this.
    Conflict,
    /// 422: invalid input; `validation` lists the field errors.
    Validation,
    /// 429: `retry_after_ms` says when to come back.
    RateLimited,
    /// 5xx or another unexpected status.
    Server,
    /// The request or the connection timed out.
    Timeout,
    /// The connection failed or broke.
    Connection,
    /// The response does not fit the model.
    Decode,
    /// Refused before sending.
    InvalidArgument,
}

/// An InvalidArgument raised by the binding itself (a file it cannot read).
pub(crate) fn invalid_argument(detail: String) -> PsbError {
    PsbError::InvalidArgument {
        kind: ErrorKind::InvalidArgument,
        description: format!("InvalidArgument: {detail}"),
        status: None,
        detail,
        validation: Vec::new(),
        retry_after_ms: None,
        operation: None,
    }
}
