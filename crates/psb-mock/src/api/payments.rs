//! `GET /payment`: the caller's payment ledger, paged and sorted as documented.

use std::cmp::Ordering;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::page_count;
use crate::error::{ApiError, Issues};
use crate::extract::{CurrentUser, QueryParams};
use crate::shared::AppState;
use crate::state::Payment;
use crate::timefmt::zulu;

const DEFAULT_PAGE_SIZE: i64 = 50;
const MAX_PAGE_SIZE: i64 = 1000;

pub fn routes() -> Router<AppState> {
    Router::new().route("/payment", get(list_payments))
}

async fn list_payments(
    user: CurrentUser,
    State(state): State<AppState>,
    query: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let mut issues = Issues::default();
    let page = query.int("page", 1, 1, None, &mut issues);
    let size = query.int("pageSize", DEFAULT_PAGE_SIZE, 1, Some(MAX_PAGE_SIZE), &mut issues);
    let sort_by = query.choice("sortBy", "id", &["id", "type", "date", "status"], &mut issues);
    let sort_order = query.choice("sortOrder", "DESC", &["ASC", "DESC"], &mut issues);
    issues.finish(())?;

    let world = state.world();
    let mut payments: Vec<&Payment> = world.payments.values().filter(|p| p.user_id == user.id).collect();
    payments.sort_by(|a, b| {
        let by_key = match sort_by {
            "type" => a.kind.as_str().cmp(b.kind.as_str()),
            "date" => a.date.cmp(&b.date),
            "status" => a.status.as_str().cmp(b.status.as_str()),
            _ => Ordering::Equal,
        };
        let ordering = by_key.then(a.id.cmp(&b.id));
        if sort_order == "DESC" {
            ordering.reverse()
        } else {
            ordering
        }
    });
    let (page, size) = (page as usize, size as usize);
    let total = payments.len();
    let items: Vec<Value> =
        payments.into_iter().skip(page.saturating_sub(1).saturating_mul(size)).take(size).map(payment_json).collect();
    Ok(Json(json!({ "items": items, "total": total, "page": page, "size": size, "pages": page_count(total, size) })))
}

fn payment_json(payment: &Payment) -> Value {
    json!({
        "id": payment.id,
        "type": payment.kind.as_str(),
        "amount": payment.amount,
        "date": zulu(payment.date),
        "pay_sys": payment.pay_sys,
        "status": payment.status.as_str(),
        "payment_order_id": payment.payment_order_id,
        "order_order_id": payment.order_order_id,
    })
}
