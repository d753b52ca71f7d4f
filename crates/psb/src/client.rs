//! The client and its builder: configuration, the HTTP client, and the resource accessors.

use crate::error::{Error, Result};
use crate::RetryPolicy;
use psb_api::RequestHooks;
use psb_model::Secret;
use std::sync::Arc;
use std::time::Duration;

/// The production API.
pub const DEFAULT_BASE_URL: &str = "https://backend.psb.hosting";

/// A PSB Hosting API client. Cheap to clone (clones share one connection pool); use it from
/// as many tasks as you like.
///
/// ```no_run
/// # async fn run() -> psb::Result<()> {
/// let client = psb::Client::builder().token("my-token").build()?;
/// let account = client.account().get().await?;
/// println!("balance: {}", account.balance);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    /// What this handle's calls add to the client's settings (a JS caller's `signal`, `timeout`).
    #[cfg(target_arch = "wasm32")]
    pub(crate) call: crate::fetch::CallOptions,
}

pub(crate) struct Inner {
    pub(crate) api: psb_api::Client,
    /// Multipart uploads, which progenitor cannot send (in wasm they go through `fetch`).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    pub(crate) token: Option<Secret>,
    pub(crate) retry: RetryPolicy,
    /// The longest a call may take, retries and backoffs included.
    pub(crate) deadline: Option<Duration>,
    /// How long a write whose answer was lost is looked for in the server's state (reconcile.rs):
    /// [`settle_window`] of the attempt timeout.
    pub(crate) settle: Duration,
    /// In wasm, the `fetch` every attempt goes out through.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fetch: crate::fetch::Fetch,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("token", &self.inner.token.as_ref().map(|_| "***"))
            .field("retry", &self.inner.retry)
            .finish()
    }
}

impl Client {
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client configured from `PSB_API_TOKEN` (required) and `PSB_API_URL` (optional).
    pub fn from_env() -> Result<Client> {
        let token = std::env::var("PSB_API_TOKEN").map_err(|_| Error::invalid_argument("PSB_API_TOKEN is not set"))?;
        let mut builder = Client::builder().token(token);
        if let Ok(url) = std::env::var("PSB_API_URL") {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The same client, whose calls pass `signal` (a JS `AbortSignal`) to `fetch` and whose
    /// attempts each take at most `timeout` instead of the client's. The caller stops waiting
    /// on an abort itself (the binding races the call with the signal); the signal here closes
    /// the connection.
    #[cfg(target_arch = "wasm32")]
    pub fn with_call_options(&self, signal: Option<wasm_bindgen::JsValue>, timeout: Option<Duration>) -> Client {
        let signal = signal.map(crate::fetch::JsHandle::new).or_else(|| self.call.signal.clone());
        let timeout = timeout.or(self.call.timeout);
        Client { inner: self.inner.clone(), call: crate::fetch::CallOptions { signal, timeout } }
    }

    /// How long this client's writes whose answer was lost are looked for (reconcile.rs): from a
    /// call's own timeout when it has one (JS's `{ timeout }`), else the client's.
    pub(crate) fn settle(&self) -> Duration {
        #[cfg(target_arch = "wasm32")]
        if let Some(timeout) = self.call.timeout {
            return settle_window(timeout);
        }
        self.inner.settle
    }

    // The resource accessors (`client.orders()`, ...) are generated: resources/generated.rs.
}

/// Twice the attempt timeout, between 2 and 20 s: long enough for a write that reached the
/// server to show, short enough that the caller hears of it.
fn settle_window(timeout: Duration) -> Duration {
    timeout.saturating_mul(2).clamp(Duration::from_secs(2), Duration::from_secs(20))
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    token: Option<Secret>,
    base_url: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    user_agent: String,
    default_headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    allow_insecure_http: bool,
    deadline: Option<Duration>,
    #[cfg(target_arch = "wasm32")]
    fetch: Option<crate::fetch::JsHandle>,
    /// Whether `timeout` was set, so that it overrides a caller's own HTTP client.
    timeout_set: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            token: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            user_agent: format!("psb-sdk-rust/{}", env!("CARGO_PKG_VERSION")),
            default_headers: Vec::new(),
            http: None,
            allow_insecure_http: false,
            deadline: None,
            #[cfg(target_arch = "wasm32")]
            fetch: None,
            timeout_set: false,
        }
    }
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("base_url", &without_userinfo(&self.base_url))
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("deadline", &self.deadline)
            .field("user_agent", &self.user_agent)
            // Names only: a value may be a gateway's key.
            .field("default_headers", &self.default_headers.iter().map(|(n, _)| n).collect::<Vec<_>>())
            .finish()
    }
}

