//! `psb products ...` beyond the generated commands.

use super::{Ctx, Result};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum More {
    /// List products, optionally of some types (`--type VPS`).
    List {
        #[arg(long = "type")]
        types: Vec<String>,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let More::List { types } = cmd;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    ctx.show(&ctx.client.products().list(&types).await?);
    Ok(())
}
