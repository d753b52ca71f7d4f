//! Building a client: defaults, the environment, refusing plain http, secrets in Debug.

mod common;

use psb::{Client, ErrorKind};

#[test]
fn plain_http_is_refused_unless_loopback_or_opted_in() {
    let e = Client::builder().token("t").base_url("http://api.example.com").build().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("http"), "{e}");
    for ok in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://api.example.com"] {
        Client::builder().token("t").base_url(ok).build().unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    Client::builder().token("t").base_url("http://api.example.com").allow_insecure_http(true).build().unwrap();
    assert!(Client::builder().base_url("ftp://x").build().is_err());
    assert!(Client::builder().base_url("not a url").build().is_err());
    // Host names are ASCII (Cargo.lock pins idna_adapter's stub back end): an international one
    // is refused up front, by name, rather than half-supported.
    let e = Client::builder().base_url("https://пример.рф").build().unwrap_err();
    assert_eq!(e.kind(), psb::ErrorKind::InvalidArgument);
    assert!(e.to_string().contains("пример.рф"), "{e}");
    // Its punycode form is plain ASCII, and works.
    Client::builder().base_url("https://xn--e1afmkfd.xn--p1ai").build().unwrap();
}

#[test]
fn a_base_url_with_a_query_fragment_or_password_is_refused() {
    for bad in ["https://api.example.com/?tenant=acme", "https://api.example.com/#top"] {
        let e = Client::builder().base_url(bad).build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        assert!(e.message().contains("query or fragment"), "{e}");
    }
    // The password shows nowhere: not in the builder's Debug, not in either error.
    let unparsable = ["https://admin:hunter2@api example.com", "https://admin:hun/ter2@api.example.com"];
    for bad in ["https://admin:hunter2@api.example.com", unparsable[0], unparsable[1]] {
        let builder = Client::builder().base_url(bad);
        assert!(!format!("{builder:?}").contains("ter2"), "{builder:?}");
        let e = builder.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(!format!("{e:?}").contains("ter2"), "{e:?}");
    }
    let e = Client::builder().base_url("https://admin@api.example.com").build().unwrap_err();
    assert!(e.message().contains("user name or password"), "{e}");
}

#[test]
fn the_token_never_shows() {
    let builder = Client::builder().token("very-secret-token");
    assert!(!format!("{builder:?}").contains("very-secret-token"));
    let client = builder.build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains("very-secret-token") && debug.contains("***"), "{debug}");
    let e = Client::builder().token("bad\ntoken-secret").build().unwrap_err();
    assert!(!e.to_string().contains("token-secret"), "{e}");
    assert_eq!(Client::builder().token("").build().unwrap_err().kind(), ErrorKind::InvalidArgument);
}

#[test]
fn defaults() {
    let client = Client::builder().token("t").build().unwrap();
    assert_eq!(client.base_url(), "https://backend.psb.hosting");
}

#[tokio::test]
async fn from_env_reads_the_token_and_url() {
    let env = common::start().await;
    // Only this test touches these variables in this test binary.
    std::env::remove_var("PSB_API_TOKEN");
    assert_eq!(Client::from_env().unwrap_err().kind(), ErrorKind::InvalidArgument);
    std::env::set_var("PSB_API_TOKEN", common::TOKEN);
    std::env::set_var("PSB_API_URL", &env.api_url);
    let client = Client::from_env().unwrap();
    assert_eq!(client.account().get().await.unwrap().username, "user");
}

#[tokio::test]
async fn the_token_reaches_the_server_and_the_sandbox_log_redacts_it() {
    let env = common::start().await;
    let client =
        Client::builder().token(common::TOKEN).base_url(&env.api_url).user_agent("my-app/1.0").build().unwrap();
    client.account().get().await.unwrap();
    let seen = env.requests("users_get_data").await;
    assert_eq!(seen[0]["authorization"], "[redacted]");
}

#[tokio::test]
async fn default_headers_go_with_every_request_and_never_show() {
    let env = common::start().await;
    let builder = Client::builder().token(common::TOKEN).base_url(&env.api_url).default_headers([
        ("X-Trace", "trace-1"),
        ("x-gateway-key", "gw-secret-9"),
        ("authorization", "not-the-token"),
    ]);
    assert!(!format!("{builder:?}").contains("gw-secret-9"), "{builder:?}");
    let client = builder.build().unwrap();
    client.account().get().await.unwrap();
    let seen = env.requests("users_get_data").await;
    assert_eq!(seen[0]["extra_headers"]["x-trace"], "trace-1");
    assert_eq!(seen[0]["extra_headers"]["x-gateway-key"], "gw-secret-9");
    // The token's Authorization wins over a default one: the call was authorized.
    assert_eq!(seen[0]["authorization"], "[redacted]");

    for (name, value) in [("bad name", "v"), ("x-ok", "line\nbreak")] {
        let err = Client::builder().default_headers([(name, value)]).build().unwrap_err();
        assert_eq!(err.kind(), psb::ErrorKind::InvalidArgument);
        assert!(!err.to_string().contains("line\nbreak"), "{err}");
    }
}
