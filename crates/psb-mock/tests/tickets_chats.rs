//! Tickets and their chats: paging, creation with attachments, closing, messages, isolation.

mod common;

use common::*;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn tickets_page_at_most_ten_newest_first() {
    let h = Harness::start().await;
    let first = h.get("/tickets?page=1&pageSize=10").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body["total"], 12);
    assert_eq!(first.body["pages"], 2);
    assert_eq!(first.body["size"], 10);
    let items = first.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    assert_eq!(items[0]["id"], 51);
    assert_eq!(items[0]["chat"]["info"]["title"], "Чат тикета #51 - 123");
    assert_eq!(items[0]["chat"]["messages"], json!([]));

    let second = h.get("/tickets?page=2").await;
    assert_eq!(second.body["items"].as_array().unwrap().len(), 2);
    assert_validation_error(&h.get("/tickets?pageSize=11").await, &["query", "pageSize"]);
    assert_validation_error(&h.get("/tickets?page=0").await, &["query", "page"]);

    let theirs = h.get_as(OTHER_TOKEN, "/tickets").await.body;
    assert_eq!(theirs["total"], 1);
    assert_eq!(theirs["items"][0]["id"], 60);
}

#[tokio::test]
async fn ticket_detail_and_closing() {
    let h = Harness::start().await;
    let ticket = h.get("/tickets/51").await;
    assert_eq!(ticket.status, StatusCode::OK);
    assert_eq!(ticket.body["type"], "Технический отдел");
    assert_eq!(ticket.body["status"], "Открыт");
    assert_eq!(ticket.body["chat"]["users"][0]["username"], "user");

    let closed = h.call(Method::PUT, "/tickets/51/close").await;
    assert_eq!(closed.body["status"], "Закрыт");
    assert_eq!(h.call(Method::PUT, "/tickets/51/close").await.status, StatusCode::OK, "closing twice is harmless");
    assert_eq!(h.get("/tickets/51").await.body["status"], "Закрыт");

    assert_detail(&h.get("/tickets/60").await, 404);
    assert_detail(&h.call(Method::PUT, "/tickets/60/close").await, 404);
    assert_eq!(h.get_as(OTHER_TOKEN, "/tickets/60").await.body["status"], "Открыт", "a stranger cannot close it");
    assert_validation_error(&h.get("/tickets/fifty").await, &["path", "id"]);
}

#[tokio::test]
async fn creating_a_ticket_stores_the_first_message_and_its_files() {
    let h = Harness::start().await;
    let png = vec![0x89u8, b'P', b'N', b'G', 1, 2, 3, 4, 5];
    let form = Form::new()
        .text("title", "Сервер не загружается")
        .text("type", "Технический отдел")
        .text("message", "После перезагрузки нет доступа")
        .text("order_ids", "25284, 76")
        .part("files", Part::bytes(png.clone()).file_name("screen.png").mime_str("image/png").unwrap())
        .part("files", Part::bytes(b"log line".to_vec()).file_name("boot.log").mime_str("text/plain").unwrap());
    let created = h.multipart(Method::POST, "/tickets", form).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body["orders"], json!([25284, 76]));
    assert_eq!(created.body["products"], json!([175, 177]));
    assert_eq!(created.body["status"], "Открыт");
    let id = created.body["id"].as_i64().unwrap();
    let chat_id = created.body["chat"]["info"]["id"].as_i64().unwrap();

    let messages = h.get(&format!("/chats/{chat_id}/messages")).await.body;
    let first = &messages[0];
    assert_eq!(first["text"], "После перезагрузки нет доступа");
    let attachments = first["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2);
    assert_eq!(attachments[0]["name"], "screen.png");
    assert_eq!(attachments[0]["size"], png.len());
    assert_eq!(attachments[0]["content_type"], "image/png");
    assert_eq!(attachments[1]["content_type"], "text/plain");
    let download = h.client.get(attachments[0]["url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(download.bytes().await.unwrap().to_vec(), png);

    let listed = h.get("/tickets").await.body;
    assert_eq!(listed["items"][0]["id"], id);
    assert_eq!(listed["total"], 13);
}

#[tokio::test]
async fn ticket_input_is_validated() {
    let h = Harness::start().await;
    let empty = h.multipart(Method::POST, "/tickets", Form::new().text("title", "")).await;
    for field in ["title", "type", "message"] {
        assert_validation_error(&empty, &["body", field]);
    }
    let base = || Form::new().text("title", "t").text("message", "m");
    assert_validation_error(
        &h.multipart(Method::POST, "/tickets", base().text("type", "Бухгалтерия")).await,
        &["body", "type"],
    );
    let bad_ids = base().text("type", "Отдел продаж").text("order_ids", "12;13");
    assert_validation_error(&h.multipart(Method::POST, "/tickets", bad_ids).await, &["body", "order_ids"]);
    let foreign = base().text("type", "Отдел продаж").text("order_ids", "25290");
    assert_detail(&h.multipart(Method::POST, "/tickets", foreign).await, 404);
    // A number too large for any order is still a list of ids: it names no order.
    let huge = base().text("type", "Отдел продаж").text("order_ids", " 25284,\t99999999999999999999999 ");
    assert_detail(&h.multipart(Method::POST, "/tickets", huge).await, 404);
    assert_eq!(h.get("/tickets").await.body["total"], 12, "refused tickets are not created");

    // The urlencoded form works as well as multipart.
    let plain = h
        .form(Method::POST, "/tickets", &[("title", "Счёт"), ("type", "Отдел продаж"), ("message", "Нужен счёт")])
        .await;
    assert_eq!(plain.status, StatusCode::OK, "{}", plain.body);
    assert_eq!(plain.body["type"], "Отдел продаж");
}

#[tokio::test]
async fn chat_messages_page_with_limit_and_offset() {
    let h = Harness::start().await;
    for n in 0..5 {
        let sent =
            h.multipart(Method::POST, "/chats/51/messages", Form::new().text("text", format!("message {n}"))).await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
        assert_eq!(sent.body["chat_id"], 51);
        assert_eq!(sent.body["username"], "user");
    }
    let all = h.get("/chats/51/messages?limit=50&offset=0").await.body;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0]["id"], 162);
    assert_eq!(all[5]["text"], "message 4");

    let window = h.get("/chats/51/messages?limit=2&offset=2").await.body;
    let texts: Vec<&str> = window.as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["message 1", "message 2"]);

    assert_validation_error(&h.get("/chats/51/messages?limit=101").await, &["query", "limit"]);
    assert_validation_error(&h.get("/chats/51/messages?limit=0").await, &["query", "limit"]);
    assert_validation_error(&h.get("/chats/51/messages?offset=-1").await, &["query", "offset"]);
}

