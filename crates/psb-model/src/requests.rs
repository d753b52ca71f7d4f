//! What callers send: new orders, new tickets, list parameters, files to upload.

use crate::Department;
use serde::{Deserialize, Serialize};

/// How a new order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum PaymentMethod {
    /// From the account's balance: the order is issued at once.
    Balance,
    /// Through the Lava gateway: the order waits for the payment.
    Lava,
    /// Through the Heleket gateway: the order waits for the payment.
    Heleket,
}

impl PaymentMethod {
    /// The API's `payment_type` id.
    pub fn id(&self) -> i64 {
        match self {
            PaymentMethod::Balance => 1,
            PaymentMethod::Lava => 3,
            PaymentMethod::Heleket => 4,
        }
    }
}

/// A new order (`orders.create`). Which of `os`, `control_panel`, `domain` and `recipe_id` are
/// needed depends on the product's type; the product's `os`, `control_panel` and `periods` lists
/// give the ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct NewOrder {
    pub product_id: i64,
    pub payment: PaymentMethod,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub os: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub control_panel: Option<i64>,
    /// Bulletproof servers only.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub domain: Option<String>,
    /// PSB VPS and HIGH-CPU PSB VPS only.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub recipe_id: Option<i64>,
    /// A period id from the product's `periods`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub period: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
}

impl NewOrder {
    pub fn new(product_id: i64, payment: PaymentMethod) -> NewOrder {
        NewOrder {
            product_id,
            payment,
            os: None,
            control_panel: None,
            domain: None,
            recipe_id: None,
            period: None,
            name: None,
        }
    }
    pub fn os(mut self, id: i64) -> Self {
        self.os = Some(id);
        self
    }
    pub fn control_panel(mut self, id: i64) -> Self {
        self.control_panel = Some(id);
        self
    }
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }
    pub fn recipe(mut self, id: i64) -> Self {
        self.recipe_id = Some(id);
        self
    }
    pub fn period(mut self, id: i64) -> Self {
        self.period = Some(id);
        self
    }
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
}

/// A file to attach to a ticket or a chat message.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Upload {
    pub file_name: String,
    pub content_type: String,
    #[serde(with = "serde_bytes_vec")]
    pub content: Vec<u8>,
}

impl Upload {
    pub fn from_bytes(
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        content: impl Into<Vec<u8>>,
    ) -> Upload {
        Upload { file_name: file_name.into(), content_type: content_type.into(), content: content.into() }
    }

    /// Reads a file; the content type is guessed from its extension.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<Upload> {
        let path = path.as_ref();
        let content = std::fs::read(path)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
        Ok(Upload { content_type: content_type_for(&file_name).to_string(), file_name, content })
    }
}

/// A content type from a file name's extension (the common ones; else octet-stream).
pub fn content_type_for(file_name: &str) -> &'static str {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain",
        "json" => "application/json",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

// Debug shows the size, not the bytes.
impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("size", &self.content.len())
            .finish()
    }
}

mod serde_bytes_vec {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Vec::<u8>::deserialize(d)
    }
}

/// A new support ticket (`tickets.create`): its first message goes to the ticket's chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewTicket {
    pub title: String,
    pub department: Department,
    pub message: String,
    /// Orders the ticket is about.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub order_ids: Vec<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub attachments: Vec<Upload>,
}

impl NewTicket {
    pub fn new(title: impl Into<String>, department: Department, message: impl Into<String>) -> NewTicket {
        NewTicket { title: title.into(), department, message: message.into(), order_ids: vec![], attachments: vec![] }
    }
    pub fn order(mut self, id: i64) -> Self {
        self.order_ids.push(id);
        self
    }
    pub fn attach(mut self, upload: Upload) -> Self {
        self.attachments.push(upload);
        self
    }
}

/// What payments are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum PaymentSortBy {
    Id,
    Type,
    Date,
    Status,
}

impl PaymentSortBy {
    pub fn as_str(&self) -> &'static str {
        match self {
            PaymentSortBy::Id => "id",
            PaymentSortBy::Type => "type",
            PaymentSortBy::Date => "date",
            PaymentSortBy::Status => "status",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum SortOrder {
    Asc,
    Desc,
}

impl SortOrder {
    pub fn as_str(&self) -> &'static str {
        match self {
            SortOrder::Asc => "ASC",
            SortOrder::Desc => "DESC",
        }
    }
}

/// Which page of payments, and in what order (`payments.list`, `payments.iter`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PaymentQuery {
    /// 1-based.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub page: Option<i64>,
    /// 1 to 1000.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub page_size: Option<i64>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub sort_by: Option<PaymentSortBy>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub sort_order: Option<SortOrder>,
}

impl PaymentQuery {
    pub fn new() -> PaymentQuery {
        PaymentQuery::default()
    }
    pub fn page(mut self, page: i64) -> Self {
        self.page = Some(page);
        self
    }
    pub fn page_size(mut self, size: i64) -> Self {
        self.page_size = Some(size);
        self
    }
    pub fn sort(mut self, by: PaymentSortBy, order: SortOrder) -> Self {
        self.sort_by = Some(by);
        self.sort_order = Some(order);
        self
    }
}
