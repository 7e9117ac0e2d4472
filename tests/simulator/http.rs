//! The exact protocol, over raw HTTP: paths, methods, status codes, envelopes, field names and order,
//! error codes and messages, and the behaviours the reference leaves open (name splitting, phone and
//! email matching, tags as a set, notes format, rate limiting).

use reqwest::Method;
use serde_json::{Value, json};

use super::{call, start, start_with};

const JOHN_DOE_NOTES: &str = "2025-08-12 09:35 Talked to lead and he said to call back in 2 days.\n\n2025-08-14 10:46 Called as requested and sent the prices.";

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
async fn a_shared_email_answers_an_array_of_full_contacts() {
    let sim = start().await;
    let answer = call(Method::GET, "/api/contact?email=JOHN@example.com")
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["message"], "2 contacts found");
    let list = answer.data().as_array().expect("an array");
    let uids: Vec<&str> = list.iter().map(|c| c["uid"].as_str().unwrap()).collect();
    assert_eq!(uids, ["ABC12345", "XYZ67890"]);
    assert_eq!(list[1]["phone"], "+15559876543");
    assert_eq!(list[1]["lastName"], "Smith");
    assert!(
        list.iter()
            .all(|c| c.get("tags").is_some() && c.get("created").is_some())
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
async fn create_answers_201_and_splits_the_name() {
    let sim = start().await;
    let answer = call(Method::POST, "/api/contact")
        .json(json!({
            "name": "Ana Clara Souza", "email": "ana@example.com.br", "phone": "+55 11 91234-5678",
            "businessName": "Souza & Filhos", "value": 5000, "stageName": "new lead",
            "qualityName": "High", "ownerEmail": "SALES@yourcompany.com",
            "note": "Primeiro contato 🎉", "tags": ["VIP", "VIP", "Nova Tag"], "birthday": "1990-02-28"
        }))
        .send(&sim)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(answer.json["message"], "Contact created successfully");
    let data = answer.data();
    let uid = data["uid"].as_str().unwrap().to_string();
    assert_eq!(uid.len(), 8);
    assert!(
        uid.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    );
    assert_eq!(data["firstName"], "Ana");
    assert_eq!(data["lastName"], "Clara Souza");
    assert_eq!(data["email"], "ana@example.com.br");
    let keys: Vec<&String> = data.as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        5,
        "create answers uid, email, phone, firstName, lastName"
    );

    let stored = call(Method::GET, &format!("/api/contact?uid={uid}"))
        .send(&sim)
        .await;
    let contact = stored.data();
    assert_eq!(contact["value"], "5000");
    assert_eq!(contact["stageName"], "New Lead", "the account's spelling");
    assert_eq!(contact["ownerEmail"], "sales@yourcompany.com");
    assert_eq!(contact["ownerName"], "Jane Smith");
    assert_eq!(contact["tags"], json!(["VIP", "Nova Tag"]));
    let notes = contact["notes"].as_str().unwrap();
    assert!(notes.ends_with(" Primeiro contato 🎉"), "{notes}");
    assert_eq!(
        notes.len(),
        "YYYY-MM-DD HH:MM ".len() + "Primeiro contato 🎉".len()
    );
    assert_eq!(contact["created"], contact["lastUpdate"]);
    assert!(contact["created"].as_str().unwrap().ends_with('Z'));

    let one_word = call(Method::POST, "/api/contact")
        .json(json!({"name": "Cher", "phone": "+1 555 000 1111"}))
        .send(&sim)
        .await;
    assert_eq!(one_word.data()["firstName"], "Cher");
    assert_eq!(one_word.data()["lastName"], "");
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
    ];
    for (body, message) in cases {
        let answer = call(Method::POST, "/api/contact")
            .json(body.clone())
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
    ];
    for (method, path, body, message) in actions {
        let answer = call(method, path).json(body).send(&sim).await;
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
    let basic = reqwest::Client::new()
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
async fn update_returns_the_whole_contact_with_additive_tags() {
    let sim = start().await;
    let answer = call(Method::PUT, "/api/contact")
        .json(json!({
            "uid": "ABC12345", "city": "Los Angeles", "state": "CA", "value": "10000",
            "stageName": "Qualified", "snapshot": "Follow-up scheduled for next week.",
            "tags": ["Premium Interest", "Website"]
        }))
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["message"], "Contact updated successfully");
    let data = answer.data();
    assert_eq!(data["city"], "Los Angeles");
    assert_eq!(data["stageName"], "Qualified");
    assert_eq!(
        data["tags"],
        json!(["Hot Lead", "Website", "Premium Interest"])
    );
    assert_eq!(data["businessName"], "Acme Corp", "untouched fields stay");
    assert_eq!(data["notes"], JOHN_DOE_NOTES);
    assert_ne!(data["lastUpdate"], "2024-01-15T14:20:00Z");
    let renamed = call(Method::PUT, "/api/contact")
        .json(json!({"uid": "abc12345", "name": "Johnny B Goode", "address": ""}))
        .send(&sim)
        .await;
    let data = renamed.data();
    assert_eq!(
        (data["firstName"].as_str(), data["lastName"].as_str()),
        (Some("Johnny"), Some("B Goode"))
    );
    assert_eq!(
        data["address"],
        Value::Null,
        "an empty string clears a field"
    );
    let unknown = call(Method::PUT, "/api/contact")
        .json(json!({"uid": "NOPE0000", "city": "X"}))
        .send(&sim)
        .await;
    assert_eq!(unknown.status, 404);
    let orphan = call(Method::PUT, "/api/contact")
        .json(json!({"uid": "ABC12345", "email": "", "phone": ""}))
        .send(&sim)
        .await;
    assert_eq!(orphan.error_message(), "email or phone is required");
    sim.shutdown().await;
}

