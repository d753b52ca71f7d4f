//! The control API (reset, faults, coverage, request log), CORS, bad input at the HTTP level,
//! and the binary.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use psb_mock::SandboxConfig;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn queue(h: &Harness, fault: Value) -> Reply {
    h.control(Method::POST, "/__sandbox/faults", Some(fault)).await
}

#[tokio::test]
async fn reset_restores_the_seeded_world() {
    let h = Harness::start().await;
    h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await;
    h.form(Method::POST, "/order/25284/prolong", &[]).await;
    h.call(Method::PUT, "/tickets/51/close").await;
    assert_ne!(h.balance(TOKEN).await, 1000.0);

    let reset = h.control(Method::POST, "/__sandbox/reset", None).await;
    assert_eq!(reset.status, StatusCode::OK);
    assert_eq!(h.balance(TOKEN).await, 1000.0);
    assert_eq!(h.get("/order/76").await.body["order_data"]["status"], "Заказ выдан");
    assert_eq!(h.get("/tickets/51").await.body["status"], "Открыт");
}

#[tokio::test]
async fn coverage_counts_answers_per_operation_since_the_last_reset() {
    let h = Harness::start().await;
    h.get("/users/me").await;
    h.get("/users/me").await;
    h.get_as("wrong", "/users/me").await;
    h.get("/order/999999").await;
    h.get("/no/such/path").await;
    let report = h.control(Method::GET, "/__sandbox/coverage", None).await.body;
    assert_eq!(
        report["operations"]["users_get_data"],
        json!({"2xx": 2, "4xx": 1, "5xx": 0, "dropped": 0, "faulted": 0})
    );
    assert_eq!(report["operations"]["order_get_order_by_id"]["4xx"], 1);
    assert_eq!(report["operations"].as_object().unwrap().len(), 31);
    assert_eq!(report["covered"], 1);
    assert_eq!(report["without_2xx"].as_array().unwrap().len(), 30);
    assert_eq!(report["unmatched"], 1);

    h.control(Method::POST, "/__sandbox/reset", None).await;
    let fresh = h.control(Method::GET, "/__sandbox/coverage", None).await.body;
    assert_eq!(fresh["covered"], 0);
    assert_eq!(fresh["operations"]["users_get_data"]["2xx"], 0);
}

#[tokio::test]
async fn status_faults_answer_instead_of_the_operation() {
    let h = Harness::start().await;
    let queued = queue(
        &h,
        json!({"operation_id": "server_stop", "count": 2, "fault": {"type": "status", "status": 429, "retry_after": 3}}),
    )
    .await;
    assert_eq!(queued.status, StatusCode::CREATED, "{}", queued.body);
    assert_eq!(queued.body["remaining"], 2);

    for _ in 0..2 {
        let limited = h.faulted(Method::POST, "/order/25284/server/stop").await;
        assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(limited.headers["retry-after"], "3");
        assert!(limited.body["detail"].is_string());
    }
    let history = h.get("/order/25284/server/history").await.body;
    assert_eq!(history.as_array().unwrap().len(), 1, "faulted requests never reached the server");
    assert_eq!(h.call(Method::POST, "/order/25284/server/stop").await.status, StatusCode::OK);

    let report = h.control(Method::GET, "/__sandbox/coverage", None).await.body;
    assert_eq!(report["operations"]["server_stop"]["4xx"], 2);
    assert_eq!(report["operations"]["server_stop"]["2xx"], 1);
}

#[tokio::test]
async fn faults_match_by_method_and_path() {
    let h = Harness::start().await;
    queue(&h, json!({"method": "GET", "path": "/order/76", "fault": {"type": "status", "status": 503}})).await;
    assert_eq!(h.get("/order/25284").await.status, StatusCode::OK, "another path is untouched");
    assert_eq!(h.faulted(Method::GET, "/order/76").await.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(h.get("/order/76").await.status, StatusCode::OK);

    queue(&h, json!({"method": "get", "path": "/order/{id}", "fault": {"type": "status", "status": 500}})).await;
    assert_eq!(h.faulted(Method::GET, "/order/31608").await.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(h.control(Method::GET, "/__sandbox/faults", None).await.body["faults"], json!([]));
}

#[tokio::test]
async fn cloudflare_pages_are_html() {
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "order_get_user_orders", "fault": {"type": "cloudflare", "status": 520}})).await;
    let response = h.request(Method::GET, "/order", Some(TOKEN)).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 520);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(response.headers()["server"], "cloudflare");
    let page = response.text().await.unwrap();
    assert!(page.contains("<html") && page.contains("520"));

    queue(&h, json!({"operation_id": "order_get_user_orders", "fault": {"type": "cloudflare"}})).await;
    assert_eq!(h.request(Method::GET, "/order", Some(TOKEN)).send().await.unwrap().status().as_u16(), 502);
}

