//! The single file older versions kept per profile (`cache/PROFILE.json`: every contact in one
//! JSON object, rewritten whole on each change). It is only read, to be converted once into the
//! per-contact store and removed.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::entry::CachedContact;
use crate::api::Contact;

const LEGACY_FORMAT_VERSION: u32 = 1;

#[derive(Deserialize)]
struct LegacyFile {
    version: u32,
    contacts: BTreeMap<String, LegacyEntry>,
}

#[derive(Deserialize)]
struct LegacyEntry {
    fetched_at: DateTime<Utc>,
    contact: Contact,
}

/// The contacts of an old single-file cache; `None` when it is missing or unreadable.
pub fn read(path: &Path) -> Option<Vec<CachedContact>> {
    let bytes = std::fs::read(path).ok()?;
    let file: LegacyFile = serde_json::from_slice(&bytes).ok()?;
    if file.version != LEGACY_FORMAT_VERSION {
        return None;
    }
    Some(
        file.contacts
            .into_values()
            .map(|entry| CachedContact::new(entry.contact, entry.fetched_at))
            .collect(),
    )
}
