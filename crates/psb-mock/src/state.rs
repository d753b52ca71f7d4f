//! The sandbox's one state model. Every operation reads and changes a [`World`]; the handlers in
//! `api/` only translate HTTP to and from it.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use bytes::Bytes;
use chrono::{DateTime, Months, Utc};
use serde_json::Value;

use crate::money::Money;

// ------------------------------------------------------------------ vocabularies

/// A catalog product's type, spelled as the provider does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductType {
    PsbVps,
    HighCpuPsbVps,
    Bulletproof,
    AVpn,
}

impl ProductType {
    pub fn as_str(self) -> &'static str {
        match self {
            ProductType::PsbVps => "PSB VPS",
            ProductType::HighCpuPsbVps => "HIGH-CPU PSB VPS",
            ProductType::Bulletproof => "Bulletproof servers",
            ProductType::AVpn => "A-VPN",
        }
    }

    /// PSB VPS and HIGH-CPU PSB VPS: recipes, product changes and port changes are theirs only.
    pub fn is_vps(self) -> bool {
        matches!(self, ProductType::PsbVps | ProductType::HighCpuPsbVps)
    }

    /// Types whose orders are servers with a power state, a history and IP addresses.
    pub fn is_server(self) -> bool {
        self != ProductType::AVpn
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderStatus {
    AwaitingPayment,
    Processing,
    Issued,
    Deleted,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::AwaitingPayment => "Ожидает оплаты",
            OrderStatus::Processing => "В обработке",
            OrderStatus::Issued => "Заказ выдан",
            OrderStatus::Deleted => "Удален",
        }
    }
}

/// The server's power state, `status_machine` in an order's detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerStatus {
    Ordered,
    Active,
    Stopped,
    Deleted,
}

impl ServerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServerStatus::Ordered => "Заказана",
            ServerStatus::Active => "Активна",
            ServerStatus::Stopped => "Остановлена",
            ServerStatus::Deleted => "Удалена",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionState {
    Pending,
    Complete,
    Failed,
}

impl ActionState {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Pending => "pending",
            ActionState::Complete => "complete",
            ActionState::Failed => "failed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentKind {
    TopUp,
    Purchase,
}

impl PaymentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::TopUp => "Пополнение",
            PaymentKind::Purchase => "Покупка",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentStatus {
    Pending,
    Paid,
    Cancelled,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "Ожидает оплаты",
            PaymentStatus::Paid => "Оплачено",
            PaymentStatus::Cancelled => "Отменен",
        }
    }
}

/// How an order is paid (`payment_type` when ordering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentMethod {
    Balance,
    Lava,
    Heleket,
}

impl PaymentMethod {
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(PaymentMethod::Balance),
            3 => Some(PaymentMethod::Lava),
            4 => Some(PaymentMethod::Heleket),
            _ => None,
        }
    }

    /// `pay_sys` in the payment ledger.
    pub fn pay_sys(self) -> &'static str {
        match self {
            PaymentMethod::Balance => "Оплата с баланса",
            PaymentMethod::Lava => "Lava",
            PaymentMethod::Heleket => "Heleket",
        }
    }
}

pub const TICKET_OPEN: &str = "Открыт";
pub const TICKET_CLOSED: &str = "Закрыт";
pub const DEPARTMENTS: [&str; 2] = ["Отдел продаж", "Технический отдел"];

// ------------------------------------------------------------------ accounts

#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    /// `None` for staff who answer tickets but never call the API.
    pub token: Option<String>,
    pub email: String,
    pub username: String,
    pub role_id: i64,
    pub balance: Money,
    pub is_verified: bool,
    pub newsletter: bool,
}

// ------------------------------------------------------------------ catalog

#[derive(Clone, Debug)]
pub struct Character {
    pub id: i64,
    pub name: &'static str,
    pub content: String,
}

