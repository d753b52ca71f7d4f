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
///
/// `{:?}` reads as a sentence followed by its causes (what `?` from `main` prints); `{:#?}`
/// shows the fields.
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
    pub(crate) request_path: Option<String>,
    pub(crate) body_excerpt: Option<String>,
    pub(crate) request_id: Option<String>,
    /// Whether the request provably never reached the server (a connect failure).
    pub(crate) unsent: bool,
    /// Whether a retry would fail the same way (a TLS failure): never retried.
    pub(crate) permanent: bool,
    /// Whether the client's deadline ended the call: a write is then not looked up either.
    pub(crate) past_deadline: bool,
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
            request_path: None,
            body_excerpt: None,
            request_id: None,
            unsent: false,
            permanent: false,
            past_deadline: false,
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

    /// The path template (`/order/{id}`), as traces name it.
    pub fn path(&self) -> Option<&'static str> {
        self.inner.path
    }

    /// The path the request went to, its ids filled in (`/order/42`; no query), when it is
    /// known: the message names it then, else the template. It is known for every failure in
    /// wasm; natively, for an error answer, a failed connection and an upload's every failure,
    /// but not for a generated call whose success did not decode or broke off (progenitor's
    /// error does not carry the URL).
    pub fn request_path(&self) -> Option<&str> {
        self.inner.request_path.as_deref()
    }

    /// Notes the request's path (see [`Error::request_path`]).
    pub(crate) fn sent_to(mut self, url: &reqwest::Url) -> Error {
        self.inner.request_path = Some(url.path().to_owned());
        self
    }

    /// Notes the answer a failure came with (a 2xx that did not decode or broke off): its
    /// status and the request id support asks for.
    pub(crate) fn answered(mut self, status: u16, request_id: Option<String>) -> Error {
        self.inner.status = Some(status);
        self.inner.request_id = request_id;
        self
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
        if let (Some(m), Some(p)) = (self.inner.method, self.inner.request_path.as_deref().or(self.inner.path)) {
            write!(f, " on {m} {p}")?;
        }
        write!(f, ": {}", self.inner.message)?;
        for issue in &self.inner.validation {
            write!(f, "; {}: {}", issue.loc.join("."), issue.msg)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            return fmt::Debug::fmt(&self.inner, f);
        }
        write!(f, "{self}")?;
        if let Some(id) = &self.inner.request_id {
            write!(f, " (request id {id})")?;
        }
        let mut source = std::error::Error::source(self);
        if source.is_some() {
            f.write_str("\n\nCaused by:")?;
        }
        while let Some(s) = source {
            write!(f, "\n    {s}")?;
            source = s.source();
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
/// with the values of secret-named keys blanked (a body that failed to decode may well hold a
/// server's credentials).
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let text = redact_secret_keys(&String::from_utf8_lossy(body));
    let mut s: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        s.push('…');
    }
    s
}

/// Whether a key names a secret (`password`, `new_password`, `token`, `api_key`, ...): its
/// value is blanked wherever an error shows a body.
pub(crate) fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["password", "passwd", "secret", "token", "api_key", "apikey", "authorization", "private_key"]
        .iter()
        .any(|s| key.contains(s))
}

/// A JSON value with the values of its secret-named keys, at any depth, as `"***"`.
pub(crate) fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) {
                    *v = serde_json::Value::String("***".into());
                } else {
                    redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// JSON-ish text (perhaps cut short, perhaps not JSON at all) with the value of every
/// secret-named key blanked: `"password": "s3cret"` becomes `"password": "***"`.
fn redact_secret_keys(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('"') {
        let Some(close) = string_end(&rest[open + 1..]) else { break };
        let key = &rest[open + 1..open + 1 + close];
        let after = &rest[open + close + 2..];
        out.push_str(&rest[..open + close + 2]);
        let trimmed = after.trim_start();
        match trimmed.strip_prefix(':') {
            Some(value) if is_secret_key(key) => {
                out.push_str(&after[..after.len() - trimmed.len()]);
                out.push(':');
                let value_trimmed = value.trim_start();
                out.push_str(&value[..value.len() - value_trimmed.len()]);
                out.push_str("\"***\"");
                rest = &value_trimmed[value_end(value_trimmed)..];
            }
            _ => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Where the string whose opening quote precedes `s` closes (escapes honoured).
fn string_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    s.char_indices()
        .find(|&(_, c)| {
            let close = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            close
        })
        .map(|(i, _)| i)
}

/// The length of the JSON value at the start of `s`: a string, an object or array (nesting and
/// strings honoured), or a bare token; all of what is left when it is cut short.
fn value_end(s: &str) -> usize {
    if let Some(body) = s.strip_prefix('"') {
        return string_end(body).map(|i| i + 2).unwrap_or(s.len());
    }
    if s.starts_with(['{', '[']) {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        for (i, c) in s.char_indices() {
            if in_string {
                in_string = c != '"' || escaped;
                escaped = c == '\\' && !escaped;
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        }
        return s.len();
    }
    s.find([',', '}', ']', ' ', '\n']).unwrap_or(s.len())
}

impl Error {
    /// The error with every occurrence of `secrets` (what the call itself sent: a new password,
    /// the token) blanked in what it shows, free text included. A secret shorter than four
    /// characters is left alone: blanking every `t` would leave no message to read.
    pub(crate) fn redacting(mut self, secrets: &[&str]) -> Error {
        let inner = &mut *self.inner;
        for secret in secrets.iter().filter(|s| s.chars().count() >= 4) {
            let blank = |text: &mut String| {
                if text.contains(secret) {
                    *text = text.replace(secret, "***");
                }
            };
            blank(&mut inner.message);
            if let Some(b) = inner.body_excerpt.as_mut() {
                blank(b);
            }
            for issue in &mut inner.validation {
                blank(&mut issue.msg);
                issue.loc.iter_mut().for_each(&blank);
            }
        }
        self
    }
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

    #[test]
    fn every_secret_named_key_is_blanked_whatever_its_value() {
        let body = br#"{"detail": {"new_password": {"value": "abc", "n": [1, "}"]}, "api_token": ["x", "y"], "note": "token"}, "Secret": 5}"#;
        assert_eq!(
            excerpt(body, 300),
            r#"{"detail": {"new_password": "***", "api_token": "***", "note": "token"}, "Secret": "***"}"#
        );
        let mut v = serde_json::json!({"detail": [{"root_password": "p", "ok": {"authorization": "t"}}]});
        redact_json(&mut v);
        assert_eq!(v, serde_json::json!({"detail": [{"root_password": "***", "ok": {"authorization": "***"}}]}));
    }

    #[test]
    fn what_the_call_sent_is_blanked_in_free_text() {
        let mut e = Error::new(ErrorKind::BadRequest, "password n3w-Pass is too weak");
        e.inner.body_excerpt = Some("{\"detail\": \"password n3w-Pass is too weak\"}".into());
        let e = e.redacting(&["n3w-Pass", "", "t"]);
        assert_eq!(e.message(), "password *** is too weak");
        assert!(!e.body_excerpt().unwrap().contains("n3w-Pass"));
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
