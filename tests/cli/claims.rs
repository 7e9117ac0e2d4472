//! No command claims a write that did not happen: `genius` run for real against a local server that
//! misbehaves — redirects, `data: {}`, `success: false` with each documented code, HTML and empty
//! error pages, endless 429s — must exit non-zero with a plain message on stderr and print no success.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::Genius;

/// What the server answers to every request.
#[derive(Clone)]
struct Canned {
    status: StatusCode,
    headers: Vec<(&'static str, String)>,
    body: String,
}

fn canned(status: u16, headers: &[(&'static str, &str)], body: &str) -> Canned {
    Canned {
        status: StatusCode::from_u16(status).expect("a status code"),
        headers: headers.iter().map(|(n, v)| (*n, v.to_string())).collect(),
        body: body.to_string(),
    }
}

fn json(status: u16, body: &str) -> Canned {
    canned(status, &[("content-type", "application/json")], body)
}

fn html(status: u16) -> Canned {
    canned(
        status,
        &[("content-type", "text/html")],
        "<html><head><title>Error</title></head><body><h1>Error</h1></body></html>",
    )
}

/// A server on a free loopback port answering the n-th request with the n-th canned reply (the last
/// one repeats), recording each request as "METHOD /path".
struct Misbehaving {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

#[derive(Clone)]
struct Shared {
    replies: Arc<Vec<Canned>>,
    seen: Arc<Mutex<Vec<String>>>,
}

async fn answer(State(shared): State<Shared>, method: Method, uri: Uri) -> Response {
    let index = match shared.seen.lock() {
        Ok(mut seen) => {
            seen.push(format!("{method} {}", uri.path()));
            seen.len() - 1
        }
        Err(_) => 0,
    };
    let last = shared.replies.len().saturating_sub(1);
    let Some(Canned {
        status,
        headers,
        body,
    }) = shared.replies.get(index.min(last)).cloned()
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = (status, body).into_response();
    for (name, value) in headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

impl Misbehaving {
    async fn start(reply: Canned) -> Misbehaving {
        Misbehaving::start_sequence(vec![reply]).await
    }

    async fn start_sequence(replies: Vec<Canned>) -> Misbehaving {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Shared {
            replies: Arc::new(replies),
            seen: seen.clone(),
        };
        let app = axum::Router::new().fallback(answer).with_state(shared);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Misbehaving { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen
            .lock()
            .map(|seen| seen.clone())
            .unwrap_or_default()
    }

    async fn genius(&self, args: &[&str]) -> super::Run {
        Genius::new(&self.url).run(args).await
    }
}

const NOTE_ADD: &[&str] = &["note", "add", "--uid", "ABC12345", "Called about the quote"];
const CREATE: &[&str] = &[
    "create",
    "--name",
    "Ana Clara Souza",
    "--email",
    "ana@example.com",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_and_note_add_against_a_redirect_print_no_success_and_name_the_new_place() {
    for (status, command) in [
        (301, CREATE),
        (302, NOTE_ADD),
        (307, CREATE),
        (308, NOTE_ADD),
    ] {
        let server = Misbehaving::start(canned(
            status,
            &[("location", "https://moved.example/api/contact")],
            "",
        ))
        .await;
        let run = server.genius(command).await;
        run.expect_code(5);
        assert!(run.stdout.is_empty(), "{status}: {}", run.stdout);
        assert!(
            run.stderr
                .contains("redirected to https://moved.example/api/contact"),
            "{status}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
        assert_eq!(server.seen().len(), 1, "{status}: {:?}", server.seen());
        for claim in ["created", "added", "uid "] {
            assert!(!run.stdout.contains(claim), "{status}: {}", run.stdout);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_mode_against_undocumented_data_exits_5_and_prints_nothing() {
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"success":true,"data":{}}"#,
            &["get", "--uid", "ABC12345", "--json"],
        ),
        (
            r#"{"success":true}"#,
            &["get", "--uid", "ABC12345", "--json"],
        ),
        (
            r#"{"success":true,"data":null}"#,
            &["get", "--email", "a@b.c", "--json"],
        ),
        (
            r#"{"success":true,"data":{}}"#,
            &["note", "add", "--uid", "ABC12345", "x", "--json"],
        ),
        (
            r#"{"success":true,"data":[]}"#,
            &[
                "create",
                "--name",
                "A B",
                "--phone",
                "+5511999990000",
                "--json",
            ],
        ),
        (
            r#"{"success":true,"data":{"contactUid":"XYZ67890","stageName":"Won"}}"#,
            &["stage", "set", "--uid", "ABC12345", "Won", "--json"],
        ),
    ];
    for (body, args) in cases {
        let server = Misbehaving::start(json(200, body)).await;
        let run = server.genius(args).await;
        run.expect_code(5);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("not what the API documents"),
            "{args:?}: {}",
            run.stderr
        );
    }
    let plain = Misbehaving::start(json(200, r#"{"success":true,"data":{}}"#)).await;
    let run = plain.genius(NOTE_ADD).await;
    run.expect_code(5);
    assert!(!run.stdout.contains("note added"), "{}", run.stdout);
    assert!(run.stderr.contains("may have been saved"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_list_is_not_found_with_json_too() {
    let server = Misbehaving::start(json(200, r#"{"success":true,"data":[]}"#)).await;
    let run = server
        .genius(&["get", "--email", "nobody@example.com", "--json"])
        .await;
    run.expect_code(2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_codes_follow_the_api_code_and_the_status_also_without_json() {
    let failure = |code: &str| {
        json(
            200,
            &format!(r#"{{"success":false,"error":"Said the server","code":"{code}"}}"#),
        )
    };
    let table = [
        (failure("NOT_FOUND"), 2),
        (failure("AUTH_ERROR"), 3),
        (failure("UNAUTHORIZED"), 3),
        (failure("FORBIDDEN"), 3),
        (failure("BAD_REQUEST"), 1),
        (failure("METHOD_NOT_ALLOWED"), 1),
        (failure("SERVER_ERROR"), 5),
        (html(401), 3),
        (canned(401, &[], ""), 3),
        (html(403), 3),
        (html(404), 2),
        (html(502), 5),
        (json(200, r#"{"success":false,"error":"no code"}"#), 5),
    ];
    for (reply, code) in table {
        let described = format!("{} {}", reply.status, reply.body);
        let server = Misbehaving::start(reply).await;
        let run = server.genius(&["get", "--uid", "ABC12345"]).await;
        assert_eq!(run.code, code, "{described}\nstderr: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{described}: {}", run.stdout);
        assert!(!run.stderr.contains("<h1>"), "{}", run.stderr);
        assert!(
            !run.stderr.contains(genius::sim::DEMO_TOKEN),
            "{}",
            run.stderr
        );
        if described.contains("Said the server") {
            assert!(run.stderr.contains("Said the server"), "{}", run.stderr);
        }
    }
}

fn always_limited(retry_after: &str) -> Canned {
    canned(
        429,
        &[
            ("content-type", "application/json"),
            ("retry-after", retry_after),
        ],
        r#"{"success":false,"error":"Too many requests","code":"RATE_LIMITED"}"#,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_rate_limit_wait_is_said_and_max_wait_ends_the_waiting() {
    let server = Misbehaving::start(always_limited("1")).await;
    let run = server
        .genius(&["--max-wait", "2", "note", "add", "--uid", "ABC12345", "x"])
        .await;
    run.expect_code(4);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let notices = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("genius: rate-limited — retrying in "))
        .count();
    assert_eq!(notices, 2, "one line per wait:\n{}", run.stderr);
    assert!(
        run.stderr.contains("still rate-limited after 2 s"),
        "{}",
        run.stderr
    );
    assert_eq!(server.seen().len(), 3, "two waits, three tries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bound_comes_from_the_environment_or_the_profile() {
    let server = Misbehaving::start(always_limited("30")).await;
    let from_env = Genius::new(&server.url)
        .env("GENIUS_MAX_WAIT", Some("0"))
        .run(&["get", "--uid", "ABC12345"])
        .await;
    from_env.expect_code(4);
    assert!(
        from_env.stderr.contains("still rate-limited after 0 s"),
        "{}",
        from_env.stderr
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[profiles.patient]\nbase_url = \"{}\"\nmax_wait = 0\n",
            server.url
        ),
    )
    .expect("write the config");
    let from_profile = Genius::new(&server.url)
        .env("GENIUS_BASE_URL", None)
        .run(&[
            "--config",
            &config.to_string_lossy(),
            "--profile",
            "patient",
            "get",
            "--uid",
            "ABC12345",
        ])
        .await;
    from_profile.expect_code(4);
    assert!(
        from_profile.stderr.contains("still rate-limited after 0 s"),
        "{}",
        from_profile.stderr
    );
    let nonsense = server.genius(&["--max-wait=-3", "get", "--uid", "A"]).await;
    nonsense.expect_code(1);
    assert!(nonsense.stderr.contains("seconds"), "{}", nonsense.stderr);
    assert_eq!(server.seen().len(), 2, "{:?}", server.seen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_terminal_the_wait_counts_down_in_place_and_is_wiped_before_the_message() {
    let server = Misbehaving::start(always_limited("2")).await;
    let url = server.url.clone();
    let (screen, raw) = tokio::task::spawn_blocking(move || {
        let mut terminal = crate::pty::Tui::start_with_env(
            &["--max-wait", "3", "get", "--uid", "ABC12345"],
            &[
                ("GENIUS_BASE_URL", url.as_str()),
                ("GENIUS_TOKEN", genius::sim::DEMO_TOKEN),
            ],
        );
        assert!(!terminal.wait_for_exit(), "still rate-limited is a failure");
        let raw = terminal.output_after_exit();
        (terminal.screen_text(), raw)
    })
    .await
    .expect("the terminal session ran");
    let raw = String::from_utf8_lossy(&raw);
    for left in ["2 s", "1 s"] {
        assert!(
            raw.contains(&format!(
                "\r\x1b[2Kgenius: rate-limited — retrying in {left}"
            )),
            "the countdown redraws its line: {raw:?}"
        );
    }
    assert!(screen.contains("still rate-limited after 3 s"), "{screen}");
    assert!(
        !screen.contains("retrying in"),
        "the countdown line is wiped before the message:\n{screen}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_after_a_countdown_starts_on_a_clean_line() {
    let server = Misbehaving::start_sequence(vec![
        always_limited("1"),
        json(
            200,
            r#"{"success":true,"data":{"uid":"ABC12345","firstName":"Ana"}}"#,
        ),
    ])
    .await;
    let url = server.url.clone();
    let (screen, raw) = tokio::task::spawn_blocking(move || {
        let mut terminal = crate::pty::Tui::start_with_env(
            &["get", "--uid", "ABC12345"],
            &[
                ("GENIUS_BASE_URL", url.as_str()),
                ("GENIUS_TOKEN", genius::sim::DEMO_TOKEN),
                ("NO_COLOR", "1"),
            ],
        );
        assert!(terminal.wait_for_exit(), "the retry succeeds");
        let raw = terminal.output_after_exit();
        (terminal.screen_text(), raw)
    })
    .await
    .expect("the terminal session ran");
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.contains("retrying in "), "the wait was shown: {raw:?}");
    assert!(!screen.contains("retrying in"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|line| line.starts_with("uid ") && line.ends_with("ABC12345")),
        "{screen}"
    );
    assert_eq!(server.seen().len(), 2);
}
