//! The recent requests, for debugging a client against the sandbox. Tokens are never kept:
//! only whether an `Authorization` header was sent.

use std::collections::VecDeque;

use serde::Serialize;

/// How many requests are remembered.
const CAPACITY: usize = 1000;

#[derive(Clone, Debug, Serialize)]
pub struct RecordedRequest {
    pub seq: u64,
    pub at: String,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub operation_id: Option<&'static str>,
    /// `None` when a fault dropped the connection.
    pub status: Option<u16>,
    pub duration_ms: f64,
    /// `"[redacted]"` when a token was sent, `null` when none was.
    pub authorization: Option<&'static str>,
    /// The `x-` headers the client sent (a client's default headers), by lower-case name.
    pub extra_headers: std::collections::BTreeMap<String, String>,
    pub fault: Option<&'static str>,
}

#[derive(Default)]
pub struct RequestLog {
    entries: VecDeque<RecordedRequest>,
    next_seq: u64,
}

impl RequestLog {
    pub fn push(&mut self, mut entry: RecordedRequest) {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The last `limit` requests, oldest first, optionally of one operation only.
    pub fn recent(&self, limit: usize, operation_id: Option<&str>) -> Vec<RecordedRequest> {
        let mut picked: Vec<RecordedRequest> = self
            .entries
            .iter()
            .rev()
            .filter(|e| operation_id.is_none_or(|id| e.operation_id == Some(id)))
            .take(limit)
            .cloned()
            .collect();
        picked.reverse();
        picked
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
