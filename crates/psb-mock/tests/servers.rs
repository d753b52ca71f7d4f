//! Servers: the power state machine with its history, settings that later reads reflect, IP
//! addresses and PTR records, IPv6, and the refusals (deleted, not a server, not yours).

mod common;

use std::time::Duration;

use common::*;
use psb_mock::SandboxConfig;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn history_names(history: &Value) -> Vec<(String, String)> {
    history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_owned(), e["state"].as_str().unwrap().to_owned()))
        .collect()
}

#[tokio::test]
async fn power_actions_go_pending_then_complete() {
    // Long enough that the reads right after the request surely see the action pending.
    let h = Harness::with_config(SandboxConfig::default().transition_delay(Duration::from_millis(400))).await;
    let stop = h.call(Method::POST, "/order/25284/server/stop").await;
    assert_eq!(stop.status, StatusCode::OK);
    assert!(stop.body["message"].as_str().unwrap().contains("stop"));

    let right_away = h.get("/order/25284/server/history").await.body;
    assert_eq!(history_names(&right_away)[0], ("host_stop".into(), "pending".into()));
    assert_eq!(h.get("/order/25284").await.body["status_machine"], "Активна", "still running until the stop completes");

    let stopped = h.wait_for_server_status(25284, "Остановлена").await;
    assert_eq!(history_names(&stopped["server_history"])[0], ("host_stop".into(), "complete".into()));

    assert_eq!(h.call(Method::POST, "/order/25284/server/start").await.status, StatusCode::OK);
    h.wait_for_server_status(25284, "Активна").await;
    assert_eq!(h.call(Method::POST, "/order/25284/server/restart").await.status, StatusCode::OK);
    let history = h.get("/order/25284/server/history").await.body;
    assert_eq!(history_names(&history)[0].0, "host_restart");
    let date = history[0]["date_create"].as_str().unwrap();
    assert_eq!(date.len(), 19, "history timestamps have no zone: {date}");
}

#[tokio::test]
async fn actions_sent_in_a_burst_complete_in_order() {
    let h = Harness::start().await;
    for action in ["stop", "start", "stop"] {
        assert_eq!(h.call(Method::POST, &format!("/order/25284/server/{action}")).await.status, StatusCode::OK);
    }
    let settled = h.wait_for_server_status(25284, "Остановлена").await;
    // Give the last action its time, then everything must be complete and in order.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let history = history_names(&h.get("/order/25284/server/history").await.body);
    assert_eq!(
        &history[..3],
        &[
            ("host_stop".to_owned(), "complete".to_owned()),
            ("host_start".to_owned(), "complete".to_owned()),
            ("host_stop".to_owned(), "complete".to_owned()),
        ]
    );
    assert_eq!(settled["status_machine"], "Остановлена");
}

#[tokio::test]
async fn password_port_and_os_changes_show_in_later_reads() {
    let h = Harness::start().await;
    let password = h.form(Method::PUT, "/order/25284/server/change_password", &[("password", "n3w-Secret")]).await;
    assert_eq!(password.status, StatusCode::OK);
    let port = h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "1234")]).await;
    assert_eq!(port.status, StatusCode::OK, "{}", port.body);
    let reinstall = h.form(Method::PUT, "/order/25284/server/change_operative_system", &[("os", "40")]).await;
    assert_eq!(reinstall.status, StatusCode::OK);

    tokio::time::sleep(Duration::from_millis(250)).await;
    let detail = h.get("/order/25284").await.body;
    assert_eq!(detail["issued_order"]["password"], "n3w-Secret");
    assert_eq!(detail["issued_order"]["port"], "1234");
    assert_eq!(detail["order_data"]["os"], "Debian 12");
    assert_eq!(detail["issued_order"]["superuser"], "root");
    let reinstalled =
        detail["server_history"].as_array().unwrap().iter().find(|e| e["name"] == "host_reinstall").unwrap();
    assert_eq!(reinstalled["params"], json!({"new_os": "Debian 12", "old_os": "Windows 10 GPT"}));
    assert_eq!(reinstalled["state"], "complete");

    // Now a Linux server: its port cannot be changed.
    assert_detail(&h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "2222")]).await, 409);
}

#[tokio::test]
async fn setting_input_is_validated() {
    let h = Harness::start().await;
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_password", &[]).await,
        &["body", "password"],
    );
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "70000")]).await,
        &["body", "port"],
    );
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "0")]).await,
        &["body", "port"],
    );
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "ssh")]).await,
        &["body", "port"],
    );
    assert_detail(&h.form(Method::PUT, "/order/25284/server/change_operative_system", &[("os", "9999")]).await, 404);
    assert_validation_error(
        &h.form(Method::PUT, "/order/25284/server/change_operative_system", &[]).await,
        &["body", "os"],
    );
    // 76 runs Debian: no port change there, whatever the port.
    assert_detail(&h.form(Method::PUT, "/order/76/server/change_port", &[("port", "2222")]).await, 409);
    let history = history_names(&h.get("/order/25284/server/history").await.body);
    assert_eq!(history.len(), 1, "refused requests leave no history: {history:?}");
}

