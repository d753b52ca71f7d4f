//! Account, catalog and payment ledger, over real HTTP.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn account_needs_a_known_token() {
    let h = Harness::start().await;
    let me = h.get("/users/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["username"], "user");
    assert_eq!(me.body["email"], "user@psb.hosting");
    assert_eq!(me.body["balance"], json!(1000));

    let other = h.get_as(OTHER_TOKEN, "/users/me").await;
    assert_eq!(other.body["id"], 2);

    let missing = h.send(Method::GET, "/users/me", h.request(Method::GET, "/users/me", None)).await;
    assert_detail(&missing, 401);
    let wrong = h.get_as("not-a-token", "/users/me").await;
    assert_detail(&wrong, 401);
    // The token goes as-is: a "Bearer" scheme word makes it a different, unknown token.
    let bearer = h.get_as(&format!("Bearer {TOKEN}"), "/users/me").await;
    assert_detail(&bearer, 401);
}

#[tokio::test]
async fn configured_token_replaces_the_default() {
    let h = Harness::with_config(psb_mock::SandboxConfig::default().token("my-own-token")).await;
    assert_eq!(h.get_as("my-own-token", "/users/me").await.status, StatusCode::OK);
    assert_detail(&h.get_as(TOKEN, "/users/me").await, 401);
}

#[tokio::test]
async fn catalog_is_public_and_filters_by_type() {
    let h = Harness::start().await;
    let all = h.send(Method::GET, "/products", h.request(Method::GET, "/products", None)).await;
    assert_eq!(all.status, StatusCode::OK);
    let types: Vec<&str> = all.body.as_array().unwrap().iter().map(|p| p["type"].as_str().unwrap()).collect();
    for wanted in ["PSB VPS", "HIGH-CPU PSB VPS", "Bulletproof servers", "A-VPN"] {
        assert!(types.contains(&wanted), "catalog lacks {wanted}");
    }

    let vps = h.send(Method::GET, "/products?types=VPS", h.request(Method::GET, "/products?types=VPS", None)).await;
    let vps_types: Vec<&str> = vps.body.as_array().unwrap().iter().map(|p| p["type"].as_str().unwrap()).collect();
    assert!(!vps_types.is_empty());
    assert!(vps_types.iter().all(|t| *t == "PSB VPS" || *t == "HIGH-CPU PSB VPS"), "{vps_types:?}");
    assert!(vps_types.contains(&"HIGH-CPU PSB VPS"));

    let two = h.get("/products?types=a-vpn,%20bulletproof").await;
    let two_types: Vec<&str> = two.body.as_array().unwrap().iter().map(|p| p["type"].as_str().unwrap()).collect();
    assert!(two_types.contains(&"A-VPN") && two_types.contains(&"Bulletproof servers"));
    assert!(!two_types.contains(&"PSB VPS"));

    let none = h.get("/products?types=mainframe").await;
    assert_eq!(none.body, json!([]));
}

#[tokio::test]
async fn products_and_recipes_by_id() {
    let h = Harness::start().await;
    for id in [175, 176, 177, 190, 192] {
        let product = h.get(&format!("/products/{id}")).await;
        assert_eq!(product.status, StatusCode::OK, "product {id}");
        assert_eq!(product.body["id"], id);
    }
    let vps = h.get("/products/175").await.body;
    assert_eq!(vps["title"], "NL-300");
    assert!(vps["os"].as_array().unwrap().iter().any(|os| os["id"] == 5));
    assert!(!vps["periods"].as_array().unwrap().is_empty());
    assert_detail(&h.get("/products/999999").await, 404);
    assert_validation_error(&h.get("/products/abc").await, &["path", "id"]);

    let recipes = h.get("/products/recipes").await;
    assert!(recipes.body.as_array().unwrap().iter().any(|r| r["id"] == 5));
    let docker = h.get("/products/recipes/5").await;
    assert_eq!(docker.body["name"], "Docker");
    assert_detail(&h.get("/products/recipes/404").await, 404);
    assert_validation_error(&h.get("/products/recipes/1.5").await, &["path", "id"]);
}

#[tokio::test]
async fn payments_page_and_sort_as_documented() {
    let h = Harness::start().await;
    let page = h.get("/payment?page=2&pageSize=2&sortBy=id&sortOrder=DESC").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body["page"], 2);
    assert_eq!(page.body["size"], 2);
    assert_eq!(page.body["total"], 9);
    assert_eq!(page.body["pages"], 5);
    let ids: Vec<i64> = page.body["items"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids[0] > ids[1]);

    let ascending = h.get("/payment?pageSize=1000&sortBy=date&sortOrder=ASC").await;
    let dates: Vec<&str> =
        ascending.body["items"].as_array().unwrap().iter().map(|p| p["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(dates.len(), 9);

    let by_status = h.get("/payment?sortBy=status&sortOrder=ASC").await;
    let statuses: Vec<&str> =
        by_status.body["items"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(statuses, sorted);

    let beyond = h.get("/payment?page=50&pageSize=5").await;
    assert_eq!(beyond.body["items"], json!([]));
    assert_eq!(beyond.body["total"], 9);

    assert_validation_error(&h.get("/payment?pageSize=1001").await, &["query", "pageSize"]);
    assert_validation_error(&h.get("/payment?pageSize=0").await, &["query", "pageSize"]);
    assert_validation_error(&h.get("/payment?page=0").await, &["query", "page"]);
    assert_validation_error(&h.get("/payment?sortBy=amount").await, &["query", "sortBy"]);
    assert_validation_error(&h.get("/payment?sortOrder=down").await, &["query", "sortOrder"]);
    assert_validation_error(&h.get("/payment?page=x").await, &["query", "page"]);
}

#[tokio::test]
async fn payments_are_per_user() {
    let h = Harness::start().await;
    let mine = h.get("/payment?pageSize=1000").await.body;
    let theirs = h.get_as(OTHER_TOKEN, "/payment?pageSize=1000").await.body;
    let my_ids: Vec<&serde_json::Value> = mine["items"].as_array().unwrap().iter().map(|p| &p["id"]).collect();
    for payment in theirs["items"].as_array().unwrap() {
        assert!(!my_ids.contains(&&payment["id"]));
    }
    assert_eq!(theirs["total"], 2);
}
