//! Rust's runner of the shared behaviour scenarios (tests/scenarios/cases.json, format in
//! tests/README.md): each scenario against its own in-process sandbox. The calls come from the
//! operation table (`dispatch.rs`, generated); this file reads the cases and checks what came
//! back. A test target of the psb crate (`cargo test -p psb --test scenarios`).

#[path = "../../../crates/psb/tests/common/mod.rs"]
mod common;
mod dispatch;

use dispatch::Out;
use futures_util::TryStreamExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const CASES: &str = include_str!("../cases.json");
const TABLE: &str = include_str!("../../../spec/surface.json");

/// A scenario's argument `name`, decoded into the type the call takes (absent reads as null).
pub fn arg<T: DeserializeOwned>(args: &Value, name: &str) -> T {
    let v = args.get(name).cloned().unwrap_or(Value::Null);
    serde_json::from_value(v).unwrap_or_else(|e| panic!("argument {name}: {e}"))
}

/// A duration argument (seconds in the scenario), or the table's default (`300s`, `250ms`).
pub fn secs(args: &Value, name: &str, default: &str) -> Duration {
    match args.get(name) {
        Some(v) => Duration::from_secs_f64(v.as_f64().expect("seconds")),
        None if default.ends_with("ms") => Duration::from_millis(default.trim_end_matches("ms").parse().unwrap()),
        None => Duration::from_secs(default.trim_end_matches('s').parse().expect("the table's default")),
    }
}

pub async fn collect<T>(stream: psb::PageStream<T>) -> psb::Result<Vec<T>> {
    stream.try_collect().await
}

/// A model as JSON with the English vocabulary names, as every binding shows them.
pub fn value_of<T: serde::Serialize>(v: &T) -> Out {
    Out::Value(psb::model::vocab::with_english_names(|| serde_json::to_value(v).expect("a model serializes")))
}

/// The value at `path` (field names, indexes, `#` for a length, `*` for each item).
fn walk(v: &Value, path: &[&str]) -> Value {
    let Some((head, rest)) = path.split_first() else { return v.clone() };
    match *head {
        "#" => Value::from(v.as_array().expect("a list").len()),
        "*" => v.as_array().expect("a list").iter().map(|x| walk(x, rest)).collect(),
        i if i.parse::<i64>().is_ok() => {
            let items = v.as_array().expect("a list");
            let i: i64 = i.parse().unwrap();
            walk(&items[i.rem_euclid(items.len() as i64) as usize], rest)
        }
        field => walk(v.get(field).unwrap_or_else(|| panic!("no {field} in {v}")), rest),
    }
}

struct Run<'a> {
    env: &'a common::TestEnv,
    methods: &'a HashMap<String, Value>,
    client: psb::Client,
    saved: HashMap<String, Out>,
}

