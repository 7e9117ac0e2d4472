//! The real API client (`genius::api::Client`) against the simulator: every typed method, one and
//! several matches, the errors a salesperson can meet (401, 403, 400 with the field named, 404), and
//! 429 retried until it succeeds or the retries run out.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use genius::api::{
    ApiError, ApiToken, Client, ClientConfig, ContactPatch, ErrorKind, Identifier, Lookup,
    NewContact, NoteTimeline, RetryPolicy, RetryWait,
};
use genius::sim::{DEMO_TOKEN, FREE_TOKEN, RunningSimulator};

use super::{start, start_with};

fn client_for(sim: &RunningSimulator, token: &str) -> Client {
    Client::new(ClientConfig::new(sim.base_url(), ApiToken::new(token))).expect("a client")
}

fn uid(value: &str) -> Identifier {
    Identifier::Uid(value.to_string())
}

#[tokio::test]
async fn every_typed_method_round_trips() {
    let sim = start().await;
    let client = client_for(&sim, DEMO_TOKEN);

    let created = client
        .create(&NewContact {
            name: Some("Conceição Araújo Lima".into()),
            email: Some("conceicao@example.com.br".into()),
            phone: Some("+55 (92) 98123-4567".into()),
            city: Some("Manaus".into()),
            stage_name: Some("Contacted".into()),
            note: Some("Primeira conversa".into()),
            tags: vec!["Indicação".into()],
            ..NewContact::default()
        })
        .await
        .expect("created");
    assert_eq!(created.first_name.as_deref(), Some("Conceição"));
    assert_eq!(created.last_name.as_deref(), Some("Araújo Lima"));
    let id = uid(&created.uid);

    let Lookup::One(found) = client.get(&id).await.expect("found") else {
        panic!("a uid names one contact");
    };
    assert_eq!(found.city.as_deref(), Some("Manaus"));
    assert_eq!(found.tags, vec!["Indicação".to_string()]);

    let mut patch = ContactPatch::for_uid(&created.uid);
    patch.value = Some("15000".into());
    patch.tags = vec!["Hot Lead".into()];
    let updated = client.update(&patch).await.expect("updated");
    assert_eq!(updated.value.as_deref(), Some("15000"));
    assert_eq!(
        updated.tags,
        vec!["Indicação".to_string(), "Hot Lead".to_string()]
    );
    assert_eq!(
        updated.city.as_deref(),
        Some("Manaus"),
        "PUT answers the whole contact"
    );

    let by_phone = Identifier::Phone("5592981234567".into());
    let tagged = client
        .add_tag(&by_phone, "VIP Customer")
        .await
        .expect("tagged");
    assert_eq!(tagged.contact_uid, created.uid);
    assert_eq!(tagged.tag_name.as_deref(), Some("VIP Customer"));
    let noted = client
        .add_note(
            &Identifier::Email("CONCEICAO@example.com.br".into()),
            "Ligou de volta",
        )
        .await
        .expect("noted");
    assert_eq!(noted.note.as_deref(), Some("Ligou de volta"));
    let staged = client.change_stage(&id, "Proposal").await.expect("staged");
    assert_eq!(staged.stage_name.as_deref(), Some("Proposal"));
    let rated = client.change_quality(&id, "High").await.expect("rated");
    assert_eq!(rated.quality_name.as_deref(), Some("High"));
    let owned = client
        .change_owner(&id, "priya.patel@yourcompany.com")
        .await
        .expect("owned");
    assert_eq!(owned.owner_name.as_deref(), Some("Priya Patel"));

    let contact = client
        .get(&id)
        .await
        .expect("found")
        .into_whole()
        .expect("one contact by uid");
    let timeline = NoteTimeline::parse(contact.notes.as_deref().unwrap_or(""));
    let bodies: Vec<&str> = timeline
        .entries
        .iter()
        .map(genius::api::NoteEntry::body)
        .collect();
    assert_eq!(bodies, ["Primeira conversa", "Ligou de volta"]);
    assert_eq!(contact.owner_name.as_deref(), Some("Priya Patel"));
    assert_eq!(contact.stage_name.as_deref(), Some("Proposal"));

    let deleted = client.delete(&created.uid).await.expect("deleted");
    assert_eq!(deleted.uid, created.uid);
    let gone = client.get(&id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_shared_email_is_several_contacts() {
    let sim = start().await;
    let client = client_for(&sim, DEMO_TOKEN);
    match client
        .get(&Identifier::Email("john@example.com".into()))
        .await
    {
        Ok(Lookup::Several(summaries)) => {
            let names: Vec<String> = summaries
                .iter()
                .map(genius::api::ContactSummary::display_name)
                .collect();
            assert_eq!(names, ["John Doe", "John Smith"]);
            // Each is fetched whole by its uid.
            let whole = client.get_whole(&summaries[1].uid).await.expect("fetched");
            assert_eq!(whole.stage_name.as_deref(), Some("Contacted"));
        }
        other => panic!("expected several contacts, got {other:?}"),
    }
    let one = client
        .get(&Identifier::Phone("+1 555 123 4567".into()))
        .await
        .expect("found");
    assert!(matches!(one, Lookup::One(c) if c.uid == "ABC12345"));
    let ambiguous = client
        .add_note(&Identifier::Email("john@example.com".into()), "hi")
        .await
        .unwrap_err();
    assert_eq!(ambiguous.kind(), ErrorKind::BadRequest);
    assert_eq!(
        ambiguous.server_message(),
        Some("2 contacts have this email; name the contact by uid")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn plan_token_and_field_errors_reach_the_caller() {
    let sim = start().await;
    let free = client_for(&sim, FREE_TOKEN)
        .get(&uid("ABC12345"))
        .await
        .unwrap_err();
    assert_eq!(free.kind(), ErrorKind::Forbidden);
    assert_eq!(free.status(), Some(403));
    assert!(
        free.to_string()
            .contains("Your plan (Free) does not include API access")
    );

    let rejected = client_for(&sim, "not-a-token")
        .get(&uid("ABC12345"))
        .await
        .unwrap_err();
    assert_eq!(rejected.kind(), ErrorKind::Unauthorized);
    assert!(matches!(&rejected, ApiError::Api { code: Some(code), .. } if code == "AUTH_ERROR"));

    let client = client_for(&sim, DEMO_TOKEN);
    let stage = client
        .change_stage(&uid("ABC12345"), "Foo")
        .await
        .unwrap_err();
    assert_eq!(
        stage.server_message(),
        Some("stageName 'Foo' does not exist in this account")
    );
    let owner = client
        .change_owner(&uid("ABC12345"), "x@y")
        .await
        .unwrap_err();
    assert_eq!(
        owner.server_message(),
        Some("ownerEmail 'x@y' is not a member of the team")
    );
    let mut patch = ContactPatch::for_uid("ABC12345");
    patch.birthday = Some("2023-02-29".into());
    let birthday = client.update(&patch).await.unwrap_err();
    assert_eq!(
        birthday.server_message(),
        Some("birthday must be a real date in YYYY-MM-DD")
    );
    let nameless = client
        .create(&NewContact {
            phone: Some("+1 555 0100".into()),
            ..NewContact::default()
        })
        .await
        .unwrap_err();
    assert_eq!(
        nameless.server_message(),
        Some("either name or firstName/lastName is required")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after_and_then_succeeds() {
    let sim = start_with(|o| o.rate_limit = Some(1)).await;
    let client = client_for(&sim, DEMO_TOKEN);
    client
        .get(&uid("ABC12345"))
        .await
        .expect("the first request passes");
    let waits: Arc<Mutex<Vec<RetryWait>>> = Arc::default();
    let seen = waits.clone();
    let observer: &(dyn Fn(RetryWait) + Send + Sync) =
        &move |wait: RetryWait| seen.lock().unwrap().push(wait);
    let request = genius::api::ApiRequest::get(&uid("ABC12345"));
    let answer = client
        .send(&request, Some(observer))
        .await
        .expect("retried into a success");
    assert_eq!(answer.status, 200);
    let waits = waits.lock().unwrap().clone();
    assert!(!waits.is_empty(), "the client reported its wait");
    assert!(
        waits[0].wait >= Duration::from_secs(1),
        "Retry-After honoured: {waits:?}"
    );
    let headers = client.rate_limit_headers();
    assert!(
        headers
            .iter()
            .any(|(name, value)| name == "x-ratelimit-limit" && value == "1")
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_429_with_no_retries_left_is_an_error() {
    let sim = start_with(|o| o.rate_limit = Some(1)).await;
    let mut config = ClientConfig::new(sim.base_url(), ApiToken::new(DEMO_TOKEN));
    config.retry = RetryPolicy {
        max_retries: 0,
        ..RetryPolicy::default()
    };
    let client = Client::new(config).unwrap();
    client
        .get(&uid("ABC12345"))
        .await
        .expect("the first request passes");
    let error = client.get(&uid("ABC12345")).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RateLimited);
    assert!(matches!(
        error,
        ApiError::RateLimited { attempts: 1, retry_after: Some(wait) } if wait >= Duration::from_secs(1)
    ));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_client_starts_its_connections_with_the_first_request_and_clones_share_them() {
    let sim = start().await;
    let client = client_for(&sim, DEMO_TOKEN);
    let https = Client::new(ClientConfig::new(
        "https://contact-api.example",
        ApiToken::new(DEMO_TOKEN),
    ))
    .expect("a client");
    assert!(
        !client.connections_started() && !https.connections_started(),
        "making a client loads nothing (no certificate store)"
    );
    let clone = client.clone();
    clone
        .get(&uid("ABC12345"))
        .await
        .expect("plain http needs no certificates");
    assert!(client.connections_started(), "the clone's pool is shared");
    assert!(!https.connections_started());
}
