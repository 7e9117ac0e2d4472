//! The API client against servers that misbehave in the ways real ones do: an HTML 502 from a proxy,
//! a server that accepts and never answers, 429 with and without Retry-After, and bodies with nulls,
//! numbers for strings and missing fields. A scripted raw HTTP server (`scripted`) plays each part;
//! `replies` holds the answers no success may be read from (redirects, undocumented shapes, error
//! codes, pages that are not JSON) and the rate-limit waiting budget. The rest of this suite covers
//! the documented behaviour against the simulator. Also property tests of the notes parser.

#[path = "bad_servers/replies.rs"]
mod replies;
#[path = "bad_servers/scripted.rs"]
mod scripted;

use std::time::{Duration, Instant};

use genius::api::{
    ApiError, ApiToken, Client, ClientConfig, ErrorKind, Identifier, Lookup, NewContact,
    NoteTimeline, RetryPolicy, RetryWait,
};
use proptest::prelude::*;
use scripted::{Reply, ScriptedServer, json};

const SECRET: &str = "tok-4f1c9a-very-secret";

fn client(base_url: &str, request_timeout: Duration, retry: RetryPolicy) -> Client {
    let mut config = ClientConfig::new(base_url, ApiToken::new(SECRET));
    config.request_timeout = request_timeout;
    config.retry = retry;
    Client::new(config).expect("client builds")
}

fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        retry_after_cap: Duration::from_secs(2),
        max_total_wait: None,
    }
}

fn uid(value: &str) -> Identifier {
    Identifier::Uid(value.into())
}

