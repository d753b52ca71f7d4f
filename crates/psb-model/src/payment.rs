use crate::{Money, PaymentStatus, PaymentType, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Payment {
    pub id: i64,
    #[serde(rename = "type")]
    pub payment_type: PaymentType,
    pub amount: Money,
    pub date: Timestamp,
    /// The payment system ("Оплата с баланса" is the balance).
    pub pay_sys: String,
    pub status: PaymentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_order_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_order_id: Option<String>,
}

/// One page of the payment ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PaymentPage {
    pub items: Vec<Payment>,
    pub page: i64,
    pub size: i64,
    pub total: i64,
    pub pages: i64,
}
