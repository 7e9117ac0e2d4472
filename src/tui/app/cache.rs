//! The contacts the session remembers: a bounded copy in memory ([`ContactLru`], sized by
//! `cache_memory_mb`), and the uids the disk cache holds, learnt from its index once the first
//! frame is drawn (never before: start-up reads nothing of the cache). Opening a contact held on
//! disk reads that one file; a contact deleted or gone from the server leaves both, and the
//! recents.
//!
//! [`ContactLru`]: crate::cache::ContactLru

use crate::api::{Contact, Identifier};
use crate::cache::{CachedContact, DEFAULT_KEEP_NOTES_BYTES, newest_notes_within};
use crate::tui::app::{App, Command, Screen};
use crate::tui::model::privacy::without_notes;

impl App {
    /// What to do once the first frame is on screen: read the cache's index in the background,
    /// for the uids it holds and for the name search.
    pub fn after_first_frame(&self) -> Vec<Command> {
        if self.cache_enabled {
            vec![Command::LoadCacheIndex, Command::LoadSearchIndex]
        } else {
            Vec::new()
        }
    }

    /// Remembers freshly fetched contacts: in memory when they fit the budget (a contact bigger
    /// than it is never copied), and on disk when the cache is on — a contact with more notes
    /// than the disk cache keeps goes there as a copy of its newest notes only.
    pub(crate) fn remember(&mut self, contacts: &[Contact]) -> Vec<Command> {
        for contact in contacts {
            if self.cache.would_keep(contact) {
                self.cache
                    .insert(CachedContact::new(contact.clone(), self.clock.now));
            } else {
                // An older, smaller copy would now be out of date.
                self.cache.remove(&contact.uid);
            }
            if self.cache_enabled && !contact.uid.is_empty() {
                self.cached_on_disk.insert(contact.uid.clone());
            }
        }
        if !self.cache_enabled {
            return Vec::new();
        }
        let fetched_at = self.clock.now;
        let mut whole = Vec::new();
        let mut commands = Vec::new();
        for contact in contacts {
            match contact.notes.as_deref() {
                Some(notes) if notes.len() > DEFAULT_KEEP_NOTES_BYTES => {
                    let kept = newest_notes_within(notes, DEFAULT_KEEP_NOTES_BYTES);
                    let cut = Contact {
                        notes: kept.map(str::to_owned),
                        ..without_notes(contact)
                    };
                    commands.push(Command::CacheCutContact {
                        contact: Box::new(cut),
                        fetched_at,
                    });
                }
                _ => whole.push(contact.clone()),
            }
        }
        if !whole.is_empty() {
            commands.insert(
                0,
                Command::CacheContacts {
                    contacts: whole,
                    fetched_at,
                },
            );
        }
        commands
    }

    /// Opens the copy of `uid` the disk cache holds: asks for its file, and opens it when it
    /// comes back (`on_cached_read`).
    pub(crate) fn read_cached(&mut self, uid: &str) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(previous) = self.requests.lookup().map(|r| r.id) {
            self.requests.finish(previous);
            commands.push(Command::Cancel { id: previous });
        }
        self.notice = None;
        self.reading_cached = Some(uid.to_string());
        commands.push(Command::ReadCachedContact {
            uid: uid.to_string(),
        });
        commands
    }

    /// A cached copy read from disk: opened (marked stale, refreshed) if it is still the one the
    /// start screen waits for; when the file was gone, the contact is looked up instead.
    pub(crate) fn on_cached_read(
        &mut self,
        uid: &str,
        cached: Option<CachedContact>,
    ) -> Vec<Command> {
        let awaited = self.reading_cached.as_deref() == Some(uid)
            && matches!(self.screens.last(), Some(Screen::Home(_)));
        if !awaited {
            return Vec::new();
        }
        self.reading_cached = None;
        match cached {
            Some(cached) => {
                if self.cache.would_keep(&cached.contact) {
                    self.cache.insert(cached.clone());
                }
                self.open_cached_copy(cached)
            }
            None => {
                self.cached_on_disk.remove(uid);
                self.start_lookup(Identifier::Uid(uid.to_string()))
            }
        }
    }

    /// A contact deleted on the server (or answered 404) leaves the memory, the disk cache and
    /// the recents.
    pub(crate) fn forget_contact(&mut self, uid: &str) -> Vec<Command> {
        self.cache.remove(uid);
        self.cached_on_disk.remove(uid);
        let mut commands = Vec::new();
        if self.recents.remove(uid) {
            commands.push(Command::SaveRecents(self.recents.clone()));
        }
        if self.cache_enabled {
            commands.push(Command::ForgetCachedContact {
                uid: uid.to_string(),
            });
        }
        commands
    }
}
