//! The client: configuration in. Its configuration record and resource accessors are generated
//! with the resources (`resources.rs`).

use crate::{ClientConfig, Result};
use std::sync::Arc;

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
        Ok(Arc::new(Client { inner: config.builder()?.build()? }))
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
