//! The 31 operations, a module per resource. Handlers lock the world, check ownership and
//! state, change it, and render the provider's JSON shapes.

use axum::Router;

use crate::shared::AppState;

mod account;
mod catalog;
mod chats;
pub(crate) mod orders;
mod payments;
mod servers;
mod tickets;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(account::routes())
        .merge(catalog::routes())
        .merge(orders::routes())
        .merge(payments::routes())
        .merge(servers::routes())
        .merge(tickets::routes())
        .merge(chats::routes())
}

/// `pages` of a page: how many pages of `size` hold `total` items (0 when there are none).
fn page_count(total: usize, size: usize) -> usize {
    total.div_ceil(size)
}
