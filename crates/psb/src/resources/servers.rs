use crate::error::{Error, ErrorKind};
use crate::resources::{check_not_empty, check_range};
use crate::retry::sleep;
use crate::transport::endpoint;
use crate::{Client, Result};
use psb_api::types;
use psb_model::{Message, OrderDetail, Secret, ServerHistoryEntry, ServerIpAddress, ServerStatus};
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
            .call(
                endpoint!("server_start", "POST", "/order/{id}/server/start"),
                |api| api.server_start().id(order_id).send(),
            )
            .await
    }

    /// `POST /order/{id}/server/stop`.
    pub async fn stop(&self, order_id: i64) -> Result<Message> {
        self.client
            .call(
                endpoint!("server_stop", "POST", "/order/{id}/server/stop"),
                |api| api.server_stop().id(order_id).send(),
            )
            .await
    }

    /// `POST /order/{id}/server/restart`.
    pub async fn restart(&self, order_id: i64) -> Result<Message> {
        self.client
            .call(
                endpoint!("server_restart", "POST", "/order/{id}/server/restart"),
                |api| api.server_restart().id(order_id).send(),
            )
            .await
    }

    /// `GET /order/{id}/server/history`: the actions on the server, newest first.
    pub async fn history(&self, order_id: i64) -> Result<Vec<ServerHistoryEntry>> {
        self.client
            .call(
                endpoint!("server_get_history", "GET", "/order/{id}/server/history"),
                |api| api.server_get_history().id(order_id).send(),
            )
            .await
    }

    /// `GET /order/{id}/server/ip-addresses`.
    pub async fn ip_addresses(&self, order_id: i64) -> Result<Vec<ServerIpAddress>> {
        self.client
            .call(
                endpoint!(
                    "server_get_ip_addresses",
                    "GET",
                    "/order/{id}/server/ip-addresses"
                ),
                |api| api.server_get_ip_addresses().id(order_id).send(),
            )
            .await
    }

    /// `POST /order/{id}/server/ip-addresses`: a PTR record for one of the order's IPs.
    pub async fn add_ptr(&self, order_id: i64, ip: &str, domain: &str) -> Result<ServerIpAddress> {
        check_not_empty("ip", ip)?;
        check_not_empty("domain", domain)?;

        self.client
            .call(
                endpoint!(
                    "server_add_ptr_record_to_ip",
                    "POST",
                    "/order/{id}/server/ip-addresses"
                ),
                |api| {
                    api.server_add_ptr_record_to_ip()
                        .id(order_id)
                        .body_map(|b| b.ip(ip.to_string()).domain(domain.to_string()))
                        .send()
                },
            )
            .await
    }

    /// `PUT /order/{id}/server/ip-addresses`: changes the PTR record of one of the order's IPs.
    pub async fn update_ptr(
        &self,
        order_id: i64,
        ip: &str,
        domain: &str,
    ) -> Result<ServerIpAddress> {
        check_not_empty("ip", ip)?;
        check_not_empty("domain", domain)?;

        self.client
            .call(
                endpoint!(
                    "server_update_ptr_record_to_ip",
                    "PUT",
                    "/order/{id}/server/ip-addresses"
                ),
                |api| {
                    api.server_update_ptr_record_to_ip()
                        .id(order_id)
                        .body_map(|b| b.ip(ip.to_string()).domain(domain.to_string()))
                        .send()
                },
            )
            .await
    }

    /// `PUT /order/{id}/server/change_password`: the new root/Administrator password.
    pub async fn change_password(
        &self,
        order_id: i64,
        password: impl Into<Secret>,
    ) -> Result<Message> {
        let password: Secret = password.into();
        if password.is_empty() {
            return Err(Error::invalid_argument("password must not be empty"));
        }
        self.client
            .call(
                endpoint!(
                    "server_change_password",
                    "PUT",
                    "/order/{id}/server/change_password"
                ),
                |api| {
                    api.server_change_password()
                        .id(order_id)
                        .body_map(|b| b.password(password.expose().to_string()))
                        .send()
                },
            )
            .await
    }

    /// `PUT /order/{id}/server/change_port`: the remote-access port (1 to 65535).
    pub async fn change_port(&self, order_id: i64, port: u32) -> Result<Message> {
        check_range("port", port.into(), 1, 65535)?;
        let port = std::num::NonZeroU64::new(port.into()).expect("checked");
        self.client
            .call(
                endpoint!(
                    "server_change_port",
                    "PUT",
                    "/order/{id}/server/change_port"
                ),
                |api| {
                    api.server_change_port()
                        .id(order_id)
                        .body(types::ServerChangePortRequest { port })
                        .send()
                },
            )
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
                    "/order/{id}/server/change_operative_system"
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
            .call(
                endpoint!(
                    "server_assign_ipv6",
                    "POST",
                    "/order/{id}/server/assign_ipv6"
                ),
                |api| api.server_assign_ipv6().id(order_id).send(),
            )
            .await
    }

    /// Polls the order until its server reaches `status`, backing off from 250 ms to 5 s
    /// between reads; a Timeout error (with the last state seen) once `timeout` has passed.
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
        let started = web_time::Instant::now();
        let mut delay = Duration::from_millis(250);
        loop {
            let order = self.client.orders().get(order_id).await?;
            observe(order.status_machine.as_ref());
            if order.status_machine.as_ref() == Some(&status) {
                return Ok(order);
            }
            let elapsed = started.elapsed();
            if elapsed >= timeout {
                let seen = order.status_machine.as_ref().map(|s| s.to_string()).unwrap_or_else(|| "no server state".into());
                let mut e = Error::new(
                    ErrorKind::Timeout,
                    format!("order {order_id}'s server did not reach {status} within {timeout:?} (last seen: {seen})"),
                );
                e.operation = Some("order_get_order_by_id");
                return Err(e);
            }
            sleep(delay.min(timeout - elapsed)).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    }
}
