//! One error type for every call, with the kinds of spec/SURFACE.md. It carries what the server said
//! (status, `detail`, FastAPI's field errors, `Retry-After`) and where (method, path template,
//! operation), never the token or a password.

pub use psb_model::{ErrorKind, ValidationIssue};
use std::fmt;
use std::time::Duration;

/// An error from the SDK. Match on [`Error::kind`]; the rest is context.
///
/// One pointer wide, so that every `Result` the SDK returns stays small (the context is about
/// 160 bytes, and an error is the rare path).
#[derive(Debug)]
pub struct Error {
    pub(crate) inner: Box<ErrorInner>,
}

#[derive(Debug)]
pub(crate) struct ErrorInner {
    pub(crate) kind: ErrorKind,
    pub(crate) status: Option<u16>,
    pub(crate) message: String,
    pub(crate) validation: Vec<ValidationIssue>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) operation: Option<&'static str>,
    pub(crate) method: Option<&'static str>,
    pub(crate) path: Option<&'static str>,
    pub(crate) body_excerpt: Option<String>,
    pub(crate) request_id: Option<String>,
    /// Whether the request provably never reached the server (a connect failure).
    pub(crate) unsent: bool,
    pub(crate) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        let inner = ErrorInner {
            kind,
            status: None,
            message: message.into(),
            validation: Vec::new(),
            retry_after: None,
            operation: None,
            method: None,
            path: None,
            body_excerpt: None,
            request_id: None,
            unsent: false,
            source: None,
        };
        Error { inner: Box::new(inner) }
    }

    pub(crate) fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    pub(crate) fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.inner.source = Some(Box::new(source));
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The server's message (FastAPI's `detail`), or ours when there was no answer.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// FastAPI's field errors (422 only).
    pub fn validation(&self) -> &[ValidationIssue] {
        &self.inner.validation
    }

    /// How long the server asked to wait (429, 503), from `Retry-After`.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The operation (`order_get_order_by_id`), when the error concerns one.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }

    pub fn method(&self) -> Option<&'static str> {
        self.inner.method
    }

    /// The path template (`/order/{id}`): ids and secrets are not in it.
    pub fn path(&self) -> Option<&'static str> {
        self.inner.path
    }

    /// The start of a body that did not decode (Decode errors, HTML error pages), passwords
    /// blanked.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.inner.body_excerpt.as_deref()
    }

    /// The answer's request id (`x-request-id`, else Cloudflare's `cf-ray`): quote it to
    /// support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner.kind)?;
        if let Some(s) = self.inner.status {
            write!(f, " ({s})")?;
        }
        if let (Some(m), Some(p)) = (self.inner.method, self.inner.path) {
            write!(f, " on {m} {p}")?;
        }
        write!(f, ": {}", self.inner.message)?;
        for issue in &self.inner.validation {
            write!(f, "; {}: {}", issue.loc.join("."), issue.msg)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The start of a body, for error messages: at most `max` characters, on a char boundary,
/// with the values of any `"password"` keys blanked (a body that failed to decode may well hold
/// a server's credentials).
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = redact_passwords(&String::from_utf8_lossy(body));
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

fn redact_passwords(text: &str) -> String {
    const KEY: &str = "\"password\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let trimmed = after.trim_start();
        let Some(value) = trimmed.strip_prefix(':') else {
            rest = after;
            continue;
        };
        out.push_str(&after[..after.len() - trimmed.len()]);
        out.push(':');
        let value_trimmed = value.trim_start();
        out.push_str(&value[..value.len() - value_trimmed.len()]);
        // The value: a string (up to its closing quote, escapes honoured) or a bare token.
        let end = if let Some(body) = value_trimmed.strip_prefix('"') {
            let mut escaped = false;
            body.char_indices()
                .find(|&(_, c)| {
                    let close = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    close
                })
                .map(|(i, _)| i + 2)
                .unwrap_or(value_trimmed.len())
        } else {
            value_trimmed.find([',', '}', ']', ' ', '\n']).unwrap_or(value_trimmed.len())
        };
        out.push_str("\"***\"");
        rest = &value_trimmed[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_blank_passwords() {
        let body = br#"{"ip": "1.1.1.1", "password": "s3cr\"et", "port": 22, "x": {"password":12345}}"#;
        let e = excerpt(body, 300);
        assert_eq!(e, r#"{"ip": "1.1.1.1", "password": "***", "port": 22, "x": {"password":"***"}}"#);
        assert_eq!(excerpt(br#"{"password": "cut"#, 300), r#"{"password": "***""#);
        assert_eq!(excerpt(b"no secrets here", 4), "no s…");
    }
}

#[cfg(test)]
mod size {
    /// Every `Result<T>` of the SDK carries this type: it stays one pointer.
    #[test]
    fn an_error_is_one_pointer() {
        assert_eq!(std::mem::size_of::<super::Error>(), std::mem::size_of::<usize>());
    }
}
