//! Arbitrary bytes into every response decoder: an error or a value, never a panic.

use proptest::prelude::*;
use psb_model::*;

fn decode_all(bytes: &[u8]) {
    let _ = serde_json::from_slice::<Account>(bytes);
    let _ = serde_json::from_slice::<Vec<Order>>(bytes);
    let _ = serde_json::from_slice::<OrderDetail>(bytes);
    let _ = serde_json::from_slice::<OrderCreated>(bytes);
    let _ = serde_json::from_slice::<ProductsForChange>(bytes);
    let _ = serde_json::from_slice::<Vec<Product>>(bytes);
    let _ = serde_json::from_slice::<PaymentPage>(bytes);
    let _ = serde_json::from_slice::<TicketPage>(bytes);
    let _ = serde_json::from_slice::<Vec<ChatMessage>>(bytes);
    let _ = serde_json::from_slice::<Vec<ServerHistoryEntry>>(bytes);
    let _ = serde_json::from_slice::<IssuedOrder>(bytes);
    let _ = serde_json::from_slice::<Money>(bytes);
    let _ = serde_json::from_slice::<Timestamp>(bytes);
}

/// The provider's order-detail example, to mutate.
const ORDER_DETAIL: &str = r#"{"order_data":{"id":1,"order_id":"6E48A19C62BF","user_id":1,"product":175,"os":"Windows 10 GPT","control_panel":"5","period":null,"domain":null,"name":"","recipe_id":null,"auto_refresh":false,"status":"Заказ выдан","date_create":"2025-04-24T15:39:23.574192+00:00","date_end":"2025-05-24T15:39:22.720841+00:00"},"product_data":{"id":175,"title":"NL-300","price":20,"type":"PSB VPS","country":"Netherlands","status":true},"issued_order":{"id":1,"ip":"123.123.123.123","port":"3389","superuser":"admin","password":"Xq9-secret","order_id":1,"ipv6_addr":"test","ipv6_subnet":"test"},"server_history":[{"id":61806,"name":"host_reinstall","state":"complete","params":{"new_os":"Ubuntu 20.04","old_os":"Ubuntu 20.04"},"date_create":"2025-04-24 15:55:21"}],"status_machine":"Остановлена"}"#;

#[test]
fn the_providers_example_decodes() {
    let d: OrderDetail = serde_json::from_str(ORDER_DETAIL).unwrap();
    assert_eq!(d.order_data.control_panel, Some(5));
    assert_eq!(d.order_data.status, OrderStatus::Issued);
    assert_eq!(d.status_machine, Some(ServerStatus::Stopped));
    let vps = d.issued_order.as_ref().unwrap().as_vps().unwrap();
    assert_eq!((vps.port, vps.password.expose()), (3389, "Xq9-secret"));
    assert!(!format!("{d:?}").contains("Xq9-secret"), "the password stays out of Debug");
    assert_eq!(d.server_history[0].date_create.to_rfc3339(), "2025-04-24T15:55:21Z");
    assert_eq!(d.server_history[0].params.as_deref(), Some(r#"{"new_os":"Ubuntu 20.04","old_os":"Ubuntu 20.04"}"#));
    // And it encodes back to something that decodes the same.
    let again: OrderDetail = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(again, d);
}

#[test]
fn unknown_vocabulary_values_decode() {
    let odd = ORDER_DETAIL.replace("Заказ выдан", "Заморожен").replace("Остановлена", "Перезагружается");
    let d: OrderDetail = serde_json::from_str(&odd).unwrap();
    assert_eq!(d.order_data.status, OrderStatus::Unknown("Заморожен".into()));
    assert_eq!(d.status_machine, Some(ServerStatus::Unknown("Перезагружается".into())));
}

#[test]
fn a_vpn_is_told_from_a_vps() {
    let vpn: IssuedOrder =
        serde_json::from_str(r#"{"id":1,"url":"https://x/c.conf","qr":"https://x/c.png","order_id":1}"#).unwrap();
    assert!(vpn.as_vpn().is_some());
    assert!(serde_json::from_str::<IssuedOrder>(r#"{"id":1,"order_id":1}"#).is_err());
    assert!(serde_json::from_str::<IssuedOrder>(r#"{"id":1,"order_id":1,"url":"u"}"#).is_err(), "a VPN needs its qr");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        decode_all(&bytes);
    }

    /// Structured noise: the real example with a byte range replaced, so decoding gets deep.
    #[test]
    fn mutated_examples_never_panic(start in 0usize..ORDER_DETAIL.len(), len in 0usize..40, junk in "[\\[\\]{}\",:0-9a-z .-]{0,40}") {
        let mut bytes = ORDER_DETAIL.as_bytes().to_vec();
        let end = (start + len).min(bytes.len());
        bytes.splice(start..end, junk.bytes());
        decode_all(&bytes);
    }
}
