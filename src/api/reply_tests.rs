//! The reply decoder against the JSON value's way: the same answers, the same errors in the same
//! words, and a huge contact decoded into one contact whose notes reuse the body's buffer.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::*;
use crate::api::documented::check_reply_for;
use crate::api::envelope::decode_envelope;

/// What the JSON value's way makes of a body (the client's decoding before this module).
fn the_old_way(status: StatusCode, body: &[u8], expected: &Expected) -> Result<Reply, ApiError> {
    let write = expected.operation.is_write();
    let success = decode_envelope(status, body, write)?;
    let undocumented = |what| ApiError::Undocumented { what, write };
    check_reply_for(
        expected.operation,
        expected.asked_uid.as_deref(),
        &success.data,
    )
    .map_err(undocumented)?;
    Reply::from_data(expected.operation, &success.data).map_err(undocumented)
}

fn expected(operation: Operation, asked_uid: Option<&str>) -> Expected {
    Expected {
        operation,
        asked_uid: asked_uid.map(str::to_string),
    }
}

fn both_ways(status: StatusCode, body: &str, expected: &Expected) -> Result<Reply, ApiError> {
    let old = the_old_way(status, body.as_bytes(), expected);
    let new = decode_reply(status, body.as_bytes().to_vec(), expected);
    assert_eq!(new, old, "{body}");
    new
}

fn envelope(data: &Value) -> String {
    json!({"success": true, "message": "ok", "data": data}).to_string()
}

#[test]
fn wrong_shapes_are_refused_with_the_same_words_as_before() {
    let by_uid = expected(Operation::Get, Some("ABC12345"));
    let by_email = expected(Operation::Get, None);
    let create = expected(Operation::Create, None);
    let change = expected(Operation::AddNote, Some("ABC12345"));
    let ok = StatusCode::OK;
    let cases: Vec<(StatusCode, String, &Expected, Option<&str>)> = vec![
        (
            ok,
            envelope(&json!({})),
            &by_uid,
            Some("its data is an empty object where a contact belongs"),
        ),
        (
            ok,
            envelope(&json!({"email": "a@b.c"})),
            &by_uid,
            Some("the contact has no uid"),
        ),
        (
            ok,
            envelope(&json!(null)),
            &by_uid,
            Some("it has no data where a contact belongs"),
        ),
        (
            ok,
            envelope(&json!("surprise")),
            &by_email,
            Some("it holds text where a contact belongs"),
        ),
        (
            ok,
            envelope(&json!(42)),
            &create,
            Some("it holds a number where a contact belongs"),
        ),
        (
            ok,
            envelope(&json!([{"uid": "A"}, {}])),
            &by_email,
            Some(
                "in item 2 of its list, its data is an empty object where a matching contact belongs",
            ),
        ),
        (
            ok,
            envelope(&json!([{"uid": "A"}, ["B"]])),
            &by_email,
            Some("in item 2 of its list, it holds a list where a matching contact belongs"),
        ),
        (
            ok,
            envelope(&json!({"uid": "XYZ67890"})),
            &by_uid,
            Some("it answers about contact XYZ67890, not uid ABC12345"),
        ),
        (
            ok,
            envelope(&json!({"contactUid": "XYZ67890"})),
            &change,
            Some("it answers about contact XYZ67890, not uid ABC12345"),
        ),
        (
            ok,
            envelope(&json!([{"uid": "ABC12345"}])),
            &create,
            Some("it holds a list where a contact belongs"),
        ),
        (
            ok,
            r#"{"data":{"uid":"A"}}"#.to_string(),
            &by_email,
            Some("it does not say \"success\": true"),
        ),
        (
            ok,
            r#"[true,null,null,null,{"uid":"A"}]"#.to_string(),
            &by_email,
            Some("it does not say \"success\": true"),
        ),
        (
            ok,
            r#"{"success":true,"data":{"uid":"A","uid":"B"}}"#.to_string(),
            &by_email,
            None,
        ),
        (
            ok,
            r#"{"success":true,"success":false,"data":{"uid":"A"}}"#.to_string(),
            &by_email,
            None,
        ),
        (
            ok,
            r#"{"success":"TRUE","data":{"uid":12345678,"value":5000,"tags":"one","x":{}}}"#
                .to_string(),
            &by_email,
            None,
        ),
    ];
    for (status, body, expected, words) in cases {
        let result = both_ways(status, &body, expected);
        match (words, result) {
            (Some(words), Err(ApiError::Undocumented { what, .. })) => {
                assert_eq!(what, words, "{body}")
            }
            (None, _) => {}
            (Some(words), other) => panic!("{body}: wanted {words:?}, got {other:?}"),
        }
    }
}

