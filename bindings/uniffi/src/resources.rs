//! One object per resource of spec/SURFACE.md; each method is the SDK's, converted.

use crate::streams::{ChatMessageStream, PaymentStream, TicketStream};
use crate::Result;
use psb_model::{
    Account as AccountData, ChatMessage, NewOrder, NewTicket, Order, OrderCreated, OrderDetail, PaymentPage,
    PaymentQuery, Product, ProductsForChange, Recipe, ServerHistoryEntry, ServerIpAddress, ServerStatus, Ticket,
    TicketPage, Upload,
};
use std::sync::Arc;
use std::time::Duration;

macro_rules! resource {
    ($( $(#[$doc:meta])* $name:ident ),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, uniffi::Object)]
        pub struct $name(pub(crate) psb::Client);
    )+};
}

resource! {
    /// The account the token belongs to (named apart from the `Account` record).
    AccountResource,
    /// The catalog (public).
    Products,
    /// Scripts for new servers (public).
    Recipes,
    /// Orders: buying, prolonging, changing and ending them.
    Orders,
    /// The payment ledger.
    Payments,
    /// The servers behind orders: power, access, network.
    Servers,
    /// Support tickets.
    Tickets,
    /// The chats of tickets.
    Chats,
}

#[uniffi::export(async_runtime = "tokio")]
impl AccountResource {
    pub async fn get(&self) -> Result<AccountData> {
        Ok(self.0.account().get().await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Products {
    /// `types` filters by product type (case-insensitive substring); empty lists everything.
    #[uniffi::method(default(types = []))]
    pub async fn list(&self, types: Vec<String>) -> Result<Vec<Product>> {
        let types: Vec<&str> = types.iter().map(String::as_str).collect();
        Ok(self.0.products().list(&types).await?)
    }
    pub async fn get(&self, id: i64) -> Result<Product> {
        Ok(self.0.products().get(id).await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Recipes {
    pub async fn list(&self) -> Result<Vec<Recipe>> {
        Ok(self.0.recipes().list().await?)
    }
    pub async fn get(&self, id: i64) -> Result<Recipe> {
        Ok(self.0.recipes().get(id).await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Orders {
    pub async fn list(&self) -> Result<Vec<Order>> {
        Ok(self.0.orders().list().await?)
    }
    pub async fn get(&self, id: i64) -> Result<OrderDetail> {
        Ok(self.0.orders().get(id).await?)
    }
    pub async fn create(&self, new_order: NewOrder) -> Result<OrderCreated> {
        Ok(self.0.orders().create(&new_order).await?)
    }
    #[uniffi::method(default(period = None))]
    pub async fn prolong(&self, id: i64, period: Option<i64>) -> Result<Order> {
        Ok(self.0.orders().prolong(id, period).await?)
    }
    pub async fn toggle_auto_prolong(&self, id: i64) -> Result<Order> {
        Ok(self.0.orders().toggle_auto_prolong(id).await?)
    }
    pub async fn products_for_change(&self, id: i64) -> Result<ProductsForChange> {
        Ok(self.0.orders().products_for_change(id).await?)
    }
    pub async fn change_product(&self, id: i64, product_id: i64) -> Result<Order> {
        Ok(self.0.orders().change_product(id, product_id).await?)
    }
    pub async fn terminate(&self, id: i64) -> Result<Order> {
        Ok(self.0.orders().terminate(id).await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Payments {
    pub async fn list(&self, query: PaymentQuery) -> Result<PaymentPage> {
        Ok(self.0.payments().list(&query).await?)
    }
    /// Every payment, page after page, fetched as the stream is read.
    pub fn iter(&self, query: PaymentQuery) -> Arc<PaymentStream> {
        PaymentStream::new(self.0.payments().iter(query))
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Servers {
    pub async fn start(&self, order_id: i64) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().start(order_id).await?))
    }
    pub async fn stop(&self, order_id: i64) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().stop(order_id).await?))
    }
    pub async fn restart(&self, order_id: i64) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().restart(order_id).await?))
    }
    pub async fn history(&self, order_id: i64) -> Result<Vec<ServerHistoryEntry>> {
        Ok(self.0.servers().history(order_id).await?)
    }
    pub async fn ip_addresses(&self, order_id: i64) -> Result<Vec<ServerIpAddress>> {
        Ok(self.0.servers().ip_addresses(order_id).await?)
    }
    pub async fn add_ptr(&self, order_id: i64, ip: String, domain: String) -> Result<ServerIpAddress> {
        Ok(self.0.servers().add_ptr(order_id, &ip, &domain).await?)
    }
    pub async fn update_ptr(&self, order_id: i64, ip: String, domain: String) -> Result<ServerIpAddress> {
        Ok(self.0.servers().update_ptr(order_id, &ip, &domain).await?)
    }
    pub async fn change_password(&self, order_id: i64, password: String) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().change_password(order_id, password).await?))
    }
    pub async fn change_port(&self, order_id: i64, port: u32) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().change_port(order_id, port).await?))
    }
    pub async fn reinstall(&self, order_id: i64, os_id: i64) -> Result<Arc<ServerAction>> {
        Ok(ServerAction::new(self.0.servers().reinstall(order_id, os_id).await?))
    }
    pub async fn assign_ipv6(&self, order_id: i64) -> Result<ServerIpAddress> {
        Ok(self.0.servers().assign_ipv6(order_id).await?)
    }
    /// Polls the order until its server reaches `status`; a Timeout error after `timeout_ms`.
    pub async fn wait_for_status(&self, order_id: i64, status: ServerStatus, timeout_ms: u64) -> Result<OrderDetail> {
        Ok(self.0.servers().wait_for_status(order_id, status, Duration::from_millis(timeout_ms)).await?)
    }
}

