use super::{Ctx, Result};
use crate::cli::{OrdersCmd, Payment};
use crate::Failure;
use psb::{NewOrder, PaymentMethod};

pub async fn run(ctx: &Ctx, cmd: OrdersCmd) -> Result {
    let orders = ctx.client.orders();
    match cmd {
        OrdersCmd::List => ctx.show(&orders.list().await?),
        OrdersCmd::Get { id } => ctx.show(&orders.get(id).await?),
        OrdersCmd::Create(c) => {
            let payment = match c.payment {
                Payment::Balance => PaymentMethod::Balance,
                Payment::Lava => PaymentMethod::Lava,
                Payment::Heleket => PaymentMethod::Heleket,
            };
            let order = NewOrder {
                product_id: c.product,
                payment,
                os: c.os,
                control_panel: c.control_panel,
                domain: c.domain,
                recipe_id: c.recipe,
                period: c.period,
                name: c.name,
            };
            ctx.show(&orders.create(&order).await?);
        }
        OrdersCmd::Prolong { id, period } => ctx.show(&orders.prolong(id, period).await?),
        OrdersCmd::ToggleAutoProlong { id } => ctx.show(&orders.toggle_auto_prolong(id).await?),
        OrdersCmd::ProductsForChange { id } => ctx.show(&orders.products_for_change(id).await?),
        OrdersCmd::ChangeProduct { id, product } => ctx.show(&orders.change_product(id, product).await?),
        OrdersCmd::Terminate { id, yes } => {
            if !yes {
                return Err(Failure::Usage(format!(
                    "terminating order {id} deletes its server and cannot be undone: add --yes to confirm"
                )));
            }
            ctx.show(&orders.terminate(id).await?);
        }
    }
    Ok(())
}