impl ClientBuilder {
    /// The API token, sent as-is in `Authorization`. Without one only the catalog answers.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Default `https://backend.psb.hosting`. `http://` is refused unless the host is loopback
    /// (a local sandbox) or [`ClientBuilder::allow_insecure_http`] is set: the token would
    /// cross the network in clear.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The whole of one attempt, connecting included. Default 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self.timeout_set = true;
        self
    }

    /// Default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Retries after the first attempt. Default 2; 0 turns retrying off.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// The backoff ceiling of the first retry (full jitter below it); it doubles with each
    /// attempt. Default 500 ms.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.retry.initial_backoff = backoff;
        self
    }

    /// The largest backoff ceiling. Default 8 s.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.retry.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` honoured; a longer one is returned at once as RateLimited.
    /// Default 60 s.
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.retry.max_retry_after = cap;
        self
    }

    /// The longest a call may take, every attempt and backoff included: when it passes, the
    /// call ends with a Timeout (an attempt still in flight is abandoned; a write whose answer it
    /// cut off ends with OutcomeUnknown, as no time is left to look it up). None by default: a
    /// call then takes at most `timeout` × (1 + `max_retries`) plus the backoffs.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// All the retry settings at once.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Headers sent with every request (an API gateway's key, a tracing header), unless the
    /// request sets them itself: the token's `Authorization` and the SDK's own headers win.
    /// Their values never show in `Debug`; a name or value a header cannot carry fails `build`.
    pub fn default_headers<K: Into<String>, V: Into<String>>(
        mut self,
        headers: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.default_headers.extend(headers.into_iter().map(|(k, v)| (k.into(), v.into())));
        self
    }

    /// Sent as `User-Agent` (default `psb-sdk-rust/<version>`).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Your own `reqwest::Client` (proxies, TLS roots, ...). Its timeouts and user agent then
    /// apply instead of this builder's, unless you also set [`ClientBuilder::timeout`].
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The JS `fetch` every attempt goes out through (default: the global `fetch`, looked up at
    /// each call). It must take `(url, init)` and resolve to a `Response`; anything else it does
    /// becomes a Connection error, never an exception.
    #[cfg(target_arch = "wasm32")]
    pub fn fetch(mut self, fetch: wasm_bindgen::JsValue) -> Self {
        self.fetch = Some(crate::fetch::JsHandle::new(fetch));
        self
    }

    /// Allows `http://` to a non-loopback host.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    pub fn build(self) -> Result<Client> {
        // A zero timeout would fail every request without sending it.
        if self.timeout.is_zero() {
            return Err(Error::invalid_argument("the timeout must be longer than zero"));
        }
        if self.deadline.is_some_and(|d| d.is_zero()) {
            return Err(Error::invalid_argument("the deadline must be longer than zero"));
        }
        let base_url = self.base_url.trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&base_url).map_err(|e| {
            Error::invalid_argument(format!("base URL {:?} is not a URL: {e}", without_userinfo(&base_url)))
        })?;
        // Each path is appended to the base URL as text: a query or fragment would swallow it.
        // A password in it would show wherever the base URL does (errors, a client's Debug).
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid_argument(
                "the base URL carries a user name or password: give it without them (the API takes the token)",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid_argument(format!(
                "base URL {base_url:?} has a query or fragment: each path is appended to it, so give it without `?` \
                 or `#`"
            )));
        }
        match url.scheme() {
            "https" => {}
            "http" if self.allow_insecure_http || is_loopback(&url) => {}
            "http" => {
                return Err(Error::invalid_argument(format!(
                    "base URL {base_url:?} is plain http to a non-loopback host: the token would travel unencrypted \
                     (use https, or allow insecure HTTP in the client options if you really mean it)"
                )))
            }
            other => return Err(Error::invalid_argument(format!("base URL scheme {other:?} is not http(s)"))),
        }
        let hooks = match &self.token {
            Some(t) if t.is_empty() => return Err(Error::invalid_argument("the token is empty")),
            // The message must not quote the token.
            Some(t) => RequestHooks::with_token(t.expose())
                .map_err(|_| Error::invalid_argument("the token contains characters an HTTP header cannot carry"))?,
            None => RequestHooks::anonymous(),
        };
        let mut defaults = reqwest::header::HeaderMap::new();
        for (name, value) in &self.default_headers {
            let header = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::invalid_argument(format!("default header {name:?} is not a header name")))?;
            // The message must not quote the value.
            let value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                Error::invalid_argument(format!("the value of default header {name:?} cannot be sent in a header"))
            })?;
            defaults.insert(header, value);
        }
        let hooks = hooks.with_default_headers(defaults);
        let own_http = self.http.is_some();
        let http = match self.http {
            Some(h) => h,
            None => {
                let b = reqwest::Client::builder().user_agent(&self.user_agent);
                #[cfg(not(target_arch = "wasm32"))]
                let b = b.timeout(self.timeout).connect_timeout(self.connect_timeout);
                b.build().map_err(|e| Error::invalid_argument(format!("cannot build the HTTP client: {e}")))?
            }
        };
        // Set on each request too: in a browser it is the only timeout there is.
        let timeout = (!own_http || self.timeout_set).then_some(self.timeout);
        let hooks = match timeout {
            Some(t) => hooks.with_timeout(t),
            None => hooks,
        };
        let api = psb_api::Client::new_with_client(&base_url, http.clone(), hooks);
        Ok(Client {
            inner: Arc::new(Inner {
                api,
                #[cfg(not(target_arch = "wasm32"))]
                http,
                base_url,
                token: self.token,
                retry: self.retry,
                deadline: self.deadline,
                settle: settle_window(self.timeout),
                #[cfg(target_arch = "wasm32")]
                fetch: crate::fetch::Fetch { function: self.fetch, user_agent: self.user_agent },
            }),
            #[cfg(target_arch = "wasm32")]
            call: crate::fetch::CallOptions::default(),
        })
    }
}

/// A URL as it may be shown: everything between `://` and the last `@` becomes `***`. Not the
/// authority's own end: in a URL that does not parse, a password may hold a `/` or a `#` (and
/// masking a path's `@` in a message costs nothing).
fn without_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else { return url.into() };
    match rest.rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]).into(),
        None => url.into(),
    }
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}
