//! Errors beyond the shared scenarios (tests/scenarios/cases.json, which every language runs):
//! FastAPI's validation details as Rust reads them, and an upload refused before sending.

mod common;

use psb::{ErrorKind, NewOrder, PaymentMethod};

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
async fn an_unknown_upload_content_type_is_refused_before_sending() {
    let env = common::start().await;
    let bad = psb::Upload::from_bytes("x.bin", "not a type", vec![1, 2, 3]);
    let e = env.client().chats().send(51, Some("hi"), &[bad]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(env.requests("chats_create_chat_message").await.is_empty());
}
