//! What the generated client does to every request it builds, hand-written beside it:
//! progenitor ignores the spec's `security`, so the token is added here.

use crate::Client;
use progenitor_client::{ClientHooks, Error, OperationInfo};
use reqwest::header::{HeaderValue, AUTHORIZATION};

/// The generated [`Client`]'s inner value (progenitor's `inner_type`).
#[derive(Clone, Default)]
pub struct RequestHooks {
    authorization: Option<HeaderValue>,
    timeout: Option<std::time::Duration>,
    /// The client's default headers (sensitive: one may be a gateway's key).
    defaults: reqwest::header::HeaderMap,
}

impl RequestHooks {
    /// Sends `token` as-is in `Authorization` (the API wants no scheme word). The header is
    /// marked sensitive, so HTTP-level logging and `Debug` leave it out.
    pub fn with_token(token: &str) -> Result<RequestHooks, reqwest::header::InvalidHeaderValue> {
        let mut value = HeaderValue::from_str(token)?;
        value.set_sensitive(true);
        Ok(RequestHooks { authorization: Some(value), ..RequestHooks::default() })
    }

    /// A timeout for each request. Set per request, it works on every target (in browsers,
    /// reqwest's client-wide timeout does not exist).
    pub fn with_timeout(mut self, timeout: std::time::Duration) -> RequestHooks {
        self.timeout = Some(timeout);
        self
    }

    /// Headers every request gets unless it sets them itself (the token and what the generated
    /// code sets win). Their values are marked sensitive.
    pub fn with_default_headers(mut self, headers: reqwest::header::HeaderMap) -> RequestHooks {
        self.defaults = headers;
        for value in self.defaults.values_mut() {
            value.set_sensitive(true);
        }
        self
    }

    /// No token: the public catalog only.
    pub fn anonymous() -> RequestHooks {
        RequestHooks::default()
    }
}

impl std::fmt::Debug for RequestHooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestHooks")
            .field("authorization", &self.authorization.as_ref().map(|_| "***"))
            .field("timeout", &self.timeout)
            .field("default_headers", &self.defaults.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl RequestHooks {
    /// What every request gets: the token (sensitive), the timeout, and no `api-version` header
    /// (progenitor adds one from the spec's info.version; the API has no such header). Public so
    /// that requests built outside the generated code (multipart uploads) get exactly the same.
    pub fn apply(&self, request: &mut reqwest::Request) {
        let headers = request.headers_mut();
        headers.remove("api-version");
        if let Some(token) = &self.authorization {
            headers.insert(AUTHORIZATION, token.clone());
        }
        for (name, value) in &self.defaults {
            headers.entry(name).or_insert_with(|| value.clone());
        }
        if let Some(timeout) = self.timeout {
            request.timeout_mut().get_or_insert(timeout);
        }
    }
}

// Takes precedence over the generated no-op `impl ClientHooks for &Client` (auto-ref).
impl ClientHooks<RequestHooks> for Client {
    async fn pre<E>(&self, request: &mut reqwest::Request, _info: &OperationInfo) -> Result<(), Error<E>> {
        self.inner.apply(request);
        #[cfg(target_arch = "wasm32")]
        return built::keep(request);
        #[cfg(not(target_arch = "wasm32"))]
        Ok(())
    }

    // Natively the generated code decodes the answer itself, and its error for a 2xx that does
    // not decode (or breaks off) keeps neither the status nor the request id: kept here.
    #[cfg(not(target_arch = "wasm32"))]
    async fn post<E>(
        &self,
        result: &reqwest::Result<reqwest::Response>,
        _info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        if let Ok(response) = result {
            answered::note(response);
        }
        Ok(())
    }

    // In wasm `pre` ends every generated send before it executes; with this body the compiler
    // drops reqwest's own fetch path and each operation's decoding from the module.
    #[cfg(target_arch = "wasm32")]
    async fn exec(&self, _request: reqwest::Request, _info: &OperationInfo) -> reqwest::Result<reqwest::Response> {
        unreachable!("in wasm the generated client only builds requests (hooks::built)")
    }
}

/// The headers that name an answer for the provider's support, in order: the API's own, else
/// Cloudflare's (which fronts it).
pub const REQUEST_ID_HEADERS: [&str; 2] = ["x-request-id", "cf-ray"];

/// What a generated call's answer was (its status and request id), for the errors progenitor's
/// own do not carry; natively only (in wasm the SDK reads each answer itself).
#[cfg(not(target_arch = "wasm32"))]
pub mod answered {
    use reqwest::header::HeaderValue;
    use std::cell::Cell;

    /// An answer's status and request id.
    pub type Answer = (u16, Option<HeaderValue>);

    tokio::task_local! {
        static LAST: Cell<Option<Answer>>;
    }

    /// Runs a generated call, and gives what its answer was when one came.
    pub async fn recording<F: std::future::Future>(call: F) -> (F::Output, Option<Answer>) {
        LAST.scope(Cell::new(None), async move {
            let out = call.await;
            (out, LAST.with(Cell::take))
        })
        .await
    }

    /// `post`'s part: a header value is a cheap clone (shared bytes).
    pub(crate) fn note(response: &reqwest::Response) {
        let id = super::REQUEST_ID_HEADERS.iter().find_map(|name| response.headers().get(*name)).cloned();
        // Outside `recording` (a caller of psb_api's own) there is nowhere to keep it.
        let _ = LAST.try_with(|last| last.set(Some((response.status().as_u16(), id))));
    }
}

/// In wasm the generated client builds requests and the SDK sends them, through one JS `fetch`
/// per attempt (psb's transport): reqwest's wasm path makes a `Headers`, a `Request`, an
/// `AbortController` and a `DOMException` per call, and copies every response header.
#[cfg(target_arch = "wasm32")]
pub mod built {
    use super::Error;
    use progenitor_client::ResponseValue;
    use std::cell::Cell;
    use std::future::Future;
    use std::task::{Context, Poll, Waker};

    std::thread_local! {
        // Holds the request from `pre` to `request` (within one synchronous poll).
        static BUILT: Cell<Option<reqwest::Request>> = const { Cell::new(None) };
    }

    /// `pre`'s end in wasm: keeps the finished request and stops the generated `send()`.
    pub(crate) fn keep<E>(request: &mut reqwest::Request) -> Result<(), Error<E>> {
        let empty = reqwest::Request::new(reqwest::Method::GET, request.url().clone());
        BUILT.set(Some(std::mem::replace(request, empty)));
        Err(Error::Custom(String::new()))
    }

    /// The request a generated `send()` builds, without sending it. The generated code awaits
    /// nothing before its hook, so one poll runs it to `pre`; wasm has one thread, so nothing
    /// else can run between the hook and the take.
    pub fn request<T>(
        send: impl Future<Output = Result<ResponseValue<T>, Error<()>>>,
    ) -> Result<reqwest::Request, Error<()>> {
        let mut send = std::pin::pin!(send);
        let poll = send.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        match (poll, BUILT.take()) {
            (Poll::Ready(Err(Error::Custom(mark))), Some(request)) if mark.is_empty() => Ok(request),
            // A request that could not be built (a header value, a body that does not encode).
            (Poll::Ready(Err(e)), None) => Err(e),
            _ => Err(Error::Custom("the generated call did not stop at its hook".into())),
        }
    }
}
