//! `psb tickets create`: a record with files.

use super::{uploads, Ctx, Result};
use crate::cli::Department;
use clap::Subcommand;
use psb::NewTicket;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum More {
    /// Open a ticket; its message and files start the ticket's chat.
    Create {
        #[arg(long)]
        title: String,
        #[arg(long, value_enum)]
        department: Department,
        #[arg(long)]
        message: String,
        /// An order the ticket is about (repeatable).
        #[arg(long = "order")]
        orders: Vec<i64>,
        /// A file to attach (repeatable).
        #[arg(long = "attach")]
        attach: Vec<PathBuf>,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let More::Create { title, department, message, orders, attach } = cmd;
    let department = match department {
        Department::Sales => psb::Department::Sales,
        Department::Technical => psb::Department::Technical,
    };
    let ticket = NewTicket { title, department, message, order_ids: orders, attachments: uploads(&attach)? };
    ctx.show(&ctx.client.tickets().create(&ticket).await?);
    Ok(())
}
