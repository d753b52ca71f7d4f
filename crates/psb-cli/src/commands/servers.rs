//! `psb servers ...` beyond the generated commands, and what every action's `--wait` does.

use super::{Ctx, Result};
use crate::cli::{State, Wait};
use clap::Subcommand;
use psb::{Message, ServerAction, ServerStatus};
use std::time::Duration;

#[derive(Subcommand, Debug)]
pub enum More {
    /// Add a PTR record for one of the order's IPs (the domain must be a host name).
    AddPtr {
        order_id: i64,
        #[arg(long)]
        ip: String,
        #[arg(long)]
        domain: String,
    },
    /// Change the PTR record of one of the order's IPs.
    UpdatePtr {
        order_id: i64,
        #[arg(long)]
        ip: String,
        #[arg(long)]
        domain: String,
    },
    /// Wait until the server reaches a state (a spinner shows it).
    #[command(visible_alias = "wait")]
    WaitForStatus {
        order_id: i64,
        #[arg(long, value_enum, default_value = "active")]
        status: State,
        /// How long to wait, in seconds.
        #[arg(long, default_value_t = 300)]
        timeout: u64,
    },
}

pub async fn more(ctx: &Ctx, cmd: More) -> Result {
    let servers = ctx.client.servers();
    match cmd {
        More::AddPtr { order_id, ip, domain } => ctx.show(&servers.add_ptr(order_id, &ip, &domain).await?),
        More::UpdatePtr { order_id, ip, domain } => ctx.show(&servers.update_ptr(order_id, &ip, &domain).await?),
        More::WaitForStatus { order_id, status, timeout } => {
            let target = match status {
                State::Active => ServerStatus::Active,
                State::Stopped => ServerStatus::Stopped,
            };
            ctx.show(&wait_with_spinner(ctx, order_id, target, Duration::from_secs(timeout)).await?);
        }
    }
    Ok(())
}

/// Sends a server action and shows the acknowledgement, or with `--wait` the order once the
/// action's history entry has completed (the handle knows which entry is its own).
pub async fn act(ctx: &Ctx, wait: Wait, send: impl std::future::Future<Output = psb::Result<ServerAction>>) -> Result {
    let action = send.await?;
    if !wait.wait {
        ctx.show(&Message { message: action.message().to_owned() });
        return Ok(());
    }
    let (order_id, name) = (action.order_id(), action.action());
    let spinner = Spinner::new(format!("order {order_id}: {name} sent"));
    action
        .wait_with(Duration::from_secs(wait.timeout), |state| {
            let now = state.map(|s| s.to_string()).unwrap_or_else(|| "queued".into());
            spinner.0.set_message(format!("order {order_id}: {name} {now}"));
        })
        .await?;
    drop(spinner);
    ctx.show(&ctx.client.orders().get(order_id).await?);
    Ok(())
}

/// A spinner on stderr with the server's state at each poll (hidden when stderr is not a
/// terminal); cleared when done, failed, or interrupted.
async fn wait_with_spinner(
    ctx: &Ctx,
    order_id: i64,
    target: ServerStatus,
    timeout: Duration,
) -> psb::Result<psb::OrderDetail> {
    let spinner = Spinner::new(format!("order {order_id}: waiting for {target}"));
    ctx.client
        .servers()
        .wait_for_status_with(order_id, target.clone(), timeout, |state| {
            let now = state.map(|s| s.to_string()).unwrap_or_else(|| "unknown".into());
            spinner.0.set_message(format!("order {order_id}: {now}, waiting for {target}"));
        })
        .await
}

/// Cleared from the terminal when dropped: on success, error, or Ctrl-C.
struct Spinner(indicatif::ProgressBar);

impl Spinner {
    fn new(message: String) -> Spinner {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(Duration::from_millis(100));
        bar.set_message(message);
        Spinner(bar)
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
