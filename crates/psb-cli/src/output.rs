//! How results are shown: a table for people, JSON or YAML for programs (the API's own shapes,
//! one document per command). Statuses and other vocabularies read as their English names
//! everywhere, as in every SDK; `--wire` shows the server's own spelling in JSON and YAML.

use crate::cli::Format;
use comfy_table::{presets, ContentArrangement, Table};
use psb::*;
use serde::Serialize;
use std::io::IsTerminal;

/// Table when stdout is a terminal, JSON when it is piped, unless `--output` says otherwise.
pub fn resolve(format: Option<Format>) -> Format {
    format.unwrap_or_else(|| if std::io::stdout().is_terminal() { Format::Table } else { Format::Json })
}

/// Prints a result. A closed pipe (`psb ... | head`) ends the output quietly.
pub fn show<T: Serialize + Tabular + ?Sized>(format: Format, show_secrets: bool, wire: bool, value: &T) {
    let text = match format {
        Format::Json => {
            format!("{}\n", serde_json::to_string_pretty(&masked(value, show_secrets, wire)).expect("serializable"))
        }
        Format::Yaml => serde_norway::to_string(&masked(value, show_secrets, wire)).expect("serializable"),
        // Cells are padded to the column width; line ends need no padding.
        Format::Table => {
            let mut out: String = value.table().to_string().lines().map(|l| format!("{}\n", l.trim_end())).collect();
            if let Some(footer) = value.footer() {
                out.push_str(&footer);
                out.push('\n');
            }
            out
        }
    };
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.expect("stdout is writable"),
    }
}

/// The value as JSON (vocabularies by their English names unless `wire`), with every
/// `password` blanked unless asked for.
fn masked<T: Serialize + ?Sized>(value: &T, show_secrets: bool, wire: bool) -> serde_json::Value {
    fn mask(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    if k == "password" && v.is_string() {
                        *v = serde_json::Value::String("***".into());
                    } else {
                        mask(v);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(mask),
            _ => {}
        }
    }
    let to_value = || serde_json::to_value(value).expect("serializable");
    let mut v = if wire { to_value() } else { psb::model::vocab::with_english_names(to_value) };
    if !show_secrets {
        mask(&mut v);
    }
    v
}

/// Something with a table form.
pub trait Tabular {
    fn table(&self) -> Table;
    /// A line under the table (page counts, a payment link).
    fn footer(&self) -> Option<String> {
        None
    }
}

fn grid(headers: &[&str], rows: Vec<Vec<String>>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled).set_header(headers.to_vec());
    for r in rows {
        t.add_row(r);
    }
    t
}

/// A single object: one field per line.
fn fields(pairs: Vec<(&str, String)>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING).set_content_arrangement(ContentArrangement::Disabled);
    for (k, v) in pairs {
        t.add_row(vec![k.to_string(), v]);
    }
    t
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}

fn date(t: &Timestamp) -> String {
    t.0.format("%Y-%m-%d %H:%M").to_string()
}

fn opt_date(t: &Option<Timestamp>) -> String {
    t.as_ref().map(date).unwrap_or_else(|| "-".into())
}

impl<T: Tabular> Tabular for Box<T> {
    fn table(&self) -> Table {
        (**self).table()
    }
}

impl Tabular for Account {
    fn table(&self) -> Table {
        fields(vec![
            ("ID", self.id.to_string()),
            ("USER", self.username.clone()),
            ("EMAIL", self.email.clone()),
            ("BALANCE", self.balance.to_string()),
            ("VERIFIED", self.is_verified.to_string()),
        ])
    }
}

impl Tabular for [Product] {
    fn table(&self) -> Table {
        grid(
            &["ID", "TITLE", "TYPE", "COUNTRY", "PRICE", "SPEC"],
            self.iter()
                .map(|p| {
                    let spec =
                        p.characters.iter().map(|c| format!("{} {}", c.name, c.content)).collect::<Vec<_>>().join(", ");
                    vec![
                        p.id.to_string(),
                        p.title.clone(),
                        p.product_type.as_str().to_string(),
                        p.country.clone(),
                        p.price.to_string(),
                        spec,
                    ]
                })
                .collect(),
        )
    }
}

