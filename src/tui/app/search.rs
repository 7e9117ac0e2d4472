//! Finding a contact again by name: when the lookup text is not a uid, email or phone, the
//! contacts this profile has seen — the cache's index, read and indexed once off the key path
//! (`Command::LoadSearchIndex`), and the recent contacts — are searched fuzzily and
//! accent-insensitively by name, business, email and phone, and the start screen lists the matches
//! as you type; Enter opens the best one.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use compact_str::CompactString;

use crate::api::Identifier;
use crate::cache::{ContactCache, ContactSummary};
use crate::contact_search::{ContactIndex, SearchEntry, compact_text};
use crate::tui::app::{App, Screen};
use crate::tui::model::recents::RecentContact;
use crate::tui::screens::home::NameMatch;

/// How many matches the start screen lists.
pub const MAX_MATCHES: usize = 20;

/// The searchable index of the contacts seen, shared (cheap to clone with the app). Two are equal
/// when they are the same index.
#[derive(Debug, Clone, Default)]
pub struct SharedIndex(pub Arc<ContactIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &SharedIndex) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedIndex {
    /// Indexes the contacts `cache` holds (what the effects runner does, off the UI thread),
    /// straight from its index: no copy of every summary on the way.
    pub fn of_cache(cache: &ContactCache) -> SharedIndex {
        SharedIndex(Arc::new(ContactIndex::new(
            cache.map_summaries(entry_of_summary),
        )))
    }

    /// Indexes these summaries.
    pub fn of_summaries(summaries: &[ContactSummary]) -> SharedIndex {
        let entries = summaries.iter().map(entry_of_summary).collect();
        SharedIndex(Arc::new(ContactIndex::new(entries)))
    }
}

fn entry_of_summary(summary: &ContactSummary) -> SearchEntry {
    SearchEntry {
        uid: summary.uid.as_str().into(),
        name: summary.name.as_str().into(),
        business: compact_text(&summary.business),
        email: compact_text(&summary.email),
        phone: compact_text(&summary.phone),
        stage: compact_text(&summary.stage),
        owner: compact_text(&summary.owner),
        seen_at: summary.fetched_at,
    }
}

fn entry_of_recent(recent: &RecentContact) -> SearchEntry {
    SearchEntry {
        uid: recent.uid.as_str().into(),
        name: recent.name.as_str().into(),
        business: compact_text(&recent.business),
        email: compact_text(&recent.email),
        phone: compact_text(&recent.phone),
        stage: compact_text(&recent.stage),
        owner: compact_text(&recent.owner),
        seen_at: recent.viewed_at,
    }
}

fn name_match(entry: &SearchEntry) -> NameMatch {
    let owned = |text: &Option<CompactString>| text.as_deref().map(str::to_string);
    NameMatch {
        uid: entry.uid.to_string(),
        name: entry.name.to_string(),
        business: owned(&entry.business),
        email: owned(&entry.email),
        phone: owned(&entry.phone),
        stage: owned(&entry.stage),
        owner: owned(&entry.owner),
        seen_at: entry.seen_at,
    }
}

impl App {
    /// The contacts seen that match `text` (not an identifier), best first.
    pub fn search_seen(&self, text: &str) -> Vec<NameMatch> {
        // Nothing typed (every key in the start screen's list): nothing to parse or search.
        if text.trim().is_empty() {
            return Vec::new();
        }
        let is_identifier = match Identifier::parse_with_region(text, self.phone_region) {
            // Eight lower-case letters read as a uid too (`nogueira`), but people type uids as
            // they are written, in capitals: the contacts seen by that name come first.
            Ok(Identifier::Uid(_)) => !reads_as_a_word(text),
            parsed => parsed.is_ok(),
        };
        if is_identifier {
            return Vec::new();
        }
        // The recents are few: indexed on the spot, so a contact seen minutes ago is found even
        // before the cache's index knows it.
        let recents = ContactIndex::new(self.recents.entries.iter().map(entry_of_recent).collect());
        let mut best: HashMap<String, (u32, DateTime<Utc>, NameMatch)> = HashMap::new();
        let indexes = [
            Some(&recents),
            self.search_index.as_ref().map(|i| i.0.as_ref()),
        ];
        for index in indexes.into_iter().flatten() {
            for hit in index.search(text, MAX_MATCHES) {
                let found = name_match(hit.entry);
                match best.get_mut(hit.entry.uid.as_str()) {
                    Some((score, seen_at, kept)) => {
                        // One contact found twice: the better score, the later sighting, and
                        // the stage and owner whichever copy knows them (older recents do not).
                        *score = (*score).max(hit.score);
                        *seen_at = (*seen_at).max(hit.entry.seen_at);
                        kept.stage = kept.stage.take().or(found.stage);
                        kept.owner = kept.owner.take().or(found.owner);
                    }
                    None => {
                        best.insert(found.uid.clone(), (hit.score, hit.entry.seen_at, found));
                    }
                }
            }
        }
        let mut ranked: Vec<_> = best.into_values().collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then_with(|| b.1.cmp(&a.1))
                .then_with(|| a.2.uid.cmp(&b.2.uid))
        });
        ranked
            .into_iter()
            .take(MAX_MATCHES)
            .map(|(.., found)| found)
            .collect()
    }

    /// True when the start screen is on top with something typed: the only screen the contacts
    /// seen are listed on.
    pub fn is_typing_a_lookup(&self) -> bool {
        matches!(self.screens.last(), Some(Screen::Home(home)) if !home.input.value().trim().is_empty())
    }

    /// The start screen lists the contacts seen matching what is typed.
    pub(crate) fn refresh_name_matches(&mut self) {
        let Some(Screen::Home(home)) = self.screens.last() else {
            return;
        };
        let text = home.input.value().to_string();
        let matches = self.search_seen(&text);
        if let Some(Screen::Home(home)) = self.screens.last_mut() {
            home.set_matches(matches);
        }
    }
}

/// Text typed in lower-case letters only: a word, which may be a name even when it is uid-shaped.
fn reads_as_a_word(text: &str) -> bool {
    let word = text.trim();
    !word.is_empty() && word.chars().all(char::is_lowercase)
}
