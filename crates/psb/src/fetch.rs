//! In wasm, how an attempt leaves and what comes back: one call of JS `fetch` per attempt
//! (`js/fetch.js`), the caller's own `fetch` when the client was given one. The generated client
//! still builds each request (`psb_api::built`); transport.rs decodes the answer as it does on
//! every target. reqwest's wasm path, which made a `Headers`, a `Request`, an `AbortController`
//! and a `DOMException` per call and copied every response header, is not in the module.

use crate::error::{Error, ErrorKind, Result};
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/js/fetch.js")]
extern "C" {
    type Answer;
    #[wasm_bindgen(method, getter)]
    fn status(this: &Answer) -> u16;
    #[wasm_bindgen(method, getter)]
    fn body(this: &Answer) -> Option<Vec<u8>>;
    #[wasm_bindgen(method, getter, js_name = retryAfter)]
    fn retry_after(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = requestId)]
    fn request_id(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter, js_name = contentType)]
    fn content_type(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn error(this: &Answer) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn phase(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn code(this: &Answer) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn why(this: &Answer) -> Option<String>;

    #[wasm_bindgen(js_name = send)]
    fn send_js(
        fetch: &JsValue,
        method: &str,
        url: &str,
        headers: &str,
        body: JsValue,
        timeout_ms: f64,
        signal: &JsValue,
    ) -> js_sys::Promise;

    #[wasm_bindgen(js_name = formData)]
    fn form_data(parts: js_sys::Array) -> JsValue;
}

/// What a client sends with: a JS `fetch` (the global one, looked up at each call, when none
/// was given) and the headers every request gets.
#[derive(Clone, Default)]
pub(crate) struct Fetch {
    pub(crate) function: Option<JsHandle>,
    pub(crate) user_agent: String,
}

/// The longest wait `setTimeout` takes (2^31 - 1 ms, about 24.8 days).
pub(crate) const MAX_TIMER_MS: f64 = i32::MAX as f64;

/// Per-call settings a JS caller may give (`{ signal, timeout }`).
#[derive(Clone, Default)]
pub(crate) struct CallOptions {
    pub(crate) signal: Option<JsHandle>,
    pub(crate) timeout: Option<Duration>,
}

/// A JS value kept by the core: the caller's `fetch` or signal, or what `fetch` threw (an
/// error's `source`, which the binding hands to JS as the error's `cause`).
#[derive(Clone)]
pub struct JsHandle(JsValue);

// SAFETY: wasm32-unknown-unknown without the `atomics` target feature has one thread, so a JS
// value can never be reached from another; `Send`/`Sync` are what `psb::Error`'s source and the
// client's shared state require.
#[cfg(not(target_feature = "atomics"))]
unsafe impl Send for JsHandle {}
#[cfg(not(target_feature = "atomics"))]
unsafe impl Sync for JsHandle {}

impl JsHandle {
    pub(crate) fn new(value: JsValue) -> JsHandle {
        JsHandle(value)
    }

    /// The JS value itself.
    pub fn value(&self) -> &JsValue {
        &self.0
    }
}

/// What `fetch` threw or rejected with: the error's `source`, its text the JS message.
#[derive(Clone)]
pub struct JsCause {
    value: JsHandle,
    text: String,
}

impl JsCause {
    /// The JS error, as `fetch` threw it.
    pub fn value(&self) -> &JsValue {
        self.value.value()
    }
}

impl std::fmt::Display for JsCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text.trim())
    }
}

impl std::fmt::Debug for JsCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JsCause({:?})", self.text.trim())
    }
}

impl std::error::Error for JsCause {}

/// A request body as fetch takes it.
pub(crate) enum Body {
    None,
    Bytes(Vec<u8>),
    /// Multipart fields: `(name, text)` and `(name, bytes, file name, content type)`.
    Form(Vec<(String, String)>, Vec<(String, Vec<u8>, String, String)>),
}

/// An answer: its status and its body; the headers an error reads are read from JS only then
/// (each is a call into JS, and a success needs none).
pub(crate) struct Exchange {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// Where the request went: a failure's message names its path.
    pub(crate) url: reqwest::Url,
    answer: Answer,
}

impl Exchange {
    pub(crate) fn retry_after(&self) -> Option<String> {
        self.answer.retry_after()
    }

    pub(crate) fn request_id(&self) -> Option<String> {
        self.answer.request_id()
    }

    pub(crate) fn content_type(&self) -> Option<String> {
        self.answer.content_type()
    }
}