#[tokio::test]
async fn an_html_502_from_a_proxy_is_reported_not_decoded() {
    let server = ScriptedServer::start(vec![Reply::Answer {
        status: "502 Bad Gateway",
        headers: vec![("Content-Type", "text/html".into())],
        body: "<html><body><h1>502 Bad Gateway</h1></body></html>".into(),
    }])
    .await;
    let error = client(&server.base_url, Duration::from_secs(5), quick_retries(0))
        .get(&uid("ABC12345"))
        .await
        .expect_err("a 502 is an error");
    assert_eq!(
        error,
        ApiError::NotJson {
            status: 502,
            reason: "Bad Gateway".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "the server answered 502 Bad Gateway (not JSON)"
    );
    assert_eq!(error.kind(), ErrorKind::Server);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_on_time() {
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let timeout = Duration::from_millis(400);
    let started = Instant::now();
    let error = client(&server.base_url, timeout, quick_retries(3))
        .get(&uid("ABC12345"))
        .await
        .expect_err("no answer is an error");
    let elapsed = started.elapsed();
    assert!(
        matches!(
            error,
            ApiError::Timeout {
                maybe_applied: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        elapsed >= timeout,
        "gave up after {elapsed:?}, before the {timeout:?} timeout"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "the timeout did not fire: {elapsed:?}"
    );
    assert_eq!(
        server.request_count(),
        1,
        "a read that timed out is not retried either"
    );
}

#[tokio::test]
async fn a_create_that_times_out_is_not_retried_and_may_have_been_saved() {
    let server = ScriptedServer::start(vec![Reply::Hang]).await;
    let contact = NewContact {
        name: Some("Ana Clara Souza".into()),
        email: Some("ana@example.com".into()),
        ..Default::default()
    };
    let error = client(
        &server.base_url,
        Duration::from_millis(300),
        quick_retries(5),
    )
    .create(&contact)
    .await
    .expect_err("no answer is an error");
    assert!(error.maybe_applied(), "{error:?}");
    assert!(
        error.to_string().contains("may or may not have been saved"),
        "{error}"
    );
    assert_eq!(
        server.request_count(),
        1,
        "a create that timed out must never be sent twice"
    );
}

#[tokio::test]
async fn rate_limited_requests_are_retried_honouring_retry_after_and_each_wait_is_reported() {
    let limited = Reply::Answer {
        status: "429 Too Many Requests",
        headers: vec![
            ("Content-Type", "application/json".into()),
            ("Retry-After", "1".into()),
        ],
        body: r#"{"success":false,"error":"Too many requests","code":"RATE_LIMITED"}"#.into(),
    };
    let ok = json(
        "200 OK",
        r#"{"success":true,"message":"Contact retrieved successfully","data":{"uid":"ABC12345"}}"#,
    );
    let server = ScriptedServer::start(vec![limited.clone(), limited, ok]).await;
    let api = client(&server.base_url, Duration::from_secs(5), quick_retries(3));
    let waits = std::sync::Mutex::new(Vec::<RetryWait>::new());
    let observer = |wait: RetryWait| waits.lock().expect("waits lock").push(wait);
    let started = Instant::now();
    let success = api
        .send(
            &genius::api::ApiRequest::get(&uid("ABC12345")),
            Some(&observer),
        )
        .await
        .expect("third try succeeds");
    assert_eq!(success.data["uid"], "ABC12345");
    let waits = waits.into_inner().expect("waits");
    assert_eq!(
        waits.iter().map(|w| w.retry).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(
        waits.iter().all(|w| w.wait >= Duration::from_secs(1)),
        "Retry-After honoured: {waits:?}"
    );
    assert!(started.elapsed() >= Duration::from_secs(2));
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn rate_limiting_that_outlasts_the_retries_is_reported_with_the_attempts() {
    let limited = json(
        "429 Too Many Requests",
        r#"{"success":false,"error":"slow down","code":"RATE_LIMITED"}"#,
    );
    let server = ScriptedServer::start(vec![limited]).await;
    let error = client(&server.base_url, Duration::from_secs(5), quick_retries(2))
        .add_note(&uid("ABC12345"), "Called")
        .await
        .expect_err("still limited");
    assert_eq!(
        error,
        ApiError::RateLimited {
            attempts: 3,
            retry_after: None
        }
    );
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert_eq!(
        server.request_count(),
        3,
        "a 429 was not applied, so even a note may be retried"
    );
}

#[tokio::test]
async fn recorded_bodies_with_nulls_numbers_and_missing_fields_decode() {
    let body = r#"{"success":true,"message":"Contact retrieved successfully","data":{
        "uid":"ABC12345","email":null,"phone":5551234567,"firstName":"John","value":5000,
        "tags":null,"notes":null,"unexpected":{"nested":[1,2]},"lastUpdate":"2024-01-15T14:20:00Z"}}"#;
    let server = ScriptedServer::start(vec![json("200 OK", body)]).await;
    let lookup = client(&server.base_url, Duration::from_secs(5), quick_retries(0))
        .get(&uid("ABC12345"))
        .await
        .expect("tolerant decode");
    let Lookup::One(contact) = lookup else {
        panic!("one contact expected")
    };
    assert_eq!(contact.email, None);
    assert_eq!(contact.phone.as_deref(), Some("5551234567"));
    assert_eq!(contact.value.as_deref(), Some("5000"));
    assert!(contact.tags.is_empty());
    assert_eq!(contact.last_name, None);
    assert_eq!(contact.display_name(), "John");
}

#[tokio::test]
async fn an_array_answer_is_several_summaries_and_what_it_adds_is_dropped() {
    // The second match carries more than the documented summary (and no phone at all): it is
    // understood, but the client keeps only the five documented fields.
    let body = r#"{"success":true,"message":"2 contacts found","data":[
        {"uid":"ABC12345","email":"john@example.com","phone":"+15551234567","firstName":"John","lastName":"Doe"},
        {"uid":"XYZ67890","email":"john@example.com","firstName":"John","lastName":"Smith","tags":["a"],"stageName":"Won"}]}"#;
    let server = ScriptedServer::start(vec![json("200 OK", body)]).await;
    let lookup = client(&server.base_url, Duration::from_secs(5), quick_retries(0))
        .get(&Identifier::Email("john@example.com".into()))
        .await
        .expect("decodes");
    let Lookup::Several(summaries) = lookup else {
        panic!("several summaries expected")
    };
    assert_eq!(
        summaries.iter().map(|s| s.uid.as_str()).collect::<Vec<_>>(),
        ["ABC12345", "XYZ67890"]
    );
    assert_eq!(summaries[1].display_name(), "John Smith");
    assert_eq!(summaries[1].phone, None);
}

#[tokio::test]
async fn a_listed_match_without_a_uid_is_an_undocumented_answer() {
    let body = r#"{"success":true,"message":"2 contacts found","data":[
        {"uid":"ABC12345","email":"john@example.com","firstName":"John","lastName":"Doe"},
        {"email":"john@example.com","firstName":"John","lastName":"Smith"}]}"#;
    let server = ScriptedServer::start(vec![json("200 OK", body)]).await;
    let error = client(&server.base_url, Duration::from_secs(5), quick_retries(0))
        .get(&Identifier::Email("john@example.com".into()))
        .await
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("in item 2 of its list, the matching contact has no uid"),
        "{error}"
    );
}

