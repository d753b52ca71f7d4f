use super::{Ctx, Result};
use crate::cli::{Order, PaymentsCmd, SortBy};
use futures_util::TryStreamExt;
use psb::{PaymentQuery, PaymentSortBy, SortOrder};

pub async fn run(ctx: &Ctx, cmd: PaymentsCmd) -> Result {
    let PaymentsCmd::List { page, page_size, sort_by, order, all } = cmd;
    let query = PaymentQuery {
        page,
        page_size,
        sort_by: sort_by.map(|s| match s {
            SortBy::Id => PaymentSortBy::Id,
            SortBy::Type => PaymentSortBy::Type,
            SortBy::Date => PaymentSortBy::Date,
            SortBy::Status => PaymentSortBy::Status,
        }),
        sort_order: order.map(|o| match o {
            Order::Asc => SortOrder::Asc,
            Order::Desc => SortOrder::Desc,
        }),
    };
    if all {
        let payments: Vec<_> = ctx
            .client
            .payments()
            .iter(PaymentQuery { page_size: page_size.or(Some(1000)), ..query })
            .try_collect()
            .await?;
        ctx.show(&payments);
    } else {
        ctx.show(&ctx.client.payments().list(&query).await?);
    }
    Ok(())
}
