use crate::error::Error;
use crate::reconcile::{self, Look};
use crate::resources::Orders;
use crate::Result;
use psb_api::operations;
use psb_api::types;
use psb_model::{NewOrder, Order, OrderCreated, OrderStatus};
use std::collections::HashSet;

impl Orders<'_> {
    /// `POST /order`. Paid from the balance, the order is issued at once (and the price is
    /// deducted: a balance too low is a BadRequest, and nothing is bought); paid through a
    /// gateway, it waits for the payment at `payment_url`.
    ///
    /// Placed exactly once: never sent again once it may have left. It costs one more request,
    /// the list of orders read first; when the answer is then lost (a timeout, a broken
    /// connection), the new order is looked for among the account's orders and returned (a
    /// gateway order found this way has no `payment_url`: the API gives it only once). If it does
    /// not show, the error is OutcomeUnknown, never "not placed".
    pub async fn create(&self, new_order: &NewOrder) -> Result<OrderCreated> {
        let order = new_order;
        if order.product_id < 1 {
            return Err(Error::invalid_argument(format!("product_id must be positive, not {}", order.product_id)));
        }
        let product_id = std::num::NonZeroU64::new(order.product_id as u64).expect("checked above");
        let body = types::OrderNewOrderRequest {
            product_id,
            payment_type: order.payment.id(),
            os: order.os,
            control_panel: order.control_panel,
            domain: order.domain.clone(),
            recipe_id: order.recipe_id,
            period: order.period,
            order_name: order.name.clone(),
        };
        let before: HashSet<i64> = self.list().await?.iter().map(|o| o.id).collect();
        let placed =
            self.client.call(&operations::ORDER_NEW_ORDER, |api| api.order_new_order().body(body.clone()).send()).await;
        let what = format!("a new order of product {}", order.product_id);
        reconcile::exactly_once(placed, self.client.settle(), &what, || async {
            let new: Vec<OrderCreated> = self
                .list()
                .await?
                .into_iter()
                .filter(|o| !before.contains(&o.id) && o.product.id == order.product_id)
                .filter(|o| order.name.as_ref().is_none_or(|n| *n == o.name))
                .map(|order| OrderCreated { order, payment_url: None })
                .collect();
            Ok(Look::the_one(new, &what))
        })
        .await
    }

    /// `POST /order/{id}/early-termination`: ends the order now and deletes its server. There
    /// is no undo. Exactly once: when the answer is lost, the order is read back and returned
    /// once it shows deleted (else OutcomeUnknown).
    pub async fn terminate(&self, id: i64) -> Result<Order> {
        let ended = self
            .client
            .call(&operations::ORDER_EARLY_TERMINATION, |api| {
                api.order_early_termination()
                    .id(id)
                    .body(types::OrderEarlyTerminationRequest { confirm_delete: true })
                    .send()
            })
            .await;
        reconcile::exactly_once(ended, self.client.settle(), &format!("order {id} deleted"), || async {
            Ok(Look::from(self.listed(id).await?.filter(|o| o.status == OrderStatus::Deleted)))
        })
        .await
    }

    /// The order `id` as the list shows it (what the writes return), read back after a lost answer.
    async fn listed(&self, id: i64) -> Result<Option<Order>> {
        Ok(self.list().await?.into_iter().find(|o| o.id == id))
    }

    /// One more period (the order's own, or `period`), charged to the balance.
    ///
    /// `POST /order/{id}/prolong`. Exactly once: the order's end date is read first; when the
    /// answer is lost, the order is read back and returned once its end date has moved (else
    /// OutcomeUnknown).
    pub async fn prolong(&self, id: i64, period: Option<i64>) -> Result<Order> {
        let before = self.get(id).await?.order_data.date_end;
        let prolonged = self
            .client
            .call(&operations::ORDER_PROLONG_ORDER, |api| {
                api.order_prolong_order().id(id).body_map(|b| b.period(period)).send()
            })
            .await;
        reconcile::exactly_once(prolonged, self.client.settle(), &format!("order {id} prolonged"), || async {
            Ok(Look::from(self.listed(id).await?.filter(|o| o.date_end > before)))
        })
        .await
    }

    /// Turns automatic prolonging on or off (a toggle).
    ///
    /// `PUT /order/{id}/make_auto_prolong`. Exactly once: sent twice, a toggle flips back, so it is
    /// never repeated; the setting is read first, and when the answer is lost the order is read
    /// back and returned once the setting has flipped (else OutcomeUnknown).
    pub async fn toggle_auto_prolong(&self, id: i64) -> Result<Order> {
        let before = self.get(id).await?.order_data.auto_refresh;
        let toggled = self
            .client
            .call(&operations::ORDER_CHANGE_AUTO_PROLONG, |api| api.order_change_auto_prolong().id(id).send())
            .await;
        let what = format!("order {id} with automatic prolonging {}", if before { "off" } else { "on" });
        reconcile::exactly_once(toggled, self.client.settle(), &what, || async {
            Ok(Look::from(self.listed(id).await?.filter(|o| o.auto_refresh != before)))
        })
        .await
    }

    /// Switches a PSB VPS or HIGH-CPU PSB VPS order to another product (one of
    /// `products_for_change`), charging its `price_for_change`.
    ///
    /// `PUT /order/{id}/change_product`. Exactly once: when the answer is lost, the order is read
    /// back and returned once it shows the new product (else OutcomeUnknown).
    pub async fn change_product(&self, id: i64, product_id: i64) -> Result<Order> {
        let changed = self
            .client
            .call(&operations::ORDER_CHANGE_PRODUCT, |api| {
                api.order_change_product().id(id).body_map(|b| b.product_id(product_id)).send()
            })
            .await;
        reconcile::exactly_once(
            changed,
            self.client.settle(),
            &format!("order {id} on product {product_id}"),
            || async { Ok(Look::from(self.listed(id).await?.filter(|o| o.product.id == product_id))) },
        )
        .await
    }
}
