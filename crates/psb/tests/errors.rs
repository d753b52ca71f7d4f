//! Each kind of error, as the sandbox really produces it, and the arguments refused before
//! anything is sent.

mod common;

use psb::{Department, ErrorKind, NewOrder, NewTicket, PaymentMethod, PaymentQuery};

#[tokio::test]
async fn a_wrong_or_missing_token_is_unauthorized_but_the_catalog_is_public() {
    let env = common::start().await;
    let e = env.client_with("not-a-token").account().get().await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Unauthorized, Some(401)));
    assert!(!e.message().is_empty());
    assert_eq!(e.path(), Some("/users/me"));
    let anonymous = env.anonymous();
    assert_eq!(anonymous.orders().list().await.unwrap_err().kind(), ErrorKind::Unauthorized);
    assert!(!anonymous.products().list(&[]).await.unwrap().is_empty());
    assert!(!anonymous.recipes().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn another_users_objects_are_not_found() {
    let env = common::start().await;
    let other = env.client_with(common::OTHER_TOKEN);
    for e in [
        other.orders().get(25284).await.unwrap_err(),
        other.servers().restart(25284).await.unwrap_err(),
        other.tickets().get(51).await.unwrap_err(),
        other.chats().messages(51, None, None).await.unwrap_err(),
    ] {
        assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)), "{e}");
    }
    // ...and their own lists do not show the first user's.
    assert!(other.orders().list().await.unwrap().iter().all(|o| o.id != 25284));
    let e = env.client().orders().get(999_999).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.operation(), Some("order_get_order_by_id"));
}

#[tokio::test]
async fn invalid_input_is_a_validation_error_with_fastapis_details() {
    let env = common::start().await;
    // A server product needs an operating system.
    let e = env.client().orders().create(&NewOrder::new(175, PaymentMethod::Balance)).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(422)), "{e}");
    assert!(!e.validation().is_empty(), "{e}");
    assert!(e.validation().iter().any(|i| i.loc.iter().any(|l| l == "os")), "{:?}", e.validation());
    assert!(e.to_string().contains("os"), "{e}");
}

#[tokio::test]
async fn a_balance_too_low_is_a_bad_request_and_buys_nothing() {
    let env = common::start().await;
    let client = env.client();
    let before = client.orders().list().await.unwrap().len();
    let order = common::vps_order(&client).await;
    // Buy until the balance runs out; the failing purchase must leave nothing behind.
    let mut bought = 0;
    let err = loop {
        match client.orders().create(&order).await {
            Ok(_) => bought += 1,
            Err(e) => break e,
        }
        assert!(bought < 1000, "the balance never ran out");
    };
    assert_eq!((err.kind(), err.status()), (ErrorKind::BadRequest, Some(400)), "{err}");
    assert!(err.message().to_lowercase().contains("balance"), "{err}");
    assert_eq!(client.orders().list().await.unwrap().len(), before + bought);
    // A gateway payment needs no balance: the order waits for it.
    let pending = client.orders().create(&NewOrder { payment: PaymentMethod::Heleket, ..order }).await.unwrap();
    assert!(pending.payment_url.is_some());
    assert_eq!(pending.order.status, psb::OrderStatus::AwaitingPayment);
}

#[tokio::test]
async fn actions_on_a_deleted_order_conflict() {
    let env = common::start().await;
    let client = env.client();
    client.orders().terminate(25284).await.unwrap();
    let e = client.servers().start(25284).await.unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Conflict, Some(409)), "{e}");
    assert_eq!(client.orders().prolong(25284, None).await.unwrap_err().kind(), ErrorKind::Conflict);
}

#[tokio::test]
async fn ptr_records_only_on_the_orders_own_ips() {
    let env = common::start().await;
    let e = env.client().servers().add_ptr(25284, "8.8.8.8", "x.example.com").await.unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Validation | ErrorKind::BadRequest | ErrorKind::NotFound), "{e}");
}

#[tokio::test]
async fn bad_arguments_are_refused_before_sending() {
    let env = common::start().await;
    let client = env.client();
    let checks = [
        client.tickets().list(None, Some(11)).await.unwrap_err(),
        client.tickets().list(Some(0), None).await.unwrap_err(),
        client.payments().list(&PaymentQuery::new().page_size(1001)).await.unwrap_err(),
        client.payments().list(&PaymentQuery::new().page_size(0)).await.unwrap_err(),
        client.chats().messages(51, Some(101), None).await.unwrap_err(),
        client.servers().change_port(25284, 0).await.unwrap_err(),
        client.servers().change_port(25284, 65536).await.unwrap_err(),
        client.servers().change_password(25284, "").await.unwrap_err(),
        client.servers().add_ptr(25284, "", "x.example.com").await.unwrap_err(),
        client.chats().send(51, None, &[]).await.unwrap_err(),
        client.tickets().create(&NewTicket::new(" ", Department::Sales, "hi")).await.unwrap_err(),
        client.orders().create(&NewOrder::new(0, PaymentMethod::Balance)).await.unwrap_err(),
    ];
    for e in &checks {
        assert_eq!((e.kind(), e.status()), (ErrorKind::InvalidArgument, None), "{e}");
    }
    assert!(checks[0].message().contains("page_size") && checks[0].message().contains("10"), "{}", checks[0]);
    // Nothing reached the sandbox.
    for op in [
        "tickets_get_ticket_list",
        "payment_get_all",
        "chats_get_chat_messages_by_id",
        "server_change_port",
        "server_change_password",
        "server_add_ptr_record_to_ip",
        "chats_create_chat_message",
        "tickets_create_ticket",
        "order_new_order",
    ] {
        assert!(env.requests(op).await.is_empty(), "{op} was sent");
    }
}

#[tokio::test]
async fn an_unknown_upload_content_type_is_refused_before_sending() {
    let env = common::start().await;
    let bad = psb::Upload::from_bytes("x.bin", "not a type", vec![1, 2, 3]);
    let e = env.client().chats().send(51, Some("hi"), &[bad]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(env.requests("chats_create_chat_message").await.is_empty());
}

#[tokio::test]
async fn a_ptr_domain_that_is_no_hostname_is_refused_before_sending() {
    let env = common::start().await;
    // The spec's hostname pattern, checked by psb before anything is sent.
    let e = env.client().servers().update_ptr(25284, "1.1.1.1", "not a host!").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(env.requests("server_update_ptr_record_to_ip").await.is_empty());
}

#[tokio::test]
async fn a_wait_never_overshoots_its_timeout() {
    let env = common::start().await;
    // Each read takes longer than the whole wait may.
    env.fault("order_get_order_by_id", 5, serde_json::json!({"type": "latency", "ms": 1500})).await;
    let started = std::time::Instant::now();
    let e = env
        .client()
        .servers()
        .wait_for_status(25284, psb::ServerStatus::Stopped, std::time::Duration::from_millis(300))
        .await
        .unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_millis(1200), "{:?}", started.elapsed());
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(e.message().contains("last seen: nothing read yet"), "{e}");
}