#[test]
fn failures_and_bodies_that_are_not_json_are_what_they_were() {
    let get = expected(Operation::Get, None);
    for (status, body) in [
        (StatusCode::OK, "not json"),
        (
            StatusCode::OK,
            "{\"success\":true,\"data\":{\"uid\":\"A\"}} trailing",
        ),
        (
            StatusCode::OK,
            "{\"success\":true,\"data\":{\"uid\":\"A\",\"notes\":\"\\ud83d\"}}",
        ),
        (StatusCode::UNAUTHORIZED, ""),
        (
            StatusCode::NOT_FOUND,
            r#"{"success":false,"error":"Contact not found","code":"NOT_FOUND"}"#,
        ),
        (
            StatusCode::OK,
            r#"{"success":false,"error":"Contact not found","code":"NOT_FOUND"}"#,
        ),
        (StatusCode::OK, r#"{"success":false,"error":"no"}"#),
        (
            StatusCode::OK,
            "\u{feff}{\"success\":true,\"data\":{\"uid\":\"ABC12345\"}}",
        ),
    ] {
        assert!(
            both_ways(status, body, &get).is_err() || body.starts_with('\u{feff}'),
            "{body}"
        );
    }
}

#[test]
fn a_contact_with_100_000_notes_is_one_contact_holding_the_notes_in_the_bodys_buffer() {
    let notes: String = (0..100_000)
        .map(|n| {
            format!(
                "2025-01-01 10:{:02} - call {n}: said \"yes\" \u{e9}\n",
                n % 60
            )
        })
        .collect();
    let data = json!({"uid": "BIG00001", "firstName": "Ana", "notes": notes, "tags": ["a"]});
    let body = envelope(&data).into_bytes();
    let body_buffer = body.as_ptr().addr();
    let by_uid = expected(Operation::Get, Some("BIG00001"));
    let Ok(Reply::Lookup(Lookup::One(contact))) = decode_reply(StatusCode::OK, body, &by_uid)
    else {
        panic!("one contact");
    };
    assert_eq!(contact.first_name.as_deref(), Some("Ana"));
    assert_eq!(contact.tags, ["a"]);
    let kept = contact.notes.as_deref().unwrap_or_default();
    assert_eq!(kept, notes);
    // The notes were made inside the body's own allocation (no second buffer of their size).
    assert_eq!(kept.as_ptr().addr(), body_buffer);
    // And the same reply the JSON value's way is the same contact.
    let again = envelope(&data);
    assert_eq!(
        the_old_way(StatusCode::OK, again.as_bytes(), &by_uid),
        Ok(Reply::Lookup(Lookup::One(contact)))
    );
}

#[test]
fn a_huge_contact_of_the_wrong_uid_or_shape_is_refused_as_before() {
    let notes = "x\\n".repeat(NOTES_KEPT_IN_PLACE);
    let other = format!(r#"{{"success":true,"data":{{"uid":"XYZ67890","notes":"{notes}"}}}}"#);
    let result = both_ways(
        StatusCode::OK,
        &other,
        &expected(Operation::Get, Some("ABC12345")),
    );
    assert!(
        matches!(result, Err(ApiError::Undocumented { .. })),
        "{result:?}"
    );
    let no_uid = format!(r#"{{"success":true,"data":{{"notes":"{notes}","uid":" "}}}}"#);
    let result = both_ways(StatusCode::OK, &no_uid, &expected(Operation::Update, None));
    assert!(
        matches!(result, Err(ApiError::Undocumented { write: true, .. })),
        "{result:?}"
    );
    let twice = format!(r#"{{"success":true,"data":{{"uid":"A","notes":"{notes}","notes":"b"}}}}"#);
    let result = both_ways(StatusCode::OK, &twice, &expected(Operation::Get, None));
    assert!(
        matches!(result, Ok(Reply::Lookup(Lookup::One(ref c))) if c.notes.as_deref() == Some("b"))
    );
    let number = format!(r#"{{"success":true,"data":{{"uid":"A","notes":12,"pad":"{notes}"}}}}"#);
    both_ways(StatusCode::OK, &number, &expected(Operation::Create, None)).unwrap();
}

#[test]
fn an_ordinary_reply_takes_the_quick_way() {
    let body = envelope(&json!({"uid": "ABC12345", "notes": "one\ntwo", "tags": ["t"]}));
    let decoded = quick(
        StatusCode::OK,
        body.into_bytes(),
        &expected(Operation::Get, None),
    );
    assert!(matches!(
        decoded,
        Quick::Decoded(Ok(Reply::Lookup(Lookup::One(_))))
    ));
    let list = envelope(&json!([{"uid": "A", "email": "a@b.c"}, {"uid": "B"}]));
    let decoded = quick(
        StatusCode::OK,
        list.into_bytes(),
        &expected(Operation::Get, None),
    );
    assert!(
        matches!(decoded, Quick::Decoded(Ok(Reply::Lookup(Lookup::Several(ref l)))) if l.len() == 2)
    );
}
