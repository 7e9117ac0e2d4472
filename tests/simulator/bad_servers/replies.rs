//! No success the server did not confirm: the client against a scripted server that redirects,
//! answers `data: {}` or no data, a list where one contact belongs, a contact without uid, an action
//! reply about another contact, `success: false` with each documented code, HTML and empty error
//! pages, a BOM before the JSON, and 429 with an HTTP-date `Retry-After` — and the waiting budget.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use genius::api::client::{decode_data, decode_envelope};
use genius::api::documented::check_reply;
use genius::api::{
    ApiError, ApiRequest, ContactPatch, ErrorKind, Identifier, Lookup, NewContact, RetryWait,
};
use genius::tui::app::requests::describe_error;
use proptest::prelude::*;
use serde_json::Value;

use super::scripted::{Reply, ScriptedServer, json};
use super::{client, quick_retries, uid};

fn answer(status: &'static str, headers: Vec<(&'static str, String)>, body: &str) -> Reply {
    Reply::Answer {
        status,
        headers,
        body: body.into(),
    }
}

fn new_contact() -> NewContact {
    NewContact {
        name: Some("Ana Clara Souza".into()),
        email: Some("ana@example.com".into()),
        ..NewContact::default()
    }
}

/// Sends `request` to a server that answers every request with `reply`; the error and the number
/// of requests the server saw.
async fn failure_of(request: ApiRequest, reply: Reply) -> (ApiError, usize) {
    let server = ScriptedServer::start(vec![reply]).await;
    let api = client(&server.base_url, Duration::from_secs(5), quick_retries(0));
    let error = api
        .send(&request, None)
        .await
        .expect_err("the answer must not count as a success");
    (error, server.request_count())
}

#[tokio::test]
async fn a_redirect_is_an_error_naming_the_new_place_and_is_never_followed() {
    let by_uid = uid("ABC12345");
    let cases = [
        ("301 Moved Permanently", ApiRequest::create(&new_contact())),
        (
            "302 Found",
            ApiRequest::add_note(&by_uid, "Called about the quote"),
        ),
        ("307 Temporary Redirect", ApiRequest::get(&by_uid)),
        ("308 Permanent Redirect", ApiRequest::create(&new_contact())),
    ];
    for (status, request) in cases {
        // Same server, so a followed redirect would show as a second request.
        let moved_to = format!("/v2{}", request.path);
        let server = ScriptedServer::start(vec![answer(
            status,
            vec![("Location", moved_to.clone())],
            "",
        )])
        .await;
        let api = client(&server.base_url, Duration::from_secs(5), quick_retries(3));
        let error = api
            .send(&request, None)
            .await
            .expect_err("a redirect is no success");
        let expected = format!(
            "the server redirected to {}{moved_to}: set --base-url to {}/v2",
            server.base_url, server.base_url
        );
        assert_eq!(error.to_string(), expected, "{status}");
        // The TUI's status line says the same.
        assert_eq!(describe_error(&error, Some(&by_uid)), expected);
        assert_eq!(error.kind(), ErrorKind::Server);
        assert!(!error.maybe_applied());
        assert_eq!(server.request_count(), 1, "{status} was followed");
    }
}

#[tokio::test]
async fn a_redirect_location_loses_its_credentials_and_query() {
    let (error, _) = failure_of(
        ApiRequest::get(&Identifier::Email("ana@example.com".into())),
        answer(
            "301 Moved Permanently",
            vec![(
                "Location",
                "https://user:hunter2@api.example/api/contact?email=ana%40example.com&token=t0k#f"
                    .into(),
            )],
            "<html>moved</html>",
        ),
    )
    .await;
    let text = error.to_string();
    assert_eq!(
        text,
        "the server redirected to https://api.example/api/contact: set --base-url to https://api.example"
    );
}