#[tokio::test]
async fn delete_removes_the_contact() {
    let sim = start().await;
    let answer = call(Method::DELETE, "/api/contact?uid=XYZ67890")
        .send(&sim)
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json["message"], "Contact deleted successfully");
    assert_eq!(answer.data(), &json!({"uid": "XYZ67890"}));
    let gone = call(Method::GET, "/api/contact?uid=XYZ67890")
        .send(&sim)
        .await;
    assert_eq!(gone.status, 404);
    let again = call(Method::DELETE, "/api/contact?uid=XYZ67890")
        .send(&sim)
        .await;
    assert_eq!((again.status, again.error_code()), (404, "NOT_FOUND"));
    // John Doe is now the only john@example.com: one object, not an array.
    let single = call(Method::GET, "/api/contact?email=john@example.com")
        .send(&sim)
        .await;
    assert_eq!(single.data()["uid"], "ABC12345");
    sim.shutdown().await;
}

#[tokio::test]
async fn actions_answer_the_documented_shapes() {
    let sim = start().await;
    let tag = call(Method::POST, "/api/contact/tag/add")
        .json(json!({"uid": "ABC12345", "tagName": "VIP Customer"}))
        .send(&sim)
        .await;
    assert_eq!(tag.json["message"], "Tag added to contact successfully");
    assert_eq!(
        tag.data(),
        &json!({"contactUid": "ABC12345", "contactEmail": "john@example.com",
                "contactPhone": "+15551234567", "tagName": "VIP Customer"})
    );
    let note_text = "Customer called.\u{1b}[2J Ünïcødé ✓";
    let note = call(Method::POST, "/api/contact/note/add")
        .json(json!({"uid": "ABC12345", "note": note_text}))
        .send(&sim)
        .await;
    assert_eq!(note.json["message"], "Note added to contact successfully");
    assert_eq!(note.data()["note"], note_text);
    let stage = call(Method::PUT, "/api/contact/stage")
        .json(json!({"uid": "ABC12345", "stageName": "Qualified"}))
        .send(&sim)
        .await;
    assert_eq!(stage.json["message"], "Contact stage updated successfully");
    assert_eq!(stage.data()["stageName"], "Qualified");
    let quality = call(Method::PUT, "/api/contact/quality")
        .json(json!({"phone": "+15551234567", "qualityName": "Low"}))
        .send(&sim)
        .await;
    assert_eq!(
        quality.json["message"],
        "Contact quality updated successfully"
    );
    assert_eq!(quality.data()["contactUid"], "ABC12345");
    assert_eq!(quality.data()["qualityName"], "Low");
    let owner = call(Method::PUT, "/api/contact/owner")
        .json(json!({"uid": "ABC12345", "ownerEmail": "carlos.mendes@yourcompany.com"}))
        .send(&sim)
        .await;
    assert_eq!(owner.json["message"], "Contact owner updated successfully");
    assert_eq!(owner.data()["ownerName"], "Carlos Mendes");

    let contact = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    let data = contact.data();
    assert_eq!(data["stageName"], "Qualified");
    assert_eq!(data["qualityName"], "Low");
    assert_eq!(data["ownerName"], "Carlos Mendes");
    let notes = data["notes"].as_str().unwrap();
    assert!(notes.starts_with(JOHN_DOE_NOTES), "oldest first");
    assert!(notes.ends_with(note_text), "the newest last, verbatim");
    assert_eq!(notes.matches("\n\n").count(), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn actions_by_a_shared_email_or_phone_ask_for_the_uid() {
    let sim = start().await;
    let by_email = call(Method::POST, "/api/contact/tag/add")
        .json(json!({"email": "john@example.com", "tagName": "X"}))
        .send(&sim)
        .await;
    assert_eq!(by_email.status, 400);
    assert_eq!(
        by_email.error_message(),
        "2 contacts have this email; name the contact by uid"
    );
    // Two contacts share a landline written "+55 11 3456-7890" and "+55 (11) 3456.7890".
    let by_phone = call(Method::PUT, "/api/contact/stage")
        .json(json!({"phone": "551134567890", "stageName": "Won"}))
        .send(&sim)
        .await;
    assert_eq!(
        by_phone.error_message(),
        "2 contacts have this phone; name the contact by uid"
    );
    let shared = call(Method::GET, "/api/contact?phone=%2B55%2011%203456-7890")
        .send(&sim)
        .await;
    assert_eq!(shared.json["message"], "2 contacts found");
    let unknown = call(Method::POST, "/api/contact/note/add")
        .json(json!({"email": "nobody@example.com", "note": "hi"}))
        .send(&sim)
        .await;
    assert_eq!((unknown.status, unknown.error_code()), (404, "NOT_FOUND"));
    sim.shutdown().await;
}

#[tokio::test]
async fn tags_are_a_set_and_repeating_one_changes_nothing() {
    let sim = start().await;
    let before = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    let again = call(Method::POST, "/api/contact/tag/add")
        .json(json!({"uid": "ABC12345", "tagName": "Hot Lead"}))
        .send(&sim)
        .await;
    assert_eq!(again.status, 200);
    let after = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&sim)
        .await;
    assert_eq!(after.data()["tags"], json!(["Hot Lead", "Website"]));
    assert_eq!(after.data()["lastUpdate"], before.data()["lastUpdate"]);
    sim.shutdown().await;
}

#[tokio::test]
async fn hostile_and_unicode_text_is_returned_verbatim() {
    let sim = start().await;
    let mallory = call(Method::GET, "/api/contact?email=mallory@evil.example")
        .send(&sim)
        .await;
    let data = mallory.data();
    assert_eq!(data["firstName"], "Mallory\u{1b}]52;c;aGk=\u{7}");
    assert_eq!(data["lastName"], "\u{202e}Snikpoh");
    assert!(data["businessName"].as_str().unwrap().contains('\u{9b}'));
    assert!(data["notes"].as_str().unwrap().contains("\u{1b}[2J"));
    let tanaka = call(Method::GET, "/api/contact?email=misaki.tanaka@example.jp")
        .send(&sim)
        .await;
    assert_eq!(tanaka.data()["lastName"], "田中");
    assert!(
        tanaka.data()["businessName"]
            .as_str()
            .unwrap()
            .contains('🚀')
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_demo_has_long_histories_parsed_entry_per_note() {
    let sim = start().await;
    let answer = call(Method::GET, "/api/contact?phone=x").send(&sim).await;
    assert_eq!(answer.status, 404, "a phone without digits matches nothing");
    // Find the ~5,000-note contact through the client's notes parser.
    let file = genius::sim::demo::AccountFile::demo().unwrap();
    let longest = file.accounts[0]
        .contacts
        .iter()
        .max_by_key(|c| c.notes.len())
        .unwrap();
    let answer = call(Method::GET, &format!("/api/contact?uid={}", longest.uid))
        .send(&sim)
        .await;
    let notes = answer.data()["notes"].as_str().unwrap();
    let timeline = genius::api::NoteTimeline::parse(notes);
    assert_eq!(timeline.len(), longest.notes.len());
    assert!(timeline.len() >= 4_900);
    let stamps: Vec<_> = timeline
        .entries
        .iter()
        .map(|e| e.timestamp.expect("stamped"))
        .collect();
    assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "oldest first");
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
