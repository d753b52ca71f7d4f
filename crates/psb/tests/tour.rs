//! Every operation of the API through the SDK, against one sandbox; the sandbox's coverage then
//! has to show all 31 operations served a 2xx. This is the yardstick every binding's suite ends
//! with too.

mod common;

use futures_util::TryStreamExt;
use psb::{Department, NewOrder, NewTicket, PaymentMethod, PaymentQuery, ServerStatus, Upload};
use std::time::Duration;

#[tokio::test]
async fn every_operation_is_served_a_2xx() {
    let env = common::start().await;
    let client = env.client();

    // account and catalog
    let account = client.account().get().await.unwrap();
    assert_eq!(account.username, "user");
    let vps = client.products().list(&[psb::ProductType::PsbVps]).await.unwrap();
    assert!(!vps.is_empty() && vps.iter().all(|p| p.product_type == psb::ProductType::PsbVps), "only that type");
    let typo = client.products().list(&[psb::ProductType::parse("PsbVsp")]).await.unwrap_err();
    assert_eq!(typo.kind(), psb::ErrorKind::InvalidArgument, "{typo}");
    let product = client.products().get(175).await.unwrap();
    let recipes = client.recipes().list().await.unwrap();
    let recipe = client.recipes().get(5).await.unwrap();
    assert!(recipes.iter().any(|r| r.id == recipe.id));

    // orders
    let orders = client.orders().list().await.unwrap();
    assert!(orders.iter().any(|o| o.id == 25284));
    let detail = client.orders().get(25284).await.unwrap();
    assert_eq!(detail.order_data.id, 25284);
    let new = NewOrder::new(product.id, PaymentMethod::Balance)
        .os(product.os[0].id)
        .control_panel(product.control_panel[0].id)
        .recipe(recipe.id)
        .name("tour");
    let created = client.orders().create(&new).await.unwrap();
    assert_eq!(created.order.product.id, product.id);
    let prolonged = client.orders().prolong(25284, None).await.unwrap();
    assert!(prolonged.date_end > detail.order_data.date_end);
    let toggled = client.orders().toggle_auto_prolong(25284).await.unwrap();
    assert_ne!(toggled.auto_refresh, prolonged.auto_refresh);
    let options = client.orders().products_for_change(25284).await.unwrap();
    let target = options.products.first().expect("a product to change to");
    let changed = client.orders().change_product(25284, target.id).await.unwrap();
    assert_eq!(changed.product.id, target.id);
    let terminated = client.orders().terminate(76).await.unwrap();
    assert_eq!(terminated.id, 76);

    // payments
    let page = client.payments().list(&PaymentQuery::new().page_size(2)).await.unwrap();
    assert!(page.total >= page.items.len() as i64);

    // servers: a stop, a start and a restart, each awaited
    let servers = client.servers();
    servers.wait_for_status(25284, ServerStatus::Active, Duration::from_secs(10)).await.unwrap();
    servers.stop(25284).await.unwrap();
    servers.wait_for_status(25284, ServerStatus::Stopped, Duration::from_secs(10)).await.unwrap();
    servers.start(25284).await.unwrap();
    servers.wait_for_status(25284, ServerStatus::Active, Duration::from_secs(10)).await.unwrap();
    let restart = servers.restart(25284).await.unwrap();
    assert_eq!(restart.wait(Duration::from_secs(10)).await.unwrap().state, psb::ServerActionState::Complete);
    let ips = servers.ip_addresses(25284).await.unwrap();
    assert!(ips.iter().any(|ip| ip.ip == "1.1.1.1"));
    let added = servers.add_ptr(25284, "1.1.1.1", "nl100.example.com").await.unwrap();
    assert_eq!(added.ptr.as_deref(), Some("nl100.example.com"));
    let updated = servers.update_ptr(25284, "1.1.1.1", "nl200.example.com").await.unwrap();
    assert_eq!(updated.ptr.as_deref(), Some("nl200.example.com"));
    servers.change_password(25284, "n3w-Passw0rd").await.unwrap();
    servers.change_port(25284, 2222).await.unwrap();
    let os = client.orders().get(25284).await.unwrap().product_systems.first().map(|o| o.id).unwrap_or(40);
    servers.reinstall(25284, os).await.unwrap();
    let v6 = servers.assign_ipv6(25284).await.unwrap();
    assert_eq!(v6.version, psb::IpVersion::V6);

    // tickets and chats
    let tickets: Vec<_> = client.tickets().iter(Some(10)).try_collect().await.unwrap();
    assert!(tickets.iter().any(|t| t.id == 51));
    let ticket = client.tickets().get(51).await.unwrap();
    let shot = Upload::from_bytes("boot.log", "text/plain", b"kernel: ok\n".to_vec());
    let created = client
        .tickets()
        .create(
            &NewTicket::new("Server is slow", Department::Technical, "Since this morning")
                .order(25284)
                .attach(shot.clone()),
        )
        .await
        .unwrap();
    assert_eq!(created.department, Department::Technical);
    let closed = client.tickets().close(created.id).await.unwrap();
    assert_eq!(closed.status, psb::TicketStatus::Closed);
    let messages = client.chats().messages(ticket.chat.info.id, Some(50), Some(0)).await.unwrap();
    assert!(!messages.is_empty());
    let sent = client.chats().send(ticket.chat.info.id, Some("and a log"), &[shot]).await.unwrap();
    assert_eq!(sent.attachments.len(), 1);
    assert_eq!(sent.attachments[0].size, 11);

    let coverage = env.coverage().await;
    assert_eq!(coverage["without_2xx"], serde_json::json!([]), "operations without a 2xx: {coverage:#}");
    assert_eq!(coverage["covered"], 31);
}
