//! Ctrl-C while waiting: the CLI stops at once, clears its spinner and exits with 130.

#[cfg(unix)]
#[test]
fn ctrl_c_stops_a_wait_cleanly() {
    use std::time::{Duration, Instant};
    let bin = assert_cmd::cargo::cargo_bin("psb");
    // The server is active: waiting for "stopped" would take the whole minute.
    let child = std::process::Command::new(bin)
        .args(["--sandbox", "servers", "wait", "25284", "--status", "stopped", "--timeout", "60"])
        .env_remove("PSB_API_TOKEN")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    let sent = Instant::now();
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(sent.elapsed() < Duration::from_secs(5), "took {:?} to stop", sent.elapsed());
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    assert!(out.stdout.is_empty(), "nothing half-printed");
}
