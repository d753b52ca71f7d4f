//! Per-operation counts of the answers served since the last reset, so a test suite can end by
//! asserting that every operation got a 2xx.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::operations::OPERATION_IDS;

#[derive(Clone, Copy, Default)]
struct Counts {
    success: u64,
    client_error: u64,
    server_error: u64,
    /// Connections dropped by a fault: no status was ever sent.
    dropped: u64,
    /// Answers a fault mangled (truncated, malformed): whatever their status, not a success.
    faulted: u64,
}

#[derive(Default)]
pub struct Coverage {
    by_operation: BTreeMap<&'static str, Counts>,
    /// Requests that matched no operation (unknown paths, wrong methods).
    unmatched: u64,
}

impl Coverage {
    /// Counts one answer; `status` is `None` when the connection was dropped.
    pub fn record(&mut self, operation: Option<&'static str>, status: Option<u16>, mangled: bool) {
        let Some(operation) = operation else {
            self.unmatched += 1;
            return;
        };
        let counts = self.by_operation.entry(operation).or_default();
        if mangled {
            counts.faulted += 1;
            return;
        }
        match status {
            None => counts.dropped += 1,
            Some(200..=299) => counts.success += 1,
            Some(400..=499) => counts.client_error += 1,
            Some(500..=599) => counts.server_error += 1,
            Some(_) => {}
        }
    }

    pub fn report(&self) -> Value {
        let operations: serde_json::Map<String, Value> = OPERATION_IDS
            .iter()
            .map(|id| {
                let counts = self.by_operation.get(id).copied().unwrap_or_default();
                let entry = json!({
                    "2xx": counts.success,
                    "4xx": counts.client_error,
                    "5xx": counts.server_error,
                    "dropped": counts.dropped,
                    "faulted": counts.faulted,
                });
                ((*id).to_owned(), entry)
            })
            .collect();
        let without_2xx: Vec<&str> = OPERATION_IDS
            .iter()
            .copied()
            .filter(|id| self.by_operation.get(id).is_none_or(|c| c.success == 0))
            .collect();
        json!({
            "operations": operations,
            "total": OPERATION_IDS.len(),
            "covered": OPERATION_IDS.len() - without_2xx.len(),
            "without_2xx": without_2xx,
            "unmatched": self.unmatched,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_class_and_lists_what_lacks_a_2xx() {
        let mut coverage = Coverage::default();
        coverage.record(Some("users_get_data"), Some(200), false);
        coverage.record(Some("users_get_data"), Some(401), false);
        coverage.record(Some("users_get_data"), Some(200), true);
        coverage.record(Some("order_get_user_orders"), Some(503), false);
        coverage.record(Some("order_get_user_orders"), None, false);
        coverage.record(None, Some(404), false);
        let report = coverage.report();
        assert_eq!(
            report["operations"]["users_get_data"],
            json!({"2xx": 1, "4xx": 1, "5xx": 0, "dropped": 0, "faulted": 1})
        );
        assert_eq!(report["operations"]["order_get_user_orders"]["5xx"], 1);
        assert_eq!(report["operations"]["order_get_user_orders"]["dropped"], 1);
        assert_eq!(report["covered"], 1);
        assert_eq!(report["without_2xx"].as_array().unwrap().len(), 30);
        assert_eq!(report["unmatched"], 1);
    }
}
