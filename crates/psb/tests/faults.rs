//! Faults beyond the shared scenarios (tests/scenarios/cases.json holds the fault matrix every
//! language runs): a refused connection, counted by tracing spans, and a decode error's excerpt.

mod common;

use psb::{ErrorKind, NewOrder, PaymentMethod};
use serde_json::json;
use std::time::{Duration, Instant};

async fn attempts(env: &common::TestEnv, op: &str) -> usize {
    env.requests(op).await.len()
}

#[tokio::test]
async fn a_post_is_retried_when_it_never_left() {
    // Nothing listens on this port: the connection is refused, so the POST provably never
    // reached a server and may be repeated.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = psb::Client::builder().token("t").base_url(&url).retry_policy(common::fast_retries()).build().unwrap();
    let (logs, _guard) = common::capture_logs();
    let started = Instant::now();
    let e = client.orders().create(&NewOrder::new(1, PaymentMethod::Balance)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // Three attempts (1 + max_retries 2), each its own span.
    let logs = logs.text();
    assert!(logs.contains("attempt=3") && !logs.contains("attempt=4"), "{logs}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_an_excerpt() {
    let env = common::start().await;
    env.fault("users_get_data", 1, json!({"type": "malformed_json"})).await;
    let e = env.client().account().get().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.body_excerpt().is_some_and(|b| b.starts_with('{')), "{e:?}");
    assert_eq!(attempts(&env, "users_get_data").await, 1, "a decode error is not retried");
}
