//! `list` returns one page; `iter` walks them all lazily and stops after the last.

mod common;

use futures_util::{StreamExt, TryStreamExt};
use psb::{PaymentQuery, PaymentSortBy, SortOrder};
use std::collections::HashSet;

#[tokio::test]
async fn payments_page_by_page() {
    let env = common::start().await;
    let client = env.client();
    let first = client
        .payments()
        .list(&PaymentQuery::new().page_size(2).sort(PaymentSortBy::Id, SortOrder::Desc))
        .await
        .unwrap();
    assert_eq!((first.page, first.size), (1, 2));
    assert!(first.pages >= 2, "the seed has several pages of payments: {first:?}");
    assert!(first.items.windows(2).all(|w| w[0].id > w[1].id), "sorted by id, descending");

    let all: Vec<_> = client.payments().iter(PaymentQuery::new().page_size(2)).try_collect().await.unwrap();
    assert_eq!(all.len() as i64, first.total);
    assert_eq!(all.iter().map(|p| p.id).collect::<HashSet<_>>().len(), all.len(), "no payment twice");
    // One request per page, and none after the last.
    assert_eq!(env.requests("payment_get_all").await.len() as i64, 1 + first.pages);
}

#[tokio::test]
async fn iter_is_lazy() {
    let env = common::start().await;
    let mut stream = env.client().payments().iter(PaymentQuery::new().page_size(1));
    let _one = stream.next().await.unwrap().unwrap();
    assert_eq!(env.requests("payment_get_all").await.len(), 1, "only the first page was fetched");
}

#[tokio::test]
async fn tickets_across_pages() {
    let env = common::start().await;
    let client = env.client();
    let page = client.tickets().list(Some(1), Some(3)).await.unwrap();
    let all: Vec<_> = client.tickets().iter(Some(3)).try_collect().await.unwrap();
    assert_eq!(all.len() as i64, page.total);
    assert!(page.pages > 1, "{page:?}");
}

#[tokio::test]
async fn chat_messages_by_offset() {
    let env = common::start().await;
    let client = env.client();
    let before = client.chats().messages(51, Some(100), Some(0)).await.unwrap().len();
    for i in 0..120 {
        client.chats().send(51, Some(&format!("message {i}")), &[]).await.unwrap();
    }
    let all: Vec<_> = client.chats().iter_messages(51).try_collect().await.unwrap();
    assert_eq!(all.len(), before + 120);
    assert_eq!(all.iter().map(|m| m.id).collect::<HashSet<_>>().len(), all.len());
    let second = client.chats().messages(51, Some(100), Some(100)).await.unwrap();
    assert_eq!(second.len(), before + 20);
}

#[tokio::test]
async fn an_error_ends_the_stream() {
    let env = common::start().await;
    env.fault("payment_get_all", 1, serde_json::json!({"type": "status", "status": 500})).await;
    // 500 is not retried: the first page fails, and the stream ends with that error.
    let items: Vec<_> = env.client().payments().iter(PaymentQuery::new()).collect().await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].as_ref().unwrap_err().status(), Some(500));
}

#[tokio::test]
async fn iter_walks_newest_first_like_list_and_a_new_payment_does_not_repeat_one() {
    let env = common::start().await;
    let client = env.client();
    let listed = client.payments().list(&PaymentQuery::new().page_size(1000)).await.unwrap();
    assert!(listed.items.windows(2).all(|w| w[0].id > w[1].id), "list: newest first");

    let mut walk = client.payments().iter(PaymentQuery::new().page_size(2));
    let mut seen = vec![walk.next().await.unwrap().unwrap().id, walk.next().await.unwrap().unwrap().id];
    // A payment made mid-walk moves every newest-first page down by one.
    client.orders().prolong(25284, None).await.unwrap();
    while let Some(p) = walk.next().await {
        seen.push(p.unwrap().id);
    }
    assert_eq!(seen, listed.items.iter().map(|p| p.id).collect::<Vec<_>>(), "every payment once, in list's order");
    let now = client.payments().list(&PaymentQuery::new()).await.unwrap();
    assert_eq!(now.total, listed.total + 1, "the prolonging was a payment");
}
