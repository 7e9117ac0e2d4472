//! Keeping the index true to the contacts' files: reading it on first use, rebuilding it from the
//! files when it is missing or damaged, and (when compacting) adopting files the index lost and
//! dropping entries whose file is gone. A cache is never a reason to fail, so none of this
//! returns an error: what cannot be read is absent, and what cannot be written is logged.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::time::{Duration, SystemTime};

use super::entry::ContactSummary;
use super::files::{TEMPORARY_PREFIX, escape_file_name, remove_if_present};
use super::index::{Index, LogRead};
use super::store::{Store, read_contact_file};

/// A temporary file older than this was left by a crash (a write takes milliseconds).
const ABANDONED_AFTER: Duration = Duration::from_secs(600);

/// True for the name of a contact's file (not a temporary one).
pub fn is_contact_file_name(name: &OsStr) -> bool {
    // The store names these files itself, always with a lower-case `.json`.
    let is_json = std::path::Path::new(name)
        .extension()
        .is_some_and(|extension| extension == "json");
    is_json
        && name
            .to_str()
            .is_some_and(|name| !name.starts_with(TEMPORARY_PREFIX))
}

impl Store {
    /// The index from its log; rebuilt from the contacts' files when the log is damaged, or
    /// missing while files exist.
    pub(super) fn load_index(&self) -> Index {
        match Index::read(&self.layout.index_path()) {
            LogRead::Read(index) => index,
            LogRead::Missing if !self.layout.contacts_dir().exists() => Index::default(),
            LogRead::Missing | LogRead::Damaged => {
                tracing::warn!(
                    dir = %self.layout.dir().display(),
                    "the contact cache's index is missing or damaged; rebuilding it from the files"
                );
                let mut index = Index::default();
                self.reconcile(&mut index);
                if let Err(error) = self.write_whole_log(&mut index) {
                    tracing::warn!(%error, "the rebuilt index could not be written");
                }
                index
            }
        }
    }

    /// Makes `index` agree with the contacts' folder: an entry whose file is gone is dropped, a
    /// file the index does not know is read and adopted (or removed when damaged), and temporary
    /// files abandoned by a crash are removed.
    pub(super) fn reconcile(&self, index: &mut Index) {
        let dir = self.layout.contacts_dir();
        let Ok(listing) = std::fs::read_dir(&dir) else {
            let known: Vec<String> = index.summaries().map(|s| s.uid.clone()).collect();
            for uid in known {
                index.remove(&uid);
            }
            return;
        };
        let by_file_name: HashMap<String, String> = index
            .summaries()
            .map(|summary| {
                (
                    format!("{}.json", escape_file_name(&summary.uid)),
                    summary.uid.clone(),
                )
            })
            .collect();
        let mut present: HashSet<String> = HashSet::new();
        for entry in listing.flatten() {
            let name = entry.file_name();
            let path = entry.path();
            if name
                .to_str()
                .is_some_and(|n| n.starts_with(TEMPORARY_PREFIX))
            {
                let abandoned = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|modified| SystemTime::now().duration_since(modified).ok())
                    .is_some_and(|age| age > ABANDONED_AFTER);
                if abandoned {
                    let _ = remove_if_present(&path);
                }
                continue;
            }
            if !is_contact_file_name(&name) {
                continue;
            }
            let name = name.to_string_lossy().into_owned();
            if let Some(uid) = by_file_name.get(&name) {
                present.insert(uid.clone());
                continue;
            }
            let size = entry.metadata().map_or(0, |m| m.len());
            match read_contact_file(&path) {
                Some(cached)
                    if format!("{}.json", escape_file_name(&cached.contact.uid)) == name =>
                {
                    present.insert(cached.contact.uid.clone());
                    index.insert(ContactSummary::of(&cached, size));
                }
                _ => {
                    let _ = remove_if_present(&path);
                }
            }
        }
        let gone: Vec<String> = index
            .summaries()
            .filter(|summary| !present.contains(&summary.uid))
            .map(|summary| summary.uid.clone())
            .collect();
        for uid in gone {
            index.remove(&uid);
        }
    }

    /// Converts the single file older versions kept into per-contact files, once: a contact the
    /// store already holds as fetched later is left alone, and the old file is removed when
    /// every contact was converted (a damaged one is removed as it is).
    pub(super) fn convert_legacy(&self, index: &mut Index) {
        let legacy = self.layout.legacy_path();
        let Some(mut contacts) = super::legacy::read(&legacy) else {
            tracing::warn!(path = %legacy.display(), "the old contact cache is unreadable; removing it");
            let _ = remove_if_present(&legacy);
            return;
        };
        contacts.sort_by_key(|cached| cached.fetched_at);
        let mut converted = true;
        for cached in contacts {
            let newer_held = index
                .get(&cached.contact.uid)
                .is_some_and(|held| held.fetched_at >= cached.fetched_at);
            if newer_held {
                continue;
            }
            if let Err(error) =
                self.put_one(index, &cached.contact, cached.fetched_at, cached.notes_cut)
            {
                tracing::warn!(%error, "the old contact cache could not be converted");
                converted = false;
                break;
            }
        }
        if let Err(error) = self.evict_over_bounds(index) {
            tracing::warn!(%error, "the contact cache could not be trimmed to its bounds");
        }
        if converted && let Err(error) = remove_if_present(&legacy) {
            tracing::warn!(%error, path = %legacy.display(), "the old contact cache could not be removed");
        }
    }
}
