//! The provider's Postman collection, run as published against the sandbox: every id it uses
//! exists, every request with valid input gets a 2xx, and every answer fits the spec. Then one
//! valid call of each of the 31 operations, ending as every binding's suite will: coverage
//! shows a 2xx for all of them.

mod common;

use common::*;
use reqwest::multipart::Form;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn collection() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/psb-hosting.postman_collection.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the collection is readable"))
        .expect("the collection is JSON")
}

/// Every request of the collection, depth first, with the folder it is in.
fn requests(items: &Value, folder: &str, out: &mut Vec<(String, Value)>) {
    for item in items.as_array().into_iter().flatten() {
        match item.get("item") {
            Some(children) => requests(children, item["name"].as_str().unwrap_or(""), out),
            None => out.push((folder.to_owned(), item["request"].clone())),
        }
    }
}

/// The ids the collection leaves to the user (`:id`), as the spec's examples give them.
fn id_for(folder: &str, path: &str) -> &'static str {
    match folder {
        "products" => "190",
        "recipes" => "5",
        "tickets" | "chats" => "51",
        _ if path.contains("early-termination") => "76",
        _ => "25284",
    }
}

#[tokio::test]
async fn the_collection_runs_as_published() {
    let h = Harness::start().await;
    let mut all = Vec::new();
    requests(&collection()["item"], "", &mut all);
    assert_eq!(all.len(), 31);

    // These requests are published with empty or invalid input; the sandbox must refuse them
    // as the real server would, with a 422.
    let invalid_as_published = [
        "POST /order",
        "PUT /order/25284/change_product",
        "POST /order/76/early-termination",
        "POST /tickets",
        "POST /chats/51/messages",
    ];
    let mut outcomes = Vec::new();
    for (folder, request) in &all {
        let method = Method::from_bytes(request["method"].as_str().unwrap().as_bytes()).unwrap();
        let raw = request["url"].as_str().or_else(|| request["url"]["raw"].as_str()).unwrap().trim();
        let path_and_query = raw.replace("{{API_URL}}", "");
        let path_and_query = path_and_query.replace(":id", id_for(folder, &path_and_query));
        let path = path_and_query.split('?').next().unwrap().to_owned();

        let mut builder = h.client.request(method.clone(), h.url(&path_and_query));
        for header in request["header"].as_array().into_iter().flatten() {
            let value = header["value"].as_str().unwrap_or("").replace("{{API_TOKEN}}", TOKEN);
            builder = builder.header(header["key"].as_str().unwrap(), value);
        }
        let body = &request["body"];
        match body["mode"].as_str() {
            Some("formdata") => {
                let mut form = Form::new();
                for field in body["formdata"].as_array().into_iter().flatten() {
                    if field["disabled"] == true || field["type"] == "file" {
                        continue; // a file field without a file sends nothing
                    }
                    form = form.text(
                        field["key"].as_str().unwrap().to_owned(),
                        field["value"].as_str().unwrap_or("").to_owned(),
                    );
                }
                builder = builder.multipart(form);
            }
            Some("raw") => {
                builder =
                    builder.header("content-type", "application/json").body(body["raw"].as_str().unwrap().to_owned());
            }
            _ => {}
        }
        let reply = h.send(method.clone(), &path, builder).await;
        let label = format!("{method} {path}");
        assert!(!reply.status.is_server_error(), "{label}: {}", reply.status);
        if invalid_as_published.contains(&label.as_str()) {
            assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}: {}", reply.body);
        } else {
            assert!(reply.status.is_success(), "{label}: {} {}", reply.status, reply.body);
        }
        outcomes.push(label);
    }
    assert_eq!(outcomes.len(), 31);
}

#[tokio::test]
async fn every_operation_gets_a_2xx() {
    let h = Harness::start().await;
    let ok = |reply: Reply, what: &str| assert!(reply.status.is_success(), "{what}: {} {}", reply.status, reply.body);

    ok(h.get("/users/me").await, "account");
    ok(h.get("/products?types=VPS").await, "products");
    ok(h.get("/products/190").await, "product");
    ok(h.get("/products/recipes").await, "recipes");
    ok(h.get("/products/recipes/5").await, "recipe");
    ok(
        h.form(
            Method::POST,
            "/order",
            &[("product_id", "175"), ("payment_type", "1"), ("os", "40"), ("control_panel", "4")],
        )
        .await,
        "buy",
    );
    ok(h.get("/order").await, "orders");
    ok(h.get("/order/25284").await, "order");
    ok(h.get("/order/25284/get_products_for_change").await, "products for change");
    ok(h.form(Method::POST, "/order/25284/prolong", &[("period", "1751")]).await, "prolong");
    ok(h.call(Method::PUT, "/order/25284/make_auto_prolong").await, "auto prolong");
    ok(h.form(Method::PUT, "/order/25284/change_product", &[("product_id", "176")]).await, "change product");
    ok(h.get("/payment?page=1&pageSize=2&sortBy=date&sortOrder=ASC").await, "payments");
    for action in ["restart", "stop", "start"] {
        ok(h.call(Method::POST, &format!("/order/25284/server/{action}")).await, action);
    }
    ok(h.get("/order/25284/server/history").await, "history");
    ok(h.get("/order/25284/server/ip-addresses").await, "ips");
    ok(
        h.form(Method::POST, "/order/25284/server/ip-addresses", &[("ip", "1.1.1.1"), ("domain", "NL100.example.com")])
            .await,
        "add ptr",
    );
    ok(
        h.form(Method::PUT, "/order/25284/server/ip-addresses", &[("ip", "1.1.1.1"), ("domain", "NL100.example.com")])
            .await,
        "update ptr",
    );
    ok(h.form(Method::PUT, "/order/25284/server/change_password", &[("password", "test")]).await, "password");
    ok(h.form(Method::PUT, "/order/25284/server/change_port", &[("port", "1234")]).await, "port");
    ok(h.form(Method::PUT, "/order/25284/server/change_operative_system", &[("os", "5")]).await, "reinstall");
    ok(h.call(Method::POST, "/order/25284/server/assign_ipv6").await, "ipv6");
    ok(h.get("/tickets?page=1&pageSize=10").await, "tickets");
    ok(h.get("/tickets/51").await, "ticket");
    ok(
        h.multipart(
            Method::POST,
            "/tickets",
            Form::new().text("title", "t").text("type", "Отдел продаж").text("message", "m"),
        )
        .await,
        "new ticket",
    );
    ok(h.get("/chats/51/messages?limit=50&offset=0").await, "messages");
    ok(h.multipart(Method::POST, "/chats/51/messages", Form::new().text("text", "hello")).await, "send");
    ok(h.call(Method::PUT, "/tickets/51/close").await, "close");
    ok(h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await, "terminate");

    let report = h.control(Method::GET, "/__sandbox/coverage", None).await.body;
    assert_eq!(report["without_2xx"], json!([]), "{report}");
    assert_eq!(report["covered"], 31);
    let ids: Vec<&str> = report["operations"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(ids, psb_mock::OPERATION_IDS);
}
