use crate::error::Error;
use crate::pagination::{walk, Fetched, PageStream};
use crate::resources::check_range;
use crate::{Client, Result};
use psb_api::operations;
use psb_api::{multipart, types};
use psb_model::{ChatMessage, Upload};

/// The chats of tickets: their messages and attachments.
#[derive(Debug, Clone, Copy)]
pub struct Chats<'a> {
    pub(crate) client: &'a Client,
}

/// Messages per page when walking a chat.
const ITER_LIMIT: u32 = 100;

impl Chats<'_> {
    /// `GET /chats/{id}/messages`: up to `limit` (1 to 100, default 50) messages from `offset`.
    pub async fn messages(&self, chat_id: i64, limit: Option<u32>, offset: Option<u32>) -> Result<Vec<ChatMessage>> {
        if let Some(l) = limit {
            check_range("limit", l.into(), 1, 100)?;
        }
        self.client
            .call(&operations::CHATS_GET_CHAT_MESSAGES_BY_ID, |api| {
                let mut call = api.chats_get_chat_messages_by_id().id(chat_id);
                if let Some(l) = limit {
                    call = call.limit(std::num::NonZeroU64::new(l.into()).expect("checked"));
                }
                if let Some(o) = offset {
                    call = call.offset(u64::from(o));
                }
                call.send()
            })
            .await
    }

    /// Every message of the chat, 100 at a time, fetched as the stream is read.
    pub fn iter_messages(&self, chat_id: i64) -> PageStream<ChatMessage> {
        let client = self.client.clone();
        walk(move |n| {
            let client = client.clone();
            async move {
                let items = client
                    .chats()
                    .messages(chat_id, Some(ITER_LIMIT), Some((n - 1).saturating_mul(ITER_LIMIT)))
                    .await?;
                // Until an empty page: a server that caps `limit` lower than asked still gets
                // walked to the end (one request more than strictly needed).
                Ok(Fetched { more: !items.is_empty(), items })
            }
        })
    }

    /// `POST /chats/{id}/messages` (multipart): text, files, or both. Never retried once sent.
    pub async fn send(&self, chat_id: i64, text: Option<&str>, attachments: &[Upload]) -> Result<ChatMessage> {
        let text = text.filter(|t| !t.trim().is_empty());
        if text.is_none() && attachments.is_empty() {
            return Err(Error::invalid_argument("a message needs text or at least one attachment"));
        }
        let fields = types::ChatsCreateChatMessageRequestFields { text: text.map(str::to_owned) };
        self.client
            .send_multipart(
                &operations::CHATS_CREATE_CHAT_MESSAGE,
                &multipart::CHATS_CREATE_CHAT_MESSAGE,
                Some(chat_id),
                &fields,
                attachments,
            )
            .await
    }
}
