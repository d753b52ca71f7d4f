//! The control API's handlers: reset, faults, coverage, the request log, gateway payments,
//! attachments and the vocabulary.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{ApiError, ValidationIssue};
use crate::extract::{PathId, QueryParams, RawBody};
use crate::shared::AppState;
use crate::state::{Order, PaymentStatus};

use super::faults;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/__sandbox/reset", post(reset))
        .route("/__sandbox/coverage", get(coverage))
        .route("/__sandbox/faults", get(list_faults).post(add_fault).delete(clear_faults))
        .route("/__sandbox/requests", get(recent_requests))
        .route("/__sandbox/vocabulary", get(get_vocabulary).post(set_vocabulary).delete(clear_vocabulary))
        .route("/__sandbox/pay/{id}", get(complete_payment).post(complete_payment))
        .route("/__sandbox/attachments/{id}", get(attachment))
}

async fn reset(State(state): State<AppState>) -> Json<Value> {
    state.reset();
    Json(json!({ "reset": true }))
}

async fn coverage(State(state): State<AppState>) -> Json<Value> {
    Json(state.control.coverage().report())
}

async fn list_faults(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "faults": state.control.faults().list() }))
}

async fn clear_faults(State(state): State<AppState>) -> Json<Value> {
    state.control.faults().clear();
    Json(json!({ "faults": [] }))
}

async fn add_fault(State(state): State<AppState>, RawBody(body): RawBody) -> Result<Response, ApiError> {
    let invalid = |msg: String| ApiError::invalid(ValidationIssue::new("body", "", "value_error", msg));
    let request: faults::FaultRequest = serde_json::from_slice(&body).map_err(|e| invalid(e.to_string()))?;
    let queued = state.control.faults().add(request).map_err(invalid)?;
    Ok((StatusCode::CREATED, Json(queued)).into_response())
}

async fn recent_requests(State(state): State<AppState>, query: QueryParams) -> Result<Json<Value>, ApiError> {
    let mut issues = crate::error::Issues::default();
    let limit = query.int("limit", 100, 1, Some(1000), &mut issues) as usize;
    issues.finish(())?;
    let requests = state.control.requests().recent(limit, query.get("operation_id"));
    Ok(Json(json!({ "requests": requests })))
}

/// What a payment gateway's callback does: marks a pending payment paid and delivers its order.
/// A GET works too, so that a person can open an order's `payment_url` in a browser.
async fn complete_payment(State(state): State<AppState>, PathId(id): PathId) -> Result<Json<Value>, ApiError> {
    let mut world = state.world();
    let payment = world.payments.get_mut(&id).ok_or_else(|| ApiError::not_found("Payment not found"))?;
    if payment.status != PaymentStatus::Pending {
        return Err(ApiError::conflict(format!("Payment {id} is not pending")));
    }
    payment.status = PaymentStatus::Paid;
    let order_id = payment.payment_order_id;
    if let Some(order_id) = order_id {
        crate::api::orders::fulfil(&mut world, order_id);
    }
    let order_status = order_id.and_then(|id| world.orders.get(&id)).map(|o: &Order| o.status.as_str());
    Ok(Json(
        json!({ "payment": id, "status": PaymentStatus::Paid.as_str(), "order": order_id, "order_status": order_status }),
    ))
}

async fn attachment(State(state): State<AppState>, PathId(id): PathId) -> Result<Response, ApiError> {
    let world = state.world();
    let found = world
        .chats
        .values()
        .flat_map(|chat| &chat.messages)
        .flat_map(|message| &message.attachments)
        .find(|a| a.id == id)
        .ok_or_else(|| ApiError::not_found("Attachment not found"))?;
    Ok(([(CONTENT_TYPE, found.content_type.clone())], found.data.clone()).into_response())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyRequest {
    /// Known value → the value to answer with instead.
    replace: std::collections::BTreeMap<String, String>,
}

async fn set_vocabulary(State(state): State<AppState>, RawBody(body): RawBody) -> Result<Json<Value>, ApiError> {
    let request: VocabularyRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::invalid(ValidationIssue::new("body", "replace", "value_error", e.to_string())))?;
    let mut vocabulary = state.control.vocabulary();
    vocabulary.set(request.replace);
    Ok(Json(json!({ "replace": vocabulary.replacements() })))
}

async fn get_vocabulary(State(state): State<AppState>) -> Json<Value> {
    Json(json!({ "replace": state.control.vocabulary().replacements() }))
}

async fn clear_vocabulary(State(state): State<AppState>) -> Json<Value> {
    state.control.vocabulary().clear();
    Json(json!({ "replace": {} }))
}
