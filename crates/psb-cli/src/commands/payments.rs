//! `psb payments list`: a query record, and `--all` walks every page.

use super::{Ctx, Result};
use crate::cli::{Order, SortBy};
use clap::Subcommand;
use futures_util::TryStreamExt;
use psb::{PaymentQuery, PaymentSortBy, SortOrder};

#[derive(Subcommand, Debug)]
pub enum More {
    /// One page of the ledger, newest first unless sorted (`--all`: every page).
    List {
        #[arg(long)]
        page: Option<i64>,
        #[arg(long)]
        page_size: Option<i64>,
        #[arg(long, value_enum)]
        sort_by: Option<SortBy>,
        #[arg(long, value_enum)]
        order: Option<Order>,
        /// Every page.
        #[arg(long)]
        all: bool,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let More::List { page, page_size, sort_by, order, all } = cmd;
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
