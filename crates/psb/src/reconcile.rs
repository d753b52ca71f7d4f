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

/// What a look at the server's state found of a write whose answer was lost.
pub(crate) enum Look<T> {
    /// The write's effect, as its result.
    Done(T),
    /// Nothing yet.
    NotYet,
    /// Something no read can attribute to this write (two new orders alike): the outcome is unknown.
    Unclear(String),
}

/// A value read back (the order a write changed): the result once it shows the effect, else nothing yet.
impl<T> From<Option<T>> for Look<T> {
    fn from(found: Option<T>) -> Look<T> {
        found.map_or(Look::NotYet, Look::Done)
    }
}

impl<T> Look<T> {
    /// The one new item of `new` (items of `what` that were not there before the write).
    pub(crate) fn the_one(new: Vec<T>, what: &str) -> Look<T> {
        match <[T; 1]>::try_from(new) {
            Ok([one]) => Look::Done(one),
            Err(new) if new.is_empty() => Look::NotYet,
            // Another client of the account made the same write meanwhile.
            Err(new) => Look::Unclear(format!("{} matches for {what} appeared", new.len())),
        }
    }
}

/// A write's result `sent`, or, when its answer was lost, what `look` finds of it in the
/// server's state: it is asked again, backing off, until `window` has passed; then the write's
/// outcome is unknown. `what` names the effect looked for.
pub(crate) async fn exactly_once<T, F, Fut>(sent: Result<T>, window: Duration, what: &str, mut look: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Look<T>>>,
{
    let failure = match sent {
        // Looking would outlast the deadline the caller set: the outcome is unknown at once.
        Err(e) if is_ambiguous(&e) && e.inner.past_deadline => {
            return Err(unknown(&e, "the client's deadline passed before it could be looked up"))
        }
        Err(e) if is_ambiguous(&e) => e,
        other => return other,
    };
    let started = web_time::Instant::now();
    let mut pause = Duration::from_millis(100);
    loop {
        match look().await {
            Ok(Look::Done(found)) => {
                tracing::info!(kind = %failure.kind(), "a lost answer: the write was carried out, found it");
                return Ok(found);
            }
            Ok(Look::NotYet) => {}
            Ok(Look::Unclear(why)) => return Err(unknown(&failure, &why)),
            // A read that fails leaves the question open; the next one may answer it.
            Err(e) => tracing::debug!(kind = %e.kind(), "reading the state after a lost answer failed"),
        }
        if started.elapsed() + pause > window {
            return Err(unknown(&failure, &format!("{what} did not show within {window:?}")));
        }
        sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(1));
    }
}

/// An OutcomeUnknown for the write that failed with `failure`, saying what was found.
fn unknown(failure: &Error, found: &str) -> Error {
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
    e.inner.request_path = failure.inner.request_path.clone();
    e
}
