//! Every documented exit code, each produced the way it happens for real: a usage mistake (1), a
//! contact that does not exist (2), no token / a rejected token / a plan without API access (3), a
//! server that keeps answering 429 (4), a server error or nothing listening (5), and a write that
//! timed out (6). The message always goes to stderr and never carries the token.

use std::time::Duration;

use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;

use super::{Genius, Sim};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_mistakes_exit_1_and_help_exits_0() {
    let sim = Sim::start(None).await;
    let missing = sim.genius(&["get"]).await;
    missing.expect_code(1);
    assert!(missing.stderr.contains("--uid"), "{}", missing.stderr);
    sim.genius(&["get", "--uid", "A", "--email", "b@c.d"])
        .await
        .expect_code(1);
    sim.genius(&["import", "x.csv", "--rate-limit", "0"])
        .await
        .expect_code(1);
    let create = sim.genius(&["create", "--name", "No Way To Reach"]).await;
    create.expect_code(1);
    assert!(create.stderr.contains("no email or phone"));
    sim.genius(&[
        "create",
        "--name",
        "X",
        "--email",
        "x@cli.test",
        "--birthday",
        "2001-02-29",
    ])
    .await
    .expect_code(1);
    let help = sim.genius(&["--help"]).await;
    help.expect_code(0);
    assert!(
        help.stdout
            .contains("6  the write may or may not have been applied")
    );
    assert_eq!(
        sim.stats().await["requests"],
        0,
        "no request was sent for a usage mistake"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_that_does_not_exist_exits_2() {
    let sim = Sim::start(None).await;
    let run = sim.genius(&["get", "--uid", "ZZZ99999"]).await;
    run.expect_code(2);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("uid ZZZ99999"), "{}", run.stderr);
    sim.genius(&["stage", "set", "--email", "nobody@nowhere.test", "Won"])
        .await
        .expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_problems_exit_3_without_showing_the_token() {
    let sim = Sim::start(None).await;
    let none = Genius::new(&sim.url)
        .env("GENIUS_TOKEN", None)
        .run(&["get", "--uid", "ABC12345"])
        .await;
    none.expect_code(3);
    assert!(none.stderr.contains("GENIUS_TOKEN"), "{}", none.stderr);
    let wrong = Genius::new(&sim.url)
        .env("GENIUS_TOKEN", Some("s3cret-wrong-token"))
        .run(&["get", "--uid", "ABC12345"])
        .await;
    wrong.expect_code(3);
    assert!(
        wrong.stderr.contains("token was rejected"),
        "{}",
        wrong.stderr
    );
    assert!(!wrong.stderr.contains("s3cret"));
    let free = Genius::new(&sim.url)
        .env("GENIUS_TOKEN", Some(genius::sim::FREE_TOKEN))
        .run(&["get", "--uid", "ABC12345"])
        .await;
    free.expect_code(3);
    assert!(free.stderr.contains("plan"), "{}", free.stderr);
}

/// A server that answers every request 429 with `Retry-After: 0`.
async fn always_rate_limited() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = axum::Router::new().fallback(|| async {
        let mut answer = (
            StatusCode::TOO_MANY_REQUESTS,
            [("content-type", "application/json")],
            r#"{"success":false,"error":"Too many requests","code":"RATE_LIMITED"}"#,
        )
            .into_response();
        answer
            .headers_mut()
            .insert("retry-after", HeaderValue::from_static("0"));
        answer
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn still_rate_limited_after_retries_exits_4() {
    let url = always_rate_limited().await;
    let run = Genius::new(&url).run(&["get", "--uid", "ABC12345"]).await;
    run.expect_code(4);
    assert!(run.stderr.contains("rate-limited"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_and_unreachable_servers_exit_5() {
    let sim = Sim::start(None).await;
    sim.fault("error500", false).await;
    let failed = sim.genius(&["get", "--uid", "ABC12345"]).await;
    failed.expect_code(5);
    assert!(
        failed.stderr.contains("server failed (500)"),
        "{}",
        failed.stderr
    );
    // A port nobody listens on.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", closed.local_addr().expect("addr"));
    drop(closed);
    let unreachable = Genius::new(&url).run(&["get", "--uid", "ABC12345"]).await;
    unreachable.expect_code(5);
    assert!(
        unreachable.stderr.contains("cannot reach"),
        "{}",
        unreachable.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_that_times_out_exits_6_and_a_read_exits_5() {
    let sim = Sim::start(None).await;
    sim.fault("hang", false).await;
    let slow = |args: &'static [&'static str]| {
        Genius::new(&sim.url)
            .env("GENIUS_TIMEOUT", Some("0.5"))
            .run(args)
    };
    let write = tokio::time::timeout(
        Duration::from_secs(30),
        slow(&["stage", "set", "--uid", "ABC12345", "Won"]),
    )
    .await
    .expect("the timeout fires");
    write.expect_code(6);
    assert!(
        write.stderr.contains("may or may not have been saved"),
        "{}",
        write.stderr
    );
    slow(&["get", "--uid", "ABC12345"]).await.expect_code(5);
    sim.fault("none", false).await;
}
