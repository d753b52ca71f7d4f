//! `convert` on small inline collections, one feature each, plus a snapshot of a whole one.

use super::convert;
use serde_json::{json, Value};

const V20: &str = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";
const V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

fn collection(items: Value) -> Value {
    json!({"info": {"name": "Test API", "schema": V21}, "item": items})
}

fn request(name: &str, request: Value) -> Value {
    json!({"name": name, "request": request})
}

fn get(name: &str, url: Value) -> Value {
    request(name, json!({"method": "GET", "header": [], "url": url}))
}

fn folder(name: &str, items: Value) -> Value {
    json!({"name": name, "item": items})
}

fn convert_ok(c: &Value) -> Value {
    convert(c).unwrap_or_else(|e| panic!("conversion failed: {e:#}"))
}

/// The one-line message `cargo xtask openapi` would print.
fn error_of(c: &Value) -> String {
    let msg = format!("{:#}", convert(c).expect_err("the conversion should fail"));
    assert!(!msg.contains('\n'), "not one line: {msg}");
    msg
}

fn op<'a>(doc: &'a Value, path: &str, method: &str) -> &'a Value {
    doc["paths"].get(path).and_then(|p| p.get(method)).unwrap_or_else(|| {
        panic!("no {method} {path} among {:?}", doc["paths"].as_object().unwrap().keys().collect::<Vec<_>>())
    })
}

fn param<'a>(op: &'a Value, name: &str) -> &'a Value {
    op["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name} in {op}"))
}

fn param_names(op: &Value) -> Vec<(String, String)> {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| (p["in"].as_str().unwrap().to_string(), p["name"].as_str().unwrap().to_string()))
        .collect()
}

/// Follows a `#/components/schemas/…` reference.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.strip_prefix('#').unwrap()).unwrap_or_else(|| panic!("dangling {r}")),
        None => schema,
    }
}

fn response_schema<'a>(doc: &'a Value, op: &'a Value, code: &str) -> &'a Value {
    resolve(doc, &op["responses"][code]["content"]["application/json"]["schema"])
}

fn body_schema<'a>(doc: &'a Value, op: &'a Value, content_type: &str) -> &'a Value {
    resolve(doc, &op["requestBody"]["content"][content_type]["schema"])
}

// ------------------------------------------------------------------------------------------ URLs

#[test]
fn url_object_v2_1() {
    let doc = convert_ok(&collection(json!([get(
        "Get user",
        json!({
            "raw": "https://api.example.com/v1/users/:id?verbose=true",
            "protocol": "https",
            "host": ["api", "example", "com"],
            "path": ["v1", "users", ":id"],
            "query": [{"key": "verbose", "value": "true", "description": "Optional, boolean"}],
            "variable": [{"key": "id", "value": "42", "description": "Required, integer. The user's id"}]
        })
    )])));
    assert_eq!(doc["openapi"], "3.0.3");
    assert_eq!(doc["servers"], json!([{"url": "https://api.example.com"}]));
    let get = op(&doc, "/v1/users/{id}", "get");
    assert_eq!(
        param(get, "id"),
        &json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "example": 42},
                "description": "Required, integer. The user's id"})
    );
    assert_eq!(
        param(get, "verbose"),
        &json!({"name": "verbose", "in": "query", "required": false, "schema": {"type": "boolean", "example": true},
                "description": "Optional, boolean"})
    );
}

#[test]
fn url_string_with_published_url_object() {
    // A published-docs export: `url` is a string, its parts (and the variables' docs) are in
    // `urlObject`, descriptions are HTML.
    let c = json!({
        "info": {"name": "Published", "schema": V20},
        "item": [{"name": "order", "item": [{
            "name": "Get Order by id",
            "request": {
                "method": "GET",
                "header": [],
                "url": "{{API_URL}}/order/:id",
                "urlObject": {
                    "path": ["order", ":id"],
                    "host": ["{{API_URL}}"],
                    "query": [{"key": "expand", "value": "items", "description": {"content": "<p>Optional, string</p>\n", "type": "text/plain"}}],
                    "variable": [{"key": "id", "value": "25284", "type": "any",
                                  "description": {"content": "<p>Required, integer</p>\n", "type": "text/plain"}}]
                }
            }
        }]}]
    });
    let doc = convert_ok(&c);
    let get = op(&doc, "/order/{id}", "get");
    assert_eq!(param(get, "id")["schema"], json!({"type": "integer", "example": 25284}));
    assert_eq!(param(get, "id")["description"], "Required, integer");
    assert_eq!(param(get, "expand")["schema"], json!({"type": "string", "example": "items"}));
    assert_eq!(param(get, "expand")["required"], false);
    // The host is a variable the collection does not define: the server is left relative.
    assert_eq!(doc["servers"][0]["url"], "/");
    assert!(doc["servers"][0]["description"].as_str().unwrap().contains("{{API_URL}}"));
}

