use crate::error::Error;
use crate::pagination::{walk, Fetched, PageStream};
use crate::reconcile::{self, Look};
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

    /// `POST /chats/{id}/messages` (multipart): text, files, or both. Exactly once: never sent
    /// again once it may have left; the chat's messages are counted first (they come oldest
    /// first), and when the answer is lost the new message is looked for after them and
    /// returned (else OutcomeUnknown).
    pub async fn send(&self, chat_id: i64, text: Option<&str>, attachments: &[Upload]) -> Result<ChatMessage> {
        let text = text.filter(|t| !t.trim().is_empty());
        if text.is_none() && attachments.is_empty() {
            return Err(Error::invalid_argument("a message needs text or at least one attachment"));
        }
        let fields = types::ChatsCreateChatMessageRequestFields { text: text.map(str::to_owned) };
        let before = self.count(chat_id).await?;
        let sent = self
            .client
            .send_multipart(
                &operations::CHATS_CREATE_CHAT_MESSAGE,
                &multipart::CHATS_CREATE_CHAT_MESSAGE,
                Some(chat_id),
                &fields,
                attachments,
            )
            .await;
        let what = format!("a new message in chat {chat_id}");
        reconcile::exactly_once(sent, self.client.settle(), &what, || async {
            let new: Vec<ChatMessage> = self
                .messages(chat_id, Some(ITER_LIMIT), Some(before))
                .await?
                .into_iter()
                .filter(|m| m.text.as_deref() == text && m.attachments.len() == attachments.len())
                .collect();
            Ok(Look::the_one(new, &what))
        })
        .await
    }

    /// How many messages the chat has: pages until an empty one (a server may cap `limit`).
    async fn count(&self, chat_id: i64) -> Result<i64> {
        let mut count = 0;
        loop {
            let page = self.messages(chat_id, Some(ITER_LIMIT), Some(count)).await?;
            if page.is_empty() {
                return Ok(count);
            }
            count += page.len() as i64;
        }
    }
}
