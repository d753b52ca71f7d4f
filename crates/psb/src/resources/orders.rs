use crate::error::Error;
use crate::{Client, Result};
use psb_api::operations;
use psb_api::types;
use psb_model::{NewOrder, Order, OrderCreated, OrderDetail, ProductsForChange};

/// Orders: buying, prolonging, changing and ending them.
#[derive(Debug, Clone, Copy)]
pub struct Orders<'a> {
    pub(crate) client: &'a Client,
}

impl Orders<'_> {
    /// `GET /order`: every order of the account.
    pub async fn list(&self) -> Result<Vec<Order>> {
        self.client.call(&operations::ORDER_GET_USER_ORDERS, |api| api.order_get_user_orders().send()).await
    }

    /// `GET /order/{id}`: the order with its product, what was issued and, for servers, the
    /// history and the server's state.
    pub async fn get(&self, id: i64) -> Result<OrderDetail> {
        self.client.call(&operations::ORDER_GET_ORDER_BY_ID, |api| api.order_get_order_by_id().id(id).send()).await
    }

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

    /// `POST /order/{id}/prolong`: one more period (the order's own, or `period`), charged
    /// to the balance.
    pub async fn prolong(&self, id: i64, period: Option<i64>) -> Result<Order> {
        self.client
            .call(&operations::ORDER_PROLONG_ORDER, |api| {
                api.order_prolong_order().id(id).body(types::OrderProlongOrderRequest { period }).send()
            })
            .await
    }

    /// `PUT /order/{id}/make_auto_prolong`: turns automatic prolonging on or off (a toggle).
    pub async fn toggle_auto_prolong(&self, id: i64) -> Result<Order> {
        self.client
            .call(&operations::ORDER_CHANGE_AUTO_PROLONG, |api| api.order_change_auto_prolong().id(id).send())
            .await
    }

    /// `GET /order/{id}/get_products_for_change`: the products a server order can switch to,
    /// with what switching costs.
    pub async fn products_for_change(&self, id: i64) -> Result<ProductsForChange> {
        self.client
            .call(&operations::ORDER_GET_PRODUCTS_FOR_CHANGE, |api| api.order_get_products_for_change().id(id).send())
            .await
    }

    /// `PUT /order/{id}/change_product`: switches a PSB VPS or HIGH-CPU PSB VPS order to
    /// another product, charging its `price_for_change`.
    pub async fn change_product(&self, id: i64, product_id: i64) -> Result<Order> {
        self.client
            .call(&operations::ORDER_CHANGE_PRODUCT, |api| {
                api.order_change_product().id(id).body(types::OrderChangeProductRequest { product_id }).send()
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
