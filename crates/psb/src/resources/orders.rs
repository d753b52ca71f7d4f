use crate::error::Error;
use crate::resources::Orders;
use crate::Result;
use psb_api::operations;
use psb_api::types;
use psb_model::{NewOrder, Order, OrderCreated};

impl Orders<'_> {
    /// `POST /order`. Paid from the balance, the order is issued at once (and the price is
    /// deducted: a balance too low is a BadRequest, and nothing is bought); paid through a
    /// gateway, it waits for the payment at `payment_url`. Never retried once sent: an order is
    /// never placed twice.
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
        self.client.call(&operations::ORDER_NEW_ORDER, |api| api.order_new_order().body(body.clone()).send()).await
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
