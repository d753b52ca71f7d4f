//! Starting and stopping a sandbox. The accept loop is the sandbox's own (rather than
//! `axum::serve`) so that a fault can close a connection before any response is written.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tower::ServiceExt;
use tower_http::cors::{Any, CorsLayer};

use crate::config::SandboxConfig;
use crate::error::{method_not_allowed_fallback, not_found_fallback, MAX_BODY_BYTES};
use crate::shared::{AppState, Shared};
use crate::{api, control};

/// Starts sandboxes. See [`Sandbox::start`].
pub struct Sandbox;

impl Sandbox {
    /// Binds `config.addr`, seeds the world and serves until the handle is shut down or dropped.
    pub async fn start(config: SandboxConfig) -> io::Result<SandboxHandle> {
        let listener = TcpListener::bind(config.addr).await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let timeouts = Timeouts { header_read: config.header_read_timeout, idle: config.idle_timeout };
        let shared: AppState = Arc::new(Shared::new(config, url.clone()));
        let app = app(shared.clone());
        let (shutdown, shutdown_signal) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, app, timeouts, shutdown_signal));
        Ok(SandboxHandle { url, addr, shutdown, task: Some(task), shared })
    }
}

/// A running sandbox. Dropping it stops the server too (without waiting).
pub struct SandboxHandle {
    url: String,
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    shared: AppState,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Same as `POST /__sandbox/reset`, in process.
    pub fn reset(&self) {
        self.shared.reset();
    }

    /// Closes the listener and asks every open connection to close once its current request is
    /// answered. Returns when the listener is closed; nothing new is accepted after that.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

/// The whole application: the API, the control API, and around them the coverage/fault
/// middleware and CORS (outermost, so that preflights are answered before anything else).
fn app(shared: AppState) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS])
        .allow_headers([AUTHORIZATION, CONTENT_TYPE, ACCEPT])
        .expose_headers([RETRY_AFTER])
        .max_age(Duration::from_secs(600));
    api::router()
        .merge(control::routes::routes())
        .fallback(not_found_fallback)
        .method_not_allowed_fallback(method_not_allowed_fallback)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(from_fn_with_state(shared.clone(), control::middleware::observe))
        .layer(cors)
        .with_state(shared)
}

/// How long a connection may stall: a slow client (headers sent byte by byte, or never
/// finished) and an idle kept-alive connection are closed instead of held forever.
#[derive(Clone, Copy)]
struct Timeouts {
    header_read: Duration,
    idle: Duration,
}

async fn accept_loop(listener: TcpListener, app: Router, timeouts: Timeouts, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(serve_connection(stream, app.clone(), timeouts, shutdown.clone()));
                }
                // Out of file descriptors and the like: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            },
            _ = shutdown.changed() => break,
        }
    }
}

/// Lets the middleware close the connection it is serving, for the `drop` fault.
#[derive(Clone)]
pub struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    pub fn trigger(&self) {
        self.0.notify_one();
    }
}

async fn serve_connection(stream: TcpStream, app: Router, timeouts: Timeouts, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let kill = Arc::new(Notify::new());
    let handle = ConnectionKill(kill.clone());
    let activity = Arc::new(Activity::default());
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        let busy = seen.begin();
        let response = app.clone().oneshot(request.map(Body::new));
        async move {
            let response = response.await;
            drop(busy);
            response
        }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        // Dropping the connection closes the socket with nothing written.
        _ = kill.notified() => {}
        _ = activity.idle_for(timeouts.idle) => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
        _ = shutdown.changed() => {
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}

/// A connection's requests in progress and when the last one ended.
struct Activity {
    busy: AtomicUsize,
    since: Mutex<Instant>,
}

impl Default for Activity {
    fn default() -> Self {
        Activity { busy: AtomicUsize::new(0), since: Mutex::new(Instant::now()) }
    }
}

/// A request in progress on a connection; its end restarts the idle clock.
struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.since.lock().unwrap_or_else(|p| p.into_inner()) = Instant::now();
        self.0.busy.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Activity {
    fn begin(self: &Arc<Self>) -> Busy {
        self.busy.fetch_add(1, Ordering::SeqCst);
        Busy(self.clone())
    }

    /// Ends once the connection has served nothing for `idle`.
    async fn idle_for(&self, idle: Duration) {
        loop {
            let since = *self.since.lock().unwrap_or_else(|p| p.into_inner());
            let quiet = since.elapsed();
            if self.busy.load(Ordering::SeqCst) == 0 && quiet >= idle {
                return;
            }
            tokio::time::sleep(idle.saturating_sub(quiet).max(Duration::from_millis(50))).await;
        }
    }
}
