//! Timestamps. The API writes most as RFC 3339 (`2025-04-24T15:39:23.574192+00:00`,
//! `2025-04-17T11:04:26.846276Z`) and the server history without a zone
//! (`2025-05-12 02:07:43`, UTC). Both decode; all encode as RFC 3339.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A point in time, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<Utc>);

impl Timestamp {
    pub fn parse(s: &str) -> Option<Timestamp> {
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(Timestamp(t.with_timezone(&Utc)));
        }
        ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map(|n| Timestamp(n.and_utc()))
    }

    pub fn now() -> Timestamp {
        Timestamp(Utc::now())
    }

    /// Milliseconds since the Unix epoch (how the bindings carry it).
    pub fn unix_millis(&self) -> i64 {
        self.0.timestamp_millis()
    }

    pub fn from_unix_millis(ms: i64) -> Option<Timestamp> {
        DateTime::from_timestamp_millis(ms).map(Timestamp)
    }

    pub fn to_rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(t: DateTime<Utc>) -> Self {
        Timestamp(t)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if crate::ffi_values::on() {
            return s.serialize_i64(self.unix_millis());
        }
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 or `YYYY-MM-DD HH:MM:SS` timestamp")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(Timestamp, i64, {
    lower: |t| t.unix_millis(),
    try_lift: |ms| Timestamp::from_unix_millis(ms).ok_or_else(|| uniffi::deps::anyhow::anyhow!("timestamp out of range: {ms}")),
});

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_TIMESTAMP: &'static str = "/** An RFC 3339 timestamp in UTC. */\nexport type Timestamp = string;\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_decode() {
        let a: Timestamp = serde_json::from_str("\"2025-04-24T15:39:23.574192+00:00\"").unwrap();
        assert_eq!(a.to_rfc3339(), "2025-04-24T15:39:23.574192Z");
        let b: Timestamp = serde_json::from_str("\"2025-05-12 02:07:43\"").unwrap();
        assert_eq!(b.to_rfc3339(), "2025-05-12T02:07:43Z");
        let c: Timestamp = serde_json::from_str("\"2025-04-17T11:04:26.846276Z\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"2025-04-17T11:04:26.846276Z\"");
        let d: Timestamp = serde_json::from_str("\"2025-05-16T10:40:07+03:00\"").unwrap();
        assert_eq!(d.to_rfc3339(), "2025-05-16T07:40:07Z");
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
        assert!(serde_json::from_str::<Timestamp>("12").is_err());
    }
}
