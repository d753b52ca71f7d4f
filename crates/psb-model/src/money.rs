//! Amounts of money: decimals, never floats, so `0.1 + 0.2` is `0.3` and a price read is the
//! price written back.

use rust_decimal::Decimal;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// An amount in the account's currency.
///
/// The API sends JSON numbers (`20`, `12.5`); they decode exactly as long as they have at most
/// 15 significant digits (what a JSON number can carry through a double), which money always
/// has. A string (`"20.10"`) decodes too, exactly. It encodes as a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(units: i64, scale: u32) -> Money {
        Money(Decimal::new(units, scale))
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl FromStr for Money {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str(s.trim()).map(Money)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl std::ops::Mul<i64> for Money {
    type Output = Money;
    fn mul(self, n: i64) -> Money {
        Money(self.0 * Decimal::from(n))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if crate::ffi_values::on() {
            // As uniffi lowers it: exact.
            return s.serialize_str(&d.to_string());
        }
        if d.scale() == 0 {
            if let Ok(i) = i64::try_from(d) {
                return s.serialize_i64(i);
            }
        }
        // The shortest double that reads back as this decimal (Rust prints floats that way).
        let f = f64::try_from(d).map_err(serde::ser::Error::custom)?;
        s.serialize_f64(f)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount (a number or a decimal string)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                Ok(Money(Decimal::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                if !v.is_finite() {
                    return Err(E::invalid_value(de::Unexpected::Float(v), &self));
                }
                // `{v}` is the shortest text that reads back as the same double: the number as
                // it was written in the JSON, for any amount with up to 15 significant digits.
                Decimal::from_str(&format!("{v}"))
                    .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
                    .map(Money)
                    .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Money::from_str(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(Money, String, {
    lower: |m| m.0.normalize().to_string(),
    try_lift: |s| Money::from_str(&s).map_err(|e| uniffi::deps::anyhow::anyhow!("not an amount: {s:?} ({e})")),
});

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_MONEY: &'static str = "/** An amount of money, as a JSON number. */\nexport type Money = number;\n";

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decimals_stay_exact() {
        let a: Money = serde_json::from_str("0.1").unwrap();
        let b: Money = serde_json::from_str("0.2").unwrap();
        assert_eq!((a + b).to_string(), "0.3");
        let p: Money = serde_json::from_str("\"20.10\"").unwrap();
        assert_eq!(p, Money::new(201, 1));
        assert_eq!(serde_json::to_string(&Money::new(20, 0)).unwrap(), "20");
        assert_eq!(serde_json::to_string(&Money::new(1250, 2)).unwrap(), "12.5");
    }

    proptest! {
        /// Any amount up to 15 significant digits survives JSON both ways.
        #[test]
        fn round_trips(units in -999_999_999_999_999i64..=999_999_999_999_999, scale in 0u32..=6) {
            let m = Money::new(units, scale);
            let json = serde_json::to_string(&m).unwrap();
            let back: Money = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.0.normalize(), m.0.normalize(), "{}", json);
        }
    }
}
