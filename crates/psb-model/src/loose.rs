//! Integers the API sends sometimes as numbers (`5`) and sometimes as strings (`"5"`): serde
//! helpers for fields of type `i64` and `Option<i64>`.

use serde::{de, Deserializer};
use std::fmt;

struct LooseI64;

impl de::Visitor<'_> for LooseI64 {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, as a number or a string of digits")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim().parse().map(Some).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `5` or `"5"` → `5`.
pub fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(LooseI64)?.ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &LooseI64))
}

/// `5`, `"5"` or `null` → `Some(5)`, `Some(5)`, `None`.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_any(LooseI64)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct T {
        #[serde(deserialize_with = "super::i64")]
        a: i64,
        #[serde(default, deserialize_with = "super::opt_i64")]
        b: Option<i64>,
    }

    #[test]
    fn numbers_strings_and_nulls() {
        let t: T = serde_json::from_str(r#"{"a": "3389", "b": 5}"#).unwrap();
        assert_eq!((t.a, t.b), (3389, Some(5)));
        let t: T = serde_json::from_str(r#"{"a": 22, "b": null}"#).unwrap();
        assert_eq!((t.a, t.b), (22, None));
        let t: T = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert_eq!(t.b, None);
        assert!(serde_json::from_str::<T>(r#"{"a": "x"}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"a": null}"#).is_err());
    }
}
