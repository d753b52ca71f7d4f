//! The client: configuration in. Its resource accessors are generated with the resources
//! (`resources.rs`).

use crate::Result;
use std::sync::Arc;
use std::time::Duration;

/// How to build a [`Client`]; every field is optional.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct ClientConfig {
    /// The API token (sent as-is in `Authorization`). Without one only the catalog answers.
    #[uniffi(default = None)]
    pub token: Option<String>,
    /// Default `https://backend.psb.hosting`.
    #[uniffi(default = None)]
    pub base_url: Option<String>,
    /// The whole of one attempt, in milliseconds. Default 60 000.
    #[uniffi(default = None)]
    pub timeout_ms: Option<u64>,
    /// Retries after the first attempt. Default 2; 0 turns retrying off.
    #[uniffi(default = None)]
    pub max_retries: Option<u32>,
    #[uniffi(default = None)]
    pub user_agent: Option<String>,
    /// The backoff ceiling of the first retry, in milliseconds (default 500).
    #[uniffi(default = None)]
    pub initial_backoff_ms: Option<u64>,
    /// The largest backoff ceiling, in milliseconds (default 8 000).
    #[uniffi(default = None)]
    pub max_backoff_ms: Option<u64>,
    /// The longest `Retry-After` honoured, in milliseconds (default 60 000).
    #[uniffi(default = None)]
    pub max_retry_after_ms: Option<u64>,
    /// Plain `http://` to a host that is not loopback (default false): the token travels unencrypted.
    #[uniffi(default = None)]
    pub allow_insecure_http: Option<bool>,
}

/// A PSB Hosting API client. Thread-safe; its resources share one connection pool.
#[derive(uniffi::Object)]
pub struct Client {
    pub(crate) inner: psb::Client,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // psb::Client's Debug never shows the token.
        self.inner.fmt(f)
    }
}

#[uniffi::export]
impl Client {
    #[uniffi::constructor]
    pub fn new(config: ClientConfig) -> Result<Arc<Client>> {
        let mut b = psb::Client::builder();
        let mut retry = psb::RetryPolicy::default();
        if let Some(t) = config.token {
            b = b.token(t);
        }
        if let Some(u) = config.base_url {
            b = b.base_url(u);
        }
        if let Some(ms) = config.timeout_ms {
            b = b.timeout(Duration::from_millis(ms));
        }
        if let Some(allow) = config.allow_insecure_http {
            b = b.allow_insecure_http(allow);
        }
        if let Some(ua) = config.user_agent {
            b = b.user_agent(ua);
        }
        if let Some(n) = config.max_retries {
            retry.max_retries = n;
        }
        if let Some(ms) = config.initial_backoff_ms {
            retry.initial_backoff = Duration::from_millis(ms);
        }
        if let Some(ms) = config.max_backoff_ms {
            retry.max_backoff = Duration::from_millis(ms);
        }
        if let Some(ms) = config.max_retry_after_ms {
            retry.max_retry_after = Duration::from_millis(ms);
        }
        Ok(Arc::new(Client { inner: b.retry_policy(retry).build()? }))
    }

    /// From `PSB_API_TOKEN` (required) and `PSB_API_URL` (optional).
    #[uniffi::constructor]
    pub fn from_env() -> Result<Arc<Client>> {
        Ok(Arc::new(Client { inner: psb::Client::from_env()? }))
    }

    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }
}
