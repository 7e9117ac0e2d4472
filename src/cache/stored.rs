//! What one record of the contacts log says, as bytes: a contact put (when it was fetched, whether
//! its notes were cut, and the contact), a contact fetched again unchanged (its uid and the new
//! time: a day of reopening the same leads writes a few bytes each, not the contact again), or a
//! uid removed. A contact's fields go under one- or
//! two-letter names, absent ones left out: the API's names are the same for every contact, and
//! writing them again on every record would make a cached contact bigger than the API's answer.
//! The index reads a put through the few fields its summary shows, skipping the notes unread.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::Contact;

/// A change, as read back from the log.
#[derive(Debug)]
pub enum Change {
    Put {
        fetched_at: DateTime<Utc>,
        notes_cut: bool,
        contact: Box<Contact>,
    },
    /// Fetched again at this time, unchanged since its last put.
    Touch {
        uid: String,
        fetched_at: DateTime<Utc>,
    },
    Remove(String),
}

/// A change borrowed for writing, so writing copies nothing.
#[derive(Serialize)]
enum ChangeOut<'a> {
    #[serde(rename = "p")]
    Put(DateTime<Utc>, u8, ContactOut<'a>),
    #[serde(rename = "r")]
    Remove(&'a str),
    #[serde(rename = "t")]
    Touch(&'a str, DateTime<Utc>),
}

/// A change as read: `C` is what a put's contact is read as (the whole contact, or the fields
/// the index's summary shows).
#[derive(Deserialize)]
enum ChangeIn<C> {
    #[serde(rename = "p")]
    Put(DateTime<Utc>, u8, C),
    #[serde(rename = "r")]
    Remove(String),
    #[serde(rename = "t")]
    Touch(String, DateTime<Utc>),
}

impl<C> ChangeIn<C> {
    /// The change, a put's contact made by `contact`.
    fn into_change(self, contact: impl FnOnce(C) -> Contact) -> Change {
        match self {
            ChangeIn::Put(fetched_at, notes_cut, read) => Change::Put {
                fetched_at,
                notes_cut: notes_cut != 0,
                contact: Box::new(contact(read)),
            },
            ChangeIn::Remove(uid) => Change::Remove(uid),
            ChangeIn::Touch(uid, fetched_at) => Change::Touch { uid, fetched_at },
        }
    }
}

/// A contact's fields under one- or two-letter names, an absent one left out: the one list of
/// them, for writing and reading (serde's remote definition of [`Contact`], so a field added to
/// `Contact` does not compile until the log keeps it).
#[derive(Serialize, Deserialize)]
#[serde(remote = "Contact")]
struct StoredContact {
    #[serde(rename = "u", default)]
    uid: String,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    first_name: Option<String>,
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    last_name: Option<String>,
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    business_name: Option<String>,
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    birthday: Option<String>,
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    address: Option<String>,
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    city: Option<String>,
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    state: Option<String>,
    #[serde(rename = "z", default, skip_serializing_if = "Option::is_none")]
    zipcode: Option<String>,
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    time_zone: Option<String>,
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    stage_name: Option<String>,
    #[serde(rename = "q", default, skip_serializing_if = "Option::is_none")]
    quality_name: Option<String>,
    #[serde(rename = "oe", default, skip_serializing_if = "Option::is_none")]
    owner_email: Option<String>,
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    owner_name: Option<String>,
    #[serde(rename = "sn", default, skip_serializing_if = "Option::is_none")]
    snapshot: Option<String>,
    #[serde(rename = "n", default, skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(rename = "tg", default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(rename = "cr", default, skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(rename = "lu", default, skip_serializing_if = "Option::is_none")]
    last_update: Option<String>,
}

/// The fields of a stored contact that its summary shows, under the same short names as
/// [`StoredContact`]; the others — the notes above all — are skipped unread by serde, so indexing
/// a contact allocates neither its notes nor a buffer to unescape them in.
#[derive(Deserialize)]
struct SummaryFields {
    #[serde(rename = "u", default)]
    uid: String,
    #[serde(rename = "e", default)]
    email: Option<String>,
    #[serde(rename = "p", default)]
    phone: Option<String>,
    #[serde(rename = "f", default)]
    first_name: Option<String>,
    #[serde(rename = "l", default)]
    last_name: Option<String>,
    #[serde(rename = "b", default)]
    business_name: Option<String>,
    #[serde(rename = "g", default)]
    stage_name: Option<String>,
    #[serde(rename = "oe", default)]
    owner_email: Option<String>,
    #[serde(rename = "o", default)]
    owner_name: Option<String>,
}

/// A contact written under its short names, borrowed.
struct ContactOut<'a>(&'a Contact);

impl Serialize for ContactOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredContact::serialize(self.0, serializer)
    }
}

/// A contact read back from its short names (an absent field is empty).
#[derive(Deserialize)]
struct ContactIn(#[serde(with = "StoredContact")] Contact);

/// The payload of a record putting `contact`.
pub fn put_payload(
    contact: &Contact,
    fetched_at: DateTime<Utc>,
    notes_cut: bool,
) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&ChangeOut::Put(
        fetched_at,
        u8::from(notes_cut),
        ContactOut(contact),
    ))
}

/// The payload of a record removing `uid`.
pub fn remove_payload(uid: &str) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&ChangeOut::Remove(uid))
}

/// The payload of a record saying `uid` was fetched again at `fetched_at`, unchanged.
pub fn touch_payload(uid: &str, fetched_at: DateTime<Utc>) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&ChangeOut::Touch(uid, fetched_at))
}

