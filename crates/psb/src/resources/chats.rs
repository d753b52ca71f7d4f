use crate::error::Error;
use crate::pagination::{walk, Fetched, PageStream};
use crate::resources::Chats;
use crate::Result;
use psb_api::operations;
use psb_api::{multipart, types};
use psb_model::{ChatMessage, Upload};

/// Messages per page when walking a chat.
const ITER_LIMIT: i64 = 100;

impl Chats<'_> {
    /// Every message of the chat, 100 at a time, fetched as the stream is read.
    pub fn iter_messages(&self, chat_id: i64) -> PageStream<ChatMessage> {
        let client = self.client.clone();
        walk(move |n| {
            let client = client.clone();
            async move {
                let items = client
                    .chats()
                    .messages(chat_id, Some(ITER_LIMIT), Some(i64::from(n - 1).saturating_mul(ITER_LIMIT)))
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
