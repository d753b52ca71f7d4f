//! `psb` as a user runs it: the real binary against the sandbox (its own `--sandbox`, or a
//! sandbox this test starts), output snapshotted (dates masked), exit codes checked.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn psb() -> Command {
    let mut c = Command::cargo_bin("psb").unwrap();
    // No stored token or environment leaks in from the machine running the tests.
    c.env_remove("PSB_API_TOKEN")
        .env_remove("PSB_API_URL")
        .env("PSB_CONFIG_DIR", std::env::temp_dir().join("psb-cli-tests-none"));
    c
}

fn sandbox(args: &[&str]) -> Command {
    let mut c = psb();
    c.arg("--sandbox").args(args);
    c
}

fn stdout(mut c: impl std::borrow::BorrowMut<Command>) -> String {
    let c = c.borrow_mut();
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json(args: &[&str]) -> Value {
    let mut c = sandbox(args);
    c.args(["--output", "json"]);
    serde_json::from_str(&stdout(c)).unwrap()
}

macro_rules! assert_table_snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({filters => vec![
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[date]"),
            (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
        ]}, {
            insta::assert_snapshot!($name, $text);
        });
    };
}

#[test]
fn orders_as_a_table_with_english_statuses() {
    let text = stdout(sandbox(&["orders", "list", "--output", "table"]));
    assert!(text.contains("Issued") && !text.contains("Заказ выдан"), "{text}");
    assert_table_snapshot!("orders_list", text);
}

#[test]
fn an_order_in_detail() {
    let text = stdout(sandbox(&["orders", "get", "25284", "-o", "table"]));
    assert!(text.contains("SERVER") && text.contains("Active"), "{text}");
    assert!(!text.contains("password:") || text.contains("-o json"), "the password is not shown in the table");
    assert_table_snapshot!("order_detail", text);
}

#[test]
fn json_is_the_apis_own_shape_with_english_names() {
    let order = json(&["orders", "get", "25284"]);
    assert_eq!(order["order_data"]["id"], 25284);
    assert_eq!(order["order_data"]["status"], "Issued", "vocabularies by their English names, as in every SDK");
    let wire = json(&["orders", "get", "25284", "--wire"]);
    assert_eq!(wire["order_data"]["status"], "Заказ выдан", "--wire: the server's own spelling");
    let products = json(&["products", "list", "--type", "PsbVps", "--type", "HighCpuPsbVps"]);
    let types: Vec<&str> = products.as_array().unwrap().iter().map(|p| p["type"].as_str().unwrap()).collect();
    assert!(!types.is_empty() && types.iter().all(|t| ["PsbVps", "HighCpuPsbVps"].contains(t)), "{types:?}");
}

#[test]
fn all_walks_every_page_into_one_document() {
    let page = json(&["payments", "list", "--page-size", "2"]);
    let all = json(&["payments", "list", "--all", "--page-size", "2"]);
    assert_eq!(all.as_array().unwrap().len() as u64, page["total"].as_u64().unwrap());
}

#[test]
fn yaml_output() {
    let text = stdout(sandbox(&["account", "get", "-o", "yaml"]));
    let v: Value = serde_norway::from_str(&text).unwrap();
    assert_eq!(v["username"], "user");
}

#[test]
fn piped_output_defaults_to_json() {
    let text = stdout(sandbox(&["recipes", "list"]));
    assert!(serde_json::from_str::<Value>(&text).unwrap().is_array());
}

