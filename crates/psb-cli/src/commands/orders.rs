//! `psb orders ...` beyond the generated commands: buying (a record to build) and terminating
//! (which the CLI confirms).

use super::{Ctx, Result};
use crate::cli::{CreateOrder, Payment};
use crate::Failure;
use clap::Subcommand;
use psb::{NewOrder, PaymentMethod};

#[derive(Subcommand, Debug)]
pub enum More {
    /// Buy a product.
    Create(CreateOrder),
    /// End the order now and delete its server. Needs --yes.
    Terminate {
        id: i64,
        /// Confirm: there is no undo.
        #[arg(long)]
        yes: bool,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let orders = ctx.client.orders();
    match cmd {
        More::Create(c) => {
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
        More::Terminate { id, yes } => {
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