#[tokio::test]
async fn latency_faults_and_configured_latency_delay_answers() {
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "users_get_data", "fault": {"type": "latency", "ms": 300}})).await;
    let started = Instant::now();
    assert_eq!(h.get("/users/me").await.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    h.get("/users/me").await;
    assert!(started.elapsed() < Duration::from_millis(300), "only the next request was slowed");

    let slow = Harness::with_config(SandboxConfig::default().latency(Duration::from_millis(150))).await;
    let started = Instant::now();
    slow.get("/users/me").await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    let started = Instant::now();
    slow.control(Method::GET, "/__sandbox/coverage", None).await;
    assert!(started.elapsed() < Duration::from_millis(150), "the control API is never slowed");
}

#[tokio::test]
async fn a_client_that_gives_up_during_latency_still_leaves_the_operation_done() {
    let h = Harness::start().await;
    let before = h.get("/order").await.body.as_array().unwrap().len();
    queue(&h, json!({"operation_id": "order_change_auto_prolong", "fault": {"type": "latency", "ms": 400}})).await;
    let gave_up = h
        .request(Method::PUT, "/order/25284/make_auto_prolong", Some(TOKEN))
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .expect_err("the client's timeout is shorter than the latency");
    assert!(gave_up.is_timeout(), "{gave_up}");
    tokio::time::sleep(Duration::from_millis(600)).await;
    let log = h.control(Method::GET, "/__sandbox/requests", None).await.body;
    let toggles: Vec<&Value> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["operation_id"] == "order_change_auto_prolong")
        .collect();
    assert_eq!(toggles.len(), 1, "{log}");
    assert_eq!(toggles[0]["fault"], "latency");
    assert_eq!(h.get("/order/25284").await.body["order_data"]["auto_refresh"], true, "the toggle ran");
    assert_eq!(h.get("/order").await.body.as_array().unwrap().len(), before);
}

#[tokio::test]
async fn a_reset_cancels_the_requests_still_in_flight() {
    // Otherwise a latency fault's request, given up by one test, would run its operation on the
    // fresh world and appear in the next test's request log.
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "order_change_auto_prolong", "fault": {"type": "latency", "ms": 400}})).await;
    let gave_up = h
        .request(Method::PUT, "/order/25284/make_auto_prolong", Some(TOKEN))
        .timeout(Duration::from_millis(100))
        .send()
        .await;
    assert!(gave_up.is_err());
    h.control(Method::POST, "/__sandbox/reset", None).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    let log = h.control(Method::GET, "/__sandbox/requests", None).await.body;
    assert_eq!(log["requests"].as_array().unwrap().len(), 0, "{log}");
    assert_eq!(h.get("/order/25284").await.body["order_data"]["auto_refresh"], false, "the toggle never ran");
}

#[tokio::test]
async fn dropped_connections_get_no_response() {
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "users_get_data", "fault": {"type": "drop"}})).await;
    let error = h.request(Method::GET, "/users/me", Some(TOKEN)).send().await.expect_err("the connection is dropped");
    assert!(!error.is_status() && !error.is_timeout(), "{error}");
    assert_eq!(h.get("/users/me").await.status, StatusCode::OK, "the sandbox keeps serving");
    let report = h.control(Method::GET, "/__sandbox/coverage", None).await.body;
    assert_eq!(report["operations"]["users_get_data"]["dropped"], 1);
}

#[tokio::test]
async fn truncated_bodies_fail_to_read() {
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "products_get_all", "fault": {"type": "truncate"}})).await;
    let response = h.request(Method::GET, "/products", None).send().await.expect("headers arrive");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.bytes().await.is_err(), "the body stops short of its Content-Length");
    assert_eq!(h.get("/products").await.status, StatusCode::OK);
}

#[tokio::test]
async fn malformed_json_is_complete_but_unparsable() {
    let h = Harness::start().await;
    queue(&h, json!({"operation_id": "recipes_get_all", "fault": {"type": "malformed_json"}})).await;
    let response = h.request(Method::GET, "/products/recipes", None).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.expect("the body is whole");
    assert!(!text.is_empty());
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
}

