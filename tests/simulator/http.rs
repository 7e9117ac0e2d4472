//! The exact protocol, over raw HTTP: paths, methods, status codes, envelopes, field names and order,
//! error codes and messages, authentication and plans, malformed bodies, and rate limiting.

use reqwest::Method;
use serde_json::{Value, json};

use super::{JOHN_DOE_NOTES, call, start, start_with};

#[tokio::test]
async fn get_by_uid_answers_the_reference_example_in_order() {
    let sim = start().await;
    let answer = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["message"], "Contact retrieved successfully");
    let data = answer.data();
    let expected = [
        ("uid", "ABC12345"),
        ("email", "john@example.com"),
        ("phone", "+15551234567"),
        ("firstName", "John"),
        ("lastName", "Doe"),
        ("businessName", "Acme Corp"),
        ("address", "123 Main St"),
        ("city", "New York"),
        ("state", "NY"),
        ("zipcode", "10001"),
        ("timeZone", "America/New_York"),
        ("value", "5000"),
        ("stageName", "New Lead"),
        ("qualityName", "High"),
        ("ownerEmail", "sales@yourcompany.com"),
        ("ownerName", "Jane Smith"),
        ("snapshot", "Interested in enterprise solution"),
        ("notes", JOHN_DOE_NOTES),
        ("created", "2024-01-15T10:30:00Z"),
        ("lastUpdate", "2024-01-15T14:20:00Z"),
    ];
    for (field, value) in expected {
        assert_eq!(data[field], value, "{field}");
    }
    assert_eq!(data["tags"], json!(["Hot Lead", "Website"]));
    assert_eq!(data["birthday"], Value::Null);
    // Field order as documented: find each key's position in the raw text.
    let order = [
        "uid",
        "email",
        "phone",
        "firstName",
        "lastName",
        "businessName",
        "birthday",
        "address",
        "city",
        "state",
        "zipcode",
        "timeZone",
        "value",
        "stageName",
        "qualityName",
        "ownerEmail",
        "ownerName",
        "snapshot",
        "notes",
        "tags",
        "created",
        "lastUpdate",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|key| answer.text.find(&format!("\"{key}\":")).expect(key))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", answer.text);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_shared_email_answers_the_reference_summaries() {
    let sim = start().await;
    let answer = call(Method::GET, "/api/contact?email=JOHN@example.com")
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["message"], "2 contacts found");
    // Exactly the reference's "Multiple Contacts" example: the five fields, in its order.
    assert_eq!(
        serde_json::to_string(answer.data()).unwrap(),
        r#"[{"uid":"ABC12345","email":"john@example.com","phone":"+15551234567","firstName":"John","lastName":"Doe"},{"uid":"XYZ67890","email":"john@example.com","phone":"+15559876543","firstName":"John","lastName":"Smith"}]"#
    );
    // One match by phone is one object; formatting is ignored.
    let one = call(Method::GET, "/api/contact?phone=%2B1%20(555)%20987-6543")
        .send(&sim)
        .await;
    assert_eq!(one.data()["uid"], "XYZ67890");
    sim.shutdown().await;
}

#[tokio::test]
async fn lookups_that_fail_say_why() {
    let sim = start().await;
    let missing = call(Method::GET, "/api/contact?uid=NOPE0000")
        .send(&sim)
        .await;
    assert_eq!((missing.status, missing.error_code()), (404, "NOT_FOUND"));
    let nothing = call(Method::GET, "/api/contact").send(&sim).await;
    assert_eq!((nothing.status, nothing.error_code()), (400, "BAD_REQUEST"));
    assert_eq!(
        nothing.error_message(),
        "one of uid, email or phone is required"
    );
    let no_email = call(Method::GET, "/api/contact?email=nobody@nowhere.example")
        .send(&sim)
        .await;
    assert_eq!(no_email.status, 404);
    sim.shutdown().await;
}

