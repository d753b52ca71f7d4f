use super::{read_secret_line, Ctx, Result};
use crate::cli::{ServersCmd, State, Wait};
use psb::{Message, ServerStatus};
use std::time::Duration;

pub async fn run(ctx: &Ctx, cmd: ServersCmd) -> Result {
    let servers = ctx.client.servers();
    match cmd {
        ServersCmd::Start { order_id, wait } => act(ctx, order_id, "host_start", wait, servers.start(order_id)).await,
        ServersCmd::Stop { order_id, wait } => act(ctx, order_id, "host_stop", wait, servers.stop(order_id)).await,
        ServersCmd::Restart { order_id, wait } => {
            act(ctx, order_id, "host_restart", wait, servers.restart(order_id)).await
        }
        ServersCmd::Reinstall { order_id, os, yes, wait } => {
            if !yes {
                return Err(crate::Failure::Usage(format!(
                    "reinstalling order {order_id}'s server wipes its disk: add --yes to confirm"
                )));
            }
            act(ctx, order_id, "host_reinstall", wait, servers.reinstall(order_id, os)).await
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
        ServersCmd::ChangePassword { order_id } => {
            let password = read_secret_line("new password")?;
            ctx.show(&servers.change_password(order_id, password).await?);
            Ok(())
        }
        ServersCmd::ChangePort { order_id, port } => {
            ctx.show(&servers.change_port(order_id, port).await?);
            Ok(())
        }
        ServersCmd::AssignIpv6 { order_id } => {
            ctx.show(&servers.assign_ipv6(order_id).await?);
            Ok(())
        }
    }
}

/// Sends a power action and shows the acknowledgement, or with `--wait` the order once the
/// action (found in the history by its name, newer than what was there before) has finished.
async fn act(
    ctx: &Ctx,
    order_id: i64,
    action: &str,
    wait: Wait,
    send: impl std::future::Future<Output = psb::Result<Message>>,
) -> Result {
    if !wait.wait {
        ctx.show(&send.await?);
        return Ok(());
    }
    let servers = ctx.client.servers();
    let before = servers.history(order_id).await?.iter().map(|h| h.id).max().unwrap_or(0);
    send.await?;
    let spinner = Spinner::new(format!("order {order_id}: {action} sent"));
    servers
        .wait_for_action_with(order_id, action, before, Duration::from_secs(wait.timeout), |state| {
            let now = state.map(|s| s.to_string()).unwrap_or_else(|| "queued".into());
            spinner.0.set_message(format!("order {order_id}: {action} {now}"));
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