#[tokio::test]
async fn the_token_is_sent_as_a_bearer_header_and_never_appears_in_errors() {
    let body = r#"{"success":false,"error":"Invalid token","code":"AUTH_ERROR"}"#;
    let server = ScriptedServer::start(vec![json("401 Unauthorized", body)]).await;
    let api = client(&server.base_url, Duration::from_secs(5), quick_retries(0));
    let error = api
        .get(&Identifier::Email("ana@example.com".into()))
        .await
        .expect_err("401");
    assert_eq!(error.kind(), ErrorKind::Unauthorized);
    assert_eq!(
        error.to_string(),
        "the API token was rejected: Invalid token"
    );
    let heads = server.heads.lock().expect("heads").clone();
    assert!(
        heads[0].contains(&format!("authorization: Bearer {SECRET}"))
            || heads[0].contains(&format!("Authorization: Bearer {SECRET}"))
    );
    for text in [format!("{error}"), format!("{error:?}"), format!("{api:?}")] {
        assert!(!text.contains(SECRET), "token leaked into {text}");
    }
}

#[tokio::test]
async fn an_unreachable_server_is_a_network_error_that_names_the_host() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    let error = client(
        &format!("http://{addr}"),
        Duration::from_secs(5),
        quick_retries(0),
    )
    .create(&NewContact {
        name: Some("X".into()),
        phone: Some("1".into()),
        ..Default::default()
    })
    .await
    .expect_err("nothing listens");
    assert!(
        matches!(
            error,
            ApiError::Network {
                maybe_applied: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("cannot reach 127.0.0.1"),
        "{error}"
    );
}

#[test]
fn a_base_url_that_is_not_http_is_refused_with_a_message() {
    let error = Client::new(ClientConfig::new("ftp://example.com", ApiToken::new("t")))
        .expect_err("refused");
    assert!(
        error.to_string().contains("must start with http"),
        "{error}"
    );
    assert!(Client::new(ClientConfig::new("not a url", ApiToken::new("t"))).is_err());
}

fn note_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("2025-08-12 09:35 ".to_string()),
        Just("2025-02-30 10:00 ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just(" ".to_string()),
        "[a-zA-Z0-9 çãé🙂\u{1b}\r\t]{0,12}",
        "[0-9: -]{0,17}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn formatting_the_parsed_timeline_gives_back_the_original(text in note_like_text()) {
        prop_assert_eq!(NoteTimeline::parse(&text).format(), text);
    }

    #[test]
    fn any_input_parses_without_panicking_and_round_trips(text in any::<String>()) {
        let timeline = NoteTimeline::parse(&text);
        prop_assert_eq!(timeline.format(), text);
        for entry in &timeline.entries {
            let _ = entry.body();
        }
    }

    #[test]
    fn every_timestamped_paragraph_starts_an_entry(bodies in prop::collection::vec("[a-z ]{1,20}", 1..20)) {
        let text = bodies
            .iter()
            .enumerate()
            .map(|(i, body)| format!("2025-01-{:02} 10:{:02} {body}", i % 28 + 1, i % 60))
            .collect::<Vec<_>>()
            .join("\n\n");
        let timeline = NoteTimeline::parse(&text);
        prop_assert_eq!(timeline.len(), bodies.len());
        prop_assert!(timeline.entries.iter().all(|e| e.timestamp.is_some()));
    }
}