#[tokio::test]
async fn ptr_records_only_on_the_orders_own_addresses() {
    let h = Harness::start().await;
    let ips = h.get("/order/25284/server/ip-addresses").await.body;
    assert!(ips.as_array().unwrap().iter().any(|ip| ip["ip"] == "1.1.1.1" && ip["type"] == "ipv4"));

    let added = h
        .form(Method::POST, "/order/25284/server/ip-addresses", &[("ip", "1.1.1.1"), ("domain", "NL100.example.com")])
        .await;
    assert_eq!(added.status, StatusCode::OK);
    assert_eq!(added.body, json!({"ip": "1.1.1.1", "type": "ipv4", "ptr": "NL100.example.com"}));
    let multipart = reqwest::multipart::Form::new().text("ip", "1.1.1.1").text("domain", "mail.example.com");
    let updated = h.multipart(Method::PUT, "/order/25284/server/ip-addresses", multipart).await;
    assert_eq!(updated.body["ptr"], "mail.example.com");
    let listed = h.get("/order/25284/server/ip-addresses").await.body;
    let first = listed.as_array().unwrap().iter().find(|ip| ip["ip"] == "1.1.1.1").unwrap();
    assert_eq!(first["ptr"], "mail.example.com");

    // 2.2.2.2 belongs to the other user's server.
    let foreign = h
        .form(Method::POST, "/order/25284/server/ip-addresses", &[("ip", "2.2.2.2"), ("domain", "x.example.com")])
        .await;
    assert_detail(&foreign, 404);
    let bad_domain =
        h.form(Method::PUT, "/order/25284/server/ip-addresses", &[("ip", "1.1.1.1"), ("domain", "not a domain")]).await;
    assert_validation_error(&bad_domain, &["body", "domain"]);
    let missing = h.form(Method::POST, "/order/25284/server/ip-addresses", &[]).await;
    assert_validation_error(&missing, &["body", "ip"]);
    assert_validation_error(&missing, &["body", "domain"]);
}

#[tokio::test]
async fn ipv6_is_assigned_once() {
    let h = Harness::start().await;
    let assigned = h.call(Method::POST, "/order/25284/server/assign_ipv6").await;
    assert_eq!(assigned.status, StatusCode::OK);
    assert_eq!(assigned.body["type"], "ipv6");
    let address = assigned.body["ip"].as_str().unwrap().to_owned();
    assert!(address.contains(':'));

    let again = h.call(Method::POST, "/order/25284/server/assign_ipv6").await;
    assert_eq!(again.body["ip"], address.as_str());
    let ips = h.get("/order/25284/server/ip-addresses").await.body;
    assert_eq!(ips.as_array().unwrap().iter().filter(|ip| ip["type"] == "ipv6").count(), 1);
    assert_eq!(h.get("/order/25284").await.body["issued_order"]["ipv6_addr"], address.as_str());
}

#[tokio::test]
async fn servers_refuse_deleted_orders_vpns_and_strangers() {
    let h = Harness::start().await;
    let actions: [(Method, &str); 9] = [
        (Method::POST, "start"),
        (Method::POST, "stop"),
        (Method::POST, "restart"),
        (Method::GET, "ip-addresses"),
        (Method::POST, "assign_ipv6"),
        (Method::PUT, "change_password"),
        (Method::PUT, "change_port"),
        (Method::PUT, "change_operative_system"),
        (Method::POST, "ip-addresses"),
    ];
    let fields: &[(&str, &str)] =
        &[("password", "x"), ("port", "1234"), ("os", "40"), ("ip", "1.1.1.1"), ("domain", "a.example.com")];

    // Another user's server does not exist for us.
    for (method, action) in &actions {
        assert_detail(&h.form(method.clone(), &format!("/order/25290/server/{action}"), fields).await, 404);
    }
    assert_detail(&h.get("/order/25290/server/history").await, 404);

    // A VPN has no server.
    for (method, action) in &actions {
        assert_detail(&h.form(method.clone(), &format!("/order/31608/server/{action}"), fields).await, 409);
    }
    assert_eq!(h.get("/order/31608/server/history").await.body, json!([]));

    // A deleted server refuses everything but its history.
    h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await;
    for (method, action) in &actions {
        assert_detail(&h.form(method.clone(), &format!("/order/76/server/{action}"), fields).await, 409);
    }
    assert_eq!(h.get("/order/76/server/history").await.status, StatusCode::OK);

    // Without a token, nothing.
    let anonymous = h
        .send(Method::POST, "/order/25284/server/stop", h.request(Method::POST, "/order/25284/server/stop", None))
        .await;
    assert_detail(&anonymous, 401);
    assert_validation_error(&h.call(Method::POST, "/order/x/server/stop").await, &["path", "id"]);
}

#[tokio::test]
async fn terminating_fails_pending_actions() {
    let h = Harness::with_config(SandboxConfig::default().transition_delay(Duration::from_secs(5))).await;
    h.call(Method::POST, "/order/76/server/stop").await;
    h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await;
    let history = history_names(&h.get("/order/76/server/history").await.body);
    assert_eq!(history[0], ("host_stop".into(), "failed".into()));
}