impl Tabular for Vec<Product> {
    fn table(&self) -> Table {
        self.as_slice().table()
    }
}

impl Tabular for Product {
    fn table(&self) -> Table {
        fields(vec![
            ("ID", self.id.to_string()),
            ("TITLE", self.title.clone()),
            ("TYPE", self.product_type.as_str().to_string()),
            ("COUNTRY", self.country.clone()),
            ("PRICE", self.price.to_string()),
            (
                "SPEC",
                self.characters.iter().map(|c| format!("{} {}", c.name, c.content)).collect::<Vec<_>>().join(", "),
            ),
            ("OS", self.os.iter().map(|o| format!("{} ({})", o.name, o.id)).collect::<Vec<_>>().join(", ")),
            (
                "PANELS",
                self.control_panel.iter().map(|c| format!("{} ({})", c.name, c.id)).collect::<Vec<_>>().join(", "),
            ),
            (
                "PERIODS",
                self.periods
                    .iter()
                    .map(|p| format!("{} mo: {} ({})", p.months, p.price, p.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ])
    }
}

impl Tabular for ProductsForChange {
    fn table(&self) -> Table {
        grid(
            &["ID", "TITLE", "PRICE", "CHANGE COSTS"],
            self.products
                .iter()
                .map(|p| vec![p.id.to_string(), p.title.clone(), p.price.to_string(), opt(&p.price_for_change)])
                .collect(),
        )
    }
}

impl Tabular for Vec<Recipe> {
    fn table(&self) -> Table {
        grid(
            &["ID", "NAME", "DESCRIPTION"],
            self.iter().map(|r| vec![r.id.to_string(), r.name.clone(), opt(&r.description)]).collect(),
        )
    }
}

impl Tabular for Recipe {
    fn table(&self) -> Table {
        fields(vec![("ID", self.id.to_string()), ("NAME", self.name.clone()), ("DESCRIPTION", opt(&self.description))])
    }
}

fn order_row(o: &Order) -> Vec<String> {
    vec![
        o.id.to_string(),
        o.order_id.clone(),
        o.product.title.clone(),
        o.product.product_type.as_str().to_string(),
        o.status.to_string(),
        opt_date(&o.date_end),
        if o.auto_refresh { "yes".into() } else { "no".into() },
    ]
}

const ORDER_HEADERS: [&str; 7] = ["ID", "CODE", "PRODUCT", "TYPE", "STATUS", "ENDS", "AUTO"];

impl Tabular for Vec<Order> {
    fn table(&self) -> Table {
        grid(&ORDER_HEADERS, self.iter().map(order_row).collect())
    }
}

impl Tabular for Order {
    fn table(&self) -> Table {
        grid(&ORDER_HEADERS, vec![order_row(self)])
    }
}

impl Tabular for OrderCreated {
    fn table(&self) -> Table {
        self.order.table()
    }
    fn footer(&self) -> Option<String> {
        self.payment_url.as_ref().map(|url| format!("Waiting for the payment: {url}"))
    }
}

fn access(i: &Option<IssuedOrder>) -> String {
    match i {
        Some(IssuedOrder::Vps(v)) => {
            format!("{}@{}:{} (password: psb orders get -o json --show-secrets)", v.superuser, v.ip, v.port)
        }
        Some(IssuedOrder::Vpn(v)) => v.url.clone(),
        None => "-".into(),
    }
}

impl Tabular for OrderDetail {
    fn table(&self) -> Table {
        let o = &self.order_data;
        fields(vec![
            ("ID", o.id.to_string()),
            ("CODE", o.order_id.clone()),
            ("PRODUCT", format!("{} ({})", self.product_data.title, self.product_data.product_type.as_str())),
            ("STATUS", o.status.to_string()),
            ("SERVER", opt(&self.status_machine)),
            ("OS", opt(&o.os)),
            ("ACCESS", access(&self.issued_order)),
            ("CREATED", date(&o.date_create)),
            ("ENDS", opt_date(&o.date_end)),
            ("AUTO PROLONG", o.auto_refresh.to_string()),
        ])
    }
}

impl Tabular for Vec<Payment> {
    fn table(&self) -> Table {
        grid(
            &["ID", "TYPE", "AMOUNT", "DATE", "SYSTEM", "STATUS"],
            self.iter()
                .map(|p| {
                    vec![
                        p.id.to_string(),
                        p.payment_type.to_string(),
                        p.amount.to_string(),
                        date(&p.date),
                        p.pay_sys.clone(),
                        p.status.to_string(),
                    ]
                })
                .collect(),
        )
    }
}

impl Tabular for PaymentPage {
    fn table(&self) -> Table {
        self.items.table()
    }
    fn footer(&self) -> Option<String> {
        Some(format!("page {} of {} ({} payments; --all for every page)", self.page, self.pages, self.total))
    }
}

/// A response the SDK does not model yet (one the provider has just added): an object's
/// fields as rows, anything else as one cell.
impl Tabular for serde_json::Value {
    fn table(&self) -> Table {
        let cell = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        match self {
            serde_json::Value::Object(m) => fields(m.iter().map(|(k, v)| (k.as_str(), cell(v))).collect()),
            other => fields(vec![("value", cell(other))]),
        }
    }
}

impl Tabular for Message {
    fn table(&self) -> Table {
        fields(vec![("OK", self.message.clone())])
    }
}

impl Tabular for Vec<ServerHistoryEntry> {
    fn table(&self) -> Table {
        grid(
            &["ID", "ACTION", "STATE", "DATE", "PARAMS"],
            self.iter()
                .map(|h| {
                    vec![h.id.to_string(), h.name.clone(), h.state.to_string(), date(&h.date_create), opt(&h.params)]
                })
                .collect(),
        )
    }
}

impl Tabular for Vec<ServerIpAddress> {
    fn table(&self) -> Table {
        grid(
            &["IP", "TYPE", "PTR"],
            self.iter().map(|i| vec![i.ip.clone(), i.version.as_str().to_string(), opt(&i.ptr)]).collect(),
        )
    }
}

impl Tabular for ServerIpAddress {
    fn table(&self) -> Table {
        vec![self.clone()].table()
    }
}

fn ticket_row(t: &Ticket) -> Vec<String> {
    vec![
        t.id.to_string(),
        t.title.clone(),
        t.department.to_string(),
        t.status.to_string(),
        date(&t.date_update),
        t.unread_messages_count.to_string(),
    ]
}

const TICKET_HEADERS: [&str; 6] = ["ID", "TITLE", "DEPARTMENT", "STATUS", "UPDATED", "UNREAD"];

impl Tabular for Vec<Ticket> {
    fn table(&self) -> Table {
        grid(&TICKET_HEADERS, self.iter().map(ticket_row).collect())
    }
}

impl Tabular for TicketPage {
    fn table(&self) -> Table {
        self.items.table()
    }
    fn footer(&self) -> Option<String> {
        Some(format!("page {} of {} ({} tickets; --all for every page)", self.page, self.pages, self.total))
    }
}

impl Tabular for Ticket {
    fn table(&self) -> Table {
        grid(&TICKET_HEADERS, vec![ticket_row(self)])
    }
    fn footer(&self) -> Option<String> {
        Some(format!("messages: psb chats messages {}", self.chat.info.id))
    }
}

fn message_row(m: &ChatMessage) -> Vec<String> {
    let files = m.attachments.iter().map(|a| format!("{} ({} B)", a.name, a.size)).collect::<Vec<_>>().join(", ");
    vec![m.id.to_string(), date(&m.date_create), m.username.clone(), opt(&m.text), files]
}

impl Tabular for Vec<ChatMessage> {
    fn table(&self) -> Table {
        grid(&["ID", "DATE", "FROM", "TEXT", "FILES"], self.iter().map(message_row).collect())
    }
}

impl Tabular for ChatMessage {
    fn table(&self) -> Table {
        vec![self.clone()].table()
    }
}
