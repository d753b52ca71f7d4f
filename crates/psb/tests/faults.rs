//! The fault matrix: each fault the sandbox can inject, and what the SDK makes of it — the
//! right error, or a successful retry after a counted number of attempts.

mod common;

use psb::{ErrorKind, NewOrder, PaymentMethod};
use serde_json::json;
use std::time::{Duration, Instant};

async fn attempts(env: &common::TestEnv, op: &str) -> usize {
    env.requests(op).await.len()
}

#[tokio::test]
async fn a_503_is_retried_until_it_passes() {
    let env = common::start().await;
    env.fault("users_get_data", 2, json!({"type": "status", "status": 503})).await;
    env.client().account().get().await.unwrap();
    assert_eq!(attempts(&env, "users_get_data").await, 3);
}

#[tokio::test]
async fn retries_stop_after_max_retries() {
    let env = common::start().await;
    env.fault("users_get_data", 5, json!({"type": "status", "status": 503, "detail": "maintenance"})).await;
    let e = env.client().account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.status(), e.message()), (ErrorKind::Server, Some(503), "maintenance"));
    assert_eq!(attempts(&env, "users_get_data").await, 3, "1 attempt + 2 retries");
    // max_retries(0): one attempt only.
    env.reset().await;
    env.fault("users_get_data", 1, json!({"type": "status", "status": 503})).await;
    let client = psb::Client::builder().token(common::TOKEN).base_url(&env.api_url).max_retries(0).build().unwrap();
    assert_eq!(client.account().get().await.unwrap_err().status(), Some(503));
    assert_eq!(attempts(&env, "users_get_data").await, 1);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let env = common::start().await;
    env.fault("order_get_user_orders", 1, json!({"type": "status", "status": 429, "retry_after": 1})).await;
    let started = Instant::now();
    env.client().orders().list().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(950), "waited only {:?}", started.elapsed());
    assert_eq!(attempts(&env, "order_get_user_orders").await, 2);
}

#[tokio::test]
async fn rate_limited_for_good_reports_retry_after() {
    let env = common::start().await;
    env.fault("order_get_user_orders", 3, json!({"type": "status", "status": 429, "retry_after": 0})).await;
    let e = env.client().orders().list().await.unwrap_err();
    assert_eq!((e.kind(), e.status(), e.retry_after()), (ErrorKind::RateLimited, Some(429), Some(Duration::ZERO)));
}

#[tokio::test]
async fn a_cloudflare_page_is_a_server_error_not_a_decode_error() {
    let env = common::start().await;
    env.fault("users_get_data", 3, json!({"type": "cloudflare", "status": 502})).await;
    let e = env.client().account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Server, Some(502)), "{e}");
    assert!(e.body_excerpt().is_some_and(|b| b.contains("<")), "{e:?}");
    assert!(e.request_id().is_some_and(|id| !id.is_empty()), "Cloudflare's ray id is kept for support: {e:?}");
    assert_eq!(attempts(&env, "users_get_data").await, 3, "502 is retried");
    // 520 is Cloudflare's "unknown error": not one of the statuses worth retrying.
    env.reset().await;
    env.fault("users_get_data", 1, json!({"type": "cloudflare", "status": 520})).await;
    let e = env.client().account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Server, Some(520)));
    assert_eq!(attempts(&env, "users_get_data").await, 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_a_get_is_retried() {
    let env = common::start().await;
    env.fault("users_get_data", 1, json!({"type": "latency", "ms": 1500})).await;
    let client = psb::Client::builder()
        .token(common::TOKEN)
        .base_url(&env.api_url)
        .timeout(Duration::from_millis(300))
        .retry_policy(common::fast_retries())
        .build()
        .unwrap();
    client.account().get().await.unwrap();
    // Every attempt times out on a too-slow answer:
    env.fault("users_get_data", 3, json!({"type": "latency", "ms": 1500})).await;
    let e = client.account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Timeout, None), "{e}");
}

#[tokio::test]
async fn a_dropped_connection_is_retried_for_a_get() {
    let env = common::start().await;
    env.fault("order_get_order_by_id", 1, json!({"type": "drop"})).await;
    env.client().orders().get(25284).await.unwrap();
    assert_eq!(attempts(&env, "order_get_order_by_id").await, 2);
}

#[tokio::test]
async fn a_post_whose_connection_drops_is_not_repeated() {
    let env = common::start().await;
    let client = env.client();
    let before = client.orders().list().await.unwrap().len();
    let order = common::vps_order(&client).await;
    env.fault("order_new_order", 1, json!({"type": "drop"})).await;
    let e = client.orders().create(&order).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(attempts(&env, "order_new_order").await, 1, "an order is never sent twice");
    // The sandbox placed the order before the connection dropped: exactly one new order.
    assert_eq!(client.orders().list().await.unwrap().len(), before + 1);
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
async fn a_truncated_body_is_retried_for_a_get() {
    let env = common::start().await;
    env.fault("order_get_user_orders", 1, json!({"type": "truncate"})).await;
    env.client().orders().list().await.unwrap();
    assert_eq!(attempts(&env, "order_get_user_orders").await, 2);
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

#[tokio::test]
async fn a_multipart_post_is_not_repeated_after_a_503() {
    let env = common::start().await;
    env.fault("chats_create_chat_message", 1, json!({"type": "status", "status": 503})).await;
    let e = env.client().chats().send(51, Some("hello"), &[]).await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert_eq!(attempts(&env, "chats_create_chat_message").await, 1);
}

#[tokio::test]
async fn puts_are_retried() {
    let env = common::start().await;
    env.fault("server_change_port", 1, json!({"type": "status", "status": 502})).await;
    env.client().servers().change_port(25284, 2200).await.unwrap();
    assert_eq!(attempts(&env, "server_change_port").await, 2);
}

#[tokio::test]
async fn a_toggle_whose_answer_is_lost_is_not_repeated() {
    let env = common::start().await;
    let client = env.client();
    let before = client.orders().get(25284).await.unwrap().order_data.auto_refresh;
    env.fault("order_change_auto_prolong", 1, json!({"type": "drop"})).await;
    let e = client.orders().toggle_auto_prolong(25284).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(attempts(&env, "order_change_auto_prolong").await, 1, "a toggle sent twice flips back");
    assert_eq!(client.orders().get(25284).await.unwrap().order_data.auto_refresh, !before, "flipped exactly once");
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_not_waited_out() {
    let env = common::start().await;
    env.fault("users_get_data", 1, json!({"type": "status", "status": 429, "retry_after": 3600})).await;
    let started = Instant::now();
    let e = env.client().account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.retry_after()), (ErrorKind::RateLimited, Some(Duration::from_secs(3600))));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(attempts(&env, "users_get_data").await, 1);
}
