//! Page walks beyond the shared scenarios: laziness, a walk across a payment made mid-walk, and
//! chat messages over more than one 100-message page.

mod common;

use futures_util::{StreamExt, TryStreamExt};
use psb::PaymentQuery;
use std::collections::HashSet;

#[tokio::test]
async fn iter_is_lazy() {
    let env = common::start().await;
    let mut stream = env.client().payments().iter(PaymentQuery::new().page_size(1));
    let _one = stream.next().await.unwrap().unwrap();
    assert_eq!(env.requests("payment_get_all").await.len(), 1, "only the first page was fetched");
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

#[tokio::test]
async fn a_walk_page_by_page_holds_the_same_items_as_item_by_item() {
    let env = common::start().await;
    let client = env.client();
    let items: Vec<i64> =
        client.payments().iter(PaymentQuery::new().page_size(2)).map_ok(|p| p.id).try_collect().await.unwrap();
    let pages: Vec<Vec<psb::Payment>> =
        client.payments().iter(PaymentQuery::new().page_size(2)).pages().try_collect().await.unwrap();
    assert!(pages.len() >= 2 && pages.iter().all(|p| !p.is_empty() && p.len() <= 2), "{pages:?}");
    assert_eq!(pages.concat().iter().map(|p| p.id).collect::<Vec<_>>(), items);
    // Begun item by item, the rest of the current page comes first.
    let mut walk = client.payments().iter(PaymentQuery::new().page_size(2));
    let first = walk.next().await.unwrap().unwrap();
    let rest: Vec<Vec<psb::Payment>> = walk.pages().try_collect().await.unwrap();
    assert_eq!(rest[0].len(), 1);
    let mut again = vec![first.id];
    again.extend(rest.concat().iter().map(|p| p.id));
    assert_eq!(again, items);
}
