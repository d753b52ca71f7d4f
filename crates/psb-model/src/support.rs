//! Support: tickets and the chats that carry their messages.

use crate::{Department, TicketStatus, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Ticket {
    pub id: i64,
    pub title: String,
    #[serde(rename = "type")]
    pub department: Department,
    pub status: TicketStatus,
    pub date_create: Timestamp,
    pub date_update: Timestamp,
    /// Ids of the orders the ticket is about.
    #[serde(default)]
    pub orders: Vec<i64>,
    /// Ids of those orders' products.
    #[serde(default)]
    pub products: Vec<i64>,
    #[serde(default)]
    pub unread_messages_count: i64,
    pub chat: Chat,
}

/// One page of tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct TicketPage {
    pub items: Vec<Ticket>,
    pub page: i64,
    pub size: i64,
    pub total: i64,
    pub pages: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Chat {
    pub info: ChatInfo,
    /// The latest messages (ticket lists only); page through all with the chat's messages call.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<ChatMessage>,
    #[serde(default)]
    pub users: Vec<ChatUser>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ChatInfo {
    pub id: i64,
    pub title: String,
    pub status: TicketStatus,
    pub date_create: Timestamp,
    pub date_update: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ChatUser {
    pub id: i64,
    pub role_id: i64,
    pub username: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ChatMessage {
    pub id: i64,
    pub user_id: i64,
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub chat_id: i64,
    pub date_create: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_status: Option<ReadStatus>,
}

/// A file attached to a chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    /// Bytes.
    pub size: i64,
    pub content_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ReadStatus {
    pub read_by_users: Vec<i64>,
    pub is_read_by_current_user: bool,
}
