//! Phones are matched by their digits: a number typed in the national format and sent in E.164
//! (`(21) 99123-4567` with region BR → `+5521991234567`) finds the contact stored as
//! `+55 21 99123-4567`, through the real client and over raw HTTP alike.

use genius::api::{
    ApiToken, Client, ClientConfig, ErrorKind, Identifier, Lookup, NewContact, Region,
};
use genius::sim::DEMO_TOKEN;
use reqwest::Method;

use super::{call, start};

fn uids(lookup: Lookup) -> Vec<String> {
    lookup.uids().into_iter().map(str::to_string).collect()
}

#[tokio::test]
async fn a_national_number_sent_in_e164_finds_the_formatted_one() {
    let sim = start().await;
    let client = Client::new(ClientConfig::new(sim.base_url(), ApiToken::new(DEMO_TOKEN)))
        .expect("a client");
    let created = client
        .create(&NewContact {
            name: Some("Conceição Araújo".into()),
            phone: Some("+55 21 99123-4567".into()),
            ..NewContact::default()
        })
        .await
        .expect("created");

    let brazil: Region = "BR".parse().expect("a region");
    let typed = Identifier::parse_with_region("(21) 99123-4567", Some(brazil)).expect("a phone");
    assert_eq!(typed, Identifier::Phone("+5521991234567".into()));
    let found = client.get(&typed).await.expect("found");
    assert_eq!(uids(found), std::slice::from_ref(&created.uid));

    let raw = call(Method::GET, "/api/contact?phone=%2B5521991234567")
        .send(&sim)
        .await;
    assert_eq!(raw.status, 200, "{}", raw.text);
    assert_eq!(raw.data()["uid"], created.uid.as_str());

    // The demo account stores this number formatted; the E.164 form of the national one finds it.
    let demo = Identifier::parse_with_region("(11) 98771-6038", Some(brazil)).expect("a phone");
    assert_eq!(demo, Identifier::Phone("+5511987716038".into()));
    let contacts = client
        .get(&demo)
        .await
        .expect("found")
        .into_listed_contacts();
    assert!(!contacts.is_empty());
    for contact in contacts {
        assert_eq!(contact.phone.as_deref(), Some("+55 11 98771-6038"));
    }

    // Typed without a region the national number keeps its own digits, which are not the stored
    // number's: not found, honestly.
    let unplaced = Identifier::parse_with_region("(21) 99123-4567", None).expect("a phone");
    let missing = client.get(&unplaced).await.expect_err("not found");
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    sim.shutdown().await;
}
