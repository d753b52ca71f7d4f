use crate::Money;
use serde::{Deserialize, Serialize};

/// The account the token belongs to (`GET /users/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub username: String,
    pub role_id: i64,
    pub balance: Money,
    pub is_verified: bool,
    pub newsletter: bool,
}
