use super::{Ctx, Result};
use crate::cli::{ChatsCmd, Department, TicketsCmd};
use crate::Failure;
use futures_util::TryStreamExt;
use psb::{NewTicket, Upload};
use std::path::PathBuf;

fn uploads(paths: &[PathBuf]) -> Result<Vec<Upload>> {
    paths
        .iter()
        .map(|p| Upload::from_path(p).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", p.display()))))
        .collect()
}

pub async fn tickets(ctx: &Ctx, cmd: TicketsCmd) -> Result {
    let tickets = ctx.client.tickets();
    match cmd {
        TicketsCmd::List { page, page_size, all } => {
            if all {
                let items: Vec<_> = tickets.iter(page_size).try_collect().await?;
                ctx.show(&items);
            } else {
                ctx.show(&tickets.list(page, page_size).await?);
            }
        }
        TicketsCmd::Get { id } => ctx.show(&tickets.get(id).await?),
        TicketsCmd::Close { id } => ctx.show(&tickets.close(id).await?),
        TicketsCmd::Create { title, department, message, orders, attach } => {
            let department = match department {
                Department::Sales => psb::Department::Sales,
                Department::Technical => psb::Department::Technical,
            };
            let ticket = NewTicket { title, department, message, order_ids: orders, attachments: uploads(&attach)? };
            ctx.show(&tickets.create(&ticket).await?);
        }
    }
    Ok(())
}

pub async fn chats(ctx: &Ctx, cmd: ChatsCmd) -> Result {
    let chats = ctx.client.chats();
    match cmd {
        ChatsCmd::Messages { chat_id, limit, offset, all } => {
            if all {
                let items: Vec<_> = chats.iter_messages(chat_id).try_collect().await?;
                ctx.show(&items);
            } else {
                ctx.show(&chats.messages(chat_id, limit, offset).await?);
            }
        }
        ChatsCmd::Send { chat_id, text, attach } => {
            ctx.show(&chats.send(chat_id, text.as_deref(), &uploads(&attach)?).await?)
        }
    }
    Ok(())
}
