#![doc = include_str!("../README.md")]
//!
//! ## Where things are
//!
//! - [`Client`] / [`ClientBuilder`]: configuration and the resource accessors (`client.rs`).
//! - `resources/`: the resources and every method the spec describes completely, generated
//!   from the operation table (`generated.rs`), and a module per resource for the methods with
//!   behaviour of their own.
//! - `fetch.rs` (wasm only): how an attempt leaves through JS `fetch`.
//! - `transport.rs`: the send loop (retries, tracing spans) and how failures become [`Error`]s.
//! - `retry.rs`: [`RetryPolicy`], backoff, `Retry-After`.
//! - `pagination.rs`: [`PageStream`].
//! - `reconcile.rs`: exactly-once writes: what a write whose answer was lost did, read back
//!   from the server's state.
//! - The domain types come from `psb-model` and are re-exported here.

mod client;
mod error;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
mod pagination;
mod reconcile;
mod resources;
mod retry;
mod transport;

pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{Error, ErrorKind, Result, ValidationIssue};
pub use pagination::{MaybeSend, PageStream, Pages};
/// The resources (`client.orders()`, ...), one type each; generated from the operation table.
pub use resources::*;
pub use retry::RetryPolicy;

pub use psb_model as model;
/// The domain types (re-exported from `psb-model`, where the bindings find them too).
pub use psb_model::*;
