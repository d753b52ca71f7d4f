use crate::{IpVersion, ServerActionState, Timestamp};
use serde::{Deserialize, Serialize};

/// One action on a server and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ServerHistoryEntry {
    pub id: i64,
    /// The action: host_create, host_start, host_stop, host_restart, host_reinstall,
    /// change_password, change_port, assign_ipv6, ...
    pub name: String,
    pub state: ServerActionState,
    /// The action's parameters as JSON text (for host_reinstall: `old_os`, `new_os`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "json_text")]
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, unknown> | null"))]
    pub params: Option<String>,
    pub date_create: Timestamp,
}

/// An IP address of a server, with its PTR record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ServerIpAddress {
    pub ip: String,
    #[serde(rename = "type")]
    pub version: IpVersion,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ptr: Option<String>,
}

/// The acknowledgement of a request the provider carries out asynchronously.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Message {
    pub message: String,
}

/// Free-form parameters kept as JSON text: every binding can carry a string, and the action
/// decides what the parameters mean.
mod json_text {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        match v.as_deref().map(serde_json_value) {
            Some(Ok(value)) => value.serialize(s),
            _ => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let v = Option::<Box<serde_json::value::RawValue>>::deserialize(d)?;
        Ok(v.map(|raw| raw.get().to_owned()).filter(|s| s != "null"))
    }

    fn serde_json_value(s: &str) -> Result<Box<serde_json::value::RawValue>, serde_json::Error> {
        serde_json::value::RawValue::from_string(s.to_owned())
    }
}