#[tokio::test]
async fn bad_parameters_are_400_naming_the_field() {
    let sim = start().await;
    let cases = [
        (
            json!({"email": "a@b.c"}),
            "either name or firstName/lastName is required",
        ),
        (json!({"name": "Ana"}), "email or phone is required"),
        (
            json!({"name": "Ana", "phone": "1", "birthday": "1990-02-30"}),
            "birthday must be a real date in YYYY-MM-DD",
        ),
        (
            json!({"name": "Ana", "phone": "1", "stageName": "Foo"}),
            "stageName 'Foo' does not exist in this account",
        ),
        (
            json!({"name": "Ana", "phone": "1", "qualityName": "Great"}),
            "qualityName 'Great' does not exist in this account",
        ),
        (
            json!({"name": "Ana", "phone": "1", "ownerEmail": "x@y"}),
            "ownerEmail 'x@y' is not a member of the team",
        ),
        (
            json!({"name": "Ana", "phone": "1", "tags": [1, 2]}),
            "tags must be an array of strings",
        ),
        (
            json!({"name": ["Ana"], "phone": "1"}),
            "name must be a string",
        ),
        // The reference documents strings: a number, a boolean or null is not taken for one.
        (
            json!({"name": "Ana", "phone": "1", "value": 5000}),
            "value must be a string",
        ),
        (
            json!({"name": "Ana", "email": true}),
            "email must be a string",
        ),
        (
            json!({"name": "Ana", "phone": "1", "city": null}),
            "city must be a string",
        ),
        (
            json!({"name": "Ana", "phone": "1", "tags": "VIP"}),
            "tags must be an array of strings",
        ),
    ];
    for (body, message) in cases {
        let answer = call(Method::POST, "/api/contact")
            .json(&body.clone())
            .send(&sim)
            .await;
        assert_eq!(
            (answer.status, answer.error_code()),
            (400, "BAD_REQUEST"),
            "{body}"
        );
        assert_eq!(answer.error_message(), message, "{body}");
    }
    let actions = [
        (
            Method::PUT,
            "/api/contact",
            json!({"city": "X"}),
            "uid is required",
        ),
        (
            Method::POST,
            "/api/contact/tag/add",
            json!({"uid": "ABC12345"}),
            "tagName is required",
        ),
        (
            Method::POST,
            "/api/contact/note/add",
            json!({"uid": "ABC12345", "note": "  "}),
            "note is required",
        ),
        (
            Method::PUT,
            "/api/contact/stage",
            json!({"stageName": "Won"}),
            "one of uid, email or phone is required",
        ),
        (
            Method::PUT,
            "/api/contact/stage",
            json!({"uid": "ABC12345"}),
            "stageName is required",
        ),
        (
            Method::PUT,
            "/api/contact/quality",
            json!({"uid": "ABC12345"}),
            "qualityName is required",
        ),
        (
            Method::PUT,
            "/api/contact/owner",
            json!({"uid": "ABC12345"}),
            "ownerEmail is required",
        ),
        // Every identifier present is checked, not only the one used to find the contact.
        (
            Method::POST,
            "/api/contact/note/add",
            json!({"uid": "ABC12345", "email": ["john@example.com"], "note": "hi"}),
            "email must be a string",
        ),
        (
            Method::PUT,
            "/api/contact/stage",
            json!({"uid": "ABC12345", "phone": 5551234567_u64, "stageName": "Won"}),
            "phone must be a string",
        ),
        (
            Method::POST,
            "/api/contact/tag/add",
            json!({"uid": false, "email": "john@example.com", "tagName": "X"}),
            "uid must be a string",
        ),
    ];
    for (method, path, body, message) in actions {
        let answer = call(method, path).json(&body).send(&sim).await;
        assert_eq!(answer.status, 400, "{path}");
        assert_eq!(answer.error_message(), message, "{path}");
    }
    let delete = call(Method::DELETE, "/api/contact").send(&sim).await;
    assert_eq!(delete.error_message(), "uid is required");
    sim.shutdown().await;
}