/// An operating system image; `content` is the provider's internal image id.
#[derive(Clone, Debug)]
pub struct OsImage {
    pub id: i64,
    pub name: &'static str,
    pub content: String,
}

impl OsImage {
    pub fn is_windows(&self) -> bool {
        self.name.starts_with("Windows")
    }
}

#[derive(Clone, Debug)]
pub struct ControlPanel {
    pub id: i64,
    pub name: &'static str,
    pub price: Money,
    pub content: String,
}

#[derive(Clone, Debug)]
pub struct Period {
    pub id: i64,
    pub months: u32,
    pub price: Money,
}

#[derive(Clone, Debug)]
pub struct Product {
    pub id: i64,
    pub title: String,
    pub price: Money,
    pub bill_id: Option<String>,
    pub kind: ProductType,
    pub country: &'static str,
    pub profit: Money,
    pub on_sale: bool,
    pub characters: Vec<Character>,
    pub os: Vec<OsImage>,
    pub control_panels: Vec<ControlPanel>,
    pub periods: Vec<Period>,
}

impl Product {
    pub fn os_by_id(&self, id: i64) -> Option<&OsImage> {
        self.os.iter().find(|os| os.id == id)
    }

    pub fn panel_by_id(&self, id: i64) -> Option<&ControlPanel> {
        self.control_panels.iter().find(|panel| panel.id == id)
    }

    pub fn period_by_id(&self, id: i64) -> Option<&Period> {
        self.periods.iter().find(|period| period.id == id)
    }

    /// The period bought when none is named: the shortest.
    pub fn default_period(&self) -> Period {
        self.periods.iter().min_by_key(|period| period.months).cloned().unwrap_or(Period {
            id: 0,
            months: 1,
            price: self.price,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Recipe {
    pub id: i64,
    pub name: &'static str,
    pub description: Option<&'static str>,
}

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub products: BTreeMap<i64, Product>,
    pub recipes: BTreeMap<i64, Recipe>,
}

impl Catalog {
    /// What an order of `current` may switch to, with what the switch costs: the other products
    /// on sale of the same type and country; moving up costs the price difference, down is free.
    pub fn products_for_change(&self, current: &Product) -> Vec<(&Product, Money)> {
        if !current.kind.is_vps() {
            return Vec::new();
        }
        self.products
            .values()
            .filter(|p| p.id != current.id && p.on_sale && p.kind == current.kind && p.country == current.country)
            .map(|p| (p, p.price.saturating_sub(current.price)))
            .collect()
    }
}

// ------------------------------------------------------------------ orders and servers

#[derive(Clone, Debug)]
pub struct IssuedVps {
    pub id: i64,
    pub ip: String,
    pub port: u16,
    pub superuser: String,
    pub password: String,
    pub ipv6_addr: Option<String>,
    pub ipv6_subnet: Option<String>,
}

#[derive(Clone, Debug)]
pub struct IssuedVpn {
    pub id: i64,
    pub url: String,
    pub qr: String,
}

#[derive(Clone, Debug)]
pub enum Issued {
    Vps(IssuedVps),
    Vpn(IssuedVpn),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpKind {
    V4,
    V6,
}

impl IpKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IpKind::V4 => "ipv4",
            IpKind::V6 => "ipv6",
        }
    }
}

#[derive(Clone, Debug)]
pub struct IpAddress {
    pub ip: String,
    pub kind: IpKind,
    pub ptr: Option<String>,
}

/// What completing a server action does to the order.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Nothing beyond marking the action complete (its change was applied at once).
    Nothing,
    /// The server is created: the order is issued with these credentials and runs.
    Create(IssuedVps),
    Power(ServerStatus),
    Reinstall {
        os: String,
        superuser: String,
    },
    Password(String),
    Port(u16),
}

#[derive(Clone, Debug)]
pub struct HistoryEntry {
    pub id: i64,
    pub name: &'static str,
    pub state: ActionState,
    pub params: Option<Value>,
    pub date_create: DateTime<Utc>,
    /// When a pending action completes; `None` once it has.
    pub completes_at: Option<Instant>,
    pub effect: Effect,
}

