//! A ticket's chat: messages (at most 100 a request, with an offset) and new messages with
//! attachments from multipart uploads.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::error::{ApiError, Issues, ValidationIssue};
use crate::extract::{CurrentUser, FormData, PathId, QueryParams};
use crate::shared::AppState;
use crate::state::*;
use crate::timefmt::zulu;

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 100;

pub fn routes() -> Router<AppState> {
    Router::new().route("/chats/{id}/messages", get(list_messages).post(send_message))
}

/// Oldest first. Reading marks the returned messages read by the caller; the response shows
/// them as they were before this read, so a client can tell which ones are new.
async fn list_messages(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    query: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let limit = query.int("limit", DEFAULT_LIMIT, 1, Some(MAX_LIMIT), &mut issues) as usize;
    let offset = query.int("offset", 0, 0, None, &mut issues) as usize;
    issues.finish(())?;

    let mut world = state.world();
    let chat = world.own_chat_mut(user.id, id).ok_or_else(not_found)?;
    let page: Vec<ChatMessage> = chat.messages.iter().skip(offset).take(limit).cloned().collect();
    for message in chat.messages.iter_mut().skip(offset).take(limit) {
        if !message.read_by.contains(&user.id) {
            message.read_by.push(user.id);
        }
    }
    let rendered = page.iter().map(|m| message_json(&world, &state.base_url, id, m, user.id)).collect();
    Ok(Json(Value::Array(rendered)))
}

async fn send_message(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    form.check_files_are_uploads(&mut issues);
    issues.finish(())?;
    let text = form.text("text").map(str::to_owned);
    if text.is_none() && form.files.is_empty() {
        return Err(ApiError::invalid(ValidationIssue::new(
            "body",
            "text",
            "value_error",
            "A message needs a text, files, or both",
        )));
    }
    let mut world = state.world();
    world.own_chat_mut(user.id, id).ok_or_else(not_found)?;
    let attachments = attachments_from(&mut world, &form);
    let now = Utc::now();
    let message = new_message(&mut world, user.id, text, attachments, now);
    let rendered = message_json(&world, &state.base_url, id, &message, user.id);
    let chat = world.chats.get_mut(&id).expect("checked above");
    chat.messages.push(message);
    chat.date_update = now;
    if let Some(ticket) = world.tickets.values_mut().find(|t| t.chat_id == id) {
        ticket.date_update = now;
    }
    Ok(Json(rendered))
}

fn not_found() -> ApiError {
    ApiError::not_found("Chat not found")
}

/// Every uploaded file of a form, as stored attachments. The spec names the field `files`;
/// any file part is taken, so `files[]` from some clients works too.
pub fn attachments_from(world: &mut World, form: &FormData) -> Vec<Attachment> {
    form.files
        .iter()
        .map(|upload| Attachment {
            id: IdCounters::next(&mut world.ids.attachment),
            name: upload.file_name.clone(),
            content_type: upload.content_type.clone(),
            data: upload.data.clone(),
        })
        .collect()
}

pub fn new_message(
    world: &mut World,
    user_id: i64,
    text: Option<String>,
    attachments: Vec<Attachment>,
    at: DateTime<Utc>,
) -> ChatMessage {
    ChatMessage {
        id: IdCounters::next(&mut world.ids.message),
        user_id,
        text,
        date_create: at,
        date_update: at,
        attachments,
        read_by: vec![user_id],
    }
}

fn message_json(world: &World, base_url: &str, chat_id: i64, message: &ChatMessage, viewer: i64) -> Value {
    let attachments: Vec<Value> = message
        .attachments
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "name": a.name,
                "size": a.data.len(),
                "content_type": a.content_type,
                "url": format!("{base_url}/__sandbox/attachments/{}", a.id),
            })
        })
        .collect();
    json!({
        "id": message.id,
        "user_id": message.user_id,
        "username": world.user(message.user_id).username,
        "text": message.text,
        "chat_id": chat_id,
        "date_create": zulu(message.date_create),
        "date_update": zulu(message.date_update),
        "attachments": attachments,
        "read_status": {
            "read_by_users": message.read_by,
            "is_read_by_current_user": message.read_by.contains(&viewer),
        },
    })
}
