//! When to try again, and how long to wait: exponential backoff with full jitter, or the
//! server's `Retry-After` (capped).

use crate::error::{Error, ErrorKind};
use std::time::Duration;

/// The retry settings of a [`crate::Client`].
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts after the first one. Default 2.
    pub max_retries: u32,
    /// The backoff ceiling for the first retry; it doubles with each attempt. Default 500 ms.
    pub initial_backoff: Duration,
    /// The largest backoff ceiling. Default 8 s.
    pub max_backoff: Duration,
    /// The longest `Retry-After` honoured; a longer one is cut to this. Default 60 s.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Whether a failed attempt may be repeated. Idempotent calls (reads, most PUTs) are
    /// retried on connection errors, timeouts, 408, 429, 502, 503 and 504. The others (a POST
    /// that places an order or sends a message, a PUT that toggles, charges or wipes) are
    /// repeated only when they provably never reached the server. A `Retry-After` longer than
    /// the cap is not waited out: the error goes back to the caller at once.
    pub fn should_retry(&self, error: &Error, idempotent: bool, attempt: u32) -> bool {
        if attempt > self.max_retries || error.inner.permanent {
            return false;
        }
        if error.inner.unsent {
            return true;
        }
        if !idempotent {
            return false;
        }
        if error.inner.retry_after.is_some_and(|wait| wait > self.max_retry_after) {
            return false;
        }
        matches!(error.inner.kind, ErrorKind::Timeout | ErrorKind::Connection | ErrorKind::RateLimited)
            || matches!(error.inner.status, Some(408 | 502 | 503 | 504))
    }

    /// The wait before retry number `attempt` (1-based): the server's `Retry-After` when it
    /// gave one (never above the cap), else a random duration up to the attempt's backoff ceiling ("full
    /// jitter", so that many clients do not retry in step).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_retry_after);
        }
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32.checked_shl(attempt.saturating_sub(1)).unwrap_or(u32::MAX))
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Parses `Retry-After`: delay-seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    let when = when.duration_since(std::time::UNIX_EPOCH).ok()?;
    // web_time: std's clock panics in browsers.
    let now = web_time::SystemTime::now().duration_since(web_time::UNIX_EPOCH).ok()?;
    Some(when.saturating_sub(now))
}

/// Waits, on whatever timer the target has.
pub(crate) async fn sleep(d: Duration) {
    #[cfg(not(target_arch = "wasm32"))]
    tokio::time::sleep(d).await;
    #[cfg(target_arch = "wasm32")]
    {
        // setTimeout fires at once past its range (and gloo stops the module past u32): a longer
        // wait, such as a deadline of months, is several.
        let most = Duration::from_millis(crate::fetch::MAX_TIMER_MS as u64);
        let mut left = d;
        while left > most {
            gloo_timers::future::sleep(most).await;
            left -= most;
        }
        gloo_timers::future::sleep(left).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_both_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        let in_a_minute = std::time::SystemTime::now() + Duration::from_secs(60);
        let d = parse_retry_after(&httpdate::fmt_http_date(in_a_minute)).unwrap();
        assert!(d <= Duration::from_secs(60) && d >= Duration::from_secs(58), "{d:?}");
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_is_jittered_under_a_doubling_ceiling() {
        let p = RetryPolicy::default();
        for attempt in 1..=6 {
            let ceiling = Duration::from_millis(500 * (1 << (attempt - 1))).min(Duration::from_secs(8));
            for _ in 0..50 {
                assert!(p.delay(attempt, None) <= ceiling);
            }
        }
        assert_eq!(p.delay(1, Some(Duration::from_secs(3))), Duration::from_secs(3));
        assert_eq!(p.delay(1, Some(Duration::from_secs(3600))), Duration::from_secs(60));
    }

    #[test]
    fn non_idempotent_calls_are_retried_only_when_unsent() {
        let p = RetryPolicy::default();
        let mut e = Error::new(ErrorKind::Server, "x");
        e.inner.status = Some(503);
        assert!(p.should_retry(&e, true, 1));
        assert!(p.should_retry(&e, true, 2));
        assert!(!p.should_retry(&e, true, 3));
        assert!(!p.should_retry(&e, false, 1));
        let mut c = Error::new(ErrorKind::Connection, "refused");
        c.inner.unsent = true;
        assert!(p.should_retry(&c, false, 1));
        let t = Error::new(ErrorKind::Timeout, "slow");
        assert!(!p.should_retry(&t, false, 1));
        let mut nf = Error::new(ErrorKind::NotFound, "x");
        nf.inner.status = Some(404);
        assert!(!p.should_retry(&nf, true, 1));
        let mut long = Error::new(ErrorKind::RateLimited, "slow down");
        long.inner.status = Some(429);
        long.inner.retry_after = Some(Duration::from_secs(3600));
        assert!(!p.should_retry(&long, true, 1), "an hour is not waited out");
    }
}
