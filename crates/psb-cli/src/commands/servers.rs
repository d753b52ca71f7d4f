use super::{read_secret_line, Ctx, Result};
use crate::cli::{ServersCmd, State, Wait};
use psb::{Message, ServerAction, ServerStatus};
use std::time::Duration;

pub async fn run(ctx: &Ctx, cmd: ServersCmd) -> Result {
    let servers = ctx.client.servers();
    match cmd {
        ServersCmd::Start { order_id, wait } => act(ctx, wait, servers.start(order_id)).await,
        ServersCmd::Stop { order_id, wait } => act(ctx, wait, servers.stop(order_id)).await,
        ServersCmd::Restart { order_id, wait } => act(ctx, wait, servers.restart(order_id)).await,
        ServersCmd::Reinstall { order_id, os, yes, wait } => {
            if !yes {
                return Err(crate::Failure::Usage(format!(
                    "reinstalling order {order_id}'s server wipes its disk: add --yes to confirm"
                )));
            }
            act(ctx, wait, servers.reinstall(order_id, os)).await
        }
        ServersCmd::Wait { order_id, status, timeout } => {
            let target = match status {
                State::Active => ServerStatus::Active,
                State::Stopped => ServerStatus::Stopped,
            };
            let order = wait_with_spinner(ctx, order_id, target, Duration::from_secs(timeout)).await?;
            ctx.show(&order);
            Ok(())
        }
        ServersCmd::History { order_id } => {
            ctx.show(&servers.history(order_id).await?);
            Ok(())
        }
        ServersCmd::Ips { order_id } => {
            ctx.show(&servers.ip_addresses(order_id).await?);
            Ok(())
        }
        ServersCmd::AddPtr { order_id, ip, domain } => {
            ctx.show(&servers.add_ptr(order_id, &ip, &domain).await?);
            Ok(())
        }
        ServersCmd::UpdatePtr { order_id, ip, domain } => {
            ctx.show(&servers.update_ptr(order_id, &ip, &domain).await?);
            Ok(())
        }
        ServersCmd::ChangePassword { order_id, wait } => {
            let password = read_secret_line("new password")?;
            act(ctx, wait, servers.change_password(order_id, password)).await
        }
        ServersCmd::ChangePort { order_id, port, wait } => act(ctx, wait, servers.change_port(order_id, port)).await,
        ServersCmd::AssignIpv6 { order_id } => {
            ctx.show(&servers.assign_ipv6(order_id).await?);
            Ok(())
        }
    }
}

/// Sends a server action and shows the acknowledgement, or with `--wait` the order once the
/// action's history entry has completed (the handle knows which entry is its own).
async fn act(ctx: &Ctx, wait: Wait, send: impl std::future::Future<Output = psb::Result<ServerAction>>) -> Result {
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
