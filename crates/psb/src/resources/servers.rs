use crate::error::{Error, ErrorKind};
use crate::resources::{check_hostname, check_not_empty, check_range};
use crate::retry::sleep;
use crate::transport::endpoint;
use crate::{Client, Result};
use psb_api::types;
use psb_model::{Message, OrderDetail, Secret, ServerActionState, ServerHistoryEntry, ServerIpAddress, ServerStatus};
use std::time::Duration;

/// The server behind an order: power, access, network. Actions are asynchronous at the
/// provider: they return an acknowledgement, the history shows how they went, and
/// [`Servers::wait_for_status`] waits for the result.
#[derive(Debug, Clone, Copy)]
pub struct Servers<'a> {
    pub(crate) client: &'a Client,
}

impl Servers<'_> {
    /// `POST /order/{id}/server/start`.
    pub async fn start(&self, order_id: i64) -> Result<Message> {
        self.client
            .call(endpoint!("server_start", "POST", "/order/{id}/server/start"), |api| {
                api.server_start().id(order_id).send()
            })
            .await
    }

    /// `POST /order/{id}/server/stop`.
    pub async fn stop(&self, order_id: i64) -> Result<Message> {
        self.client
            .call(endpoint!("server_stop", "POST", "/order/{id}/server/stop"), |api| {
                api.server_stop().id(order_id).send()
            })
            .await
    }

    /// `POST /order/{id}/server/restart`.
    pub async fn restart(&self, order_id: i64) -> Result<Message> {
        self.client
            .call(endpoint!("server_restart", "POST", "/order/{id}/server/restart"), |api| {
                api.server_restart().id(order_id).send()
            })
            .await
    }

    /// `GET /order/{id}/server/history`: the actions on the server, newest first.
    pub async fn history(&self, order_id: i64) -> Result<Vec<ServerHistoryEntry>> {
        self.client
            .call(endpoint!("server_get_history", "GET", "/order/{id}/server/history"), |api| {
                api.server_get_history().id(order_id).send()
            })
            .await
    }

    /// `GET /order/{id}/server/ip-addresses`.
    pub async fn ip_addresses(&self, order_id: i64) -> Result<Vec<ServerIpAddress>> {
        self.client
            .call(endpoint!("server_get_ip_addresses", "GET", "/order/{id}/server/ip-addresses"), |api| {
                api.server_get_ip_addresses().id(order_id).send()
            })
            .await
    }

    /// `POST /order/{id}/server/ip-addresses`: a PTR record for one of the order's IPs.
    pub async fn add_ptr(&self, order_id: i64, ip: &str, domain: &str) -> Result<ServerIpAddress> {
        check_not_empty("ip", ip)?;
        check_hostname("domain", domain)?;

        self.client
            .call(endpoint!("server_add_ptr_record_to_ip", "POST", "/order/{id}/server/ip-addresses"), |api| {
                api.server_add_ptr_record_to_ip()
                    .id(order_id)
                    .body_map(|b| b.ip(ip.to_string()).domain(domain.to_string()))
                    .send()
            })
            .await
    }

    /// `PUT /order/{id}/server/ip-addresses`: changes the PTR record of one of the order's IPs.
    pub async fn update_ptr(&self, order_id: i64, ip: &str, domain: &str) -> Result<ServerIpAddress> {
        check_not_empty("ip", ip)?;
        check_hostname("domain", domain)?;

        self.client
            .call(endpoint!("server_update_ptr_record_to_ip", "PUT", "/order/{id}/server/ip-addresses"), |api| {
                api.server_update_ptr_record_to_ip()
                    .id(order_id)
                    .body_map(|b| b.ip(ip.to_string()).domain(domain.to_string()))
                    .send()
            })
            .await
    }

    /// `PUT /order/{id}/server/change_password`: the new root/Administrator password.
    pub async fn change_password(&self, order_id: i64, password: impl Into<Secret>) -> Result<Message> {
        let password: Secret = password.into();
        if password.is_empty() {
            return Err(Error::invalid_argument("password must not be empty"));
        }
        self.client
            .call(endpoint!("server_change_password", "PUT", "/order/{id}/server/change_password"), |api| {
                api.server_change_password().id(order_id).body_map(|b| b.password(password.expose().to_string())).send()
            })
            .await
    }

    /// `PUT /order/{id}/server/change_port`: the remote-access port (1 to 65535).
    pub async fn change_port(&self, order_id: i64, port: u32) -> Result<Message> {
        check_range("port", port.into(), 1, 65535)?;
        let port = std::num::NonZeroU64::new(port.into()).expect("checked");
        self.client
            .call(endpoint!("server_change_port", "PUT", "/order/{id}/server/change_port"), |api| {
                api.server_change_port().id(order_id).body(types::ServerChangePortRequest { port }).send()
            })
            .await
    }

    /// `PUT /order/{id}/server/change_operative_system`: reinstalls the server with another
    /// operating system (an id from the product's `os` list). The disk is wiped.
    pub async fn reinstall(&self, order_id: i64, os_id: i64) -> Result<Message> {
        self.client
            .call(
                endpoint!(
                    "server_change_operative_system",
                    "PUT",
                    "/order/{id}/server/change_operative_system",
                    not_idempotent
                ),
                |api| {
                    api.server_change_operative_system()
                        .id(order_id)
                        .body(types::ServerChangeOperativeSystemRequest { os: os_id })
                        .send()
                },
            )
            .await
    }

    /// `POST /order/{id}/server/assign_ipv6`: gives the server an IPv6 address.
    pub async fn assign_ipv6(&self, order_id: i64) -> Result<ServerIpAddress> {
        self.client
            .call(endpoint!("server_assign_ipv6", "POST", "/order/{id}/server/assign_ipv6"), |api| {
                api.server_assign_ipv6().id(order_id).send()
            })
            .await
    }

    /// Polls the order until its server reaches `status`, backing off from 250 ms to 5 s
    /// between reads; a Timeout error (with the last state seen) once `timeout` has passed, a
    /// Conflict at once if the server is deleted on the way. Each read is bounded by what is
    /// left of `timeout`, so the wait does not overshoot it.
    pub async fn wait_for_status(&self, order_id: i64, status: ServerStatus, timeout: Duration) -> Result<OrderDetail> {
        self.wait_for_status_with(order_id, status, timeout, |_| {}).await
    }

    /// [`Servers::wait_for_status`], telling `observe` the state read at each poll (for a
    /// progress display).
    pub async fn wait_for_status_with(
        &self,
        order_id: i64,
        status: ServerStatus,
        timeout: Duration,
        mut observe: impl FnMut(Option<&ServerStatus>),
    ) -> Result<OrderDetail> {
        let deadline = Deadline::new(timeout);
        let mut delay = Duration::from_millis(250);
        let mut seen = String::from("nothing read yet");
        let gave_up = |seen: &str| {
            format!("order {order_id}'s server did not reach {status} within {timeout:?} (last seen: {seen})")
        };
        loop {
            let order = deadline.bound(self.client.orders().get(order_id), || gave_up(&seen)).await?;
            observe(order.status_machine.as_ref());
            seen = order.status_machine.as_ref().map(|s| s.to_string()).unwrap_or_else(|| "no server state".into());
            match &order.status_machine {
                Some(s) if *s == status => return Ok(order),
                Some(ServerStatus::Deleted) => {
                    return Err(Error::new(
                        ErrorKind::Conflict,
                        format!("order {order_id}'s server was deleted while waiting for {status}"),
                    ))
                }
                _ => {}
            }
            let Some(left) = deadline.left() else {
                return Err(Error::new(ErrorKind::Timeout, gave_up(&seen)));
            };
            sleep(delay.min(left)).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }

    /// Waits until the server action `name` (`host_restart`, `host_stop`, ...) recorded after
    /// history entry `after` has finished: the entry when it completed, a Server error when it
    /// failed, a Timeout when `timeout` passes first. Power actions leave a server's state
    /// unchanged while they run (a restart goes from Active to Active), so this, not
    /// [`Servers::wait_for_status`], tells when a restart is over. Take `after` from
    /// [`Servers::history`] before the action: the newest id, or 0.
    pub async fn wait_for_action(
        &self,
        order_id: i64,
        name: &str,
        after: i64,
        timeout: Duration,
    ) -> Result<ServerHistoryEntry> {
        self.wait_for_action_with(order_id, name, after, timeout, |_| {}).await
    }

    /// [`Servers::wait_for_action`], telling `observe` the action's state at each poll.
    pub async fn wait_for_action_with(
        &self,
        order_id: i64,
        name: &str,
        after: i64,
        timeout: Duration,
        mut observe: impl FnMut(Option<&ServerActionState>),
    ) -> Result<ServerHistoryEntry> {
        let deadline = Deadline::new(timeout);
        let mut delay = Duration::from_millis(250);
        let gave_up = || format!("{name} on order {order_id} did not finish within {timeout:?}");
        loop {
            let history = deadline.bound(self.history(order_id), gave_up).await?;
            let entry = history.into_iter().filter(|h| h.id > after && h.name == name).max_by_key(|h| h.id);
            observe(entry.as_ref().map(|e| &e.state));
            match entry {
                Some(e) if e.state == ServerActionState::Complete => return Ok(e),
                Some(e) if e.state == ServerActionState::Failed => {
                    return Err(Error::new(
                        ErrorKind::Server,
                        format!("{name} on order {order_id} failed (history entry {})", e.id),
                    ))
                }
                _ => {}
            }
            let Some(left) = deadline.left() else {
                return Err(Error::new(ErrorKind::Timeout, gave_up()));
            };
            sleep(delay.min(left)).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }
}

/// The end of a wait: what is left of it, and a way to keep one read from outlasting it.
struct Deadline {
    started: web_time::Instant,
    timeout: Duration,
}

impl Deadline {
    fn new(timeout: Duration) -> Deadline {
        Deadline { started: web_time::Instant::now(), timeout }
    }

    fn left(&self) -> Option<Duration> {
        self.timeout.checked_sub(self.started.elapsed()).filter(|d| !d.is_zero())
    }

    /// Runs `read`, or gives up with a Timeout (`message`) when the deadline comes first. The
    /// first read always gets a chance, even with a zero timeout.
    async fn bound<T>(
        &self,
        read: impl std::future::Future<Output = Result<T>>,
        message: impl FnOnce() -> String,
    ) -> Result<T> {
        let left = self.left().unwrap_or(Duration::from_millis(1));
        let read = std::pin::pin!(read);
        let timer = std::pin::pin!(sleep(left));
        match futures_util::future::select(read, timer).await {
            futures_util::future::Either::Left((result, _)) => result,
            futures_util::future::Either::Right(_) => Err(Error::new(ErrorKind::Timeout, message())),
        }
    }
}
