use crate::error::Error;
use crate::reconcile;
use crate::resources::Orders;
use crate::Result;
use psb_api::operations;
use psb_api::types;
use psb_model::{NewOrder, Order, OrderCreated};
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
        let failure = match placed {
            Err(e) if reconcile::is_ambiguous(&e) => e,
            other => return other,
        };
        let what = format!("a new order of product {}", order.product_id);
        reconcile::settle(&failure, self.client.inner.settle, &what, || async {
            let new: Vec<Order> = self
                .list()
                .await?
                .into_iter()
                .filter(|o| !before.contains(&o.id) && o.product.id == order.product_id)
                .filter(|o| order.name.as_ref().is_none_or(|n| *n == o.name))
                .collect();
            match <[Order; 1]>::try_from(new) {
                Ok([one]) => Ok(Some(OrderCreated { order: one, payment_url: None })),
                Err(new) if new.is_empty() => Ok(None),
                // Another client of the account placed the same order meanwhile.
                Err(new) => Err(reconcile::unknown(
                    &failure,
                    &format!("{} new orders of product {} appeared", new.len(), order.product_id),
                )),
            }
        })
        .await
    }

    /// `POST /order/{id}/early-termination`: ends the order now and deletes its server. There
    /// is no undo.
    pub async fn terminate(&self, id: i64) -> Result<Order> {
        self.client
            .call(&operations::ORDER_EARLY_TERMINATION, |api| {
                api.order_early_termination()
                    .id(id)
                    .body(types::OrderEarlyTerminationRequest { confirm_delete: true })
                    .send()
            })
            .await
    }
}