/// The change a payload describes; `None` when it is not one (damage the checksum missed, or a
/// record of another version).
pub fn parse_payload(payload: &[u8]) -> Option<Change> {
    let change = serde_json::from_slice::<ChangeIn<Box<ContactIn>>>(payload).ok()?;
    Some(change.into_change(|read| read.0))
}

/// The change a payload describes as the index reads it: [`parse_payload`], but a put's contact
/// holds only the fields [`ContactSummary::new`] reads, the others (its notes above all) skipped
/// unread. Such a contact is for making its summary, never to be shown or cached as the contact.
pub fn parse_summary_payload(payload: &[u8]) -> Option<Change> {
    let change = serde_json::from_slice::<ChangeIn<SummaryFields>>(payload).ok()?;
    Some(change.into_change(|fields| Contact {
        uid: fields.uid,
        email: fields.email,
        phone: fields.phone,
        first_name: fields.first_name,
        last_name: fields.last_name,
        business_name: fields.business_name,
        stage_name: fields.stage_name,
        owner_email: fields.owner_email,
        owner_name: fields.owner_name,
        ..Contact::default()
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::cache::ContactSummary;

    #[test]
    fn a_contact_reads_back_field_for_field() {
        let contact = Contact {
            uid: "AB12".into(),
            email: Some("a@x.com".into()),
            last_name: Some("Prado".into()),
            notes: Some("2025-01-01 10:00 hi".into()),
            tags: vec!["vip".into()],
            last_update: Some("2025-01-01 10:00:00".into()),
            ..Contact::default()
        };
        let at = DateTime::from_timestamp(1_700_000_000, 123_456_789).unwrap_or_default();
        let payload = put_payload(&contact, at, true).unwrap_or_default();
        match parse_payload(&payload) {
            Some(Change::Put {
                fetched_at,
                notes_cut,
                contact: read,
            }) => {
                assert_eq!(*read, contact);
                assert_eq!(fetched_at, at);
                assert!(notes_cut);
            }
            other => panic!("{other:?}"),
        }
        let payload = remove_payload("AB12").unwrap_or_default();
        assert!(matches!(parse_payload(&payload), Some(Change::Remove(uid)) if uid == "AB12"));
        assert!(parse_payload(b"[1,2]").is_none());
    }

    /// Any text, controls, quotes, backslashes and newlines included (they are escaped in JSON).
    fn text() -> impl Strategy<Value = Option<String>> {
        proptest::option::of(prop_oneof![
            any::<String>(),
            "[\"\\\\\n\t a-z\u{1F600}]{0,40}"
        ])
    }

    fn contact() -> impl Strategy<Value = Contact> {
        let summary_fields = (
            any::<String>(),
            text(),
            text(),
            text(),
            text(),
            text(),
            text(),
            text(),
            text(),
        );
        let other_fields = (
            (text(), text(), text(), text(), text(), text(), text()),
            (text(), text(), text(), text()),
            proptest::collection::vec(any::<String>(), 0..4),
        );
        (summary_fields, other_fields).prop_map(
            |(
                (
                    uid,
                    email,
                    phone,
                    first_name,
                    last_name,
                    business_name,
                    stage_name,
                    owner_email,
                    owner_name,
                ),
                (
                    (birthday, address, city, state, zipcode, time_zone, value),
                    (quality_name, snapshot, notes, created),
                    tags,
                ),
            )| Contact {
                uid,
                email,
                phone,
                first_name,
                last_name,
                business_name,
                birthday,
                address,
                city,
                state,
                zipcode,
                time_zone,
                value,
                stage_name,
                quality_name,
                owner_email,
                owner_name,
                snapshot,
                notes,
                tags,
                created,
                last_update: None,
            },
        )
    }

    proptest! {
        /// The index's summary-only read of a put gives the summary the whole contact read back
        /// gives: the two lists of short names agree.
        #[test]
        fn the_summary_read_agrees_with_the_whole_read(
            contact in contact(),
            last_update in text(),
            seconds in 0i64..4_000_000_000,
            nanos in 0u32..1_000_000_000,
            notes_cut in any::<bool>(),
            size in any::<u64>(),
        ) {
            let contact = Contact { last_update, ..contact };
            let at = DateTime::from_timestamp(seconds, nanos).unwrap();
            let payload = put_payload(&contact, at, notes_cut).unwrap();
            let Some(Change::Put { fetched_at, notes_cut: cut, contact: whole }) =
                parse_payload(&payload)
            else {
                panic!("the whole read fails");
            };
            prop_assert_eq!(&*whole, &contact);
            let expected = ContactSummary::new(&whole, fetched_at, cut, size);
            let Some(Change::Put { fetched_at, notes_cut: cut, contact: fields }) =
                parse_summary_payload(&payload)
            else {
                panic!("the summary read fails");
            };
            prop_assert_eq!(ContactSummary::new(&fields, fetched_at, cut, size), expected);
            prop_assert_eq!(fields.notes, None);
        }

        /// Removals and touches read the same both ways.
        #[test]
        fn removals_and_touches_read_alike(uid in any::<String>(), seconds in 0i64..4_000_000_000) {
            let at = DateTime::from_timestamp(seconds, 0).unwrap();
            let touch = touch_payload(&uid, at).unwrap();
            for parse in [parse_payload, parse_summary_payload] {
                let touched = matches!(
                    parse(&touch),
                    Some(Change::Touch { uid: read, fetched_at }) if read == uid && fetched_at == at
                );
                prop_assert!(touched);
                let removed = matches!(
                    parse(&remove_payload(&uid).unwrap()),
                    Some(Change::Remove(read)) if read == uid
                );
                prop_assert!(removed);
                prop_assert!(parse(b"[1,2]").is_none());
            }
        }
    }
}
