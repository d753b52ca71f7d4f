//! Exactly-once writes over an API without idempotency keys. When a write's answer is lost
//! (a timeout, a connection that broke after the request left, an answer cut short), the write
//! may or may not have happened, and repeating it could buy twice. The SDK looks instead: it
//! reads the server's own state (the orders, tickets or chat the write would have changed)
//! until the effect shows, and returns it as the call's result. When it does not show within
//! the settle window, the answer is [`ErrorKind::OutcomeUnknown`], never "not done": the server
//! may still be working on the request (FastAPI carries on after the client has gone), and no
//! read can prove that it never will.

use crate::error::{Error, ErrorKind, Result};
use crate::retry::sleep;
use std::future::Future;
use std::time::Duration;

/// Whether a failed write may have been carried out: the request left (or may have), and no
/// answer said what became of it. A 2xx whose body did not decode was carried out.
pub(crate) fn is_ambiguous(e: &Error) -> bool {
    if e.inner.unsent {
        return false;
    }
    match e.kind() {
        ErrorKind::Timeout | ErrorKind::Connection => true,
        ErrorKind::Decode => e.status().is_none_or(|s| (200..300).contains(&s)),
        _ => false,
    }
}

/// After an ambiguous failure `failure` of a write, `look` reads the server's state: the
/// write's result once its effect shows (`Ok(Some)`), `Ok(None)` while it does not. It is
/// asked again, backing off, until `window` has passed; then the write's outcome is unknown.
/// `what` names the effect looked for, for the error.
pub(crate) async fn settle<T, F, Fut>(failure: &Error, window: Duration, what: &str, mut look: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>>>,
{
    let started = web_time::Instant::now();
    let mut pause = Duration::from_millis(100);
    loop {
        match look().await {
            Ok(Some(found)) => {
                tracing::info!(kind = %failure.kind(), "a lost answer: the write was carried out, found it");
                return Ok(found);
            }
            Ok(None) => {}
            Err(e) if matches!(e.kind(), ErrorKind::OutcomeUnknown) => return Err(e),
            // A read that fails leaves the question open; the next one may answer it.
            Err(e) => tracing::debug!(kind = %e.kind(), "reading the state after a lost answer failed"),
        }
        if started.elapsed() + pause > window {
            return Err(unknown(failure, &format!("{what} did not show within {window:?}")));
        }
        sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    }
}

/// An OutcomeUnknown for the write that failed with `failure`, saying what was found.
pub(crate) fn unknown(failure: &Error, found: &str) -> Error {
    let mut e = Error::new(
        ErrorKind::OutcomeUnknown,
        format!(
            "the answer was lost ({}: {}) and it is not known whether this was done: {found}; look before \
             repeating it",
            failure.kind(),
            failure.message()
        ),
    );
    e.inner.operation = failure.inner.operation;
    e.inner.method = failure.inner.method;
    e.inner.path = failure.inner.path;
    e
}
