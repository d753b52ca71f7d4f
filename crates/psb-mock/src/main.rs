//! `psb-mock`: runs a PSB Hosting API sandbox until interrupted.
//!
//! The first line on stdout is `listening on http://127.0.0.1:PORT`, so scripts can start it
//! with `--addr 127.0.0.1:0` and read the port back.

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use psb_mock::{Sandbox, SandboxConfig, DEFAULT_TOKEN};

#[derive(Parser)]
#[command(name = "psb-mock", version, about = "A stateful sandbox of the PSB Hosting API")]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// API token of the first seeded user.
    #[arg(long, default_value = DEFAULT_TOKEN)]
    token: String,
    /// Latency added to every API request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// How long server actions (start, stop, reinstall, ...) stay pending, in milliseconds.
    #[arg(long, default_value_t = 200)]
    transition_ms: u64,
    /// Extra orders to seed for the first user (for benchmarks).
    #[arg(long, default_value_t = 0)]
    orders: usize,
    /// How long a client may take to send a request's headers, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    header_read_timeout_ms: u64,
    /// How long a kept-alive connection may sit with no request, in milliseconds.
    #[arg(long, default_value_t = 5_000)]
    idle_timeout_ms: u64,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let config = SandboxConfig::default()
        .addr(args.addr)
        .token(args.token)
        .latency(Duration::from_millis(args.latency_ms))
        .transition_delay(Duration::from_millis(args.transition_ms))
        .extra_orders(args.orders)
        .header_read_timeout(Duration::from_millis(args.header_read_timeout_ms))
        .idle_timeout(Duration::from_millis(args.idle_timeout_ms));
    let sandbox = Sandbox::start(config).await?;
    // The token is deliberately not printed: logs of CI runs are public.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {}", sandbox.url())?;
    stdout.flush()?;
    tokio::signal::ctrl_c().await?;
    sandbox.shutdown().await;
    Ok(())
}
