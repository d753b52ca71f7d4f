//! `psb auth`: the token is checked, stored for its owner only, used, and never printed.

use assert_cmd::Command;
use predicates::prelude::*;

fn psb(config: &std::path::Path, url: &str) -> Command {
    let mut c = Command::cargo_bin("psb").unwrap();
    c.env_remove("PSB_API_TOKEN").env("PSB_CONFIG_DIR", config).env("PSB_API_URL", url);
    c
}

#[tokio::test(flavor = "multi_thread")]
async fn login_status_logout() {
    let sandbox = psb_mock::Sandbox::start(psb_mock::SandboxConfig::default().token("tok-1234-secret")).await.unwrap();
    let url = sandbox.url().to_string();
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_path_buf();

    let (d, u) = (dir.clone(), url.clone());
    tokio::task::spawn_blocking(move || {
        // A wrong token is refused and not stored.
        psb(&d, &u).args(["auth", "login"]).write_stdin("nope\n").assert().code(4);
        assert!(!d.join("token").exists());

        psb(&d, &u)
            .args(["auth", "login"])
            .write_stdin("tok-1234-secret\n")
            .assert()
            .success()
            .stderr(predicate::str::contains("Logged in as user"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(d.join("token")).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let out = psb(&d, &u).args(["auth", "status"]).assert().success().get_output().stdout.clone();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("stored token") && out.contains("valid: yes"), "{out}");
        assert!(!out.contains("tok-1234-secret"));
        // The stored token is used.
        psb(&d, &u)
            .args(["account", "get", "-o", "json"])
            .assert()
            .success()
            .stdout(predicate::str::contains("\"username\": \"user\""));
        // --token wins over the stored one, and an error never echoes it.
        psb(&d, &u)
            .args(["--token", "other-secret-xyz", "account", "get"])
            .assert()
            .code(4)
            .stderr(predicate::str::contains("other-secret-xyz").not());

        psb(&d, &u).args(["auth", "logout"]).assert().success();
        assert!(!d.join("token").exists());
        psb(&d, &u).args(["account", "get"]).assert().code(4);
    })
    .await
    .unwrap();
    sandbox.shutdown().await;
}