#[test]
fn errors_are_one_line_with_an_exit_code_per_kind() {
    sandbox(&["orders", "get", "1"])
        .assert()
        .code(5)
        .stderr("error: NotFound (404) on GET /order/1: Order not found\n");
    sandbox(&["servers", "change-port", "25284", "--port", "0"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("port must be between 1 and 65535"));
    sandbox(&["--token", "wrong", "account", "get"])
        .assert()
        .code(4)
        .stderr(predicate::str::starts_with("error: Unauthorized (401)"));
    sandbox(&["orders", "terminate", "76"]).assert().code(2).stderr(predicate::str::contains("--yes"));
    sandbox(&["orders", "create", "--product", "175"])
        .assert()
        .code(6)
        .stderr(predicate::str::contains("Validation (422)"));
    psb().args(["orders", "list"]).arg("--base-url").arg("http://127.0.0.1:9").assert().code(9);
    psb().args(["orders", "lst"]).assert().code(2);
}

#[test]
fn restart_and_wait() {
    // --wait returns once the restart itself has finished, not merely while the server is up.
    let text = stdout(sandbox(&["servers", "restart", "25284", "--wait", "--timeout", "30", "-o", "json"]));
    let v: Value = serde_json::from_str(&text).unwrap();
    let restart = v["server_history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["name"] == "host_restart")
        .max_by_key(|h| h["id"].as_i64())
        .unwrap()
        .clone();
    assert_eq!(restart["state"], "Complete", "{v:#}");
    let text = stdout(sandbox(&["servers", "stop", "25284", "--wait", "-o", "json"]));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["status_machine"], "Stopped");
    sandbox(&["servers", "reinstall", "25284", "--os-id", "40"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
}

#[test]
fn tickets_with_attachments_and_chats() {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    std::fs::write(&shot, [0x89, b'P', b'N', b'G']).unwrap();
    let ticket = json(&[
        "tickets",
        "create",
        "--title",
        "Slow",
        "--department",
        "technical",
        "--message",
        "since 9am",
        "--order",
        "25284",
        "--attach",
        shot.to_str().unwrap(),
    ]);
    assert_eq!(ticket["type"], "Technical");
    let sent = json(&["chats", "send", "51", "--text", "more", "--attach", shot.to_str().unwrap()]);
    assert_eq!(sent["attachments"][0]["name"], "shot.png");
    sandbox(&["chats", "send", "51", "--attach", "/no/such/file"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read /no/such/file"));
}

#[test]
fn the_password_comes_from_stdin() {
    sandbox(&["servers", "change-password", "25284", "-o", "json"]).write_stdin("n3w-Passw0rd\n").assert().success();
    sandbox(&["servers", "change-password", "25284"]).write_stdin("").assert().code(2);
}

/// Every operation of the operation table is a command, whether psb writes the method by hand
/// or not (a method made hand-written once dropped its command unnoticed).
#[test]
fn every_operation_of_the_table_is_a_command() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let table: Value = serde_json::from_str(&std::fs::read_to_string(root.join("spec/surface.json")).unwrap()).unwrap();
    let mut missing = Vec::new();
    for r in table["resources"].as_array().unwrap() {
        let resource = r["name"].as_str().unwrap().replace('_', "-");
        let help = stdout(psb().args([resource.as_str(), "--help"]));
        for m in r["methods"].as_array().unwrap().iter().filter(|m| m["kind"] == "operation") {
            let command = m["name"].as_str().unwrap().replace('_', "-");
            if !help.lines().any(|l| l.split_whitespace().next() == Some(command.as_str())) {
                missing.push(format!("psb {resource} {command}"));
            }
        }
    }
    assert!(missing.is_empty(), "commands missing: {missing:?}");
}

#[test]
fn completions() {
    for shell in ["bash", "zsh", "fish"] {
        let text = stdout(psb().args(["completions", shell]));
        assert!(text.contains("orders") && text.contains("toggle-auto-prolong"), "{shell}");
    }
}

#[test]
fn the_tour_runs() {
    let text = stdout(sandbox(&["tour"]));
    for step in ["Your account", "Restart it", "Ask support", "Your payments"] {
        assert!(text.contains(step), "{step} missing:\n{text}");
    }
}

#[test]
fn the_sandbox_ignores_a_real_token_from_the_environment() {
    let mut c = psb();
    c.env("PSB_API_TOKEN", "a-real-token-for-production").args(["--sandbox", "orders", "list", "-o", "json"]);
    assert!(serde_json::from_str::<Value>(&stdout(c)).unwrap().is_array());
    // A --token typed for this command is used, even with --sandbox.
    sandbox(&["--token", "typed-on-purpose", "account", "get"]).assert().code(4);
}

#[test]
fn passwords_are_masked_unless_asked_for() {
    let order = json(&["orders", "get", "25284"]);
    assert_eq!(order["issued_order"]["password"], "***");
    let shown = json(&["orders", "get", "25284", "--show-secrets"]);
    let password = shown["issued_order"]["password"].as_str().unwrap();
    assert!(password != "***" && !password.is_empty());
}