#[tokio::test]
async fn fault_requests_are_checked() {
    let h = Harness::start().await;
    for bad in [
        json!({"operation_id": "no_such_operation", "fault": {"type": "drop"}}),
        json!({"fault": {"type": "drop"}}),
        json!({"operation_id": "users_get_data", "fault": {"type": "explode"}}),
        json!({"operation_id": "users_get_data", "count": 0, "fault": {"type": "drop"}}),
        json!({"operation_id": "users_get_data", "fault": {"type": "status", "status": 42}}),
    ] {
        let refused = queue(&h, bad.clone()).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad} -> {}", refused.body);
    }
    queue(&h, json!({"operation_id": "users_get_data", "count": 5, "fault": {"type": "drop"}})).await;
    assert_eq!(h.control(Method::GET, "/__sandbox/faults", None).await.body["faults"][0]["remaining"], 5);
    h.control(Method::DELETE, "/__sandbox/faults", None).await;
    assert_eq!(h.get("/users/me").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_request_log_redacts_tokens() {
    let h = Harness::start().await;
    h.get("/users/me").await;
    h.get("/payment?page=1").await;
    h.send(Method::GET, "/order", h.request(Method::GET, "/order", None)).await;
    let log = h.control(Method::GET, "/__sandbox/requests?limit=3", None).await;
    let requests = log.body["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0]["operation_id"], "users_get_data");
    assert_eq!(requests[0]["status"], 200);
    assert_eq!(requests[0]["authorization"], "[redacted]");
    assert_eq!(requests[1]["query"], "page=1");
    assert_eq!(requests[2]["status"], 401);
    assert_eq!(requests[2]["authorization"], Value::Null);
    assert!(!log.body.to_string().contains(TOKEN), "the token never appears in the log");

    let only = h.control(Method::GET, "/__sandbox/requests?operation_id=payment_get_all", None).await.body;
    assert_eq!(only["requests"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn browsers_may_send_the_authorization_header() {
    let h = Harness::start().await;
    let preflight = h
        .client
        .request(Method::OPTIONS, h.url("/users/me"))
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success());
    let allowed = preflight.headers()["access-control-allow-headers"].to_str().unwrap().to_lowercase();
    assert!(allowed.contains("authorization"), "{allowed}");
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");

    let actual =
        h.request(Method::GET, "/users/me", Some(TOKEN)).header("Origin", "https://app.example").send().await.unwrap();
    assert_eq!(actual.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn bad_http_input_gets_a_detail_not_a_crash() {
    let h = Harness::start().await;
    let huge = vec![b'a'; 10 * 1024 * 1024 + 1];
    let too_big = h
        .request(Method::POST, "/chats/51/messages", Some(TOKEN))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(huge.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.json::<Value>().await.unwrap()["detail"].is_string());

    // The control API answers in JSON too.
    let too_big = h
        .request(Method::POST, "/__sandbox/faults", None)
        .header("content-type", "application/json")
        .body(huge.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.json::<Value>().await.unwrap()["detail"].is_string());

    let big_file =
        reqwest::multipart::Form::new().part("files", reqwest::multipart::Part::bytes(huge).file_name("big.bin"));
    let too_big = h.request(Method::POST, "/chats/51/messages", Some(TOKEN)).multipart(big_file).send().await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let broken = h
        .send(
            Method::POST,
            "/chats/51/messages",
            h.request(Method::POST, "/chats/51/messages", Some(TOKEN))
                .header("content-type", "multipart/form-data; boundary=XYZ")
                .body("--XYZ\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhalf a part"),
        )
        .await;
    assert_validation_error(&broken, &["body"]);
    assert_eq!(h.get("/chats/51/messages").await.body.as_array().unwrap().len(), 1, "no state change");

    let unknown = h.get("/nothing/here").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.body, json!({"detail": "Not Found"}));
    let wrong_method = h.call(Method::DELETE, "/users/me").await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    // An integer beyond 64 bits is still an integer: it names no order.
    assert_detail(&h.get("/order/99999999999999999999999").await, 404);
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "99999999999999999999999")]).await,
        &["body", "port"],
    );
}

#[tokio::test]
async fn extra_orders_are_seeded_on_request() {
    let h = Harness::with_config(SandboxConfig::default().extra_orders(50)).await;
    assert_eq!(h.get("/order").await.body.as_array().unwrap().len(), 53);
    assert_eq!(h.get("/order/100050").await.status, StatusCode::OK);
}

#[tokio::test]
async fn in_process_reset_and_shutdown() {
    let h = Harness::start().await;
    h.form(Method::POST, "/order/25284/prolong", &[]).await;
    h.sandbox.reset();
    assert_eq!(h.balance(TOKEN).await, 1000.0);
    let url = h.sandbox.url().to_owned();
    h.sandbox.shutdown().await;
    let after = reqwest::Client::new().get(format!("{url}/products")).send().await;
    assert!(after.is_err(), "nothing listens after shutdown");
}

/// Kills the child when the test ends, however it ends.
struct ChildGuard(std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_binary_announces_its_address_first() {
    let child = Command::new(env!("CARGO_BIN_EXE_psb-mock"))
        .args(["--addr", "127.0.0.1:0", "--token", "cli-token", "--latency-ms", "1", "--orders", "3"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut child = ChildGuard(child);
    let mut first_line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut first_line).unwrap();
    let url = first_line.trim().strip_prefix("listening on ").expect("first line announces the address").to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(!first_line.contains("cli-token"), "the token is never printed");

    let client = reqwest::Client::new();
    let me = client.get(format!("{url}/users/me")).header("Authorization", "cli-token").send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    let orders: Value = client
        .get(format!("{url}/order"))
        .header("Authorization", "cli-token")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(orders.as_array().unwrap().len(), 6);
}
