//! Connections that stall: a request whose headers never finish, and a kept-alive connection
//! left idle, are closed after their (configurable) timeouts instead of held forever.

mod common;

use std::time::{Duration, Instant};

use common::*;
use psb_mock::SandboxConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn sandbox() -> Harness {
    Harness::with_config(
        SandboxConfig::default()
            .header_read_timeout(Duration::from_millis(300))
            .idle_timeout(Duration::from_millis(300)),
    )
    .await
}

/// Reads until the server closes the connection; how long that took and what it sent.
async fn until_closed(stream: &mut TcpStream) -> (Duration, Vec<u8>) {
    let started = Instant::now();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (started.elapsed(), seen),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Err(_) => panic!("the connection is still open after 5 s"),
        }
    }
}

#[tokio::test]
async fn a_request_whose_headers_never_finish_is_closed() {
    let h = sandbox().await;
    let mut stream = TcpStream::connect(h.sandbox.addr()).await.unwrap();
    stream.write_all(b"GET /products HTTP/1.1\r\nHost: sandbox\r\n").await.unwrap();
    let (after, _) = until_closed(&mut stream).await;
    assert!(after < Duration::from_secs(2), "closed after {after:?}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_and_a_busy_one_is_not() {
    let h = sandbox().await;
    let mut stream = TcpStream::connect(h.sandbox.addr()).await.unwrap();
    stream.write_all(b"GET /products HTTP/1.1\r\nHost: sandbox\r\n\r\n").await.unwrap();
    let mut first = [0u8; 12];
    stream.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200", "the request is served");
    let (after, rest) = until_closed(&mut stream).await;
    assert!(after < Duration::from_secs(2), "closed after {after:?}");
    assert!(!rest.is_empty(), "the rest of the answer came first");

    // A connection kept busy past the idle timeout keeps serving.
    let client = reqwest::Client::new();
    for _ in 0..4 {
        let reply = client.get(h.url("/products")).send().await.unwrap();
        assert!(reply.status().is_success());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
