//! `psb products ...` beyond the generated commands.

use super::{Ctx, Result};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum More {
    /// List products, optionally of some types (`--type PsbVps`, repeatable; the server's
    /// spelling, `--type "PSB VPS"`, works too).
    List {
        #[arg(long = "type")]
        types: Vec<String>,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let More::List { types } = cmd;
    let types: Vec<psb::ProductType> = types.iter().map(|t| psb::ProductType::parse(t)).collect();
    ctx.show(&ctx.client.products().list(&types).await?);
    Ok(())
}
