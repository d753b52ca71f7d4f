//! The SDK's lazy page walks (`psb::PageStream`) as objects with an async `next`: `None` once
//! the walk is over. Each language turns them into its own iterator (Python async iterators,
//! Kotlin `Flow`s).

use crate::Result;
use futures_util::StreamExt;
use psb_model::{ChatMessage, Payment, Ticket};
use std::sync::Arc;
use tokio::sync::Mutex;

macro_rules! stream {
    ($( $(#[$doc:meta])* $name:ident => $item:ty ),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(uniffi::Object)]
        pub struct $name(Mutex<psb::PageStream<$item>>);

        impl $name {
            pub(crate) fn new(s: psb::PageStream<$item>) -> Arc<$name> {
                Arc::new($name(Mutex::new(s)))
            }
        }

        #[uniffi::export(async_runtime = "tokio")]
        impl $name {
            /// The next item, fetching the next page when needed; `None` after the last.
            pub async fn next(&self) -> Result<Option<$item>> {
                Ok(self.0.lock().await.next().await.transpose()?)
            }
        }
    )+};
}

stream! {
    /// Payments, page after page.
    PaymentStream => Payment,
    /// Tickets, page after page.
    TicketStream => Ticket,
    /// A chat's messages, page after page.
    ChatMessageStream => ChatMessage,
}
