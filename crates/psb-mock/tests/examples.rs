//! Every response the spec (from the provider's collection) has an example for comes back in
//! that example's shape: each field of the example is there, with the same JSON type (null
//! being compatible with anything, since the examples and the seed differ in what is set).
//! The seeded ids match the examples', so each example has a live counterpart.

mod common;

use common::*;
use reqwest::Method;
use serde_json::Value;

/// The examples of an operation's 200 answer, by name.
fn examples(operation_id: &str) -> Vec<(String, Value)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/openapi.json");
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if operation["operationId"] == operation_id {
                let examples = &operation["responses"]["200"]["content"]["application/json"]["examples"];
                return examples
                    .as_object()
                    .map(|all| all.iter().map(|(name, e)| (name.clone(), e["value"].clone())).collect())
                    .unwrap_or_default();
            }
        }
    }
    panic!("no operation {operation_id}");
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Where `actual` lacks a field of `example` or has another type.
fn shape_differences(example: &Value, actual: &Value, at: &str, out: &mut Vec<String>) {
    if example.is_null() || actual.is_null() {
        return;
    }
    if kind(example) != kind(actual) {
        out.push(format!("{at}: example has {}, sandbox has {}", kind(example), kind(actual)));
        return;
    }
    match (example, actual) {
        (Value::Object(example), Value::Object(actual)) => {
            for (name, value) in example {
                match actual.get(name) {
                    Some(found) => shape_differences(value, found, &format!("{at}.{name}"), out),
                    None => out.push(format!("{at}: no field {name:?}")),
                }
            }
        }
        // Lists can mix kinds (VPS and VPN orders): some item must have the example item's
        // shape. The schema check in `common` holds every item to the spec in any case.
        (Value::Array(example), Value::Array(actual)) => {
            let (Some(model), false) = (example.first(), actual.is_empty()) else { return };
            let per_item: Vec<Vec<String>> = actual
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let mut found = Vec::new();
                    shape_differences(model, item, &format!("{at}[{index}]"), &mut found);
                    found
                })
                .collect();
            if per_item.iter().all(|found| !found.is_empty()) {
                out.extend(per_item.into_iter().min_by_key(Vec::len).unwrap_or_default());
            }
        }
        _ => {}
    }
}

#[tokio::test]
async fn responses_have_the_shape_of_the_collections_examples() {
    let h = Harness::start().await;
    let cases = [
        ("users_get_data", "get_data", "/users/me"),
        ("order_get_user_orders", "get_user_orders", "/order"),
        ("order_get_order_by_id", "example_psb_vps_response", "/order/25284"),
        ("order_get_order_by_id", "example_a_vpn_order", "/order/31608"),
        ("payment_get_all", "get_all", "/payment?page=2&pageSize=2&sortBy=id&sortOrder=DESC"),
        ("order_get_products_for_change", "get_products_for_change", "/order/25284/get_products_for_change"),
        ("tickets_get_ticket_list", "get_ticket_list", "/tickets?page=1&pageSize=10"),
        ("tickets_get_ticket_by_id", "get_ticket_by_id", "/tickets/51"),
        ("chats_get_chat_messages_by_id", "get_chat_messages_by_id", "/chats/51/messages?limit=50&offset=0"),
    ];
    let mut checked = 0;
    for (operation_id, example_name, path) in cases {
        let (_, example) = examples(operation_id)
            .into_iter()
            .find(|(name, _)| name == example_name)
            .unwrap_or_else(|| panic!("{operation_id} has no example {example_name}"));
        let actual = h.call(Method::GET, path).await.body;
        let mut differences = Vec::new();
        shape_differences(&example, &actual, "$", &mut differences);
        assert!(differences.is_empty(), "{operation_id} ({example_name}):\n{}", differences.join("\n"));
        checked += 1;
    }
    // Every example in the spec is among the cases above.
    let all_examples: usize = [
        "users_get_data",
        "order_get_user_orders",
        "order_get_order_by_id",
        "payment_get_all",
        "order_get_products_for_change",
        "tickets_get_ticket_list",
        "tickets_get_ticket_by_id",
        "chats_get_chat_messages_by_id",
    ]
    .iter()
    .map(|id| examples(id).len())
    .sum();
    assert_eq!(checked, all_examples);
}
