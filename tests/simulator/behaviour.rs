//! What each operation does to the data, over raw HTTP: create (201, name splitting), update (the
//! whole contact back, additive tags), delete, the five actions and their answers, matching by a
//! shared email or phone, tags as a set, notes in order and verbatim, hostile and long data.

use reqwest::Method;
use serde_json::{Value, json};

use super::{JOHN_DOE_NOTES, call, start};

#[tokio::test]
async fn create_answers_201_and_splits_the_name() {
    let sim = start().await;
    let answer = call(Method::POST, "/api/contact")
        .json(&json!({
            "name": "Ana Clara Souza", "email": "ana@example.com.br", "phone": "+55 11 91234-5678",
            "businessName": "Souza & Filhos", "value": "5000", "stageName": "new lead",
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
        .json(&json!({"name": "Cher", "phone": "+1 555 000 1111"}))
        .send(&sim)
        .await;
    assert_eq!(one_word.data()["firstName"], "Cher");
    assert_eq!(one_word.data()["lastName"], "");
    sim.shutdown().await;
}

#[tokio::test]
async fn update_returns_the_whole_contact_with_additive_tags() {
    let sim = start().await;
    let answer = call(Method::PUT, "/api/contact")
        .json(&json!({
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
        .json(&json!({"uid": "abc12345", "name": "Johnny B Goode", "address": ""}))
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
        .json(&json!({"uid": "NOPE0000", "city": "X"}))
        .send(&sim)
        .await;
    assert_eq!(unknown.status, 404);
    let orphan = call(Method::PUT, "/api/contact")
        .json(&json!({"uid": "ABC12345", "email": "", "phone": ""}))
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
        .json(&json!({"uid": "ABC12345", "tagName": "VIP Customer"}))
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
        .json(&json!({"uid": "ABC12345", "note": note_text}))
        .send(&sim)
        .await;
    assert_eq!(note.json["message"], "Note added to contact successfully");
    assert_eq!(note.data()["note"], note_text);
    let stage = call(Method::PUT, "/api/contact/stage")
        .json(&json!({"uid": "ABC12345", "stageName": "Qualified"}))
        .send(&sim)
        .await;
    assert_eq!(stage.json["message"], "Contact stage updated successfully");
    assert_eq!(stage.data()["stageName"], "Qualified");
    let quality = call(Method::PUT, "/api/contact/quality")
        .json(&json!({"phone": "+15551234567", "qualityName": "Low"}))
        .send(&sim)
        .await;
    assert_eq!(
        quality.json["message"],
        "Contact quality updated successfully"
    );
    assert_eq!(quality.data()["contactUid"], "ABC12345");
    assert_eq!(quality.data()["qualityName"], "Low");
    let owner = call(Method::PUT, "/api/contact/owner")
        .json(&json!({"uid": "ABC12345", "ownerEmail": "carlos.mendes@yourcompany.com"}))
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
        .json(&json!({"email": "john@example.com", "tagName": "X"}))
        .send(&sim)
        .await;
    assert_eq!(by_email.status, 400);
    assert_eq!(
        by_email.error_message(),
        "2 contacts have this email; name the contact by uid"
    );
    // Two contacts share a landline written "+55 11 3456-7890" and "+55 (11) 3456.7890".
    let by_phone = call(Method::PUT, "/api/contact/stage")
        .json(&json!({"phone": "551134567890", "stageName": "Won"}))
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
        .json(&json!({"email": "nobody@example.com", "note": "hi"}))
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
        .json(&json!({"uid": "ABC12345", "tagName": "Hot Lead"}))
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
async fn any_text_is_stored_and_returned_verbatim() {
    let sim = start().await;
    let long = "Conceição 🚀 ".repeat(2_000);
    let samples = [
        "\u{0}NUL and \u{7}BEL",
        "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{9b}31m",
        "\u{202e}esrever \u{2066}isolate\u{2069}",
        "emoji 👨‍👩‍👧‍👦 👍🏽 🇧🇷",
        "CRLF\r\nand \"quotes\" and \\backslash\\",
        "東京 서울 ١٢٣",
        long.as_str(),
    ];
    for text in samples {
        let created = call(Method::POST, "/api/contact")
            .json(&json!({"firstName": text, "lastName": text, "businessName": text,
                         "snapshot": text, "phone": "+1 555 999 0000", "note": text, "tags": [text]}))
            .send(&sim)
            .await;
        assert_eq!(created.status, 201, "{}", created.text);
        let uid = created.data()["uid"].as_str().unwrap().to_string();
        let answer = call(Method::GET, &format!("/api/contact?uid={uid}"))
            .send(&sim)
            .await;
        let contact = answer.data();
        for field in ["firstName", "lastName", "businessName", "snapshot"] {
            assert_eq!(contact[field], text, "{field}");
        }
        assert_eq!(contact["tags"], json!([text]));
        let notes = contact["notes"].as_str().unwrap();
        assert_eq!(notes.get("YYYY-MM-DD HH:MM ".len()..), Some(text));
    }
    sim.shutdown().await;
}
