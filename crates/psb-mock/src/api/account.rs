//! `GET /users/me`: the caller's account and balance.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::extract::CurrentUser;
use crate::shared::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/users/me", get(get_data))
}

async fn get_data(user: CurrentUser, State(state): State<AppState>) -> Json<Value> {
    let world = state.world();
    let user = world.user(user.id);
    Json(json!({
        "id": user.id,
        "email": user.email,
        "username": user.username,
        "role_id": user.role_id,
        "balance": user.balance,
        "is_verified": user.is_verified,
        "newsletter": user.newsletter,
    }))
}
