//! The numbers Python and Kotlin hand over as `i64` (their own integers), checked here once:
//! one out of range is an InvalidArgument naming it, the same in both languages, and neither
//! layer above restates the range.

use crate::error::{invalid_argument, PsbError};
use std::time::Duration;

/// A duration given in milliseconds.
pub(crate) fn millis(name: &str, ms: i64) -> Result<Duration, PsbError> {
    u64::try_from(ms)
        .map(Duration::from_millis)
        .map_err(|_| invalid_argument(format!("{name} must not be negative, got {ms} ms")))
}

/// A count (retries).
pub(crate) fn count(name: &str, n: i64) -> Result<u32, PsbError> {
    u32::try_from(n).map_err(|_| invalid_argument(format!("{name} must be between 0 and {}, got {n}", u32::MAX)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn out_of_range_is_refused_by_name() {
        assert_eq!(super::millis("timeout", 1500).unwrap().as_millis(), 1500);
        assert!(super::millis("timeout", -1).unwrap_err().to_string().contains("timeout must not be negative"));
        assert!(super::count("max_retries", 1 << 40).unwrap_err().to_string().contains("max_retries must be between"));
    }
}
