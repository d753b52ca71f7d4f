//! The PSB Hosting API's domain, modelled once.
//!
//! These are the types the generated client (`psb-api`) decodes responses into (progenitor is
//! told to use them in place of the types it would generate), the types the `psb` SDK returns,
//! and — through the `uniffi` and `wasm` features — the types the Python, Kotlin and JS bindings
//! expose. Nothing mirrors them.
//!
//! What the wire does oddly is absorbed here, once:
//! - Russian vocabularies become enums with English names and an `Unknown(raw)` arm, so a value
//!   the server adds later still decodes ([`vocab`]);
//! - timestamps come in two forms, RFC 3339 and a zone-less `2025-05-12 02:07:43` ([`Timestamp`]);
//! - amounts are decimals, not floats ([`Money`]);
//! - some integers come as `5` or `"5"` ([`loose`]);
//! - what was issued for an order is a VPS or a VPN ([`IssuedOrder`]);
//! - passwords are [`Secret`]s that never print.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

mod account;
mod catalog;
mod errors;
pub mod loose;
mod money;
mod order;
mod payment;
mod requests;
mod secret;
mod server;
mod support;
mod time;
pub mod vocab;

pub use account::Account;
pub use catalog::{
    ControlPanel, OperatingSystem, Period, Product, ProductCharacter, ProductSummary, ProductsForChange, Recipe,
};
pub use errors::{ErrorKind, ValidationIssue};
pub use money::Money;
pub use order::{IssuedOrder, IssuedVpn, IssuedVps, Order, OrderCreated, OrderData, OrderDetail};
pub use payment::{Payment, PaymentPage};
pub use requests::{
    content_type_for, NewOrder, NewTicket, PaymentMethod, PaymentQuery, PaymentSortBy, SortOrder, Upload,
};
#[cfg(feature = "english-names")]
pub use secret::with_marked_secrets;
pub use secret::Secret;
pub use server::{Message, ServerHistoryEntry, ServerIpAddress};
pub use support::{Attachment, Chat, ChatInfo, ChatMessage, ChatUser, ReadStatus, Ticket, TicketPage};
pub use time::Timestamp;
pub use vocab::{
    Department, IpVersion, OrderStatus, PaymentStatus, PaymentType, ProductType, ServerActionState, ServerStatus,
    TicketStatus,
};