impl Run<'_> {
    fn reference(&self, name: &str) -> Value {
        let path: Vec<&str> = name.split('.').collect();
        walk(&self.saved[path[0]].json(), &path[1..])
    }

    fn check(&self, what: &str, actual: &Value, want: &Value) {
        if let Some(m) = want.as_object() {
            if let Some(name) = m.get("$") {
                let reference = self.reference(name.as_str().unwrap());
                let expected = match m.get("plus") {
                    Some(plus) => Value::from(reference.as_i64().unwrap() + plus.as_i64().unwrap()),
                    None => reference,
                };
                return assert_eq!(actual, &expected, "{what}");
            }
            if let Some(least) = m.get("at_least") {
                return assert!(actual.as_f64().unwrap() >= least.as_f64().unwrap(), "{what}: {actual} < {least}");
            }
            if m.contains_key("not_empty") {
                return assert!(actual.as_str().is_some_and(|s| !s.is_empty()), "{what} is empty");
            }
        }
        assert_eq!(actual, want, "{what}");
    }

    async fn call(&self, step: &Value) -> psb::Result<Out> {
        let call = step["call"].as_str().unwrap();
        let (owner, name) = call.rsplit_once('.').unwrap();
        let args = step.get("args").cloned().unwrap_or_else(|| Value::Object(Default::default()));
        let method = match owner.strip_prefix('$') {
            Some(saved) => {
                let handle = &self.saved[saved];
                let Out::ServerAction(_) = handle else { panic!("{saved} is not a handle") };
                &self.methods[&format!("ServerAction.{name}")]
            }
            None => &self.methods[call],
        };
        let known: Vec<&str> = method["params"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p.get("fields").and_then(Value::as_array).map_or(vec![p], |f| f.iter().collect()))
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        for k in args.as_object().unwrap().keys() {
            assert!(known.contains(&k.as_str()), "{call} has no argument {k}");
        }
        match owner.strip_prefix('$') {
            Some(saved) => dispatch::call_on(&self.saved[saved], name, &args).await,
            None => dispatch::call(&self.client, call, &args).await,
        }
    }

    async fn step(&mut self, step: &Value) {
        if let Some(f) = step.get("fault") {
            let count = f["count"].as_u64().unwrap() as u32;
            return self.env.fault(f["operation_id"].as_str().unwrap(), count, f["fault"].clone()).await;
        }
        if let Some(op) = step.get("sent").and_then(Value::as_str) {
            let sent = Value::from(self.env.requests(op).await.len());
            return self.check(&format!("requests of {op}"), &sent, &step["times"]);
        }
        let call = step["call"].as_str().unwrap();
        let started = Instant::now();
        match (self.call(step).await, step.get("raises")) {
            (Ok(out), None) => {
                let json = out.json();
                for (path, want) in step.get("expect").and_then(Value::as_object).into_iter().flatten() {
                    let parts: Vec<&str> = path.split('.').collect();
                    self.check(&format!("{call} {path}"), &walk(&json, &parts), want);
                }
                if let Some(name) = step.get("save").and_then(Value::as_str) {
                    self.saved.insert(name.to_string(), out);
                }
            }
            (Ok(out), Some(_)) => panic!("{call} returned {} instead of raising", out.json()),
            (Err(e), None) => panic!("{call}: {e}"),
            (Err(e), Some(want)) => self.raised(want, &e),
        }
        let took = started.elapsed().as_secs_f64();
        assert!(took >= step.get("took_at_least").and_then(Value::as_f64).unwrap_or(0.0), "{call} took {took}s");
        assert!(took <= step.get("took_at_most").and_then(Value::as_f64).unwrap_or(1e9), "{call} took {took}s");
    }

    fn raised(&self, want: &Value, e: &psb::Error) {
        assert_eq!(format!("{:?}", e.kind()), want["kind"].as_str().unwrap(), "{e}");
        let fields = [
            ("status", e.status().map_or(Value::Null, Value::from)),
            ("detail", Value::from(e.message())),
            ("retry_after", e.retry_after().map_or(Value::Null, |d| Value::from(d.as_secs()))),
            ("operation", e.operation().map_or(Value::Null, Value::from)),
        ];
        for (key, actual) in fields {
            if let Some(expected) = want.get(key) {
                self.check(key, &actual, expected);
            }
        }
        let text = format!("{e} {e:?}");
        // Lists of texts: a bare string would be read character by character by some runners
        // and skipped by others (tests/README.md).
        let texts = |key: &str| match want.get(key) {
            None => Vec::new(),
            Some(v) => v.as_array().unwrap_or_else(|| panic!("{key} must be a list of texts, not {v}")).clone(),
        };
        for s in texts("message_has") {
            assert!(e.to_string().contains(s.as_str().unwrap()), "{s} not in {e}");
        }
        for s in texts("message_lacks") {
            assert!(!text.contains(s.as_str().unwrap()), "{s} in {text}");
        }
    }
}

fn client(env: &common::TestEnv, options: &Value) -> psb::Client {
    let mut retry = common::fast_retries();
    if let Some(n) = options.get("max_retries").and_then(Value::as_u64) {
        retry.max_retries = n as u32;
    }
    let mut b = psb::Client::builder().base_url(&env.api_url).retry_policy(retry);
    match options.get("token") {
        None => b = b.token(common::TOKEN),
        Some(Value::Null) => {}
        Some(t) => b = b.token(t.as_str().unwrap()),
    }
    if let Some(s) = options.get("timeout").and_then(Value::as_f64) {
        b = b.timeout(Duration::from_secs_f64(s));
    }
    b.build().expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_scenario() {
    let cases: Value = serde_json::from_str(CASES).unwrap();
    let table: Value = serde_json::from_str(TABLE).unwrap();
    let mut methods = HashMap::new();
    for owner in table["resources"].as_array().unwrap().iter().chain(table["handles"].as_array().unwrap()) {
        for m in owner["methods"].as_array().unwrap() {
            methods.insert(format!("{}.{}", owner["name"].as_str().unwrap(), m["name"].as_str().unwrap()), m.clone());
        }
    }
    let methods = std::sync::Arc::new(methods);
    let mut failed = Vec::new();
    for scenario in cases["scenarios"].as_array().unwrap().clone() {
        let name = scenario["name"].as_str().unwrap().to_string();
        let methods = methods.clone();
        // Each scenario on a task of its own, so that one failing reports its name and the rest run.
        let outcome = tokio::spawn(async move {
            let env = common::start().await;
            let client = client(&env, scenario.get("client").unwrap_or(&Value::Null));
            let mut run = Run { env: &env, methods: &methods, client, saved: HashMap::new() };
            for step in scenario["steps"].as_array().unwrap() {
                run.step(step).await;
            }
        })
        .await;
        if outcome.is_err() {
            failed.push(name);
        }
    }
    assert!(failed.is_empty(), "scenarios failed: {failed:#?}");
}