#[tokio::test]
async fn a_success_without_the_documented_data_is_an_error_never_an_empty_result() {
    let by_uid = uid("ABC12345");
    let by_email = Identifier::Email("ana@example.com".into());
    let cases: Vec<(&str, ApiRequest, &str)> = vec![
        (
            "data {}",
            ApiRequest::get(&by_uid),
            r#"{"success":true,"data":{}}"#,
        ),
        (
            "no data",
            ApiRequest::get(&by_uid),
            r#"{"success":true,"message":"ok"}"#,
        ),
        (
            "data null",
            ApiRequest::get(&by_email),
            r#"{"success":true,"data":null}"#,
        ),
        (
            "no success",
            ApiRequest::get(&by_uid),
            r#"{"data":{"uid":"ABC12345"}}"#,
        ),
        (
            "failure with 200",
            ApiRequest::get(&by_uid),
            r#"{"success":false,"error":"odd"}"#,
        ),
        (
            "a list for a create",
            ApiRequest::create(&new_contact()),
            r#"{"success":true,"data":[]}"#,
        ),
        (
            "a contact without uid",
            ApiRequest::create(&new_contact()),
            r#"{"success":true,"data":{"email":"ana@example.com","firstName":"Ana"}}"#,
        ),
        (
            "a list item without uid",
            ApiRequest::get(&by_email),
            r#"{"success":true,"data":[{"uid":"ABC12345"},{"email":"ana@example.com"}]}"#,
        ),
        (
            "a note on another contact",
            ApiRequest::add_note(&by_uid, "Called"),
            r#"{"success":true,"data":{"contactUid":"XYZ67890","note":"Called"}}"#,
        ),
        (
            "a stage change naming no contact",
            ApiRequest::change_stage(&by_email, "Won"),
            r#"{"success":true,"data":{"stageName":"Won"}}"#,
        ),
        (
            "an update of another contact",
            ApiRequest::update(&ContactPatch {
                city: Some("Recife".into()),
                ..ContactPatch::for_uid("ABC12345")
            }),
            r#"{"success":true,"data":{"uid":"XYZ67890","city":"Recife"}}"#,
        ),
        (
            "a delete of another contact",
            ApiRequest::delete("ABC12345"),
            r#"{"success":true,"data":{"uid":"XYZ67890"}}"#,
        ),
    ];
    for (case, request, body) in cases {
        let write = request.operation.is_write();
        let (error, _) = failure_of(request, json("200 OK", body)).await;
        assert!(
            matches!(error, ApiError::Undocumented { .. }),
            "{case}: {error:?}"
        );
        assert_eq!(error.kind(), ErrorKind::Server, "{case}");
        let text = error.to_string();
        assert!(
            text.starts_with("the server's reply was not what the API documents: "),
            "{case}: {text}"
        );
        assert_eq!(describe_error(&error, None), text, "{case}");
        if write && case != "failure with 200" {
            assert!(text.contains("may have been saved"), "{case}: {text}");
        }
    }
}