#[test]
fn url_string_without_url_object() {
    let mut c = collection(json!([get(
        "Item reviews",
        json!("https://shop.example.com/api/items/{{itemId}}/reviews/:reviewId?limit=10&sort=")
    )]));
    c["variable"] = json!([{"key": "itemId", "value": "7"}]);
    let doc = convert_ok(&c);
    assert_eq!(doc["servers"], json!([{"url": "https://shop.example.com"}]));
    let get = op(&doc, "/api/items/{itemId}/reviews/{reviewId}", "get");
    assert_eq!(
        param_names(get),
        [("path", "itemId"), ("path", "reviewId"), ("query", "limit"), ("query", "sort")]
            .map(|(a, b)| (a.into(), b.into()))
    );
    // `{{itemId}}` takes its example from the collection variable; `:reviewId` has none.
    assert_eq!(param(get, "itemId")["schema"], json!({"type": "integer", "example": 7}));
    assert_eq!(param(get, "reviewId")["schema"], json!({"type": "string"}));
    assert_eq!(param(get, "limit")["schema"], json!({"type": "integer", "example": 10}));
    assert_eq!(param(get, "sort")["schema"], json!({"type": "string"}));
}

#[test]
fn collection_variables_resolve_the_server() {
    let mut c = collection(json!([get("Ping", json!("{{baseUrl}}/ping"))]));
    c["variable"] = json!([{"key": "baseUrl", "value": "https://api.example.com/v2/"}]);
    assert_eq!(convert_ok(&c)["servers"], json!([{"url": "https://api.example.com/v2"}]));
    c["variable"] = json!([{"key": "baseUrl", "value": "api.example.com"}]);
    assert_eq!(convert_ok(&c)["servers"], json!([{"url": "https://api.example.com"}]));
}

#[test]
fn trailing_space_in_a_path_segment_is_trimmed() {
    let doc = convert_ok(&collection(json!([
        request("Early termination", json!({"method": "POST", "url": "{{API_URL}}/order/:id/early-termination "})),
        request(
            "Cancel",
            json!({"method": "POST", "url": {"raw": "{{API_URL}}/order/:id /cancel ", "host": ["{{API_URL}}"], "path": ["order", ":id ", "cancel "]}})
        ),
    ])));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/order/{id}/early-termination", "/order/{id}/cancel"]);
    assert_eq!(param(op(&doc, "/order/{id}/cancel", "post"), "id")["name"], "id");
}

#[test]
fn a_request_may_be_just_its_url() {
    let doc = convert_ok(&collection(json!([{"name": "Health", "request": "https://api.example.com/health"}])));
    assert_eq!(op(&doc, "/health", "get")["operationId"], "health");
}

// ---------------------------------------------------------------------- folders and operations

#[test]
fn nested_folders_become_tags_with_their_descriptions() {
    let c = collection(json!([folder(
        "Store",
        json!([
            {"name": "Orders", "description": "<p>Order <b>operations</b> &amp; more.</p>", "item": [get("List", json!("https://x.io/orders"))]},
            {"name": "Empty", "description": "No requests here", "item": []}
        ])
    )]));
    let mut c = c;
    c["item"][0]["description"] = json!("Everything for sale");
    let doc = convert_ok(&c);
    // "Store" holds no request itself, and "Empty" none at all: neither is a tag.
    assert_eq!(doc["tags"], json!([{"name": "Store / Orders", "description": "Order operations & more."}]));
    assert_eq!(op(&doc, "/orders", "get")["tags"], json!(["Store / Orders"]));
}

