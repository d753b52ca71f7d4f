//! How a sandbox is started: where it listens, whose token it accepts, how slow it is.

use std::net::SocketAddr;
use std::time::Duration;

/// The token of the first seeded user, unless [`SandboxConfig::token`] says otherwise.
pub const DEFAULT_TOKEN: &str = "sandbox-token";
/// The token of the second seeded user, who owns other orders and tickets (for isolation tests).
pub const SECOND_USER_TOKEN: &str = "sandbox-token-2";

/// Settings of a [`crate::Sandbox`]. `Default` gives a loopback sandbox on a free port.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Where to listen; port 0 picks a free one (read it back with `SandboxHandle::url`).
    pub addr: SocketAddr,
    /// The first user's API token.
    pub token: String,
    /// Latency added to every API request (not to the control API).
    pub latency: Duration,
    /// How long a server action (start, stop, reinstall, ...) stays `pending` before it completes.
    pub transition_delay: Duration,
    /// Extra orders seeded for the first user, for benchmarks of large accounts.
    pub extra_orders: usize,
    /// How long a client may take to send a request's headers before the connection is closed.
    pub header_read_timeout: Duration,
    /// How long a kept-alive connection may sit with no request before it is closed (uvicorn's
    /// `timeout_keep_alive`, 5 s by default).
    pub idle_timeout: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            token: DEFAULT_TOKEN.to_owned(),
            latency: Duration::ZERO,
            transition_delay: Duration::from_millis(200),
            extra_orders: 0,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(5),
        }
    }
}

impl SandboxConfig {
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = token.into();
        self
    }

    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    pub fn transition_delay(mut self, delay: Duration) -> Self {
        self.transition_delay = delay;
        self
    }

    pub fn extra_orders(mut self, count: usize) -> Self {
        self.extra_orders = count;
        self
    }

    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }
}
