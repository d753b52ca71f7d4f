//! The PSB Hosting API SDK.
#![doc = include_str!("../README.md")]

mod client;
mod error;
mod pagination;
mod resources;
mod retry;
mod transport;

pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{Error, ErrorKind, Result, ValidationIssue};
pub use pagination::PageStream;
pub use resources::{Account as AccountResource, Chats, Orders, Payments, Products, Recipes, Servers, Tickets};
pub use retry::RetryPolicy;

/// The domain types (re-exported from `psb-model`, where the bindings find them too).
pub use psb_model::*;
pub use psb_model as model;
