//! Server actions as handles: `restart` and the other actions return a `ServerAction`, and its
//! `wait` ends when that action's own history entry does, not when the server's state matches.

mod common;

use psb::{ErrorKind, ServerActionState, ServerStatus};
use psb_mock::SandboxConfig;
use std::time::{Duration, Instant};

#[tokio::test]
async fn a_restart_is_waited_for_until_its_history_entry_completes() {
    let env = common::start_with(SandboxConfig::default().transition_delay(Duration::from_millis(400))).await;
    let client = env.client();
    let servers = client.servers();
    let before = servers.history(25284).await.unwrap().iter().map(|h| h.id).max().unwrap_or(0);

    let started = Instant::now();
    let restart = servers.restart(25284).await.unwrap();
    assert_eq!((restart.order_id(), restart.action()), (25284, "host_restart"));
    assert!(!restart.message().is_empty());
    // The server reads Active throughout: a wait for the state would be over already.
    let now = client.orders().get(25284).await.unwrap();
    assert_eq!(now.status_machine, Some(ServerStatus::Active));
    let pending = servers.history(25284).await.unwrap();
    assert!(pending.iter().any(|h| h.id > before && h.name == "host_restart" && h.state == ServerActionState::Pending));

    let entry = restart.wait(Duration::from_secs(10)).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400), "returned before the restart was over");
    assert_eq!(entry.name, "host_restart");
    assert_eq!(entry.state, ServerActionState::Complete);
    assert!(entry.id > before);
}

#[tokio::test]
async fn every_action_call_returns_a_handle_that_waits() {
    let env = common::start().await;
    let client = env.client();
    let servers = client.servers();
    let os = client.orders().get(25284).await.unwrap().product_systems.first().map(|o| o.id).unwrap_or(40);
    let actions = [
        servers.stop(25284).await.unwrap(),
        servers.start(25284).await.unwrap(),
        servers.change_password(25284, "n3w-Passw0rd").await.unwrap(),
        servers.change_port(25284, 2222).await.unwrap(),
        servers.reinstall(25284, os).await.unwrap(),
    ];
    let names: Vec<&str> = actions.iter().map(|a| a.action()).collect();
    assert_eq!(names, ["host_stop", "host_start", "change_password", "change_port", "host_reinstall"]);
    for a in &actions {
        let entry = a.wait(Duration::from_secs(10)).await.unwrap();
        assert_eq!((entry.name.as_str(), &entry.state), (a.action(), &ServerActionState::Complete));
    }
}

#[tokio::test]
async fn a_wait_that_runs_out_names_the_last_state_seen() {
    let env = common::start_with(SandboxConfig::default().transition_delay(Duration::from_secs(30))).await;
    let restart = env.client().servers().restart(25284).await.unwrap();
    let e = restart.wait(Duration::from_millis(300)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(e.to_string().contains("host_restart on order 25284"), "{e}");
    assert!(e.to_string().contains("last seen: Pending"), "{e}");
}

#[tokio::test]
async fn an_action_that_fails_is_a_server_error() {
    let env = common::start_with(SandboxConfig::default().transition_delay(Duration::from_secs(30))).await;
    let client = env.client();
    let restart = client.servers().restart(25284).await.unwrap();
    // Ending the order fails what its server still had pending.
    client.orders().terminate(25284).await.unwrap();
    let e = restart.wait(Duration::from_secs(5)).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert!(e.to_string().contains("host_restart on order 25284 failed"), "{e}");
}

#[tokio::test]
async fn a_refused_action_returns_no_handle() {
    let env = common::start().await;
    let client = env.client();
    client.orders().terminate(25284).await.unwrap();
    assert_eq!(client.servers().restart(25284).await.unwrap_err().kind(), ErrorKind::Conflict);
}
