//! The layouts older versions kept, read only to be converted once into the contacts log and
//! then removed: the last release's file per contact (`DIR/contacts/UID.json`, with its index
//! `DIR/index.log`, which the log makes redundant) and, before it, one file for every contact
//! (`DIR.json`, rewritten whole on each change). A contact the log already holds as fetched later
//! is left alone; a file that cannot be read is dropped, as a cache may.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::entry::CachedContact;
use super::files::remove_if_present;
use super::index::Index;
use super::store::Store;
use crate::api::Contact;

const LEGACY_FORMAT_VERSION: u32 = 1;
const CONTACT_FILE_VERSION: u32 = 1;

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

/// A contact's file in the last release's layout.
#[derive(Deserialize)]
struct ContactFile {
    version: u32,
    fetched_at: DateTime<Utc>,
    #[serde(default)]
    notes_cut: bool,
    contact: Contact,
}

/// The contacts of an old single-file cache; `None` when it is missing or unreadable.
pub fn read_single_file(path: &Path) -> Option<Vec<CachedContact>> {
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

/// The readable contacts of the last release's per-contact folder (a damaged file is skipped,
/// and so is one holding a contact other than its name says).
fn read_contact_files(dir: &Path) -> Vec<CachedContact> {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    listing
        .flatten()
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
        .filter_map(|entry| {
            let bytes = std::fs::read(entry.path()).ok()?;
            let file: ContactFile = serde_json::from_slice(&bytes).ok()?;
            let expected = format!("{}.json", super::files::escape_file_name(&file.contact.uid));
            (file.version == CONTACT_FILE_VERSION && entry.file_name() == expected.as_str())
                .then_some(CachedContact {
                    fetched_at: file.fetched_at,
                    contact: file.contact,
                    notes_cut: file.notes_cut,
                })
        })
        .collect()
}

impl Store {
    /// Converts whatever older layouts are there, oldest fetched first, then removes them once
    /// every contact is in the log.
    pub(super) fn convert_old_layouts(&self, index: &mut Index) {
        let single = self.layout.legacy_path();
        let folder = self.layout.old_contacts_dir();
        let mut contacts = read_contact_files(&folder);
        if single.exists() {
            match read_single_file(&single) {
                Some(found) => contacts.extend(found),
                None => {
                    tracing::warn!(path = %single.display(), "the old contact cache is unreadable; removing it")
                }
            }
        }
        contacts.sort_by_key(|cached| cached.fetched_at);
        let converted = self.with_log(index, |store, index, log| {
            for cached in &contacts {
                let newer_held = index
                    .get(&cached.contact.uid)
                    .is_some_and(|held| held.summary.fetched_at >= cached.fetched_at);
                if !newer_held {
                    store.put_one(
                        index,
                        log,
                        &cached.contact,
                        cached.fetched_at,
                        cached.notes_cut,
                    )?;
                }
            }
            Ok(())
        });
        if let Err(error) = converted {
            tracing::warn!(%error, "the old contact cache could not be converted");
            return;
        }
        let removed = std::fs::remove_dir_all(&folder)
            .or_else(|error| match error.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(error),
            })
            .and_then(|()| remove_if_present(&self.layout.old_index_path()))
            .and_then(|_| remove_if_present(&single));
        if let Err(error) = removed {
            tracing::warn!(%error, "the old contact cache could not be removed");
        }
    }

    /// How many contacts older layouts hold (for `clear`'s count), without converting them.
    pub(super) fn count_old_layouts(&self) -> usize {
        let files = std::fs::read_dir(self.layout.old_contacts_dir()).map_or(0, |listing| {
            listing
                .flatten()
                .filter(|entry| {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    name.ends_with(".json") && !name.starts_with(super::files::TEMPORARY_PREFIX)
                })
                .count()
        });
        files + read_single_file(&self.layout.legacy_path()).map_or(0, |contacts| contacts.len())
    }
}
