//! Support tickets: list (at most 10 a page), detail, creation with a first message and
//! attachments, closing.

use axum::extract::State;
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Utc;
use serde_json::{json, Value};

use super::chats::{attachments_from, new_message};
use super::page_count;
use crate::error::{ApiError, Issues, ValidationIssue};
use crate::extract::{parse_integer, CurrentUser, FormData, PathId, QueryParams};
use crate::shared::AppState;
use crate::state::*;
use crate::timefmt::zulu;

const MAX_PAGE_SIZE: i64 = 10;
const ORDER_IDS_PATTERN: &str = r"^\s*([0-9]+(\s*,\s*[0-9]+)*)?\s*$";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tickets", get(list_tickets).post(create_ticket))
        .route("/tickets/{id}", get(get_ticket))
        .route("/tickets/{id}/close", put(close_ticket))
}

async fn list_tickets(
    user: CurrentUser,
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let page = query.int("page", 1, 1, None, &mut issues) as usize;
    let size = query.int("pageSize", MAX_PAGE_SIZE, 1, Some(MAX_PAGE_SIZE), &mut issues) as usize;
    issues.finish(())?;
    let world = state.world();
    // Newest first.
    let tickets: Vec<&Ticket> = world.tickets.values().rev().filter(|t| t.user_id == user.id).collect();
    let total = tickets.len();
    let items: Vec<Value> = tickets
        .into_iter()
        .skip(page.saturating_sub(1).saturating_mul(size))
        .take(size)
        .map(|ticket| ticket_json(&world, ticket, TicketView::Listed))
        .collect();
    Ok(Json(json!({ "items": items, "total": total, "page": page, "size": size, "pages": page_count(total, size) })))
}

async fn get_ticket(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let world = state.world();
    let ticket = world.own_ticket(user.id, id).ok_or_else(not_found)?;
    Ok(Json(ticket_json(&world, ticket, TicketView::Single)))
}

async fn close_ticket(
    user: CurrentUser,
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    world.own_ticket(user.id, id).ok_or_else(not_found)?;
    let ticket = world.tickets.get_mut(&id).expect("checked above");
    // Closing is idempotent: the operation has no 409 for an already closed ticket.
    if ticket.status != TICKET_CLOSED {
        ticket.status = TICKET_CLOSED;
        ticket.date_update = Utc::now();
        // The ticket's chat closes with it, so the two never disagree.
        let chat_id = ticket.chat_id;
        if let Some(chat) = world.chats.get_mut(&chat_id) {
            chat.status = TICKET_CLOSED;
            chat.date_update = Utc::now();
        }
    }
    Ok(Json(ticket_json(&world, &world.tickets[&id], TicketView::Single)))
}

async fn create_ticket(
    user: CurrentUser,
    State(state): State<AppState>,
    form: FormData,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let title = form.required_text("title", &mut issues);
    let department = form.required_choice("type", &DEPARTMENTS, &mut issues);
    let message = form.required_text("message", &mut issues);
    let order_ids = parse_order_ids(form.text("order_ids"), &mut issues);
    form.check_files_are_uploads(&mut issues);

    let (title, department, message) = issues.finish((title, department, message))?;
    let (title, department, message) = (
        title.expect("reported if missing"),
        department.expect("reported if missing"),
        message.expect("reported if missing"),
    );

    let mut world = state.world();
    // Someone else's order is as unknown as one that does not exist.
    if let Some(order_id) = order_ids.iter().find(|id| world.orders.get(id).is_none_or(|o| o.user_id != user.id)) {
        return Err(ApiError::not_found(format!("Order {order_id} not found")));
    }
    let id = IdCounters::next(&mut world.ids.ticket);
    let now = Utc::now();
    world.tickets.insert(
        id,
        Ticket {
            id,
            user_id: user.id,
            title: title.clone(),
            department,
            status: TICKET_OPEN,
            date_create: now,
            date_update: now,
            order_ids,
            chat_id: id,
        },
    );
    let attachments = attachments_from(&mut world, &form);
    let first = new_message(&mut world, user.id, Some(message), attachments, now);
    world.chats.insert(
        id,
        Chat {
            id,
            title: format!("Чат тикета #{id} - {title}"),
            status: TICKET_OPEN,
            date_create: now,
            date_update: now,
            messages: vec![first],
        },
    );
    Ok(Json(ticket_json(&world, &world.tickets[&id], TicketView::Single)))
}

/// `"123, 321"` → `[123, 321]`, reported as pydantic reports a pattern mismatch.
fn parse_order_ids(raw: Option<&str>, issues: &mut Issues) -> Vec<i64> {
    // Blank means none, as FastAPI reads an empty form field.
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else { return Vec::new() };
    let ids: Option<Vec<i64>> = raw.split(',').map(|part| parse_integer(part.trim())).collect();
    match ids {
        Some(ids) if !ids.is_empty() => ids,
        _ => {
            issues.push(
                ValidationIssue::new(
                    "body",
                    "order_ids",
                    "string_pattern_mismatch",
                    format!("String should match pattern '{ORDER_IDS_PATTERN}'"),
                )
                .with_input(raw),
            );
            Vec::new()
        }
    }
}

fn not_found() -> ApiError {
    ApiError::not_found("Ticket not found")
}

/// The list embeds an empty `messages` in each chat and the detail none, as the provider's two
/// examples show.
#[derive(Clone, Copy, PartialEq)]
enum TicketView {
    Listed,
    Single,
}

fn ticket_json(world: &World, ticket: &Ticket, view: TicketView) -> Value {
    let chat = &world.chats[&ticket.chat_id];
    let unread = chat.messages.iter().filter(|m| !m.read_by.contains(&ticket.user_id)).count();
    let mut participants = vec![ticket.user_id];
    for message in &chat.messages {
        if !participants.contains(&message.user_id) {
            participants.push(message.user_id);
        }
    }
    let users: Vec<Value> = participants
        .into_iter()
        .map(|id| world.user(id))
        .map(|u| json!({ "id": u.id, "role_id": u.role_id, "username": u.username }))
        .collect();
    let products: Vec<i64> =
        ticket.order_ids.iter().filter_map(|id| world.orders.get(id)).map(|o| o.product_id).collect();
    let mut chat_json = json!({
        "info": {
            "id": chat.id,
            "title": chat.title,
            "status": chat.status,
            "date_create": zulu(chat.date_create),
            "date_update": zulu(chat.date_update),
        },
        "users": users,
    });
    if view == TicketView::Listed {
        chat_json["messages"] = json!([]);
    }
    json!({
        "id": ticket.id,
        "title": ticket.title,
        "type": ticket.department,
        "status": ticket.status,
        "date_create": zulu(ticket.date_create),
        "date_update": zulu(ticket.date_update),
        "orders": ticket.order_ids,
        "products": products,
        "unread_messages_count": unread,
        "chat": chat_json,
    })
}
