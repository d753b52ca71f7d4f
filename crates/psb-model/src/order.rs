use crate::{
    loose, ControlPanel, Money, OperatingSystem, OrderStatus, ProductCharacter, ProductSummary, Secret,
    ServerHistoryEntry, ServerStatus, Timestamp,
};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// An order as the order list returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Order {
    pub id: i64,
    /// The order's public code (`6E48A19C62BF`).
    pub order_id: String,
    pub user_id: i64,
    pub product: ProductSummary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_panel: Option<ControlPanel>,
    /// The billing period's id.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "loose::opt_i64")]
    pub period: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe_id: Option<i64>,
    /// Whether the order prolongs itself.
    pub auto_refresh: bool,
    pub status: OrderStatus,
    pub date_create: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_order: Option<IssuedOrder>,
}

/// The order part of an order's detail: ids where the list embeds objects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OrderData {
    pub id: i64,
    pub order_id: String,
    pub user_id: i64,
    /// The product's id.
    pub product: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os: Option<String>,
    #[serde(default, deserialize_with = "loose::opt_i64", skip_serializing_if = "Option::is_none")]
    pub profit: Option<i64>,
    /// The control panel's id.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "loose::opt_i64")]
    pub control_panel: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "loose::opt_i64")]
    pub period: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipe_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    pub auto_refresh: bool,
    pub status: OrderStatus,
    pub date_create: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<Timestamp>,
}

/// An order with its product and what was issued. Server orders add the product's
/// specification, the server history and the server's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OrderDetail {
    pub order_data: OrderData,
    pub product_data: ProductSummary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_order: Option<IssuedOrder>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub product_characters: Vec<ProductCharacter>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub product_systems: Vec<OperatingSystem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_panel: Option<ControlPanel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub server_history: Vec<ServerHistoryEntry>,
    /// The server's state (server orders only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_machine: Option<ServerStatus>,
}

/// A new order: paid from the balance it is being issued; paid through a gateway it waits for
/// the payment at `payment_url`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OrderCreated {
    pub order: Order,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_url: Option<String>,
}

/// Access to an issued server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct IssuedVps {
    pub id: i64,
    pub ip: String,
    /// The remote-access port (SSH or RDP); the API sends it as "3389" or 3389.
    #[serde(deserialize_with = "loose::i64")]
    pub port: i64,
    pub superuser: String,
    pub password: Secret,
    pub order_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_addr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_subnet: Option<String>,
}

/// Access to an issued VPN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct IssuedVpn {
    pub id: i64,
    /// The client configuration file.
    pub url: String,
    /// The configuration as a QR code image.
    pub qr: String,
    pub order_id: i64,
}

/// What the provider issued for an order; its shape depends on the product type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), serde(untagged))]
pub enum IssuedOrder {
    Vps(IssuedVps),
    Vpn(IssuedVpn),
}

/// As the API writes it (the variant's own fields); tagged by its variant only for uniffi's
/// rows, which cannot tell the variants apart by their keys.
impl Serialize for IssuedOrder {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tagged = crate::ffi_values::on();
        match self {
            IssuedOrder::Vps(v) if tagged => s.serialize_newtype_variant("IssuedOrder", 0, "Vps", v),
            IssuedOrder::Vpn(v) if tagged => s.serialize_newtype_variant("IssuedOrder", 1, "Vpn", v),
            IssuedOrder::Vps(v) => v.serialize(s),
            IssuedOrder::Vpn(v) => v.serialize(s),
        }
    }
}

impl IssuedOrder {
    pub fn as_vps(&self) -> Option<&IssuedVps> {
        match self {
            IssuedOrder::Vps(v) => Some(v),
            IssuedOrder::Vpn(_) => None,
        }
    }

    pub fn as_vpn(&self) -> Option<&IssuedVpn> {
        match self {
            IssuedOrder::Vpn(v) => Some(v),
            IssuedOrder::Vps(_) => None,
        }
    }
}

/// Decoded in one pass through the union of both shapes, then told apart by its keys
/// (`url` = VPN, `ip` = VPS): no buffering and retrying as `#[serde(untagged)]` would do.
impl<'de> Deserialize<'de> for IssuedOrder {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Flat {
            id: i64,
            order_id: i64,
            ip: Option<String>,
            #[serde(default, deserialize_with = "loose::opt_i64")]
            port: Option<i64>,
            superuser: Option<String>,
            password: Option<Secret>,
            #[serde(default)]
            ipv6_addr: Option<String>,
            #[serde(default)]
            ipv6_subnet: Option<String>,
            url: Option<String>,
            qr: Option<String>,
        }
        let f = Flat::deserialize(d)?;
        let missing = |field: &'static str| de::Error::missing_field(field);
        if let Some(url) = f.url {
            return Ok(IssuedOrder::Vpn(IssuedVpn {
                id: f.id,
                url,
                qr: f.qr.ok_or_else(|| missing("qr"))?,
                order_id: f.order_id,
            }));
        }
        if let Some(ip) = f.ip {
            return Ok(IssuedOrder::Vps(IssuedVps {
                id: f.id,
                ip,
                port: f.port.ok_or_else(|| missing("port"))?,
                superuser: f.superuser.ok_or_else(|| missing("superuser"))?,
                password: f.password.ok_or_else(|| missing("password"))?,
                order_id: f.order_id,
                ipv6_addr: f.ipv6_addr,
                ipv6_subnet: f.ipv6_subnet,
            }));
        }
        Err(de::Error::custom("an issued order has neither `ip` (VPS) nor `url` (VPN)"))
    }
}

impl Order {
    /// The order's price for one period, as embedded in the order.
    pub fn price(&self) -> Money {
        self.product.price
    }
}
