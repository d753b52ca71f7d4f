//! The uniffi binding of the psb SDK, shared by the Python package `psb_hosting` and the Kotlin
//! package `hosting.psb`. It holds no API logic: every method converts its arguments, delegates
//! to `psb::Client` and converts the result or the error. The domain types are psb-model's
//! own (derived with `uniffi::Record`/`uniffi::Enum` behind its `uniffi` feature); this crate
//! adds only what crosses the boundary differently: the client, its resources, page streams
//! and the error.
//!
//! Async methods run on uniffi's tokio runtime; each language's thin layer offers them as it
//! expects (Python coroutines and a blocking client, Kotlin `suspend fun`s).

uniffi::setup_scaffolding!();

mod client;
mod convert;
mod error;
mod resources;
mod rows;
mod streams;

pub use client::Client;
pub use error::PsbError;
pub use resources::{AccountResource, Chats, ClientConfig, Orders, Payments, Products, Recipes, Servers, Tickets};
pub use streams::{ChatMessageStream, PaymentStream, TicketStream};

type Result<T, E = PsbError> = std::result::Result<T, E>;

/// A file to attach, read from disk; its content type comes from its extension.
#[uniffi::export]
pub fn upload_from_path(path: String) -> Result<psb_model::Upload> {
    psb_model::Upload::from_path(&path).map_err(|e| error::invalid_argument(format!("cannot read {path:?}: {e}")))
}

/// The content type the SDK gives a file of this name (from its extension).
#[uniffi::export]
pub fn content_type_for(file_name: String) -> String {
    psb_model::content_type_for(&file_name).to_owned()
}