/// A server action the provider is carrying out; `wait` ends when its history entry does.
#[derive(Debug, uniffi::Object)]
pub struct ServerAction(psb::ServerAction);

impl ServerAction {
    fn new(action: psb::ServerAction) -> Arc<ServerAction> {
        Arc::new(ServerAction(action))
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl ServerAction {
    /// The order whose server the action runs on.
    pub fn order_id(&self) -> i64 {
        self.0.order_id()
    }
    /// The action's name in the server history (`host_restart`, `change_password`, ...).
    pub fn action(&self) -> String {
        self.0.action().to_owned()
    }
    /// The provider's acknowledgement.
    pub fn message(&self) -> String {
        self.0.message().to_owned()
    }
    /// The action's history entry once it completed; a Server error if it failed, a Timeout
    /// (naming the last state seen) after `timeout_ms`.
    pub async fn wait(&self, timeout_ms: u64) -> Result<ServerHistoryEntry> {
        Ok(self.0.wait(Duration::from_millis(timeout_ms)).await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Tickets {
    #[uniffi::method(default(page = None, page_size = None))]
    pub async fn list(&self, page: Option<u32>, page_size: Option<u32>) -> Result<TicketPage> {
        Ok(self.0.tickets().list(page, page_size).await?)
    }
    /// Every ticket, page after page, fetched as the stream is read.
    #[uniffi::method(default(page_size = None))]
    pub fn iter(&self, page_size: Option<u32>) -> Arc<TicketStream> {
        TicketStream::new(self.0.tickets().iter(page_size))
    }
    pub async fn get(&self, id: i64) -> Result<Ticket> {
        Ok(self.0.tickets().get(id).await?)
    }
    pub async fn close(&self, id: i64) -> Result<Ticket> {
        Ok(self.0.tickets().close(id).await?)
    }
    pub async fn create(&self, new_ticket: NewTicket) -> Result<Ticket> {
        Ok(self.0.tickets().create(&new_ticket).await?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Chats {
    #[uniffi::method(default(limit = None, offset = None))]
    pub async fn messages(&self, chat_id: i64, limit: Option<u32>, offset: Option<u32>) -> Result<Vec<ChatMessage>> {
        Ok(self.0.chats().messages(chat_id, limit, offset).await?)
    }
    /// Every message of the chat, fetched as the stream is read.
    pub fn iter_messages(&self, chat_id: i64) -> Arc<ChatMessageStream> {
        ChatMessageStream::new(self.0.chats().iter_messages(chat_id))
    }
    #[uniffi::method(default(text = None, attachments = []))]
    pub async fn send(&self, chat_id: i64, text: Option<String>, attachments: Vec<Upload>) -> Result<ChatMessage> {
        Ok(self.0.chats().send(chat_id, text.as_deref(), &attachments).await?)
    }
}
