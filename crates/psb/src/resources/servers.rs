use crate::error::{Error, ErrorKind};
use crate::resources::{check_hostname, check_known, check_not_empty, Servers};
use crate::retry::sleep;
use crate::{Client, Result};
use psb_api::operations;
use psb_model::{Message, OrderDetail, ServerActionState, ServerHistoryEntry, ServerIpAddress, ServerStatus};
use std::time::Duration;

impl Servers<'_> {
    /// `POST /order/{id}/server/ip-addresses`: a PTR record for one of the order's IPs.
    pub async fn add_ptr(&self, order_id: i64, ip: &str, domain: &str) -> Result<ServerIpAddress> {
        check_not_empty("ip", ip)?;
        check_hostname("domain", domain)?;

        self.client
            .call(&operations::SERVER_ADD_PTR_RECORD_TO_IP, |api| {
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
            .call(&operations::SERVER_UPDATE_PTR_RECORD_TO_IP, |api| {
                api.server_update_ptr_record_to_ip()
                    .id(order_id)
                    .body_map(|b| b.ip(ip.to_string()).domain(domain.to_string()))
                    .send()
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
        let known: Vec<String> = ServerStatus::KNOWN.iter().map(|s| s.name().to_owned()).collect();
        check_known("status", status.as_str(), status.is_unknown(), &known)?;
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

    /// Sends an action call once the history's newest entry is known: the action's own entry
    /// is then the newest of its name after that one. (The provider's acknowledgement names no
    /// entry; an entry read after the call could be an earlier run of the same action.)
    pub(super) async fn act(
        &self,
        order_id: i64,
        action: &'static str,
        send: impl std::future::Future<Output = Result<Message>>,
    ) -> Result<ServerAction> {
        let after = self.history(order_id).await?.iter().map(|h| h.id).max().unwrap_or(0);
        let ack = send.await?;
        Ok(ServerAction { client: self.client.clone(), order_id, action, after, message: ack.message })
    }
}

/// A server action the provider is carrying out (a restart, a reinstall, a new password, ...),
/// as the call that started it returns it: the provider has accepted it, and
/// [`ServerAction::wait`] tells when it is over. Power actions leave a server's state as it
/// was (a restart goes from Active to Active), so only the action's history entry can say.
#[derive(Clone)]
pub struct ServerAction {
    client: Client,
    order_id: i64,
    action: &'static str,
    /// The newest history entry before the action was sent.
    after: i64,
    message: String,
}

impl std::fmt::Debug for ServerAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerAction")
            .field("order_id", &self.order_id)
            .field("action", &self.action)
            .field("message", &self.message)
            .finish()
    }
}

impl ServerAction {
    /// The order whose server the action runs on.
    pub fn order_id(&self) -> i64 {
        self.order_id
    }

    /// The action's name in the server history (`host_restart`, `change_password`, ...).
    pub fn action(&self) -> &str {
        self.action
    }

    /// The provider's acknowledgement.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Waits until the action's entry in the server history has completed, polling with a
    /// backoff from 250 ms to 5 s: the entry once it completed, a Server error when it failed,
    /// a Timeout naming the last state seen when `timeout` passes first. Each read is bounded
    /// by what is left of `timeout`, so the wait does not overshoot it.
    pub async fn wait(&self, timeout: Duration) -> Result<ServerHistoryEntry> {
        self.wait_with(timeout, |_| {}).await
    }

    /// [`ServerAction::wait`], telling `observe` the action's state at each poll (`None` while
    /// the history does not show it yet), for a progress display.
    pub async fn wait_with(
        &self,
        timeout: Duration,
        mut observe: impl FnMut(Option<&ServerActionState>),
    ) -> Result<ServerHistoryEntry> {
        let (order_id, name) = (self.order_id, self.action);
        let deadline = Deadline::new(timeout);
        let mut delay = Duration::from_millis(250);
        let mut seen = String::from("not in the history yet");
        let gave_up =
            |seen: &str| format!("{name} on order {order_id} did not finish within {timeout:?} (last seen: {seen})");
        loop {
            let history = deadline.bound(self.client.servers().history(order_id), || gave_up(&seen)).await?;
            let entry = history.into_iter().filter(|h| h.id > self.after && h.name == name).max_by_key(|h| h.id);
            observe(entry.as_ref().map(|e| &e.state));
            match entry {
                Some(e) if e.state == ServerActionState::Complete => return Ok(e),
                Some(e) if e.state == ServerActionState::Failed => {
                    return Err(Error::new(
                        ErrorKind::Server,
                        format!("{name} on order {order_id} failed (history entry {})", e.id),
                    ))
                }
                Some(e) => seen = e.state.to_string(),
                None => {}
            }
            let Some(left) = deadline.left() else {
                return Err(Error::new(ErrorKind::Timeout, gave_up(&seen)));
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
