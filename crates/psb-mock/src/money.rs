//! Amounts of money, kept in cents so that balances never drift.

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Add, Sub};

/// An amount in the account's currency. Serialized as a JSON number the way the provider writes
/// it: whole amounts as integers (`20`), others with their cents (`12.5`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn units(units: i64) -> Self {
        Money(units * 100)
    }

    /// `self * numerator / denominator`, rounded down to the cent.
    pub fn scaled(self, numerator: i64, denominator: i64) -> Money {
        Money(self.0 * numerator / denominator)
    }

    pub fn saturating_sub(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 100 == 0 {
            write!(f, "{}", self.0 / 100)
        } else {
            write!(f, "{:.2}", self.0 as f64 / 100.0)
        }
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_amounts_serialize_as_integers_and_others_keep_cents() {
        assert_eq!(serde_json::to_string(&Money::units(20)).unwrap(), "20");
        assert_eq!(serde_json::to_string(&Money::units(25).scaled(1, 2)).unwrap(), "12.5");
        assert_eq!(Money::units(25).scaled(1, 2).to_string(), "12.50");
        assert_eq!(Money::units(3).saturating_sub(Money::units(5)), Money::ZERO);
    }
}
