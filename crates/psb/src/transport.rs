//! Where every request is sent, retried and its failure decoded: the one send loop of the SDK.
//! Resources describe *what* to call; this module decides how often and what an answer means.

use crate::error::{excerpt, Error, ErrorKind, Result, ValidationIssue};
use crate::retry::{parse_retry_after, sleep};
use crate::Client;
use psb_api::progenitor_client::{Error as ApiError, ResponseValue};
use std::future::Future;
use tracing::{field::Empty, Instrument};

/// One operation of the API (`psb_api::operations`, generated from the operation table with
/// its retry class): what the send loop needs to name, trace and retry a call.
pub(crate) use psb_api::operations::Operation;

/// In wasm, one attempt with its result type erased: there the retry loop is compiled once
/// rather than once per operation (those copies were a large part of the npm package). Native
/// builds keep the loop generic: no allocation, no dynamic call (measured 3–10% faster with 64
/// concurrent calls on loopback).
#[cfg(target_arch = "wasm32")]
mod erased {
    pub type Value = Box<dyn std::any::Any>;
    pub type Attempt<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = crate::Result<(u16, Value)>> + 'a>>;
    pub type AttemptFn<'f, 'a> = dyn FnMut() -> Attempt<'a> + 'f;
}

impl Client {
    /// Sends a generated call (rebuilt for each attempt) through the retry loop.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) async fn call<'c, T, F, Fut>(&'c self, ep: &'static Operation, mut send: F) -> Result<T>
    where
        T: 'static,
        F: FnMut(&'c psb_api::Client) -> Fut,
        Fut: Future<Output = std::result::Result<ResponseValue<T>, ApiError<()>>> + 'c,
    {
        let api = &self.inner.api;
        self.run(ep, || {
            let fut = psb_api::answered::recording(send(api));
            async move {
                match fut.await {
                    (Ok(v), _) => Ok((v.status().as_u16(), v.into_inner())),
                    (Err(e), answer) => {
                        let err = from_api_error(e).await;
                        // An error answer has its own; a 2xx that did not decode gets the one noted.
                        match (answer, err.inner.status) {
                            (Some((status, id)), None) => {
                                Err(err.answered(status, id.and_then(|v| v.to_str().ok().map(str::to_owned))))
                            }
                            _ => Err(err),
                        }
                    }
                }
            }
        })
        .await
    }

    /// Sends a generated call through the retry loop. In wasm the generated client only builds
    /// each attempt's request; it leaves through `fetch` (fetch.rs) and is decoded here.
    #[cfg(target_arch = "wasm32")]
    pub(crate) async fn call<'c, T, F, Fut>(&'c self, ep: &'static Operation, mut send: F) -> Result<T>
    where
        T: serde::de::DeserializeOwned + 'static,
        F: FnMut(&'c psb_api::Client) -> Fut,
        Fut: Future<Output = std::result::Result<ResponseValue<T>, ApiError<()>>> + 'c,
    {
        let api = &self.inner.api;
        self.run(ep, || {
            // Only the building and the decoding are per operation; the exchange is one copy.
            let exchange = self.exchange(psb_api::built::request(send(api)));
            async move { decode(exchange.await?, |status| status == 200) }
        })
        .await
    }

    /// One attempt of a built request through `fetch`.
    #[cfg(target_arch = "wasm32")]
    fn exchange(
        &self,
        request: std::result::Result<reqwest::Request, ApiError<()>>,
    ) -> std::pin::Pin<Box<dyn Future<Output = Result<crate::fetch::Exchange>> + '_>> {
        Box::pin(async move {
            let request = match request {
                Ok(r) => r,
                Err(e) => return Err(from_api_error(e).await),
            };
            let body = match request.body().and_then(|b| b.as_bytes()) {
                Some(b) => crate::fetch::Body::Bytes(b.to_vec()),
                None => crate::fetch::Body::None,
            };
            let (method, url, headers, timeout) =
                (request.method().as_str(), request.url(), request.headers(), request.timeout().copied());
            self.inner.fetch.send(&self.call, method, url, headers, body, timeout).await
        })
    }

    /// The retry loop over attempts made by `attempt_once` (see [`Client::run_loop`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) async fn run<T, F, Fut>(&self, ep: &'static Operation, mut attempt_once: F) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(u16, T)>>,
    {
        self.run_loop(ep, &mut attempt_once).await
    }

    /// The retry loop over attempts made by `attempt_once`, type-erased (see `erased`).
    #[cfg(target_arch = "wasm32")]
    pub(crate) async fn run<'a, T, F, Fut>(&self, ep: &'static Operation, mut attempt_once: F) -> Result<T>
    where
        T: 'static,
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<(u16, T)>> + 'a,
    {
        let mut erased = || -> erased::Attempt<'a> {
            let fut = attempt_once();
            Box::pin(async move {
                let (status, value) = fut.await?;
                Ok((status, Box::new(value) as erased::Value))
            })
        };
        let value = self.run_loop(ep, &mut erased as &mut erased::AttemptFn<'_, 'a>).await?;
        Ok(*value.downcast::<T>().expect("the attempt's own type"))
    }

    /// The retry loop within the client's deadline, when it has one.
    async fn run_loop<A, Fut, V>(&self, ep: &'static Operation, attempt_once: &mut A) -> Result<V>
    where
        A: FnMut() -> Fut + ?Sized,
        Fut: Future<Output = Result<(u16, V)>>,
    {
        let Some(deadline) = self.inner.deadline else {
            return self.attempts(ep, attempt_once).await;
        };
        let attempts = std::pin::pin!(self.attempts(ep, attempt_once));
        let timer = std::pin::pin!(sleep(deadline));
        match futures_util::future::select(attempts, timer).await {
            futures_util::future::Either::Left((result, _)) => result,
            futures_util::future::Either::Right(_) => {
                let mut err = Error::new(
                    ErrorKind::Timeout,
                    format!("gave up: the deadline of {deadline:?} passed (retries included)"),
                );
                err.inner.operation = Some(ep.id);
                err.inner.method = Some(ep.method);
                err.inner.path = Some(ep.path);
                err.inner.past_deadline = true;
                Err(err)
            }
        }
    }

    /// The attempts: one tracing span each (operation, method, path template, attempt,
    /// status, elapsed), backoff between them, context on the final error.
    async fn attempts<A, Fut, V>(&self, ep: &'static Operation, attempt_once: &mut A) -> Result<V>
    where
        A: FnMut() -> Fut + ?Sized,
        Fut: Future<Output = Result<(u16, V)>>,
    {
        let mut attempt: u32 = 1;
        loop {
            let span = tracing::info_span!(
                "psb.request",
                operation = ep.id,
                method = ep.method,
                path = ep.path,
                attempt,
                status = Empty,
                elapsed_ms = Empty,
            );
            // Timed only for a subscriber: in wasm each reading of the clock is a call into JS.
            let started = (!span.is_disabled()).then(web_time::Instant::now);
            let result = attempt_once().instrument(span.clone()).await;
            if let Some(started) = started {
                span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            }
            match result {
                Ok((status, value)) => {
                    span.record("status", status);
                    tracing::debug!(parent: &span, "response");
                    return Ok(value);
                }
                Err(mut error) => {
                    if let Some(s) = error.inner.status {
                        span.record("status", s);
                    }
                    error.inner.operation = Some(ep.id);
                    error.inner.method = Some(ep.method);
                    error.inner.path = Some(ep.path);
                    if self.inner.retry.should_retry(&error, ep.idempotent, attempt) {
                        let delay = self.inner.retry.delay(attempt, error.inner.retry_after);
                        tracing::info!(parent: &span, kind = %error.inner.kind, delay_ms = delay.as_millis() as u64, "retrying");
                        sleep(delay).await;
                        attempt += 1;
                        continue;
                    }
                    tracing::debug!(parent: &span, kind = %error.inner.kind, "failed");
                    // A server that echoes the token back does not get it shown.
                    if let Some(token) = &self.inner.token {
                        error = error.redacting(&[token.expose()]);
                    }
                    return Err(error);
                }
            }
        }
    }
}

pub(crate) async fn from_api_error(e: ApiError<()>) -> Error {
    match e {
        ApiError::InvalidRequest(msg) => Error::invalid_argument(msg),
        ApiError::CommunicationError(e) | ApiError::InvalidUpgrade(e) => from_reqwest(e),
        ApiError::ResponseBodyError(e) => {
            Error::new(ErrorKind::Connection, "the response broke off before its end").with_source(e)
        }
        ApiError::InvalidResponsePayload(body, e) => decode_failure(&body, e),
        ApiError::UnexpectedResponse(response) => from_response(response).await,
        ApiError::ErrorResponse(rv) => {
            let mut err = Error::new(ErrorKind::from_status(rv.status().as_u16()), "error response");
            err.inner.status = Some(rv.status().as_u16());
            err
        }
        ApiError::Custom(msg) => Error::new(ErrorKind::Connection, msg),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn is_connect(e: &reqwest::Error) -> bool {
    e.is_connect()
}

// In a browser, fetch does not say whether the request left: assume it may have.
#[cfg(target_arch = "wasm32")]
fn is_connect(_: &reqwest::Error) -> bool {
    false
}

/// A success whose body does not fit the model: a Decode error with the start of the body.
pub(crate) fn decode_failure(body: &[u8], e: serde_json::Error) -> Error {
    let mut err = Error::new(ErrorKind::Decode, format!("the response does not fit the model: {e}"));
    err.inner.body_excerpt = Some(excerpt(body, 300));
    err.with_source(e)
}

pub(crate) fn from_reqwest(e: reqwest::Error) -> Error {
    match e.url().cloned() {
        Some(url) => reqwest_failure(e).sent_to(&url),
        None => reqwest_failure(e),
    }
}

fn reqwest_failure(e: reqwest::Error) -> Error {
    if e.is_timeout() {
        return Error::new(ErrorKind::Timeout, "the request timed out").with_source(e);
    }
    let host = e.url().map(|u| {
        let host = u.host_str().unwrap_or_default().to_owned();
        let port = u.port_or_known_default().map(|p| format!(":{p}")).unwrap_or_default();
        (host, port)
    });
    let (host, port) = host.unwrap_or_default();
    let cause = cause(&e);
    if let Some(Cause::Tls(why)) = &cause {
        let mut err = Error::new(ErrorKind::Connection, format!("the TLS handshake with {host} failed: {why}"));
        // The same certificate (or the same server speaking something else) fails the same way.
        err.inner.permanent = true;
        // A handshake that failed sent nothing of the request: no write to look for.
        err.inner.unsent = is_connect(&e);
        return err.with_source(e);
    }
    if is_connect(&e) {
        let message = match cause {
            Some(Cause::Dns) => format!("could not resolve the host name {host} (DNS)"),
            Some(Cause::Refused) => format!("{host}{port} refused the connection (is anything listening there?)"),
            Some(Cause::Reset) => format!("the connection to {host}{port} was reset while connecting"),
            _ => format!("could not connect to {host}{port}"),
        };
        let mut err = Error::new(ErrorKind::Connection, message).with_source(e);
        // Nothing of the request left this machine: safe to repeat even a POST.
        err.inner.unsent = true;
        return err;
    }
    if e.is_builder() {
        return Error::invalid_argument(format!("the request could not be built: {e}")).with_source(e);
    }
    if e.is_decode() {
        return Error::new(ErrorKind::Decode, "the response could not be read").with_source(e);
    }
    let message = match cause {
        Some(Cause::Reset) => format!("the connection to {host}{port} was reset before the answer came"),
        _ => format!("the connection to {host}{port} broke before the answer came"),
    };
    Error::new(ErrorKind::Connection, message).with_source(e)
}

/// What broke under a failed request. reqwest says only "connect" for a failed lookup, a
/// refusal and a failed TLS handshake alike; the causes below it say which.
#[derive(Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))] // fetch does not say why it failed
enum Cause {
    Dns,
    Refused,
    Reset,
    Tls(String),
}

#[cfg(not(target_arch = "wasm32"))]
fn cause(e: &reqwest::Error) -> Option<Cause> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = next {
        if let Some(tls) = tls_error(s) {
            return Some(Cause::Tls(tls));
        }
        // An io::Error's `source` skips the error it wraps, which may be another io::Error
        // (tokio-rustls wraps TLS's error twice).
        let mut io = s.downcast_ref::<std::io::Error>();
        while let Some(e) = io {
            use std::io::ErrorKind as K;
            match e.kind() {
                K::ConnectionRefused => return Some(Cause::Refused),
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                    return Some(Cause::Reset)
                }
                _ => {}
            }
            let inner = e.get_ref().map(|i| i as &(dyn std::error::Error + 'static));
            if let Some(tls) = inner.and_then(tls_error) {
                return Some(Cause::Tls(tls));
            }
            io = inner.and_then(|i| i.downcast_ref::<std::io::Error>());
        }
        // hyper-util names a failed lookup only in its text.
        if s.to_string().starts_with("dns error") {
            return Some(Cause::Dns);
        }
        next = s.source();
    }
    None
}

#[cfg(target_arch = "wasm32")]
fn cause(_: &reqwest::Error) -> Option<Cause> {
    None
}

#[cfg(all(feature = "rustls", not(target_arch = "wasm32")))]
fn tls_error(e: &(dyn std::error::Error + 'static)) -> Option<String> {
    e.downcast_ref::<rustls::Error>().map(ToString::to_string)
}

#[cfg(all(not(feature = "rustls"), not(target_arch = "wasm32")))]
fn tls_error(_: &(dyn std::error::Error + 'static)) -> Option<String> {
    None
}

/// A non-success response: the status decides the kind, the body supplies the message.
pub(crate) async fn from_response(response: reqwest::Response) -> Error {
    let url = response.url().clone();
    answer_failure(response).await.sent_to(&url)
}

async fn answer_failure(response: reqwest::Response) -> Error {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = match response.bytes().await {
        Ok(b) => b,
        Err(e) => {
            let mut err = Error::new(ErrorKind::from_status(status), "the error response broke off").with_source(e);
            err.inner.status = Some(status);
            return err;
        }
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    error_from_answer(status, header("content-type"), header("retry-after"), request_id(&headers).as_deref(), &body)
}

/// An answer's request id, for support (`x-request-id`, else Cloudflare's `cf-ray`).
pub(crate) fn request_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    psb_api::REQUEST_ID_HEADERS.iter().find_map(|name| headers.get(*name)?.to_str().ok()).map(str::to_owned)
}

/// An answer's status, headers and body as an Error (every target).
pub(crate) fn error_from_answer(
    status: u16,
    content_type: Option<&str>,
    retry_after: Option<&str>,
    request_id: Option<&str>,
    body: &[u8],
) -> Error {
    let mut err = error_from_body(status, content_type, body);
    err.inner.retry_after = retry_after.and_then(parse_retry_after);
    err.inner.request_id = request_id.map(str::to_owned);
    err
}

/// In wasm, an answer that came through `fetch`: its value when `ok(status)`, else its error.
#[cfg(target_arch = "wasm32")]
pub(crate) fn decode<T: serde::de::DeserializeOwned>(
    answer: crate::fetch::Exchange,
    ok: fn(u16) -> bool,
) -> Result<(u16, T)> {
    if !ok(answer.status) {
        let err = error_from_answer(
            answer.status,
            answer.content_type().as_deref(),
            answer.retry_after().as_deref(),
            answer.request_id().as_deref(),
            &answer.body,
        );
        return Err(err.sent_to(&answer.url));
    }
    match serde_json::from_slice(&answer.body) {
        Ok(v) => Ok((answer.status, v)),
        Err(e) => {
            Err(decode_failure(&answer.body, e).answered(answer.status, answer.request_id()).sent_to(&answer.url))
        }
    }
}

/// Reads FastAPI's `{"detail": "..."}` and `{"detail": [{"loc", "msg", "type"}]}`; anything
/// else (a proxy's HTML page, plain text) keeps its status and an excerpt.
pub(crate) fn error_from_body(status: u16, content_type: Option<&str>, body: &[u8]) -> Error {
    let kind = if (200..300).contains(&status) { ErrorKind::Server } else { ErrorKind::from_status(status) };
    let mut err = Error::new(kind, "");
    err.inner.status = Some(status);
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Detail {
        Text(String),
        Issues(Vec<RawIssue>),
        Other(serde_json::Value),
    }
    #[derive(serde::Deserialize)]
    struct RawIssue {
        #[serde(default)]
        loc: Vec<serde_json::Value>,
        #[serde(default)]
        msg: String,
        #[serde(default, rename = "type")]
        kind: String,
    }
    #[derive(serde::Deserialize)]
    struct Body {
        detail: Detail,
    }
    let is_html = content_type.is_some_and(|c| c.contains("html")) || body.trim_ascii_start().starts_with(b"<");
    if !is_html {
        if let Ok(b) = serde_json::from_slice::<Body>(body) {
            match b.detail {
                Detail::Text(t) => err.inner.message = t,
                Detail::Issues(issues) => {
                    err.inner.validation = issues
                        .into_iter()
                        .map(|i| ValidationIssue {
                            loc: i
                                .loc
                                .iter()
                                .map(|l| l.as_str().map(str::to_owned).unwrap_or_else(|| l.to_string()))
                                .collect(),
                            msg: i.msg,
                            kind: i.kind,
                        })
                        .collect();
                    err.inner.message = "the input is invalid".into();
                }
                Detail::Other(mut v) => {
                    // An object or a list as `detail`: shown as JSON, its secrets blanked.
                    crate::error::redact_json(&mut v);
                    err.inner.message = v.to_string();
                }
            }
            return err;
        }
    }
    err.inner.body_excerpt = Some(excerpt(body, 300));
    err.inner.message = if is_html {
        // A proxy's (Cloudflare's) error page: its title says what happened.
        html_title(body).unwrap_or_else(|| "the server answered with an HTML error page".into())
    } else if body.is_empty() {
        format!("HTTP {status} with an empty body")
    } else {
        excerpt(body, 200)
    };
    err
}

fn html_title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title = text[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fastapi_details() {
        let e = error_from_body(404, Some("application/json"), br#"{"detail": "Order not found"}"#);
        assert_eq!((e.kind(), e.status(), e.message()), (ErrorKind::NotFound, Some(404), "Order not found"));
        let e = error_from_body(422, None, br#"{"detail": [{"loc": ["body", "port"], "msg": "too big", "type": "less_than_equal"}, {"loc": ["query", 0], "msg": "x", "type": "y"}]}"#);
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.validation()[0].loc, ["body", "port"]);
        assert_eq!(e.validation()[1].loc, ["query", "0"]);
        assert!(e.to_string().contains("body.port: too big"), "{e}");
    }

    #[test]
    fn an_html_page_is_a_server_error_with_its_status() {
        let page = b"<!DOCTYPE html><html><head><title>backend.psb.hosting | 520: Web server is returning an unknown error</title></head><body>...</body></html>";
        let e = error_from_body(520, Some("text/html; charset=UTF-8"), page);
        assert_eq!((e.kind(), e.status()), (ErrorKind::Server, Some(520)));
        assert!(e.message().contains("520: Web server is returning an unknown error"));
        assert!(e.body_excerpt().unwrap().starts_with("<!DOCTYPE html>"));
    }

    proptest::proptest! {
        /// Whatever an error body holds, it becomes an Error with its status: never a panic.
        #[test]
        fn any_error_body_decodes(status in 100u16..600, body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), html in proptest::prelude::any::<bool>()) {
            let e = error_from_body(status, html.then_some("text/html"), &body);
            proptest::prop_assert_eq!(e.status(), Some(status));
        }
    }

    #[test]
    fn odd_bodies_keep_an_excerpt() {
        let e = error_from_body(503, None, b"upstream overloaded");
        assert_eq!((e.kind(), e.message()), (ErrorKind::Server, "upstream overloaded"));
        let e = error_from_body(429, None, b"");
        assert_eq!(e.kind(), ErrorKind::RateLimited);
    }
}
