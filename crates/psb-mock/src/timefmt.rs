//! The three timestamp spellings the provider uses, reproduced exactly.

use chrono::{DateTime, Utc};

/// Orders: `2025-04-24T15:39:23.574192+00:00`.
pub fn with_offset(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

/// Payments, tickets, chats: `2025-05-16T10:40:07.596691Z`.
pub fn zulu(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Server history: `2025-05-12 02:07:43` (UTC, no zone).
pub fn naive(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// A fixed instant of the seed data, written as the provider would.
pub fn parse(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap_or_else(|e| panic!("seed timestamp {text:?} is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_match_the_provider_examples() {
        let at = parse("2025-05-16T10:40:07.596691Z");
        assert_eq!(zulu(at), "2025-05-16T10:40:07.596691Z");
        assert_eq!(with_offset(at), "2025-05-16T10:40:07.596691+00:00");
        assert_eq!(naive(at), "2025-05-16 10:40:07");
    }
}
