//! The control API under `/__sandbox/`: plain HTTP and JSON, so that tests in any language can
//! reset the sandbox, queue faults, read coverage and the request log, and complete gateway
//! payments. Documented with examples in the crate README.

//!
//! This module is the control state (faults, coverage, the request log, the vocabulary);
//! `routes` serves it over HTTP and `middleware` applies it to every request.

use std::sync::{Mutex, MutexGuard};

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

    pub fn reset(&self) {
        self.vocabulary().clear();
        self.faults().clear();
        *self.coverage() = coverage::Coverage::default();
        self.requests().clear();
    }
}
