//! `psb chats send`: text, files, or both.

use super::{uploads, Ctx, Result};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum More {
    /// Send a message: text, files (`--attach`, repeatable), or both.
    Send {
        chat_id: i64,
        #[arg(long)]
        text: Option<String>,
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let More::Send { chat_id, text, attach } = cmd;
    ctx.show(&ctx.client.chats().send(chat_id, text.as_deref(), &uploads(&attach)?).await?);
    Ok(())
}
