//! `cargo bench -p psb`: the SDK against a hand-written reqwest + serde_json client making the
//! same calls, both against the sandbox on loopback, in one process. Prints a table; the figures
//! go to BENCHMARKS.md. Targets: throughput ≥ 0.95× the raw client; decoding the 1,000-order
//! list ≤ 1.2× serde_json into plain structs.

use psb::Client;
use psb_mock::{Sandbox, SandboxConfig, DEFAULT_TOKEN};
use serde::Deserialize;
use std::future::Future;
use std::time::{Duration, Instant};

/// The raw client's view of an order: plain structs, strings for dates and statuses.
#[allow(dead_code)]
#[derive(Deserialize)]
struct RawOrder {
    id: i64,
    order_id: String,
    user_id: i64,
    product: RawProduct,
    os: Option<String>,
    control_panel: Option<RawPanel>,
    period: Option<serde_json::Value>,
    domain: Option<String>,
    name: String,
    recipe_id: Option<i64>,
    auto_refresh: bool,
    status: String,
    date_create: String,
    date_end: Option<String>,
    issued_order: Option<RawIssued>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawProduct {
    id: i64,
    title: String,
    price: f64,
    bill_id: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    country: String,
    profit: Option<f64>,
    status: Option<bool>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawPanel {
    id: i64,
    name: String,
    price: Option<f64>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawIssued {
    id: i64,
    order_id: i64,
    ip: Option<String>,
    port: Option<serde_json::Value>,
    superuser: Option<String>,
    password: Option<String>,
    ipv6_addr: Option<String>,
    ipv6_subnet: Option<String>,
    url: Option<String>,
    qr: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawAccount {
    id: i64,
    email: String,
    username: String,
    role_id: i64,
    balance: f64,
    is_verified: bool,
    newsletter: bool,
}

struct Raw {
    http: reqwest::Client,
    base: String,
}

impl Raw {
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let r =
            self.http.get(format!("{}{path}", self.base)).header("Authorization", DEFAULT_TOKEN).send().await.unwrap();
        assert!(r.status().is_success());
        serde_json::from_slice(&r.bytes().await.unwrap()).unwrap()
    }
}

/// Requests per second of `n` calls made `concurrency` at a time.
async fn rate<F, Fut>(n: usize, concurrency: usize, call: F) -> f64
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    // Warm up the pool and the caches.
    for _ in 0..concurrency.max(20) {
        call().await;
    }
    let started = Instant::now();
    let per_task = n / concurrency;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let call = call.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    call().await;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    (per_task * concurrency) as f64 / started.elapsed().as_secs_f64()
}

/// Rounds per measurement (alternating SDK and raw, best of each).
const ROUNDS: usize = 3;

fn best_of<F: FnMut() -> Duration>(rounds: usize, mut f: F) -> Duration {
    (0..rounds).map(|_| f()).min().unwrap()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let sandbox = Sandbox::start(SandboxConfig::default().extra_orders(1000)).await.unwrap();
        let base = sandbox.url().to_string();
        // Two transports, each given to both clients, so the ratio is the SDK's own cost: the
        // SDK's defaults (60 s timeout, 10 s connect timeout: a timer per request), and a bare
        // `reqwest::Client::new()`.
        let with_timeouts = || {
            reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .connect_timeout(Duration::from_secs(10))
                .build()
                .unwrap()
        };
        let mut rows: Vec<(String, f64, f64)> = Vec::new();
        for (transport, http) in [("timeouts", with_timeouts()), ("bare", reqwest::Client::new())] {
            let sdk = Client::builder().token(DEFAULT_TOKEN).base_url(&base).http_client(http.clone()).build().unwrap();
            let raw = std::sync::Arc::new(Raw { http, base: base.clone() });
            for (label, n, concurrency) in
                [("account.get, sequential", 3000, 1), ("account.get, 64 concurrent", 20000, 64)]
            {
                // Alternating rounds, best of each: the machine's noise hits both alike.
                let (mut sdk_rate, mut raw_rate) = (0f64, 0f64);
                for _ in 0..ROUNDS {
                    let (s, r) = (sdk.clone(), raw.clone());
                    sdk_rate = sdk_rate.max(
                        rate(n, concurrency, move || {
                            let s = s.clone();
                            async move {
                                s.account().get().await.unwrap();
                            }
                        })
                        .await,
                    );
                    raw_rate = raw_rate.max(
                        rate(n, concurrency, move || {
                            let r = r.clone();
                            async move {
                                r.get::<RawAccount>("/users/me").await;
                            }
                        })
                        .await,
                    );
                }
                rows.push((format!("{label} ({transport})"), sdk_rate, raw_rate));
            }
        }
        let sdk = Client::builder().token(DEFAULT_TOKEN).base_url(&base).http_client(with_timeouts()).build().unwrap();
        let raw = std::sync::Arc::new(Raw { http: with_timeouts(), base: base.clone() });
        let orders = sdk.orders().list().await.unwrap().len();
        let (s, r) = (sdk.clone(), raw.clone());
        let sdk_rate = rate(100, 1, move || {
            let s = s.clone();
            async move {
                s.orders().list().await.unwrap();
            }
        })
        .await;
        let raw_rate = rate(100, 1, move || {
            let r = r.clone();
            async move {
                r.get::<Vec<RawOrder>>("/order").await;
            }
        })
        .await;
        rows.push((format!("orders.list ({orders} orders, timeouts)"), sdk_rate, raw_rate));

        // Decoding alone: the same bytes into the domain types and into plain structs.
        let body = reqwest::Client::new()
            .get(format!("{base}/order"))
            .header("Authorization", DEFAULT_TOKEN)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let domain = best_of(30, || {
            let t = Instant::now();
            let v: Vec<psb::Order> = serde_json::from_slice(&body).unwrap();
            std::hint::black_box(v);
            t.elapsed()
        });
        let plain = best_of(30, || {
            let t = Instant::now();
            let v: Vec<RawOrder> = serde_json::from_slice(&body).unwrap();
            std::hint::black_box(v);
            t.elapsed()
        });

        println!("\n| call | psb (req/s) | raw reqwest + serde_json (req/s) | ratio (target ≥ 0.95) |");
        println!("|---|---:|---:|---:|");
        for (label, s, r) in &rows {
            println!("| {label} | {s:.0} | {r:.0} | {:.2} |", s / r);
        }
        println!(
            "\n| decoding the {orders}-order list ({} KB) | psb-model | plain structs | ratio (target ≤ 1.2) |",
            body.len() / 1024
        );
        println!("|---|---:|---:|---:|");
        println!(
            "| best of 30 | {:.2} ms | {:.2} ms | {:.2} |",
            domain.as_secs_f64() * 1e3,
            plain.as_secs_f64() * 1e3,
            domain.as_secs_f64() / plain.as_secs_f64()
        );
        sandbox.shutdown().await;
    });
}