#[derive(Clone, Debug)]
pub struct Server {
    pub status: ServerStatus,
    pub ips: Vec<IpAddress>,
    pub history: Vec<HistoryEntry>,
}

#[derive(Clone, Debug)]
pub struct Order {
    pub id: i64,
    /// The public code, `6E48A19C62BF`.
    pub code: String,
    pub user_id: i64,
    pub product_id: i64,
    pub os: Option<String>,
    pub control_panel: Option<ControlPanel>,
    pub period_months: Option<u32>,
    pub domain: Option<String>,
    pub name: String,
    pub recipe_id: Option<i64>,
    pub auto_refresh: bool,
    pub status: OrderStatus,
    pub date_create: DateTime<Utc>,
    pub date_end: Option<DateTime<Utc>>,
    pub issued: Option<Issued>,
    /// Present for the server product types.
    pub server: Option<Server>,
}

impl Order {
    /// Completes every pending server action whose time has come, oldest first, applying its
    /// effect. Actions are queued one after the other, so completing them in order is exact.
    pub fn settle(&mut self, now: Instant) {
        let Some(server) = self.server.as_mut() else { return };
        for entry in server.history.iter_mut() {
            match entry.completes_at {
                Some(at) if at <= now && entry.state == ActionState::Pending => {}
                _ => continue,
            }
            entry.completes_at = None;
            entry.state = ActionState::Complete;
            match &entry.effect {
                Effect::Nothing => {}
                Effect::Create(issued) => {
                    self.issued = Some(Issued::Vps(issued.clone()));
                    self.status = OrderStatus::Issued;
                    server.status = ServerStatus::Active;
                }
                Effect::Power(status) => server.status = *status,
                Effect::Reinstall { os, superuser } => {
                    self.os = Some(os.clone());
                    if let Some(Issued::Vps(vps)) = self.issued.as_mut() {
                        vps.superuser = superuser.clone();
                    }
                    server.status = ServerStatus::Active;
                }
                Effect::Password(password) => {
                    if let Some(Issued::Vps(vps)) = self.issued.as_mut() {
                        vps.password = password.clone();
                    }
                }
                Effect::Port(port) => {
                    if let Some(Issued::Vps(vps)) = self.issued.as_mut() {
                        vps.port = *port;
                    }
                }
            }
        }
    }

    /// Marks the order deleted; actions still pending fail, as they would on a destroyed server.
    pub fn terminate(&mut self) {
        self.status = OrderStatus::Deleted;
        self.auto_refresh = false;
        if let Some(server) = self.server.as_mut() {
            server.status = ServerStatus::Deleted;
            for entry in server.history.iter_mut().filter(|e| e.state == ActionState::Pending) {
                entry.state = ActionState::Failed;
                entry.completes_at = None;
            }
        }
    }

    pub fn extend(&mut self, months: u32, now: DateTime<Utc>) {
        // Prolonging an expired order starts from today, not from the past end.
        let from = self.date_end.map_or(now, |end| end.max(now));
        self.date_end = from.checked_add_months(Months::new(months));
    }
}

// ------------------------------------------------------------------ payments

#[derive(Clone, Debug)]
pub struct Payment {
    pub id: i64,
    pub user_id: i64,
    pub kind: PaymentKind,
    pub amount: Money,
    pub date: DateTime<Utc>,
    pub pay_sys: &'static str,
    pub status: PaymentStatus,
    pub payment_order_id: Option<i64>,
    pub order_order_id: Option<String>,
}

// ------------------------------------------------------------------ tickets and chats

#[derive(Clone, Debug)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub data: Bytes,
}

