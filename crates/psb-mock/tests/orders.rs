//! Orders: list, detail by product type, purchase by balance and gateway, prolongation,
//! auto-prolongation, product change, early termination, isolation.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn order_ids(list: &Value) -> Vec<i64> {
    list.as_array().unwrap().iter().map(|o| o["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn order_list_holds_the_callers_orders_only() {
    let h = Harness::start().await;
    let mine = order_ids(&h.get("/order").await.body);
    for id in [25284, 76, 31608] {
        assert!(mine.contains(&id), "{id} missing from {mine:?}");
    }
    assert!(!mine.contains(&25290), "the other user's order leaked");
    let theirs = order_ids(&h.get_as(OTHER_TOKEN, "/order").await.body);
    assert!(theirs.contains(&25290) && !theirs.contains(&25284));

    let listed = h.get("/order").await.body;
    let vps = listed.as_array().unwrap().iter().find(|o| o["id"] == 25284).unwrap();
    assert_eq!(vps["product"]["type"], "PSB VPS");
    assert_eq!(vps["issued_order"]["ip"], "1.1.1.1");
    assert_eq!(vps["control_panel"]["name"], "Без панели управления");
}

#[tokio::test]
async fn order_detail_differs_by_product_type() {
    let h = Harness::start().await;
    let vps = h.get("/order/25284").await;
    assert_eq!(vps.status, StatusCode::OK);
    let vps = vps.body;
    assert_eq!(vps["order_data"]["product"], 175);
    assert_eq!(vps["order_data"]["status"], "Заказ выдан");
    assert_eq!(vps["issued_order"]["ip"], "1.1.1.1");
    assert!(vps["issued_order"]["password"].is_string());
    assert_eq!(vps["status_machine"], "Активна");
    assert!(vps["server_history"].as_array().unwrap().iter().any(|e| e["name"] == "host_create"));
    assert!(!vps["product_systems"].as_array().unwrap().is_empty());
    assert_eq!(vps["control_panel"]["content"], "5");

    let vpn = h.get("/order/31608").await.body;
    assert_eq!(vpn["product_data"]["type"], "A-VPN");
    assert!(vpn["issued_order"]["url"].as_str().unwrap().starts_with("https://"));
    assert!(vpn["issued_order"]["qr"].is_string());
    for server_only in ["status_machine", "server_history", "product_systems", "product_characters"] {
        assert!(vpn.get(server_only).is_none(), "a VPN order has no {server_only}");
    }

    assert_detail(&h.get("/order/25290").await, 404);
    assert_detail(&h.get("/order/999999").await, 404);
    assert_validation_error(&h.get("/order/abc").await, &["path", "id"]);
}

#[tokio::test]
async fn buying_from_the_balance_deducts_and_issues_a_server() {
    let h = Harness::start().await;
    let product = h.get("/products/175").await.body;
    let period = product["periods"].as_array().unwrap().iter().find(|p| p["months"] == 3).unwrap().clone();
    let before = h.balance(TOKEN).await;

    let created = h
        .form(
            Method::POST,
            "/order",
            &[
                ("product_id", "175"),
                ("payment_type", "1"),
                ("os", "40"),
                ("control_panel", "1"),
                ("period", &period["id"].to_string()),
                ("recipe_id", "5"),
                ("order_name", "web"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["payment_url"], Value::Null);
    let order = &created.body["order"];
    assert_eq!(order["status"], "В обработке");
    assert_eq!(order["os"], "Debian 12");
    assert_eq!(order["name"], "web");
    assert_eq!(order["recipe_id"], 5);
    assert_eq!(order["issued_order"], Value::Null);
    let id = order["id"].as_i64().unwrap();

    // Period price plus the control panel (5 a month) for 3 months.
    let expected = period["price"].as_f64().unwrap() + 15.0;
    assert!((before - h.balance(TOKEN).await - expected).abs() < 0.001);

    let detail = h.wait_for_server_status(id, "Активна").await;
    assert_eq!(detail["order_data"]["status"], "Заказ выдан");
    assert_eq!(detail["issued_order"]["superuser"], "root");
    let history = detail["server_history"].as_array().unwrap();
    assert_eq!(history[0]["name"], "host_create");
    assert_eq!(history[0]["state"], "complete");

    let payments = h.get("/payment?pageSize=1&sortBy=id&sortOrder=DESC").await.body;
    let newest = &payments["items"][0];
    assert_eq!(newest["type"], "Покупка");
    assert_eq!(newest["status"], "Оплачено");
    assert_eq!(newest["pay_sys"], "Оплата с баланса");
    assert_eq!(newest["payment_order_id"], id);
}

#[tokio::test]
async fn a_purchase_beyond_the_balance_creates_nothing() {
    let h = Harness::start().await;
    let orders_before = h.get_as(OTHER_TOKEN, "/order").await.body;
    let payments_before = h.get_as(OTHER_TOKEN, "/payment").await.body["total"].clone();
    let refused = h
        .form_as(
            OTHER_TOKEN,
            Method::POST,
            "/order",
            &[("product_id", "177"), ("payment_type", "1"), ("os", "40"), ("control_panel", "4")],
        )
        .await;
    assert_detail(&refused, 400);
    assert!(refused.body["detail"].as_str().unwrap().contains("Insufficient balance"));
    assert_eq!(h.balance(OTHER_TOKEN).await, 10.0);
    assert_eq!(h.get_as(OTHER_TOKEN, "/order").await.body, orders_before);
    assert_eq!(h.get_as(OTHER_TOKEN, "/payment").await.body["total"], payments_before);
}

#[tokio::test]
async fn gateway_purchases_wait_for_their_payment() {
    let h = Harness::start().await;
    let before = h.balance(TOKEN).await;
    for (payment_type, pay_sys) in [("3", "Lava"), ("4", "Heleket")] {
        let created = h.form(Method::POST, "/order", &[("product_id", "192"), ("payment_type", payment_type)]).await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.body);
        assert_eq!(created.body["order"]["status"], "Ожидает оплаты");
        let url = created.body["payment_url"].as_str().expect("a gateway purchase has a payment_url");
        let newest = &h.get("/payment?pageSize=1").await.body["items"][0];
        assert_eq!(newest["status"], "Ожидает оплаты");
        assert_eq!(newest["pay_sys"], pay_sys);

        // Unpaid, the order cannot be prolonged.
        let id = created.body["order"]["id"].as_i64().unwrap();
        assert_detail(&h.form(Method::POST, &format!("/order/{id}/prolong"), &[]).await, 409);

        // The sandbox's payment page plays the gateway: paying it issues the VPN.
        let paid = h.client.get(url).send().await.unwrap();
        assert_eq!(paid.status(), StatusCode::OK);
        let detail = h.get(&format!("/order/{id}")).await.body;
        assert_eq!(detail["order_data"]["status"], "Заказ выдан");
        assert!(detail["issued_order"]["url"].is_string());
        assert_eq!(h.client.post(url).send().await.unwrap().status(), StatusCode::CONFLICT);
    }
    assert_eq!(h.balance(TOKEN).await, before, "gateway purchases do not touch the balance");
}

#[tokio::test]
async fn a_paid_gateway_server_is_created_like_a_balance_one() {
    let h = Harness::start().await;
    let created = h
        .form(
            Method::POST,
            "/order",
            &[("product_id", "190"), ("payment_type", "4"), ("os", "5"), ("control_panel", "4")],
        )
        .await;
    let id = created.body["order"]["id"].as_i64().unwrap();
    let waiting = h.get(&format!("/order/{id}")).await.body;
    assert_eq!(waiting["status_machine"], "Заказана");
    assert_eq!(waiting["server_history"], json!([]));
    assert_detail(&h.call(Method::POST, &format!("/order/{id}/server/start")).await, 409);

    h.client.get(created.body["payment_url"].as_str().unwrap()).send().await.unwrap();
    let issued = h.wait_for_server_status(id, "Активна").await;
    assert_eq!(issued["order_data"]["status"], "Заказ выдан");
    assert_eq!(issued["issued_order"]["superuser"], "Administrator");
    assert_eq!(issued["issued_order"]["port"], "3389");
}

#[tokio::test]
async fn purchase_input_is_validated_per_product_type() {
    let h = Harness::start().await;
    let post = |fields: &'static [(&'static str, &'static str)]| h.form(Method::POST, "/order", fields);

    let empty = post(&[]).await;
    assert_validation_error(&empty, &["body", "product_id"]);
    assert_validation_error(&empty, &["body", "payment_type"]);
    assert_validation_error(&post(&[("product_id", "175"), ("payment_type", "2")]).await, &["body", "payment_type"]);
    assert_validation_error(&post(&[("product_id", "x"), ("payment_type", "1")]).await, &["body", "product_id"]);

    let no_os = post(&[("product_id", "175"), ("payment_type", "1")]).await;
    assert_validation_error(&no_os, &["body", "os"]);
    assert_validation_error(&no_os, &["body", "control_panel"]);
    let bad_os = post(&[("product_id", "175"), ("payment_type", "1"), ("os", "9999"), ("control_panel", "4")]).await;
    assert_detail(&bad_os, 404);
    let domain_on_vps = post(&[
        ("product_id", "175"),
        ("payment_type", "1"),
        ("os", "40"),
        ("control_panel", "4"),
        ("domain", "x.example"),
    ])
    .await;
    assert_validation_error(&domain_on_vps, &["body", "domain"]);
    let unknown_recipe = post(&[
        ("product_id", "175"),
        ("payment_type", "1"),
        ("os", "40"),
        ("control_panel", "4"),
        ("recipe_id", "404"),
    ])
    .await;
    assert_detail(&unknown_recipe, 404);
    let foreign_period =
        post(&[("product_id", "175"), ("payment_type", "1"), ("os", "40"), ("control_panel", "4"), ("period", "1761")])
            .await;
    assert_detail(&foreign_period, 404);

    let bulletproof_without_domain =
        post(&[("product_id", "195"), ("payment_type", "1"), ("os", "40"), ("control_panel", "4")]).await;
    assert_validation_error(&bulletproof_without_domain, &["body", "domain"]);
    let bulletproof_with_recipe = post(&[
        ("product_id", "195"),
        ("payment_type", "1"),
        ("os", "40"),
        ("control_panel", "4"),
        ("domain", "example.com"),
        ("recipe_id", "5"),
    ])
    .await;
    assert_validation_error(&bulletproof_with_recipe, &["body", "recipe_id"]);
    let bulletproof = post(&[
        ("product_id", "195"),
        ("payment_type", "1"),
        ("os", "40"),
        ("control_panel", "4"),
        ("domain", "example.com"),
    ])
    .await;
    assert_eq!(bulletproof.status, StatusCode::OK, "{}", bulletproof.body);
    assert_eq!(bulletproof.body["order"]["domain"], "example.com");

    assert_validation_error(
        &post(&[("product_id", "192"), ("payment_type", "1"), ("recipe_id", "5")]).await,
        &["body", "recipe_id"],
    );
    assert_detail(&post(&[("product_id", "999999"), ("payment_type", "1")]).await, 404);
    assert_detail(
        &post(&[("product_id", "178"), ("payment_type", "1"), ("os", "40"), ("control_panel", "4")]).await,
        400,
    );

    // Nothing above but the Bulletproof order was created.
    let created = order_ids(&h.get("/order").await.body).len();
    assert_eq!(created, 4);
}

#[tokio::test]
async fn purchases_accept_multipart_too() {
    let h = Harness::start().await;
    let form =
        reqwest::multipart::Form::new().text("product_id", "192").text("payment_type", "1").text("order_name", "vpn");
    let created = h.multipart(Method::POST, "/order", form).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["order"]["status"], "Заказ выдан");
    assert!(created.body["order"]["issued_order"]["url"].is_string());
}

#[tokio::test]
async fn prolonging_extends_the_end_and_charges() {
    let h = Harness::start().await;
    let before = h.get("/order/25284").await.body["order_data"]["date_end"].as_str().unwrap().to_owned();
    let balance = h.balance(TOKEN).await;
    // 1754 is product 175's 12-month period.
    let prolonged = h.form(Method::POST, "/order/25284/prolong", &[("period", "1754")]).await;
    assert_eq!(prolonged.status, StatusCode::OK, "{}", prolonged.body);
    let after = prolonged.body["date_end"].as_str().unwrap();
    let year = |stamp: &str| stamp[..4].parse::<i32>().unwrap();
    assert_eq!(year(after), year(&before) + 1);
    assert_eq!(&after[4..10], &before[4..10], "same month and day a year later");
    let period_price = h.get("/products/175").await.body["periods"][3]["price"].as_f64().unwrap();
    assert!((balance - h.balance(TOKEN).await - period_price).abs() < 0.001);

    // Without a period: the shortest one.
    let default = h.form(Method::POST, "/order/31608/prolong", &[]).await;
    assert_eq!(default.status, StatusCode::OK);
    assert_detail(&h.form(Method::POST, "/order/25284/prolong", &[("period", "1")]).await, 404);
    assert_validation_error(
        &h.form(Method::POST, "/order/25284/prolong", &[("period", "one")]).await,
        &["body", "period"],
    );
    assert_detail(&h.form(Method::POST, "/order/25290/prolong", &[]).await, 404);
    // The second user (balance 10) cannot pay a month of product 175 (20).
    assert_detail(&h.form_as(OTHER_TOKEN, Method::POST, "/order/25290/prolong", &[]).await, 400);
}

#[tokio::test]
async fn auto_prolong_toggles() {
    let h = Harness::start().await;
    let on = h.call(Method::PUT, "/order/25284/make_auto_prolong").await;
    assert_eq!(on.body["auto_refresh"], true);
    let off = h.call(Method::PUT, "/order/25284/make_auto_prolong").await;
    assert_eq!(off.body["auto_refresh"], false);
    assert_detail(&h.call(Method::PUT, "/order/25290/make_auto_prolong").await, 404);
}

#[tokio::test]
async fn changing_product_is_for_vps_orders_and_charges_the_difference() {
    let h = Harness::start().await;
    let options = h.get("/order/25284/get_products_for_change").await.body;
    let products = options["products"].as_array().unwrap();
    let upgrade = products.iter().find(|p| p["id"] == 176).expect("NL-400 is offered to NL-300");
    assert_eq!(upgrade["price_for_change"], json!(30));
    assert!(products.iter().all(|p| p["type"] == "PSB VPS" && p["id"] != 175));

    let balance = h.balance(TOKEN).await;
    let changed = h.form(Method::PUT, "/order/25284/change_product", &[("product_id", "176")]).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["product"]["id"], 176);
    assert_eq!(h.balance(TOKEN).await, balance - 30.0);
    assert_eq!(h.get("/order/25284").await.body["order_data"]["product"], 176);

    assert_detail(&h.form(Method::PUT, "/order/25284/change_product", &[("product_id", "192")]).await, 400);
    assert_validation_error(&h.form(Method::PUT, "/order/25284/change_product", &[]).await, &["body", "product_id"]);
    assert_detail(&h.form(Method::PUT, "/order/31608/change_product", &[("product_id", "193")]).await, 409);
    assert_eq!(h.get("/order/31608/get_products_for_change").await.body, json!({"products": []}));
    assert_detail(&h.get("/order/25290/get_products_for_change").await, 404);
}