#[test]
fn operation_ids_are_unique_snake_case_and_not_stuttered() {
    let doc = convert_ok(&collection(json!([
        folder(
            "Server",
            json!([
                request("Server Restart", json!({"method": "POST", "url": "https://x.io/server/restart"})),
                request("Get IP Addresses", json!({"method": "GET", "url": "https://x.io/server/ips"})),
                request("Get IP addresses", json!({"method": "POST", "url": "https://x.io/server/ips2"})),
                request("Server", json!({"method": "GET", "url": "https://x.io/server"})),
            ])
        ),
        folder(
            "Orders",
            json!([
                request("Order create", json!({"method": "POST", "url": "https://x.io/orders"})),
                request("getUserOrders", json!({"method": "GET", "url": "https://x.io/orders"})),
            ])
        ),
        get("Top level", json!("https://x.io/top")),
    ])));
    let id = |path: &str, method: &str| op(&doc, path, method)["operationId"].as_str().unwrap().to_string();
    assert_eq!(id("/server/restart", "post"), "server_restart");
    assert_eq!(id("/server/ips", "get"), "server_get_ip_addresses");
    assert_eq!(id("/server/ips2", "post"), "server_get_ip_addresses_2");
    assert_eq!(id("/server", "get"), "server");
    // The folder's singular counts as a repetition too.
    assert_eq!(id("/orders", "post"), "orders_create");
    assert_eq!(id("/orders", "get"), "orders_get_user_orders");
    assert_eq!(id("/top", "get"), "top_level");
    assert_eq!(op(&doc, "/server/ips", "get")["summary"], "Get IP Addresses");
}

#[test]
fn the_same_method_and_path_twice_keeps_the_first() {
    let doc =
        convert_ok(&collection(json!(
            [get("First", json!("https://x.io/a")), get("Second", json!("https://x.io/a")),]
        )));
    assert_eq!(op(&doc, "/a", "get")["summary"], "First");
}

// ---------------------------------------------------------------------------------- parameters

#[test]
fn query_and_header_parameters() {
    let doc = convert_ok(&collection(json!([request(
        "Search",
        json!({
            "method": "GET",
            "header": [
                {"key": "Content-Type", "value": "application/json"},
                {"key": "Accept", "value": "application/json"},
                {"key": "Authorization", "value": "Bearer {{token}}"},
                {"key": "X-Request-Id", "value": "abc-123", "description": "Correlates logs"},
                {"key": "X-Debug", "value": "1", "disabled": true},
                {"key": "X-Tenant", "value": "", "disabled": true, "description": "Required, string"}
            ],
            "url": {
                "raw": "https://x.io/search?q=dune&page=2&price=9.5&tag=a&tag=b",
                "host": ["https://x.io"],
                "path": ["search"],
                "query": [
                    {"key": "q", "value": "dune", "description": "Required, string"},
                    {"key": "page", "value": "2"},
                    {"key": "price", "value": "9.5"},
                    {"key": "tag", "value": "a"},
                    {"key": "tag", "value": "b"},
                    {"key": "utm", "value": "x", "disabled": true}
                ]
            }
        })
    )])));
    let get = op(&doc, "/search", "get");
    // Content-Type, Accept and Authorization are content negotiation and security, not parameters.
    assert_eq!(
        param_names(get),
        [
            ("query", "q"),
            ("query", "page"),
            ("query", "price"),
            ("query", "tag"),
            ("query", "utm"),
            ("header", "X-Request-Id"),
            ("header", "X-Debug"),
            ("header", "X-Tenant")
        ]
        .map(|(a, b)| (a.into(), b.into()))
    );
    assert_eq!(param(get, "q")["required"], true);
    assert_eq!(param(get, "page")["required"], false);
    assert_eq!(param(get, "page")["schema"], json!({"type": "integer", "example": 2}));
    assert_eq!(param(get, "price")["schema"], json!({"type": "number", "example": 9.5}));
    // A repeated query key is a list.
    assert_eq!(param(get, "tag")["schema"], json!({"type": "array", "items": {"type": "string", "example": "a"}}));
    assert_eq!(
        param(get, "X-Request-Id"),
        &json!({"name": "X-Request-Id", "in": "header", "required": true, "schema": {"type": "string", "example": "abc-123"},
                "description": "Correlates logs"})
    );
    // A header switched off in Postman is optional, unless its description says otherwise.
    assert_eq!(param(get, "X-Debug")["required"], false);
    assert_eq!(param(get, "X-Tenant")["required"], true);
}

// ---------------------------------------------------------------------------------------- auth