#[derive(Clone, Debug)]
pub struct ChatMessage {
    pub id: i64,
    pub user_id: i64,
    pub text: Option<String>,
    pub date_create: DateTime<Utc>,
    pub date_update: DateTime<Utc>,
    pub attachments: Vec<Attachment>,
    pub read_by: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct Chat {
    pub id: i64,
    pub title: String,
    pub status: &'static str,
    pub date_create: DateTime<Utc>,
    pub date_update: DateTime<Utc>,
    pub messages: Vec<ChatMessage>,
}

#[derive(Clone, Debug)]
pub struct Ticket {
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub department: &'static str,
    pub status: &'static str,
    pub date_create: DateTime<Utc>,
    pub date_update: DateTime<Utc>,
    pub order_ids: Vec<i64>,
    pub chat_id: i64,
}

// ------------------------------------------------------------------ the world

/// Everything the sandbox knows. Behind one mutex: every operation is a short, synchronous
/// change, so one lock keeps the model consistent at no measurable cost.
pub struct World {
    pub users: Vec<User>,
    pub catalog: Catalog,
    pub orders: BTreeMap<i64, Order>,
    pub payments: BTreeMap<i64, Payment>,
    pub tickets: BTreeMap<i64, Ticket>,
    pub chats: BTreeMap<i64, Chat>,
    pub ids: IdCounters,
    pub transition_delay: Duration,
    /// Where the sandbox listens, for the `payment_url`s it hands out.
    pub base_url: String,
}

/// The next id of each kind of object.
#[derive(Clone, Debug, Default)]
pub struct IdCounters {
    pub order: i64,
    pub payment: i64,
    pub ticket: i64,
    pub message: i64,
    pub attachment: i64,
    pub history: i64,
}

impl IdCounters {
    pub fn next(counter: &mut i64) -> i64 {
        *counter += 1;
        *counter
    }
}

impl World {
    pub fn user_by_token(&self, token: &str) -> Option<&User> {
        self.users.iter().find(|u| u.token.as_deref() == Some(token))
    }

    pub fn user(&self, id: i64) -> &User {
        self.users.iter().find(|u| u.id == id).expect("orders, tickets and messages belong to seeded users")
    }

    pub fn user_mut(&mut self, id: i64) -> &mut User {
        self.users.iter_mut().find(|u| u.id == id).expect("orders, tickets and messages belong to seeded users")
    }

    /// The caller's order, settled to the present. Another user's order is as absent as a
    /// missing one, so ids cannot be probed.
    pub fn own_order_mut(&mut self, user_id: i64, order_id: i64) -> Option<&mut Order> {
        let order = self.orders.get_mut(&order_id).filter(|o| o.user_id == user_id)?;
        order.settle(Instant::now());
        Some(order)
    }

    pub fn own_ticket(&self, user_id: i64, ticket_id: i64) -> Option<&Ticket> {
        self.tickets.get(&ticket_id).filter(|t| t.user_id == user_id)
    }

    /// The chat of one of the caller's tickets.
    pub fn own_chat_mut(&mut self, user_id: i64, chat_id: i64) -> Option<&mut Chat> {
        let owned = self.tickets.values().any(|t| t.chat_id == chat_id && t.user_id == user_id);
        if owned {
            self.chats.get_mut(&chat_id)
        } else {
            None
        }
    }

    /// Queues a server action: it completes `transition_delay` after the previous pending one
    /// (or after now), so actions sent in a burst all succeed, one after the other.
    pub fn queue_action(&mut self, order_id: i64, name: &'static str, params: Option<Value>, effect: Effect) {
        let id = IdCounters::next(&mut self.ids.history);
        let delay = self.transition_delay;
        let now = Instant::now();
        let Some(server) = self.orders.get_mut(&order_id).and_then(|o| o.server.as_mut()) else { return };
        let after = server.history.iter().filter_map(|e| e.completes_at).max().map_or(now, |last| last.max(now));
        server.history.push(HistoryEntry {
            id,
            name,
            state: ActionState::Pending,
            params,
            date_create: Utc::now(),
            completes_at: Some(after + delay),
            effect,
        });
    }

