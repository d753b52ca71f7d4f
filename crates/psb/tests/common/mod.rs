//! The psb suite runs against the real sandbox over loopback HTTP: an in-process `psb-mock` per
//! test, or — when `PSB_TEST_API_URL` and `PSB_TEST_CONTROL_URL` are set — a sandbox behind a
//! proxy (`cargo xtask test` runs the suite once through Stoplight Prism that way).
#![allow(dead_code)]

use psb::{Client, RetryPolicy};
use psb_mock::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{json, Value};
use std::time::Duration;

pub const TOKEN: &str = psb_mock::DEFAULT_TOKEN;
pub const OTHER_TOKEN: &str = psb_mock::SECOND_USER_TOKEN;

pub struct TestEnv {
    /// Kept alive for the test's duration (None when the sandbox is external).
    _sandbox: Option<SandboxHandle>,
    /// Where the SDK sends API calls.
    pub api_url: String,
    /// Where the control API (`/__sandbox/...`) answers.
    pub control_url: String,
    http: reqwest::Client,
}

pub async fn start() -> TestEnv {
    start_with(SandboxConfig::default().transition_delay(Duration::from_millis(50))).await
}

pub async fn start_with(config: SandboxConfig) -> TestEnv {
    let http = reqwest::Client::new();
    if let (Ok(api), Ok(control)) = (std::env::var("PSB_TEST_API_URL"), std::env::var("PSB_TEST_CONTROL_URL")) {
        let env = TestEnv { _sandbox: None, api_url: api, control_url: control, http };
        env.reset().await;
        return env;
    }
    let sandbox = Sandbox::start(config).await.expect("the sandbox starts");
    let url = sandbox.url().to_string();
    TestEnv { _sandbox: Some(sandbox), api_url: url.clone(), control_url: url, http }
}

/// Retries as in production, but with millisecond backoffs so the fault tests run fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
    }
}

impl TestEnv {
    pub fn client(&self) -> Client {
        self.client_with(TOKEN)
    }

    pub fn client_with(&self, token: &str) -> Client {
        Client::builder().token(token).base_url(&self.api_url).retry_policy(fast_retries()).build().expect("client")
    }

    pub fn anonymous(&self) -> Client {
        Client::builder().base_url(&self.api_url).retry_policy(fast_retries()).build().expect("client")
    }

    pub async fn reset(&self) {
        let r = self.http.post(format!("{}/__sandbox/reset", self.control_url)).send().await.expect("reset");
        assert!(r.status().is_success(), "reset: {}", r.status());
    }

    /// Queues a fault for the next `count` requests of `operation_id`.
    pub async fn fault(&self, operation_id: &str, count: u32, fault: Value) {
        let body = json!({"operation_id": operation_id, "count": count, "fault": fault});
        let r =
            self.http.post(format!("{}/__sandbox/faults", self.control_url)).json(&body).send().await.expect("fault");
        assert!(r.status().is_success(), "fault {body}: {} {}", r.status(), r.text().await.unwrap_or_default());
    }

    pub async fn coverage(&self) -> Value {
        self.get_json("/__sandbox/coverage").await
    }

    /// The requests the sandbox saw for one operation, oldest first.
    pub async fn requests(&self, operation_id: &str) -> Vec<Value> {
        let v = self.get_json(&format!("/__sandbox/requests?operation_id={operation_id}&limit=1000")).await;
        v["requests"].as_array().cloned().unwrap_or_default()
    }

    async fn get_json(&self, path: &str) -> Value {
        let r = self.http.get(format!("{}{path}", self.control_url)).send().await.expect("control API");
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.json().await.expect("JSON")
    }
}

impl TestEnv {
    /// Makes the sandbox answer with `to` wherever it would say `from` (a value the SDK does
    /// not know yet).
    pub async fn rename_values(&self, pairs: &[(&str, &str)]) {
        let replace: serde_json::Map<String, Value> = pairs.iter().map(|(a, b)| (a.to_string(), json!(b))).collect();
        let r = self
            .http
            .post(format!("{}/__sandbox/vocabulary", self.control_url))
            .json(&json!({"replace": replace}))
            .send()
            .await
            .expect("vocabulary");
        assert!(r.status().is_success(), "vocabulary: {}", r.status());
    }
}

/// A valid order of PSB VPS 175, paid from the balance (the product's first OS and panel).
pub async fn vps_order(client: &Client) -> psb::NewOrder {
    let product = client.products().get(175).await.expect("product 175");
    psb::NewOrder::new(product.id, psb::PaymentMethod::Balance)
        .os(product.os[0].id)
        .control_panel(product.control_panel[0].id)
}

/// Every log line (TRACE and up) written on this thread while the guard lives.
#[derive(Clone, Default)]
pub struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

pub fn capture_logs() -> (Capture, tracing::subscriber::DefaultGuard) {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .with_ansi(false)
        .finish();
    (capture, tracing::subscriber::set_default(subscriber))
}
