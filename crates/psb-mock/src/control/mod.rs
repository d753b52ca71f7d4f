//! The control API under `/__sandbox/`: plain HTTP and JSON, so that tests in any language can
//! reset the sandbox, queue faults, read coverage and the request log, and complete gateway
//! payments. Documented with examples in the crate README.

//!
//! This module is the control state (faults, coverage, the request log, the vocabulary);
//! `routes` serves it over HTTP and `middleware` applies it to every request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use tokio::task::AbortHandle;

mod coverage;
mod faults;
pub mod middleware;
mod requests;
pub mod routes;
mod vocabulary;

/// The control state, beside the world; each part behind its own lock.
#[derive(Default)]
pub struct Control {
    faults: Mutex<faults::FaultQueue>,
    coverage: Mutex<coverage::Coverage>,
    requests: Mutex<requests::RequestLog>,
    vocabulary: Mutex<vocabulary::Vocabulary>,
    in_flight: Mutex<InFlight>,
    /// Counts resets: a request that started before one is not logged after it.
    generation: AtomicU64,
}

/// The API requests being served, each on a task of its own (see `middleware::observe`).
#[derive(Default)]
struct InFlight {
    next: u64,
    /// `None` until the task's handle is known.
    tasks: HashMap<u64, Option<AbortHandle>>,
}

/// A request's place among those in flight, held by its task: it leaves when the task ends,
/// even when the client has long hung up.
pub struct InFlightGuard {
    state: crate::shared::AppState,
    id: u64,
}

impl InFlightGuard {
    /// Makes the task cancellable by a reset (unless it has already ended).
    pub fn attach(&self, task: AbortHandle) {
        if let Some(slot) = lock(&self.state.control.in_flight).tasks.get_mut(&self.id) {
            *slot = Some(task);
        }
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        lock(&self.state.control.in_flight).tasks.remove(&self.id);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Control {
    pub fn faults(&self) -> MutexGuard<'_, faults::FaultQueue> {
        lock(&self.faults)
    }

    pub fn coverage(&self) -> MutexGuard<'_, coverage::Coverage> {
        lock(&self.coverage)
    }

    pub fn requests(&self) -> MutexGuard<'_, requests::RequestLog> {
        lock(&self.requests)
    }

    pub fn vocabulary(&self) -> MutexGuard<'_, vocabulary::Vocabulary> {
        lock(&self.vocabulary)
    }

    /// A place for a request about to be served on a task (see [`InFlightGuard`]).
    pub fn enter(state: &crate::shared::AppState) -> InFlightGuard {
        let mut in_flight = lock(&state.control.in_flight);
        in_flight.next += 1;
        let id = in_flight.next;
        in_flight.tasks.insert(id, None);
        InFlightGuard { state: state.clone(), id }
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Cancels the requests in flight (a latency fault's, still sleeping, would otherwise run
    /// its operation on the fresh world and log it in the next test's request log) and clears
    /// the control state.
    pub fn reset(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        for (_, task) in lock(&self.in_flight).tasks.drain() {
            task.inspect(AbortHandle::abort);
        }
        self.vocabulary().clear();
        self.faults().clear();
        *self.coverage() = coverage::Coverage::default();
        self.requests().clear();
    }
}
