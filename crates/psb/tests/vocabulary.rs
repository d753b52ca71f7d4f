//! A value the server starts sending tomorrow decodes today: kept, raw, in `Unknown`.

mod common;

use psb::{OrderStatus, ServerStatus, TicketStatus};

#[tokio::test]
async fn unknown_values_from_the_server_decode() {
    let env = common::start().await;
    env.rename_values(&[("Заказ выдан", "Заморожен"), ("Активна", "Перезагружается"), ("Открыт", "В архиве")]).await;
    let client = env.client();

    let orders = client.orders().list().await.unwrap();
    assert!(orders.iter().any(|o| o.status == OrderStatus::Unknown("Заморожен".into())), "{orders:?}");
    let detail = client.orders().get(25284).await.unwrap();
    let state = detail.status_machine.clone().unwrap();
    assert_eq!(state, ServerStatus::Unknown("Перезагружается".into()));
    assert_eq!((state.as_str(), state.to_string()), ("Перезагружается", "Перезагружается".to_string()));
    let ticket = client.tickets().get(51).await.unwrap();
    assert_eq!(ticket.status, TicketStatus::Unknown("В архиве".into()));
    // And they serialize back as the server spelled them.
    assert!(serde_json::to_string(&detail).unwrap().contains("\"Перезагружается\""));
}
