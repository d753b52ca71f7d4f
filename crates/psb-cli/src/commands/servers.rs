use super::{read_secret_line, Ctx, Result};
use crate::cli::{ServersCmd, State, Wait};
use psb::{Message, ServerStatus};
use std::time::Duration;

pub async fn run(ctx: &Ctx, cmd: ServersCmd) -> Result {
    let servers = ctx.client.servers();
    match cmd {
        ServersCmd::Start { order_id, wait } => acted(ctx, order_id, servers.start(order_id).await?, wait, ServerStatus::Active).await,
        ServersCmd::Stop { order_id, wait } => acted(ctx, order_id, servers.stop(order_id).await?, wait, ServerStatus::Stopped).await,
        ServersCmd::Restart { order_id, wait } => acted(ctx, order_id, servers.restart(order_id).await?, wait, ServerStatus::Active).await,
        ServersCmd::Reinstall { order_id, os, wait } => acted(ctx, order_id, servers.reinstall(order_id, os).await?, wait, ServerStatus::Active).await,
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

/// Shows the acknowledgement, or with `--wait` the order once its server is `target`.
async fn acted(ctx: &Ctx, order_id: i64, ack: Message, wait: Wait, target: ServerStatus) -> Result {
    if !wait.wait {
        ctx.show(&ack);
        return Ok(());
    }
    let order = wait_with_spinner(ctx, order_id, target, Duration::from_secs(wait.timeout)).await?;
    ctx.show(&order);
    Ok(())
}

/// A spinner on stderr with the server's state at each poll (hidden when stderr is not a
/// terminal); cleared when done, failed, or interrupted.
async fn wait_with_spinner(ctx: &Ctx, order_id: i64, target: ServerStatus, timeout: Duration) -> psb::Result<psb::OrderDetail> {
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.enable_steady_tick(Duration::from_millis(100));
    spinner.set_message(format!("order {order_id}: waiting for {target}"));
    let guard = ClearOnDrop(spinner.clone());
    let result = ctx
        .client
        .servers()
        .wait_for_status_with(order_id, target.clone(), timeout, |state| {
            let now = state.map(|s| s.to_string()).unwrap_or_else(|| "unknown".into());
            spinner.set_message(format!("order {order_id}: {now}, waiting for {target}"));
        })
        .await;
    drop(guard);
    result
}

struct ClearOnDrop(indicatif::ProgressBar);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