#[tokio::test]
async fn the_typed_calls_and_decode_data_refuse_the_same_shapes() {
    let server =
        ScriptedServer::start(vec![json("201 Created", r#"{"success":true,"data":{}}"#)]).await;
    let api = client(&server.base_url, Duration::from_secs(5), quick_retries(0));
    let created = api.create(&new_contact()).await;
    assert!(matches!(
        created,
        Err(ApiError::Undocumented { write: true, .. })
    ));
    // What the TUI decodes replies with.
    let empty: Result<Lookup, _> = decode_data(serde_json::json!({}));
    assert!(matches!(empty, Err(ApiError::Undocumented { .. })));
    let list_for_one: Result<genius::api::Contact, _> = decode_data(serde_json::json!([]));
    assert!(list_for_one.is_err());
    let change: Result<genius::api::ContactChange, _> =
        decode_data(serde_json::json!({"tagName": "VIP"}));
    assert!(change.is_err());
}

#[tokio::test]
async fn each_documented_error_code_decides_the_kind_whatever_the_status() {
    let table = [
        ("AUTH_ERROR", "401 Unauthorized", ErrorKind::Unauthorized),
        ("UNAUTHORIZED", "401 Unauthorized", ErrorKind::Unauthorized),
        ("FORBIDDEN", "403 Forbidden", ErrorKind::Forbidden),
        ("NOT_FOUND", "404 Not Found", ErrorKind::NotFound),
        ("BAD_REQUEST", "400 Bad Request", ErrorKind::BadRequest),
        (
            "METHOD_NOT_ALLOWED",
            "405 Method Not Allowed",
            ErrorKind::BadRequest,
        ),
        (
            "SERVER_ERROR",
            "500 Internal Server Error",
            ErrorKind::Server,
        ),
    ];
    for (code, usual_status, kind) in table {
        for status in [usual_status, "200 OK"] {
            let body = format!(r#"{{"success":false,"error":"Said the server","code":"{code}"}}"#);
            let (error, _) =
                failure_of(ApiRequest::get(&uid("ABC12345")), json(status, &body)).await;
            assert_eq!(error.kind(), kind, "{code} with {status}: {error:?}");
            assert!(
                error.to_string().contains("Said the server"),
                "{code}: {error}"
            );
        }
    }
}

#[tokio::test]
async fn pages_that_are_not_json_are_classified_by_their_status() {
    let html = |status: &'static str| {
        answer(
            status,
            vec![("Content-Type", "text/html".into())],
            "<html><body><h1>Oops</h1></body></html>",
        )
    };
    let cases = [
        (html("401 Unauthorized"), ErrorKind::Unauthorized),
        (
            answer("401 Unauthorized", Vec::new(), ""),
            ErrorKind::Unauthorized,
        ),
        (html("403 Forbidden"), ErrorKind::Forbidden),
        (html("404 Not Found"), ErrorKind::Server),
        (html("502 Bad Gateway"), ErrorKind::Server),
    ];
    for (reply, kind) in cases {
        let (error, _) = failure_of(ApiRequest::get(&uid("ABC12345")), reply).await;
        assert!(matches!(error, ApiError::NotJson { .. }), "{error:?}");
        assert_eq!(error.kind(), kind, "{error}");
        assert!(!error.to_string().contains("<html>"), "{error}");
    }
}

#[tokio::test]
async fn a_bom_before_the_json_is_accepted() {
    let server = ScriptedServer::start(vec![json(
        "200 OK",
        "\u{feff}{\"success\":true,\"data\":{\"uid\":\"ABC12345\",\"firstName\":\"Ana\"}}",
    )])
    .await;
    let lookup = client(&server.base_url, Duration::from_secs(5), quick_retries(0))
        .get(&uid("ABC12345"))
        .await
        .expect("a BOM is no reason to fail");
    let contact = lookup.into_whole().expect("one contact");
    assert_eq!(contact.first_name.as_deref(), Some("Ana"));
}

fn rate_limited_until(date: SystemTime) -> Reply {
    answer(
        "429 Too Many Requests",
        vec![("Retry-After", httpdate::fmt_http_date(date))],
        r#"{"success":false,"error":"Too many requests","code":"RATE_LIMITED"}"#,
    )
}

fn ok_contact() -> Reply {
    json("200 OK", r#"{"success":true,"data":{"uid":"ABC12345"}}"#)
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured_and_a_past_date_means_now() {
    let now = SystemTime::now();
    let server = ScriptedServer::start(vec![
        rate_limited_until(now + Duration::from_secs(2)),
        rate_limited_until(now - Duration::from_secs(30)),
        ok_contact(),
    ])
    .await;
    let api = client(&server.base_url, Duration::from_secs(5), quick_retries(3));
    let waits = Mutex::new(Vec::<RetryWait>::new());
    let observer = |wait: RetryWait| waits.lock().expect("waits").push(wait);
    api.send(&ApiRequest::get(&uid("ABC12345")), Some(&observer))
        .await
        .expect("the third try succeeds");
    let waits = waits.into_inner().expect("waits");
    assert_eq!(waits.len(), 2);
    // The date has whole seconds, so "two seconds from now" is between one and two from now.
    assert!(
        waits[0].wait >= Duration::from_millis(900) && waits[0].wait <= Duration::from_millis(2100),
        "{waits:?}"
    );
    assert!(waits[1].wait < Duration::from_millis(100), "{waits:?}");
}

#[tokio::test]
async fn the_waiting_budget_ends_the_wait_and_is_shared_by_clones() {
    let limited = answer(
        "429 Too Many Requests",
        vec![("Retry-After", "1".into())],
        r#"{"success":false,"code":"RATE_LIMITED"}"#,
    );
    let server = ScriptedServer::start(vec![limited]).await;
    let mut policy = quick_retries(10);
    policy.max_total_wait = Some(Duration::from_millis(1500));
    let reported = Arc::new(Mutex::new(Vec::<Duration>::new()));
    let seen = reported.clone();
    let api = client(&server.base_url, Duration::from_secs(5), policy).with_rate_limit_observer(
        Arc::new(move |wait: RetryWait| seen.lock().expect("seen").push(wait.wait)),
    );
    let error = api.get(&uid("ABC12345")).await.expect_err("still limited");
    assert_eq!(
        error,
        ApiError::RateLimitWaitExceeded {
            waited: Duration::from_millis(1500)
        }
    );
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert!(
        error
            .to_string()
            .starts_with("still rate-limited after 2 s"),
        "{error}"
    );
    let reported = reported.lock().expect("reported").clone();
    assert_eq!(
        reported.iter().sum::<Duration>(),
        Duration::from_millis(1500)
    );
    assert_eq!(server.request_count(), 3, "two waits, three tries");
    let again = api.clone().get(&uid("ABC12345")).await;
    assert!(matches!(again, Err(ApiError::RateLimitWaitExceeded { .. })));
    assert_eq!(
        server.request_count(),
        4,
        "no budget left: one try, no wait"
    );
}

/// Arbitrary JSON, nested a few levels, with the keys the checks look at among the others.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[A-Z0-9]{0,9}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let key = prop_oneof![
            Just("uid".to_string()),
            Just("contactUid".to_string()),
            Just("success".to_string()),
            Just("data".to_string()),
            any::<String>(),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_body_is_read_or_refused_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        bom in any::<bool>(),
        status in 100u16..600,
        write in any::<bool>(),
    ) {
        let mut body = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
        body.extend_from_slice(&bytes);
        let status = reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::OK);
        if let Ok(success) = decode_envelope(status, &body, write) {
            prop_assert!(status.is_success());
            let _ = success.data;
        }
    }

    #[test]
    fn any_data_is_checked_without_panicking_and_what_passes_has_uids(data in any_json()) {
        let requests = [
            ApiRequest::get(&Identifier::Email("a@b.c".into())),
            ApiRequest::get(&Identifier::Uid("ABC12345".into())),
            ApiRequest::create(&NewContact::default()),
            ApiRequest::add_tag(&Identifier::Uid("ABC12345".into()), "t"),
            ApiRequest::delete("ABC12345"),
        ];
        for request in &requests {
            let _ = check_reply(request, &data);
        }
        if let Ok(lookup) = decode_data::<Lookup>(data) {
            prop_assert!(lookup.uids().iter().all(|uid| !uid.trim().is_empty()));
        }
    }
}
