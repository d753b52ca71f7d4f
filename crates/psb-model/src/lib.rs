#![doc = include_str!("../README.md")]

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

mod account;
mod catalog;
mod errors;
mod ffi_values;
pub mod loose;
mod money;
mod order;
mod payment;
mod requests;
#[cfg(feature = "english-names")]
mod scoped;
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
#[cfg(feature = "uniffi")]
pub use ffi_values::with_ffi_values;
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
