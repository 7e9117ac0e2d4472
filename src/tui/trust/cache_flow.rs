//! The contact cache in the app: every contact the server sends is kept (through
//! `TrustCommand::CacheContacts`, written by the effects runner), and reopening a recent contact
//! with a cached copy shows that copy at once, marked stale, while a refresh runs in the background;
//! the fresh answer replaces it and the marker goes. `cache = false` turns all of it off.

use crate::api::Contact;
use crate::cache::CachedContact;
use crate::tui::app::{App, Screen};
use crate::tui::command::Command;
use crate::tui::trust::TrustCommand;

impl App {
    /// Keeps contacts the server just sent, in memory and (by command) on disk.
    pub(crate) fn remember_seen(&mut self, contacts: &[Contact]) -> Vec<Command> {
        if !self.trust.cache_enabled || contacts.is_empty() {
            return Vec::new();
        }
        let fetched_at = self.clock.now;
        for contact in contacts.iter().filter(|c| !c.uid.is_empty()) {
            self.trust.cached.insert(
                contact.uid.clone(),
                CachedContact {
                    fetched_at,
                    contact: contact.clone(),
                },
            );
        }
        vec![Command::Trust(TrustCommand::CacheContacts {
            contacts: contacts.to_vec(),
            fetched_at,
        })]
    }

    /// Opens the cached copy of `uid`, marked stale, and refreshes it; None when there is none.
    pub(crate) fn open_from_cache(&mut self, uid: &str) -> Option<Vec<Command>> {
        if !self.trust.cache_enabled {
            return None;
        }
        let cached = self.trust.cached.get(uid)?.clone();
        let mut commands = self.open_contact(cached.contact);
        if let Some(Screen::Contact(screen)) = self.screens.last_mut() {
            screen.cached_at = Some(cached.fetched_at);
        }
        commands.extend(self.refresh_contact());
        Some(commands)
    }
}