#[tokio::test]
async fn malformed_bodies_are_400_json_never_empty() {
    let sim = start().await;
    let malformed = call(Method::POST, "/api/contact")
        .raw("{\"name\": \"Ana\",", Some("application/json"))
        .send(&sim)
        .await;
    assert_eq!(
        (malformed.status, malformed.error_code()),
        (400, "BAD_REQUEST")
    );
    assert!(
        malformed.error_message().starts_with("malformed JSON"),
        "{}",
        malformed.text
    );
    let form = call(Method::PUT, "/api/contact/stage")
        .raw(
            "uid=ABC12345&stageName=Won",
            Some("application/x-www-form-urlencoded"),
        )
        .send(&sim)
        .await;
    assert_eq!(form.status, 400);
    assert!(
        form.error_message()
            .contains("Content-Type must be application/json")
    );
    let empty = call(Method::POST, "/api/contact/note/add")
        .raw("", None)
        .send(&sim)
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.error_message().contains("empty"));
    let array = call(Method::POST, "/api/contact")
        .raw("[1,2]", None)
        .send(&sim)
        .await;
    assert_eq!(
        array.error_message(),
        "the request body must be a JSON object"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_are_404_and_wrong_methods_405_in_the_envelope() {
    let sim = start().await;
    for path in [
        "/",
        "/api",
        "/api/contacts",
        "/api/contact/tag/remove",
        "/api/contact/",
    ] {
        let answer = call(Method::GET, path).send(&sim).await;
        assert_eq!(
            (answer.status, answer.error_code()),
            (404, "NOT_FOUND"),
            "{path}"
        );
    }
    let wrong = [
        (Method::PATCH, "/api/contact"),
        (Method::GET, "/api/contact/tag/add"),
        (Method::PUT, "/api/contact/note/add"),
        (Method::POST, "/api/contact/stage"),
        (Method::DELETE, "/api/contact/quality"),
        (Method::GET, "/api/contact/owner"),
        (Method::POST, "/openapi.json"),
    ];
    for (method, path) in wrong {
        let answer = call(method.clone(), path).send(&sim).await;
        assert_eq!(answer.status, 405, "{method} {path}");
        assert_eq!(answer.error_code(), "METHOD_NOT_ALLOWED");
        assert!(answer.error_message().contains(path), "{}", answer.text);
        assert!(answer.headers.contains_key("allow"));
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn authentication_and_plans() {
    let sim = start().await;
    let path = "/api/contact?uid=ABC12345";
    let missing = call(Method::GET, path).token(None).send(&sim).await;
    assert_eq!(
        (missing.status, missing.error_code()),
        (401, "UNAUTHORIZED")
    );
    let unknown = call(Method::GET, path)
        .token(Some("wrong-token"))
        .send(&sim)
        .await;
    assert_eq!((unknown.status, unknown.error_code()), (401, "AUTH_ERROR"));
    assert!(
        !unknown.text.contains("wrong-token"),
        "the token is never echoed"
    );
    let basic = super::http_client()
        .get(format!("{}{path}", sim.base_url()))
        .basic_auth("demo-token", Some("x"))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status().as_u16(), 401);
    let body: Value = basic.json().await.unwrap();
    assert_eq!(body["code"], "UNAUTHORIZED");
    for (token, plan) in [("free-token", "Free"), ("express-token", "Express")] {
        let answer = call(Method::GET, path).token(Some(token)).send(&sim).await;
        assert_eq!((answer.status, answer.error_code()), (403, "FORBIDDEN"));
        assert_eq!(
            answer.error_message(),
            format!(
                "Your plan ({plan}) does not include API access: upgrade to Starter, Pro or Business"
            )
        );
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after_and_headers() {
    let sim = start_with(|o| o.rate_limit = Some(2)).await;
    let path = "/api/contact?uid=ABC12345";
    let first = call(Method::GET, path).send(&sim).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.headers["x-ratelimit-limit"], "2");
    assert_eq!(first.headers["x-ratelimit-remaining"], "1");
    let second = call(Method::GET, path).send(&sim).await;
    assert_eq!(second.headers["x-ratelimit-remaining"], "0");
    let third = call(Method::GET, path).send(&sim).await;
    assert_eq!((third.status, third.error_code()), (429, "RATE_LIMITED"));
    let retry_after: u64 = third.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    assert_eq!(third.headers["x-ratelimit-remaining"], "0");
    // Buckets are per token: another token is not limited by the demo token's use.
    let free = call(Method::GET, path)
        .token(Some("free-token"))
        .send(&sim)
        .await;
    assert_eq!(free.status, 403);
    sim.shutdown().await;
}

#[tokio::test]
async fn without_a_limit_there_are_no_rate_headers() {
    let sim = start().await;
    let answer = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    assert!(!answer.headers.contains_key("x-ratelimit-limit"));
    sim.shutdown().await;
}

#[tokio::test]
async fn authentication_comes_before_the_rate_limit() {
    let sim = start_with(|o| {
        o.rate_limit = Some(1);
        o.control = true;
    })
    .await;
    let path = "/api/contact?uid=ABC12345";
    // However many callers without a valid token come, each is told 401, never 429, and none of
    // them spends the demo account's one request per second.
    for token in [None, Some("wrong-token"), Some("another-one"), None] {
        for _ in 0..3 {
            let answer = call(Method::GET, path).token(token).send(&sim).await;
            assert_eq!(answer.status, 401, "{token:?}: {}", answer.text);
            assert!(!answer.headers.contains_key("retry-after"));
        }
    }
    let demo = call(Method::GET, path).send(&sim).await;
    assert_eq!(demo.status, 200, "{}", demo.text);
    assert_eq!(demo.headers["x-ratelimit-remaining"], "0");
    let limited = call(Method::GET, path).send(&sim).await;
    assert_eq!(limited.status, 429);
    // A plan without API access is told so, whatever the demo account's bucket holds.
    let free = call(Method::GET, path)
        .token(Some("free-token"))
        .send(&sim)
        .await;
    assert_eq!(free.status, 403);
    // Made-up tokens leave no trace in the counters.
    let unknown = call(Method::GET, "/__sim/stats?token=wrong-token")
        .token(None)
        .send(&sim)
        .await;
    assert_eq!(unknown.status, 404);
    let stats = call(Method::GET, "/__sim/stats")
        .token(None)
        .send(&sim)
        .await;
    assert_eq!(
        (
            stats.json["requests"].as_u64(),
            stats.json["rate_limited"].as_u64()
        ),
        (Some(2), Some(1))
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn note_times_are_in_the_account_zone_and_stamps_in_utc() {
    let sim = start().await;
    let created = call(Method::POST, "/api/contact")
        .json(&json!({"name": "Zona Horária", "phone": "+55 11 95555-0000", "note": "first"}))
        .send(&sim)
        .await;
    let uid = created.data()["uid"].as_str().unwrap().to_string();
    let contact = call(Method::GET, &format!("/api/contact?uid={uid}"))
        .send(&sim)
        .await;
    let data = contact.data();
    let created_at: chrono::DateTime<chrono::Utc> =
        data["created"].as_str().unwrap().parse().unwrap();
    assert!(data["created"].as_str().unwrap().ends_with('Z'));
    assert!(data["lastUpdate"].as_str().unwrap().ends_with('Z'));
    // The note's minute, written in America/Sao_Paulo (the demo account's zone), no zone said.
    let local = genius::api::time_zones::Zone::find_exact("America/Sao_Paulo")
        .unwrap()
        .wall_time(created_at);
    let expected = format!("{} first", local.format("%Y-%m-%d %H:%M"));
    assert_eq!(data["notes"], expected.as_str());
    sim.shutdown().await;
}