#[test]
fn auth_at_collection_folder_and_request_level() {
    let mut c = collection(json!([
        folder("Books", json!([
            get("List", json!("https://x.io/books")),
            get("Get", json!("https://x.io/books/:id")),
            request("Preview", json!({"method": "GET", "url": "https://x.io/books/:id/preview", "auth": {"type": "noauth"}})),
            request("Stock", json!({"method": "GET", "url": "https://x.io/books/stock",
                "auth": {"type": "apikey", "apikey": {"key": "X-Api-Key", "value": "{{key}}", "in": "header"}}})),
            request("Feed", json!({"method": "GET", "url": "https://x.io/books/feed",
                "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "api_key"}, {"key": "value", "value": "{{key}}"}, {"key": "in", "value": "query"}]}})),
        ])),
        {"name": "Admin", "auth": {"type": "basic", "basic": [{"key": "username", "value": "admin"}, {"key": "password", "value": "{{pw}}"}]},
         "item": [get("Stats", json!("https://x.io/admin/stats"))]},
        {"name": "Public", "auth": {"type": "noauth"}, "item": [get("Ping", json!("https://x.io/ping"))]},
    ]));
    c["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]});
    let doc = convert_ok(&c);
    // Bearer is the most common: the document's default, which its operations do not repeat.
    assert_eq!(doc["security"], json!([{"bearerAuth": []}]));
    assert!(op(&doc, "/books", "get").get("security").is_none());
    assert!(op(&doc, "/books/{id}", "get").get("security").is_none());
    assert_eq!(op(&doc, "/books/{id}/preview", "get")["security"], json!([]));
    assert_eq!(op(&doc, "/ping", "get")["security"], json!([]));
    assert_eq!(op(&doc, "/admin/stats", "get")["security"], json!([{"basicAuth": []}]));
    assert_eq!(op(&doc, "/books/stock", "get")["security"], json!([{"XApiKeyHeader": []}]));
    assert_eq!(op(&doc, "/books/feed", "get")["security"], json!([{"ApiKeyQuery": []}]));
    assert_eq!(
        doc["components"]["securitySchemes"],
        json!({
            "ApiKeyQuery": {"type": "apiKey", "in": "query", "name": "api_key"},
            "XApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            "basicAuth": {"type": "http", "scheme": "basic"},
            "bearerAuth": {"type": "http", "scheme": "bearer"}
        })
    );
}

#[test]
fn a_literal_authorization_header_is_an_api_key() {
    let with_header = |name: &str, url: &str, value: &str| {
        request(name, json!({"method": "GET", "header": [{"key": "Authorization", "value": value}], "url": url}))
    };
    let doc = convert_ok(&collection(json!([
        with_header("Me", "https://x.io/me", "{{TOKEN}}"),
        with_header("Orders", "https://x.io/orders", "{{TOKEN}}"),
        with_header("Legacy", "https://x.io/legacy", "Bearer {{TOKEN}}"),
        get("Ping", json!("https://x.io/ping")),
    ])));
    assert_eq!(
        doc["components"]["securitySchemes"]["AuthorizationHeader"],
        json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": "The API token, as-is (no scheme word)."})
    );
    assert_eq!(doc["security"], json!([{"AuthorizationHeader": []}]));
    assert!(op(&doc, "/me", "get").get("security").is_none());
    assert_eq!(op(&doc, "/legacy", "get")["security"], json!([{"bearerAuth": []}]));
    assert_eq!(op(&doc, "/ping", "get")["security"], json!([]));
    assert!(op(&doc, "/me", "get").get("parameters").is_none());
}

#[test]
fn no_auth_anywhere_means_no_security() {
    let doc = convert_ok(&collection(json!([get("Ping", json!("https://x.io/ping"))])));
    assert!(doc.get("security").is_none());
    assert!(op(&doc, "/ping", "get").get("security").is_none());
    assert!(doc.get("components").is_none());
}

// -------------------------------------------------------------------------------------- bodies

#[test]
fn raw_json_body_with_comments() {
    let raw = r#"{
    "name": "Dune", // Required, string. The title
    "year": 1965, // min: 1, max: 3000
    "homepage": "https://example.com/dune", "isbn": "978-0441172719",
    "note": "a // in a string is text", /* a block
    comment */ "gift": false, // Optional. Wrap it
    "author": {"id": 7} // Who wrote it
}"#;
    let doc = convert_ok(&collection(json!([request(
        "Create book",
        json!({"method": "POST", "url": "https://x.io/books", "body": {"mode": "raw", "raw": raw, "options": {"raw": {"language": "json"}}}})
    )])));
    let post = op(&doc, "/books", "post");
    assert_eq!(post["requestBody"]["required"], true);
    let media = &post["requestBody"]["content"]["application/json"];
    // Comments are gone from the example; the `//` inside strings stays.
    assert_eq!(
        media["example"],
        json!({"name": "Dune", "year": 1965, "homepage": "https://example.com/dune", "isbn": "978-0441172719",
               "note": "a // in a string is text", "gift": false, "author": {"id": 7}})
    );
    let schema = body_schema(&doc, post, "application/json");
    let props = &schema["properties"];
    assert_eq!(props["name"], json!({"type": "string", "description": "Required, string. The title"}));
    assert_eq!(
        props["year"],
        json!({"type": "integer", "minimum": 1, "maximum": 3000, "description": "min: 1, max: 3000"})
    );
    assert_eq!(props["homepage"], json!({"type": "string", "format": "uri"}));
    assert_eq!(props["isbn"], json!({"type": "string"}));
    assert_eq!(props["note"], json!({"type": "string"}));
    assert_eq!(props["gift"], json!({"type": "boolean", "description": "Optional. Wrap it"}));
    assert_eq!(props["author"]["description"], "Who wrote it");
    // A comment saying "Optional" takes the key out of `required`.
    assert_eq!(schema["required"], json!(["name", "year", "homepage", "isbn", "note", "author"]));
}

#[test]
fn raw_json_placeholders_and_other_raw_bodies() {
    let doc = convert_ok(&collection(json!([
        request(
            "Json",
            json!({"method": "POST", "url": "https://x.io/json",
            "body": {"mode": "raw", "raw": "{\"id\": {{id}}, \"name\": \"{{name}}\"}"}})
        ),
        request(
            "Xml",
            json!({"method": "POST", "url": "https://x.io/xml",
            "body": {"mode": "raw", "raw": "<book/>", "options": {"raw": {"language": "xml"}}}})
        ),
        request("Blank", json!({"method": "POST", "url": "https://x.io/blank", "body": {"mode": "raw", "raw": "  "}})),
    ])));
    // An unquoted placeholder is a value of unknown type; a quoted one is a string.
    assert_eq!(
        op(&doc, "/json", "post")["requestBody"]["content"]["application/json"]["example"],
        json!({"id": null, "name": "{{name}}"})
    );
    assert_eq!(
        op(&doc, "/xml", "post")["requestBody"],
        json!({"required": true, "content": {"application/xml": {"schema": {"type": "string"}, "example": "<book/>"}}})
    );
    assert!(op(&doc, "/blank", "post").get("requestBody").is_none());
}

#[test]
fn urlencoded_body() {
    let doc = convert_ok(&collection(json!([request(
        "Token",
        json!({"method": "POST", "url": "https://x.io/token", "body": {"mode": "urlencoded", "urlencoded": [
            {"key": "grant_type", "value": "password", "description": "Available values: password, refresh_token"},
            {"key": "username", "value": "ada"},
            {"key": "scope", "value": "", "disabled": true}
        ]}})
    )])));
    let post = op(&doc, "/token", "post");
    assert_eq!(post["requestBody"]["required"], true);
    let schema = body_schema(&doc, post, "application/x-www-form-urlencoded");
    assert_eq!(
        schema,
        &json!({
            "type": "object",
            "properties": {
                "grant_type": {"type": "string", "example": "password", "enum": ["password", "refresh_token"],
                               "description": "Available values: password, refresh_token"},
                "username": {"type": "string", "example": "ada"},
                "scope": {"type": "string"}
            },
            "required": ["grant_type", "username"]
        })
    );
}

#[test]
fn formdata_body_with_text_and_file_fields() {
    let doc = convert_ok(&collection(json!([request(
        "Upload",
        json!({"method": "PUT", "url": "https://x.io/avatar", "body": {"mode": "formdata", "formdata": [
            {"key": "title", "value": "Me", "type": "text"},
            {"key": "image", "type": "file", "src": "/tmp/me.png"},
            {"key": "scan", "type": "file", "src": [], "description": "Required. The signed form"},
            {"key": "note", "value": "", "type": "text", "disabled": true, "description": "<p>Optional, string</p>"},
            {"key": "size", "value": "", "type": "text", "disabled": true, "description": "<p>Required, integer</p>"},
            {"key": "quiet", "value": "", "type": "text", "disabled": true}
        ]}})
    )])));
    let put = op(&doc, "/avatar", "put");
    let schema = body_schema(&doc, put, "multipart/form-data");
    assert_eq!(schema["properties"]["title"], json!({"type": "string", "example": "Me"}));
    assert_eq!(schema["properties"]["image"], json!({"type": "string", "format": "binary"}));
    assert_eq!(
        schema["properties"]["scan"],
        json!({"type": "string", "format": "binary", "description": "Required. The signed form"})
    );
    assert_eq!(schema["properties"]["note"], json!({"type": "string", "description": "Optional, string"}));
    assert_eq!(schema["properties"]["size"], json!({"type": "integer", "description": "Required, integer"}));
    // Disabled fields are optional unless described "Required"; file fields only when described so.
    assert_eq!(schema["required"], json!(["title", "scan", "size"]));
    assert_eq!(put["requestBody"]["required"], true);
}

#[test]
fn a_form_with_no_fields_is_no_body() {
    let doc = convert_ok(&collection(json!([
        request(
            "Assign",
            json!({"method": "POST", "url": "https://x.io/assign", "body": {"mode": "formdata", "formdata": []}})
        ),
        request(
            "Touch",
            json!({"method": "POST", "url": "https://x.io/touch", "body": {"mode": "urlencoded", "urlencoded": []}})
        ),
        request(
            "Nameless",
            json!({"method": "POST", "url": "https://x.io/nameless", "body": {"mode": "formdata", "formdata": [{"value": "x"}]}})
        ),
    ])));
    for path in ["/assign", "/touch", "/nameless"] {
        assert!(op(&doc, path, "post").get("requestBody").is_none(), "{path} has a body");
    }
    assert!(doc.get("components").is_none(), "no component for an empty form: {}", doc["components"]);
}

// ----------------------------------------------------------------------------------- responses

fn example(name: &str, code: u16, body: Value) -> Value {
    json!({"name": name, "code": code, "status": "", "_postman_previewlanguage": "json",
           "header": [{"key": "Content-Type", "value": "application/json"}], "body": body.to_string()})
}

fn with_examples(examples: Value) -> Value {
    collection(
        json!([{"name": "Get book", "request": {"method": "GET", "url": "https://x.io/book"}, "response": examples}]),
    )
}

#[test]
fn response_examples_are_kept_and_typed() {
    let doc = convert_ok(&with_examples(json!([
        example(
            "Paperback",
            200,
            json!({"id": 1, "price": 10, "discount": null, "tags": [], "isbn": "978-0441172719"})
        ),
        example("E-book", 200, json!({"id": 2, "price": 6.99, "discount": 5, "tags": ["sci-fi"], "size_mb": 2.4})),
        example("Missing", 404, json!({"error": "not found"})),
    ])));
    let get = op(&doc, "/book", "get");
    let media = &get["responses"]["200"]["content"]["application/json"];
    assert_eq!(media["examples"]["paperback"]["summary"], "Paperback");
    assert_eq!(media["examples"]["e_book"]["value"]["price"], 6.99);
    let schema = response_schema(&doc, get, "200");
    let props = &schema["properties"];
    assert_eq!(props["id"], json!({"type": "integer"}));
    // 10 and 6.99: a number.
    assert_eq!(props["price"], json!({"type": "number"}));
    // null and 5: a nullable integer.
    assert_eq!(props["discount"], json!({"type": "integer", "nullable": true}));
    // [] and ["sci-fi"]: a list of strings.
    assert_eq!(props["tags"], json!({"type": "array", "items": {"type": "string"}}));
    // Keys that only some examples have are optional.
    assert_eq!(schema["required"], json!(["id", "price", "discount", "tags"]));
    assert_eq!(get["responses"]["200"]["description"], "OK");
    let missing = &get["responses"]["404"];
    assert_eq!(missing["description"], "Not Found");
    assert_eq!(response_schema(&doc, get, "404")["properties"]["error"], json!({"type": "string"}));
    assert_eq!(missing["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/GetBookResponse404");
}

#[test]
fn disjoint_response_shapes_are_one_of() {
    let doc = convert_ok(&with_examples(json!([
        example("Server", 200, json!({"ip": "1.2.3.4", "port": 22})),
        example("Vpn", 200, json!({"url": "https://vpn.example.com/c", "qr": "data"})),
    ])));
    let schema = response_schema(&doc, op(&doc, "/book", "get"), "200");
    assert_eq!(
        schema,
        &json!({"oneOf": [{"$ref": "#/components/schemas/GetBookResponseVariant1"}, {"$ref": "#/components/schemas/GetBookResponseVariant2"}]})
    );
    assert_eq!(doc["components"]["schemas"]["GetBookResponseVariant1"]["required"], json!(["ip", "port"]));
    assert_eq!(
        doc["components"]["schemas"]["GetBookResponseVariant2"]["properties"]["url"],
        json!({"type": "string", "format": "uri"})
    );
}

#[test]
fn null_only_and_nullable_composite_values_stay_valid_openapi_3_0() {
    let doc = convert_ok(&with_examples(json!([
        example("A", 200, json!({"next": null, "owner": null, "extra": null})),
        example("B", 200, json!({"next": null, "owner": {"id": 1}, "extra": {"a": 1}})),
        example("C", 200, json!({"next": null, "owner": {"id": 2}, "extra": {"b": "x"}})),
    ])));
    let props = &response_schema(&doc, op(&doc, "/book", "get"), "200")["properties"];
    // Only null seen: no type is known, and `nullable` needs one.
    assert_eq!(props["next"], json!({}));
    assert_eq!(
        props["owner"],
        json!({"oneOf": [{"$ref": "#/components/schemas/GetBookResponseOwner"}, {"type": "object", "nullable": true, "enum": [null]}]})
    );
    assert_eq!(
        props["extra"],
        // null matches exactly one variant: a null-only one joins the two shapes.
        json!({"oneOf": [{"$ref": "#/components/schemas/GetBookResponseExtraVariant1"}, {"$ref": "#/components/schemas/GetBookResponseExtraVariant2"},
                         {"type": "object", "nullable": true, "enum": [null]}]})
    );
}

#[test]
fn non_json_and_empty_response_examples() {
    let doc = convert_ok(&with_examples(json!([
        {"name": "Csv", "code": 200, "header": [{"key": "Content-Type", "value": "text/csv; charset=utf-8"}], "body": "a,b\n1,2\n"},
        {"name": "Gone", "code": 204, "status": "No Content", "body": ""},
    ])));
    let get = op(&doc, "/book", "get");
    assert_eq!(
        get["responses"]["200"]["content"],
        json!({"text/csv": {"schema": {"type": "string"}, "example": "a,b\n1,2\n"}})
    );
    assert_eq!(get["responses"]["204"], json!({"description": "No Content"}));
}

#[test]
fn no_examples_means_a_bare_success() {
    let doc = convert_ok(&collection(json!([get("Ping", json!("https://x.io/ping"))])));
    assert_eq!(op(&doc, "/ping", "get")["responses"], json!({"200": {"description": "Successful response"}}));
}

// ---------------------------------------------------------------------------- description hints

#[test]
fn description_hints_type_the_parameters() {
    let q = |key: &str, value: &str, description: &str| json!({"key": key, "value": value, "description": description});
    let doc = convert_ok(&collection(json!([get(
        "Payments",
        json!({"raw": "https://x.io/payments", "host": ["https://x.io"], "path": ["payments"], "query": [
            q("product_id", "", "Required, integer"),
            q("name", "5", "Optional, string"),
            q("pageSize", "5", "Optional, integer. Max value - 10"),
            q("limit", "50", "Count items per page, min: 1, max: 1000"),
            q("payment_type", "1", "Required, integer, id payment type. Available values: 1 - By balance, 3 - Lava, 4 - Heleket."),
            q("sortBy", "id", "Available sort parameters: id, type, date, status"),
            q("archived", "", "Available values: true/false"),
        ]})
    )])));
    let get = op(&doc, "/payments", "get");
    let p = |name: &str| param(get, name).clone();
    assert_eq!(p("product_id")["required"], true);
    assert_eq!(p("product_id")["schema"], json!({"type": "integer"}));
    // "Optional, string" keeps a numeric-looking example a string.
    assert_eq!(p("name")["required"], false);
    assert_eq!(p("name")["schema"], json!({"type": "string", "example": "5"}));
    assert_eq!(p("pageSize")["schema"], json!({"type": "integer", "example": 5, "maximum": 10}));
    assert_eq!(p("limit")["schema"], json!({"type": "integer", "example": 50, "minimum": 1, "maximum": 1000}));
    assert_eq!(p("payment_type")["required"], true);
    assert_eq!(
        p("payment_type")["schema"],
        json!({"type": "integer", "example": 1, "enum": [1, 3, 4],
               "x-enum-varnames": ["ByBalance", "Lava", "Heleket"], "x-enum-descriptions": ["By balance", "Lava", "Heleket"]})
    );
    assert_eq!(
        p("sortBy")["schema"],
        json!({"type": "string", "example": "id", "enum": ["id", "type", "date", "status"]})
    );
    assert_eq!(p("archived")["schema"], json!({"type": "boolean"}));
}

#[test]
fn html_descriptions_become_plain_text() {
    let mut c = collection(
        json!([{"name": "Orders", "description": {"content": "<p>All <i>your</i> orders.</p>", "type": "text/html"},
        "item": [request("Get", json!({"method": "GET", "url": "https://x.io/orders",
            "description": "<p>Lists orders.</p>\n<p>Statuses:</p>\n<p>'Активна' - Active &amp; running</p>\n"}))]}]),
    );
    c["info"]["description"] =
        json!("<html><head><title>x</title></head><body><p>The <a href=\"https://x.io\">X</a> API.</p></body></html>");
    let doc = convert_ok(&c);
    assert_eq!(doc["info"]["description"], "The X API.");
    assert_eq!(doc["tags"][0]["description"], "All your orders.");
    assert_eq!(op(&doc, "/orders", "get")["description"], "Lists orders.\nStatuses:\n'Активна' - Active & running");
}

#[test]
fn info_title_and_version() {
    let mut c = collection(json!([]));
    c["info"]["version"] = json!({"major": 2, "minor": 1, "patch": 0});
    let doc = convert_ok(&c);
    assert_eq!(doc["info"], json!({"title": "Test API", "version": "2.1.0"}));
    assert_eq!(doc["paths"], json!({}));
}

// ------------------------------------------------------------------------------------ bad input

#[test]
fn a_malformed_collection_is_an_error() {
    assert_eq!(error_of(&json!([])), "not a Postman collection: the top level is not an object");
    assert_eq!(error_of(&json!({"item": []})), "not a Postman collection: no `info` object");
    assert_eq!(
        error_of(&json!({"info": {"name": "x", "schema": V21}, "item": {"name": "oops"}})),
        "not a Postman collection: no `item` array"
    );
    assert_eq!(
        error_of(&collection(json!([folder("Shop", json!([{"name": "Orders", "item": {"name": "oops"}}]))]))),
        "Shop / Orders: `item` is not an array"
    );
    assert_eq!(
        error_of(&collection(json!([folder("Shop", json!([{"name": "Stray"}]))]))),
        "Shop / Stray: neither a folder (`item`) nor a request (`request`)"
    );
    assert_eq!(
        error_of(&collection(json!([folder("Shop", json!([request("No URL", json!({"method": "GET"}))]))]))),
        "Shop / No URL: the request has no URL"
    );
    assert_eq!(
        error_of(&collection(json!([folder(
            "Shop",
            json!([request("Odd", json!({"method": "FETCH", "url": "https://x.io"}))])
        )]))),
        "Shop / Odd: unsupported HTTP method \"fetch\""
    );
}

#[test]
fn an_unknown_schema_version_is_an_error() {
    let c = json!({"info": {"name": "Old", "schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []});
    assert_eq!(
        error_of(&c),
        "unsupported Postman schema version \"https://schema.getpostman.com/json/collection/v1.0.0/collection.json\": only collection v2.0 and v2.1 are understood"
    );
    assert!(
        error_of(&json!({"info": {"name": "None"}, "item": []})).starts_with("unsupported Postman schema version \"\"")
    );
}

#[test]
fn a_raw_json_body_that_does_not_parse_names_the_request() {
    let c = collection(json!([folder(
        "Orders",
        json!([request(
            "Create order",
            json!({"method": "POST", "url": "https://x.io/orders",
            "body": {"mode": "raw", "raw": "{\n  \"items\": [1, 2,,]\n}", "options": {"raw": {"language": "json"}}}})
        )])
    )]));
    let msg = error_of(&c);
    assert!(msg.starts_with("Orders / Create order: raw body is not valid JSON ("), "{msg}");
    assert!(msg.contains("line 2"), "{msg}");
}

#[test]
fn a_json_response_example_that_does_not_parse_names_the_request() {
    let c = collection(json!([folder(
        "Books",
        json!([{"name": "Get book", "request": {"method": "GET", "url": "https://x.io/book"},
                "response": [{"name": "Broken", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": "{\"id\": 1,"}]}])
    )]));
    let msg = error_of(&c);
    assert!(
        msg.starts_with("Books / Get book: response example \"Broken\" is declared JSON but does not parse ("),
        "{msg}"
    );
}

// ------------------------------------------------------------------------------------ snapshot

#[test]
fn bookshop_collection_snapshot() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/testdata/bookshop.postman_collection.json");
    let text = std::fs::read_to_string(path).expect("the bookshop collection");
    let collection: Value = serde_json::from_str(&text).expect("valid JSON");
    insta::assert_json_snapshot!("bookshop", convert_ok(&collection));
}
