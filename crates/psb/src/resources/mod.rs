//! One module per resource of SURFACE.md. A method checks its arguments, names its operation
//! and builds the generated call; `crate::transport` sends it.

mod account;
mod chats;
mod orders;
mod payments;
mod products;
mod recipes;
mod servers;
mod tickets;
mod upload;

pub use account::Account;
pub use chats::Chats;
pub use orders::Orders;
pub use payments::Payments;
pub use products::Products;
pub use recipes::Recipes;
pub use servers::Servers;
pub use tickets::Tickets;

use crate::error::{Error, Result};

/// `lo..=hi`, or an InvalidArgument naming the parameter.
pub(crate) fn check_range(name: &str, value: i64, lo: i64, hi: i64) -> Result<()> {
    if value < lo || value > hi {
        return Err(Error::invalid_argument(format!(
            "{name} must be between {lo} and {hi}, not {value}"
        )));
    }
    Ok(())
}

pub(crate) fn check_not_empty(name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_argument(format!("{name} must not be empty")));
    }
    Ok(())
}