#[tokio::test]
async fn a_message_needs_text_or_files() {
    let h = Harness::start().await;
    let empty = h.multipart(Method::POST, "/chats/51/messages", Form::new().text("text", "")).await;
    assert_validation_error(&empty, &["body", "text"]);
    let file_only = Form::new().part("files", Part::bytes(vec![1, 2, 3]).file_name("a.bin"));
    let sent = h.multipart(Method::POST, "/chats/51/messages", file_only).await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.body["text"], serde_json::Value::Null);
    assert_eq!(sent.body["attachments"][0]["size"], 3);
    assert_eq!(sent.body["attachments"][0]["content_type"], "application/octet-stream");

    // `files` must be uploads, not text.
    let text_as_file =
        h.multipart(Method::POST, "/chats/51/messages", Form::new().text("text", "hi").text("files", "true")).await;
    assert_validation_error(&text_as_file, &["body", "files", "0"]);
}

#[tokio::test]
async fn reading_a_chat_clears_its_unread_count() {
    let h = Harness::start().await;
    // Ticket 50 has a support answer the user has not read.
    assert_eq!(h.get("/tickets/50").await.body["unread_messages_count"], 1);
    let messages = h.get("/chats/50/messages").await.body;
    let answer = messages.as_array().unwrap().iter().find(|m| m["username"] == "support").unwrap();
    assert_eq!(answer["read_status"]["is_read_by_current_user"], false);
    assert_eq!(h.get("/tickets/50").await.body["unread_messages_count"], 0);
    let again = h.get("/chats/50/messages").await.body;
    assert!(again.as_array().unwrap().iter().all(|m| m["read_status"]["is_read_by_current_user"] == true));
}

#[tokio::test]
async fn chats_of_other_users_do_not_exist() {
    let h = Harness::start().await;
    assert_detail(&h.get("/chats/60/messages").await, 404);
    let post = h.multipart(Method::POST, "/chats/60/messages", Form::new().text("text", "hi")).await;
    assert_detail(&post, 404);
    assert_eq!(h.get_as(OTHER_TOKEN, "/chats/60/messages").await.body.as_array().unwrap().len(), 1);
    assert_detail(&h.get_as(OTHER_TOKEN, "/chats/51/messages").await, 404);
}

#[tokio::test]
async fn a_form_field_sent_twice_reads_its_last_value() {
    // Starlette's FormData keeps the last value of a repeated field, and FastAPI reads that.
    let h = Harness::start().await;
    let twice = h.form(Method::POST, "/chats/51/messages", &[("text", "first"), ("text", "last")]).await;
    assert_eq!(twice.status, StatusCode::OK, "{}", twice.body);
    assert_eq!(twice.body["text"], "last");
}