impl Fetch {
    /// Sends one attempt. `Err` when there is no answer to read: the failure as an Error with
    /// the JS error as its source.
    pub(crate) async fn send(
        &self,
        call: &CallOptions,
        method: &str,
        url: &reqwest::Url,
        headers: &reqwest::header::HeaderMap,
        body: Body,
        timeout: Option<Duration>,
    ) -> Result<Exchange> {
        let mut lines = String::with_capacity(128);
        for (name, value) in headers {
            push_header(&mut lines, name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
        }
        if !self.user_agent.is_empty() && !headers.contains_key(reqwest::header::USER_AGENT) {
            push_header(&mut lines, "user-agent", &self.user_agent);
        }
        let body = match body {
            Body::None => JsValue::UNDEFINED,
            // Its own ArrayBuffer, exactly the body's length (FetchInit's type in index.d.ts).
            Body::Bytes(b) => js_sys::Uint8Array::from(b.as_slice()).buffer().into(),
            Body::Form(fields, files) => {
                let parts = js_sys::Array::new();
                for (name, text) in fields {
                    parts.push(&js_sys::Array::of2(&name.into(), &text.into()));
                }
                for (name, bytes, file_name, content_type) in files {
                    let bytes = js_sys::Uint8Array::from(bytes.as_slice());
                    parts.push(&js_sys::Array::of4(&name.into(), &bytes, &file_name.into(), &content_type.into()));
                }
                form_data(parts)
            }
        };
        // setTimeout's range: past 2^31 - 1 ms it fires at once. (0 means none to fetch.js; both
        // timeouts are refused at zero, so the floor only guards that meaning.)
        let timeout = call.timeout.or(timeout).map_or(0.0, |t| (t.as_secs_f64() * 1000.0).clamp(1.0, MAX_TIMER_MS));
        let undefined = JsValue::UNDEFINED;
        let fetch = self.function.as_ref().map_or(&undefined, JsHandle::value);
        let signal = call.signal.as_ref().map_or(&undefined, JsHandle::value);
        let promise = send_js(fetch, method, url.as_str(), &lines, body, timeout, signal);
        // fetch.js never rejects; a rejection here would be a bug of ours, read as a failure.
        let answer: Answer = wasm_bindgen_futures::JsFuture::from(promise).await.unwrap_or_else(|e| e).unchecked_into();
        match answer.body() {
            Some(body) if answer.error().is_undefined() => {
                Ok(Exchange { status: answer.status(), body, url: url.clone(), answer })
            }
            _ => Err(failure(&answer, url)),
        }
    }
}

fn push_header(lines: &mut String, name: &str, value: &str) {
    lines.push_str(name);
    lines.push(':');
    lines.push_str(value);
    lines.push('\n');
}

/// A failed attempt as an Error, its cause read from the JS error: Node (undici) and Bun name a
/// refusal or a failed lookup in `code`; Deno only in the message; a browser says nothing (a
/// CORS refusal and an offline network read the same there).
fn failure(answer: &Answer, url: &reqwest::Url) -> Error {
    let host = url.host_str().unwrap_or_default();
    let port = url.port_or_known_default().map(|p| format!(":{p}")).unwrap_or_default();
    let code = answer.code().unwrap_or_default();
    let why = answer.why().unwrap_or_default();
    let cause = JsCause { value: JsHandle(answer.error()), text: why.clone() };
    let has = |needles: &[&str]| needles.iter().any(|n| code.contains(n) || why.contains(n));
    let phase = answer.phase().unwrap_or_default();
    let mut err = match phase.as_str() {
        "timeout" => Error::new(ErrorKind::Timeout, "the request timed out"),
        "aborted" => Error::new(ErrorKind::Connection, "the request was aborted by its signal"),
        "odd" => {
            let mut err = Error::new(ErrorKind::Connection, format!("the fetch function failed: {}", why.trim()));
            // The same function answers the same way.
            err.inner.permanent = true;
            err
        }
        "body" => Error::new(ErrorKind::Connection, "the response broke off before its end"),
        _ if has(&["ENOTFOUND", "EAI_AGAIN", "DNSException", "failed to lookup address", "dns error"]) => {
            let mut err = Error::new(ErrorKind::Connection, format!("could not resolve the host name {host} (DNS)"));
            err.inner.unsent = true;
            err
        }
        _ if has(&["ECONNREFUSED", "ConnectionRefused", "Connection refused"]) => {
            let mut err = Error::new(
                ErrorKind::Connection,
                format!("{host}{port} refused the connection (is anything listening there?)"),
            );
            err.inner.unsent = true;
            err
        }
        _ if has(&["CERT", "TLS", "SSL", "UNABLE_TO_VERIFY", "certificate"]) => {
            let mut err =
                Error::new(ErrorKind::Connection, format!("the TLS handshake with {host} failed: {}", why.trim()));
            err.inner.permanent = true;
            err.inner.unsent = true;
            err
        }
        _ if has(&["ECONNRESET", "UND_ERR_SOCKET", "ConnectionClosed", "connection reset", "other side closed"]) => {
            Error::new(
                ErrorKind::Connection,
                format!("the connection to {host}{port} was reset before the answer came"),
            )
        }
        _ if why.contains("Failed to fetch") || why.contains("NetworkError") || why.contains("Load failed") => {
            Error::new(
                ErrorKind::Connection,
                format!(
                    "the browser could not reach {host}{port} or refused to show the answer (offline, or blocked by \
                     CORS: the browser's console says which)"
                ),
            )
        }
        _ => Error::new(ErrorKind::Connection, format!("the connection to {host}{port} failed: {}", why.trim())),
    };
    if answer.status() != 0 {
        err = err.answered(answer.status(), answer.request_id());
    }
    err.with_source(cause).sent_to(url)
}
