//! What a failed connection says: DNS, a refusal, TLS and a reset each name themselves and the
//! host; a TLS failure is not retried (it will fail the same way); `Debug` reads as a sentence
//! with its causes; the deadline bounds a call, retries included.

mod common;

use psb::ErrorKind;
use serde_json::json;
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn client(url: &str) -> psb::Client {
    psb::Client::builder().token("t").base_url(url).retry_policy(common::fast_retries()).build().unwrap()
}

/// A loopback port nothing listens on.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A loopback server that answers every connection with `reply` (then closes it), counting them.
fn server_replying(reply: &'static [u8]) -> (u16, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(reply);
        }
    });
    (port, accepted)
}

#[tokio::test]
async fn a_refused_connection_says_so_with_the_address() {
    let port = closed_port();
    let e = client(&format!("http://127.0.0.1:{port}")).account().get().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port} refused the connection")), "{e}");
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_a_dns_failure() {
    let e = client("https://no-such-host.invalid").account().get().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert!(e.to_string().contains("could not resolve the host name no-such-host.invalid (DNS)"), "{e}");
}

#[tokio::test]
async fn a_tls_failure_names_the_host_and_is_not_retried() {
    // A plain-HTTP server where TLS is expected: the handshake fails, and would again.
    let (port, accepted) = server_replying(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
    let e = client(&format!("https://127.0.0.1:{port}")).account().get().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert!(e.to_string().contains("the TLS handshake with 127.0.0.1 failed"), "{e}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "retried: {e}");
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_says_so() {
    let (port, accepted) = server_replying(b"");
    let e = client(&format!("http://127.0.0.1:{port}")).account().get().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
    assert_eq!(accepted.load(Ordering::SeqCst), 3, "a GET is retried after a broken connection");
}

#[tokio::test]
async fn debug_reads_as_a_sentence_with_its_causes() {
    let port = closed_port();
    let e = client(&format!("http://127.0.0.1:{port}")).account().get().await.unwrap_err();
    let debug = format!("{e:?}");
    assert!(debug.starts_with("Connection on GET /users/me: "), "{debug}");
    assert!(debug.contains("Caused by:"), "{debug}");
    assert!(!debug.contains("ErrorInner") && !debug.contains("inner:"), "{debug}");
    // The fields, for who asks for them.
    assert!(format!("{e:#?}").contains("kind: Connection"), "{e:#?}");
}

#[tokio::test]
async fn the_deadline_bounds_a_call_retries_included() {
    let env = common::start().await;
    env.fault("users_get_data", 3, json!({"type": "latency", "ms": 1500})).await;
    let client = psb::Client::builder()
        .token(common::TOKEN)
        .base_url(&env.api_url)
        .timeout(Duration::from_secs(1))
        .deadline(Duration::from_millis(1500))
        .retry_policy(common::fast_retries())
        .build()
        .unwrap();
    let started = Instant::now();
    let e = client.account().get().await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(e.to_string().contains("the deadline of 1.5s passed"), "{e}");
    assert!(took >= Duration::from_millis(1400) && took < Duration::from_millis(2500), "{took:?}");
}

#[test]
fn a_zero_deadline_is_refused() {
    let e = psb::Client::builder().deadline(Duration::ZERO).build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
}

#[tokio::test]
async fn a_write_cut_off_by_the_deadline_is_outcome_unknown_at_once() {
    // Looking the order up would outlast the deadline the caller set.
    let env = common::start().await;
    env.fault("order_new_order", 1, json!({"type": "latency", "ms": 3000})).await;
    let client = psb::Client::builder()
        .token(common::TOKEN)
        .base_url(&env.api_url)
        .deadline(Duration::from_secs(1))
        .retry_policy(common::fast_retries())
        .build()
        .unwrap();
    let order =
        psb::NewOrder { os: Some(5), control_panel: Some(4), ..psb::NewOrder::new(175, psb::PaymentMethod::Balance) };
    let started = Instant::now();
    let e = client.orders().create(&order).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::OutcomeUnknown, "{e}");
    assert!(e.to_string().contains("deadline"), "{e}");
    assert!(started.elapsed() < Duration::from_millis(1800), "{:?}", started.elapsed());
}