    pub fn record_payment(
        &mut self,
        user_id: i64,
        amount: Money,
        method: PaymentMethod,
        status: PaymentStatus,
        order: Option<(i64, String)>,
    ) -> i64 {
        let id = IdCounters::next(&mut self.ids.payment);
        let (payment_order_id, order_order_id) = order.map_or((None, None), |(id, code)| (Some(id), Some(code)));
        self.payments.insert(
            id,
            Payment {
                id,
                user_id,
                kind: PaymentKind::Purchase,
                amount,
                date: Utc::now(),
                pay_sys: method.pay_sys(),
                status,
                payment_order_id,
                order_order_id,
            },
        );
        id
    }

    /// Takes `amount` from the user's balance, or says why it cannot.
    pub fn charge(&mut self, user_id: i64, amount: Money, what: &str) -> Result<(), String> {
        let user = self.user_mut(user_id);
        if user.balance < amount {
            return Err(format!("Insufficient balance: {what} costs {amount}, the balance is {}", user.balance));
        }
        user.balance = user.balance - amount;
        Ok(())
    }
}

/// A stable, random-looking 12-hex-digit order code for an id.
pub fn order_code(id: i64) -> String {
    format!("{:012X}", mix(id as u64) & 0xFFFF_FFFF_FFFF)
}

/// A stable, random-looking password for a new server.
pub fn server_password(id: i64) -> String {
    format!("Sbx{:08x}", mix(id as u64 ^ 0x5eed) as u32)
}

/// splitmix64: cheap, deterministic scrambling for generated codes.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server_order() -> Order {
        Order {
            id: 1,
            code: order_code(1),
            user_id: 1,
            product_id: 175,
            os: Some("Debian 12".into()),
            control_panel: None,
            period_months: None,
            domain: None,
            name: String::new(),
            recipe_id: None,
            auto_refresh: false,
            status: OrderStatus::Issued,
            date_create: Utc::now(),
            date_end: None,
            issued: None,
            server: Some(Server { status: ServerStatus::Active, ips: vec![], history: vec![] }),
        }
    }

    fn pending(id: i64, at: Instant, effect: Effect) -> HistoryEntry {
        HistoryEntry {
            id,
            name: "host_stop",
            state: ActionState::Pending,
            params: None,
            date_create: Utc::now(),
            completes_at: Some(at),
            effect,
        }
    }

    #[test]
    fn settle_completes_only_due_actions_in_order() {
        let now = Instant::now();
        let mut order = server_order();
        let server = order.server.as_mut().unwrap();
        server.history.push(pending(1, now, Effect::Power(ServerStatus::Stopped)));
        server.history.push(pending(2, now + Duration::from_secs(60), Effect::Power(ServerStatus::Active)));
        order.settle(now);
        let server = order.server.as_ref().unwrap();
        assert_eq!(server.status, ServerStatus::Stopped);
        assert_eq!(server.history[0].state, ActionState::Complete);
        assert_eq!(server.history[1].state, ActionState::Pending);
    }

    #[test]
    fn terminating_fails_pending_actions() {
        let mut order = server_order();
        let later = Instant::now() + Duration::from_secs(60);
        order.server.as_mut().unwrap().history.push(pending(1, later, Effect::Nothing));
        order.terminate();
        let server = order.server.as_ref().unwrap();
        assert_eq!(server.status, ServerStatus::Deleted);
        assert_eq!(server.history[0].state, ActionState::Failed);
        assert_eq!(order.status, OrderStatus::Deleted);
    }

    #[test]
    fn order_codes_are_stable_twelve_hex_digits() {
        assert_eq!(order_code(25284), order_code(25284));
        assert_ne!(order_code(1), order_code(2));
        assert_eq!(order_code(7).len(), 12);
        assert!(order_code(7).chars().all(|c| c.is_ascii_hexdigit()));
    }
}
