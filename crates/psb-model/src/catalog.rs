use crate::{Money, ProductType};
use serde::{Deserialize, Serialize};

/// One line of a product's specification (vCPU, RAM, SSD, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ProductCharacter {
    pub id: i64,
    pub name: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OperatingSystem {
    pub id: i64,
    pub name: String,
    /// The provider's internal image id (order detail only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ControlPanel {
    pub id: i64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// The provider's internal panel id (order detail only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// A billing period a product can be bought or prolonged for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Period {
    pub id: i64,
    pub months: i64,
    pub price: Money,
}

/// A product as orders embed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ProductSummary {
    pub id: i64,
    pub title: String,
    pub price: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    #[serde(rename = "type")]
    pub product_type: ProductType,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profit: Option<Money>,
    /// Whether the product is on sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<bool>,
}

/// A catalog product with what can be chosen when ordering it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Product {
    pub id: i64,
    pub title: String,
    pub price: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    #[serde(rename = "type")]
    pub product_type: ProductType,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profit: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<bool>,
    /// What switching an order to this product costs (products for change only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_for_change: Option<Money>,
    pub characters: Vec<ProductCharacter>,
    pub os: Vec<OperatingSystem>,
    pub control_panel: Vec<ControlPanel>,
    #[serde(default)]
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ProductsForChange {
    pub products: Vec<Product>,
}

/// A script the provider can run on a new PSB VPS or HIGH-CPU PSB VPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Recipe {
    pub id: i64,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
