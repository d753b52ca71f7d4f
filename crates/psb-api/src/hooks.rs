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
}

impl RequestHooks {
    /// Sends `token` as-is in `Authorization` (the API wants no scheme word). The header is
    /// marked sensitive, so HTTP-level logging and `Debug` leave it out.
    pub fn with_token(token: &str) -> Result<RequestHooks, reqwest::header::InvalidHeaderValue> {
        let mut value = HeaderValue::from_str(token)?;
        value.set_sensitive(true);
        Ok(RequestHooks { authorization: Some(value), timeout: None })
    }

    /// A timeout for each request. Set per request, it works on every target (in browsers,
    /// reqwest's client-wide timeout does not exist).
    pub fn with_timeout(mut self, timeout: std::time::Duration) -> RequestHooks {
        self.timeout = Some(timeout);
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
        if let Some(timeout) = self.timeout {
            request.timeout_mut().get_or_insert(timeout);
        }
    }
}

// Takes precedence over the generated no-op `impl ClientHooks for &Client` (auto-ref).
impl ClientHooks<RequestHooks> for Client {
    async fn pre<E>(&self, request: &mut reqwest::Request, _info: &OperationInfo) -> Result<(), Error<E>> {
        self.inner.apply(request);
        Ok(())
    }
}
