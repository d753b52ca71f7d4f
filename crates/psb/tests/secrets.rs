//! Every log line of a full run, at TRACE (ours, reqwest's, hyper's), captured: neither the token
//! nor a password may appear; the request spans carry what they promise.

mod common;

use psb::{Department, NewTicket, Upload};

const TOKEN: &str = "tok-7f3a9c-very-secret";
const PASSWORD: &str = "Sup3r-Secret-Passw0rd";

#[tokio::test]
async fn no_secret_in_any_log_line() {
    let (capture, _guard) = common::capture_logs();

    let env = common::start_with(psb_mock::SandboxConfig::default().token(TOKEN)).await;
    let client = env.client_with(TOKEN);
    client.account().get().await.unwrap();
    let detail = client.orders().get(25284).await.unwrap();
    let issued_password =
        detail.issued_order.as_ref().and_then(|i| i.as_vps()).map(|v| v.password.expose().to_string()).unwrap();
    client.servers().change_password(25284, PASSWORD).await.unwrap();
    client.orders().get(25284).await.unwrap();
    let shot = Upload::from_bytes("a.txt", "text/plain", b"hello".to_vec());
    client.tickets().create(&NewTicket::new("t", Department::Sales, "m").attach(shot)).await.unwrap();
    // Failures log too: a retried 503, and a 401.
    env.fault("users_get_data", 1, serde_json::json!({"type": "status", "status": 503})).await;
    client.account().get().await.unwrap();
    env.client_with("wrong-token-also-secret").account().get().await.unwrap_err();
    // Errors and debug output of values holding secrets.
    let e = client.servers().change_password(25284, "").await.unwrap_err();
    tracing::error!("{e} / {e:?} / {detail:?} / {client:?}");

    let logs = capture.text();
    assert!(logs.lines().count() > 20, "the capture saw the run:\n{logs}");
    assert!(logs.contains("psb.request") && logs.contains("operation=\"server_change_password\""), "{logs}");
    assert!(logs.contains("attempt=2"), "the retry is logged: {logs}");
    assert!(logs.contains("path=\"/order/{id}/server/change_password\""), "{logs}");
    for secret in [TOKEN, PASSWORD, "wrong-token-also-secret", issued_password.as_str()] {
        assert!(!logs.contains(secret), "{secret:?} leaked into the logs");
    }
}
