//! `psb-mock`: a stateful sandbox of the PSB Hosting API.
//!
//! It serves all 31 operations of `spec/openapi.json` over one in-memory state model (accounts
//! with balances, the catalog, orders with their servers, payments, tickets and chats), seeded so
//! that the provider's Postman collection finds every id it uses. Under `/__sandbox/` it offers a
//! control API: reset, fault injection, per-operation coverage and a request log (see the README).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = psb_mock::Sandbox::start(psb_mock::SandboxConfig::default()).await?;
//! println!("try: curl -H 'Authorization: sandbox-token' {}/users/me", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod api;
mod config;
mod control;
mod error;
mod extract;
mod money;
mod operations;
mod seed;
mod server;
mod shared;
mod state;
mod timefmt;

pub use config::{SandboxConfig, DEFAULT_TOKEN, SECOND_USER_TOKEN};
pub use operations::OPERATION_IDS;
pub use server::{Sandbox, SandboxHandle};