#[tokio::test]
async fn early_termination_needs_confirmation_and_is_final() {
    let h = Harness::start().await;
    assert_validation_error(
        &h.json(Method::POST, "/order/76/early-termination", json!({})).await,
        &["body", "confirm_delete"],
    );
    assert_validation_error(
        &h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": false})).await,
        &["body", "confirm_delete"],
    );
    assert_validation_error(
        &h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": "maybe"})).await,
        &["body", "confirm_delete"],
    );
    let malformed = h
        .send(
            Method::POST,
            "/order/76/early-termination",
            h.request(Method::POST, "/order/76/early-termination", Some(TOKEN))
                .header("content-type", "application/json")
                .body("{\"confirm_delete\": true // comment\n}"),
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(malformed.body["detail"][0]["type"], "json_invalid");
    // FastAPI reads JSON only for a JSON content type: as text/plain the body is bytes.
    let as_text = h
        .send(
            Method::POST,
            "/order/76/early-termination",
            h.request(Method::POST, "/order/76/early-termination", Some(TOKEN))
                .header("content-type", "text/plain")
                .body("{\"confirm_delete\": true}"),
        )
        .await;
    assert_eq!(as_text.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", as_text.body);
    assert_eq!(as_text.body["detail"][0]["type"], "model_attributes_type");
    assert_eq!(as_text.body["detail"][0]["loc"], json!(["body"]));
    assert_eq!(h.get("/order/76").await.body["order_data"]["status"], "Заказ выдан", "invalid requests change nothing");

    let other = h.send(
        Method::POST,
        "/order/25290/early-termination",
        h.request(Method::POST, "/order/25290/early-termination", Some(TOKEN)).json(&json!({"confirm_delete": true})),
    );
    assert_detail(&other.await, 404);

    let terminated = h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await;
    assert_eq!(terminated.status, StatusCode::OK, "{}", terminated.body);
    assert_eq!(terminated.body["status"], "Удален");
    assert_eq!(h.get("/order/76").await.body["status_machine"], "Удалена");

    assert_detail(&h.json(Method::POST, "/order/76/early-termination", json!({"confirm_delete": true})).await, 409);
    assert_detail(&h.form(Method::POST, "/order/76/prolong", &[]).await, 409);
    assert_detail(&h.call(Method::PUT, "/order/76/make_auto_prolong").await, 409);
    assert_detail(&h.form(Method::PUT, "/order/76/change_product", &[("product_id", "176")]).await, 409);
}
