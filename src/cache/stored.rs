//! What one record of the contacts log says, as bytes: a contact put (when it was fetched, whether
//! its notes were cut, and the contact), a contact fetched again unchanged (its uid and the new
//! time: a day of reopening the same leads writes a few bytes each, not the contact again), or a
//! uid removed. A contact's fields go under one- or
//! two-letter names, absent ones left out: the API's names are the same for every contact, and
//! writing them again on every record would make a cached contact bigger than the API's answer.

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

#[derive(Deserialize)]
enum ChangeIn {
    #[serde(rename = "p")]
    Put(DateTime<Utc>, u8, Box<ContactIn>),
    #[serde(rename = "r")]
    Remove(String),
    #[serde(rename = "t")]
    Touch(String, DateTime<Utc>),
}

/// A contact's fields under one- or two-letter names, borrowed; an absent field is left out.
#[derive(Serialize)]
struct ContactOut<'a> {
    #[serde(rename = "u")]
    uid: &'a str,
    #[serde(rename = "e", skip_serializing_if = "absent")]
    email: &'a Option<String>,
    #[serde(rename = "p", skip_serializing_if = "absent")]
    phone: &'a Option<String>,
    #[serde(rename = "f", skip_serializing_if = "absent")]
    first_name: &'a Option<String>,
    #[serde(rename = "l", skip_serializing_if = "absent")]
    last_name: &'a Option<String>,
    #[serde(rename = "b", skip_serializing_if = "absent")]
    business_name: &'a Option<String>,
    #[serde(rename = "d", skip_serializing_if = "absent")]
    birthday: &'a Option<String>,
    #[serde(rename = "a", skip_serializing_if = "absent")]
    address: &'a Option<String>,
    #[serde(rename = "c", skip_serializing_if = "absent")]
    city: &'a Option<String>,
    #[serde(rename = "s", skip_serializing_if = "absent")]
    state: &'a Option<String>,
    #[serde(rename = "z", skip_serializing_if = "absent")]
    zipcode: &'a Option<String>,
    #[serde(rename = "t", skip_serializing_if = "absent")]
    time_zone: &'a Option<String>,
    #[serde(rename = "v", skip_serializing_if = "absent")]
    value: &'a Option<String>,
    #[serde(rename = "g", skip_serializing_if = "absent")]
    stage_name: &'a Option<String>,
    #[serde(rename = "q", skip_serializing_if = "absent")]
    quality_name: &'a Option<String>,
    #[serde(rename = "oe", skip_serializing_if = "absent")]
    owner_email: &'a Option<String>,
    #[serde(rename = "o", skip_serializing_if = "absent")]
    owner_name: &'a Option<String>,
    #[serde(rename = "sn", skip_serializing_if = "absent")]
    snapshot: &'a Option<String>,
    #[serde(rename = "n", skip_serializing_if = "absent")]
    notes: &'a Option<String>,
    #[serde(rename = "tg", skip_serializing_if = "no_tags")]
    tags: &'a [String],
    #[serde(rename = "cr", skip_serializing_if = "absent")]
    created: &'a Option<String>,
    #[serde(rename = "lu", skip_serializing_if = "absent")]
    last_update: &'a Option<String>,
}

fn absent(field: &&Option<String>) -> bool {
    field.is_none()
}

fn no_tags(tags: &&[String]) -> bool {
    tags.is_empty()
}

/// A contact's fields under their short names, read back (an absent one is empty).
#[derive(Default, Deserialize)]
#[serde(default)]
struct ContactIn {
    #[serde(rename = "u")]
    uid: String,
    #[serde(rename = "e")]
    email: Option<String>,
    #[serde(rename = "p")]
    phone: Option<String>,
    #[serde(rename = "f")]
    first_name: Option<String>,
    #[serde(rename = "l")]
    last_name: Option<String>,
    #[serde(rename = "b")]
    business_name: Option<String>,
    #[serde(rename = "d")]
    birthday: Option<String>,
    #[serde(rename = "a")]
    address: Option<String>,
    #[serde(rename = "c")]
    city: Option<String>,
    #[serde(rename = "s")]
    state: Option<String>,
    #[serde(rename = "z")]
    zipcode: Option<String>,
    #[serde(rename = "t")]
    time_zone: Option<String>,
    #[serde(rename = "v")]
    value: Option<String>,
    #[serde(rename = "g")]
    stage_name: Option<String>,
    #[serde(rename = "q")]
    quality_name: Option<String>,
    #[serde(rename = "oe")]
    owner_email: Option<String>,
    #[serde(rename = "o")]
    owner_name: Option<String>,
    #[serde(rename = "sn")]
    snapshot: Option<String>,
    #[serde(rename = "n")]
    notes: Option<String>,
    #[serde(rename = "tg")]
    tags: Vec<String>,
    #[serde(rename = "cr")]
    created: Option<String>,
    #[serde(rename = "lu")]
    last_update: Option<String>,
}

impl<'a> ContactOut<'a> {
    /// Destructured without `..`, so a field added to [`Contact`] does not compile until the log
    /// keeps it.
    fn of(contact: &'a Contact) -> Self {
        let Contact {
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
            last_update,
        } = contact;
        ContactOut {
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
            last_update,
        }
    }
}

impl From<ContactIn> for Contact {
    fn from(stored: ContactIn) -> Self {
        let ContactIn {
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
            last_update,
        } = stored;
        Contact {
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
            last_update,
        }
    }
}

/// The payload of a record putting `contact`.
pub fn put_payload(
    contact: &Contact,
    fetched_at: DateTime<Utc>,
    notes_cut: bool,
) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(&ChangeOut::Put(
        fetched_at,
        u8::from(notes_cut),
        ContactOut::of(contact),
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
    match serde_json::from_slice::<ChangeIn>(payload).ok()? {
        ChangeIn::Put(fetched_at, notes_cut, contact) => Some(Change::Put {
            fetched_at,
            notes_cut: notes_cut != 0,
            contact: Box::new(Contact::from(*contact)),
        }),
        ChangeIn::Remove(uid) => Some(Change::Remove(uid)),
        ChangeIn::Touch(uid, fetched_at) => Some(Change::Touch { uid, fetched_at }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
