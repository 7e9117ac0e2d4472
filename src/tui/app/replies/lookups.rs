//! The answers to reads: a lookup opens a contact or the results table, a refresh updates the
//! contact on screen, a preview fills the results table's pane, a failure becomes a notice in
//! plain words.

use crate::api::{ApiError, Contact, ErrorKind, Identifier, Lookup};
use crate::tui::app::requests::describe_error;
use crate::tui::app::{App, Command, Notice, Screen};
use crate::tui::model::RequestId;
use crate::tui::model::recents::RecentContact;
use crate::tui::screens::preview::PreviewEntry;
use crate::tui::screens::results::ResultsScreen;

impl App {
    pub(super) fn on_lookup_reply(
        &mut self,
        identifier: Identifier,
        lookup: Result<Lookup, ApiError>,
    ) -> Vec<Command> {
        let lookup = match lookup {
            Ok(lookup) => lookup,
            Err(error) => {
                self.notice = Some(Notice::Error(describe_error(&error, Some(&identifier))));
                return Vec::new();
            }
        };
        if lookup.is_empty() {
            self.notice = Some(Notice::Error(format!(
                "no contact with {} {}",
                identifier.field(),
                identifier.value()
            )));
            return Vec::new();
        }
        if let Some(Screen::Home(home)) = self.screens.first_mut() {
            home.start_typing();
        }
        match lookup {
            Lookup::One(contact) => {
                // Only a whole contact is worth caching.
                let mut commands: Vec<Command> = self
                    .remember(std::slice::from_ref(contact.as_ref()))
                    .into_iter()
                    .collect();
                commands.extend(self.open_contact(*contact));
                commands
            }
            Lookup::Several(summaries) => {
                self.screens
                    .push(Screen::Results(ResultsScreen::new(identifier, summaries)));
                self.preview_highlighted(true)
            }
        }
    }

    pub(super) fn on_refresh_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        contact: Result<Option<Contact>, ApiError>,
    ) -> Vec<Command> {
        let Some(screen) = self.screens.iter_mut().rev().find_map(|s| match s {
            Screen::Contact(screen) if screen.refresh == Some(id) => Some(screen),
            _ => None,
        }) else {
            return Vec::new();
        };
        screen.refresh = None;
        let announce = std::mem::take(&mut screen.announce_refresh);
        match contact.map(|found| found.filter(|c| c.uid == uid)) {
            Ok(Some(contact)) => {
                if announce {
                    let name = contact.display_name();
                    self.notice = Some(Notice::Info(if contact == screen.contact {
                        format!("refreshed {name}: no changes on the server")
                    } else {
                        format!("refreshed {name}: now showing the server's latest")
                    }));
                }
                screen.replace_contact(contact.clone());
                screen.stale_since = None;
                screen.notes_cut = false;
                let mut commands = Vec::new();
                if self
                    .recents
                    .record(RecentContact::from_contact(&contact, self.clock.now))
                {
                    commands.push(Command::SaveRecents(self.recents.clone()));
                }
                commands.extend(self.remember(std::slice::from_ref(&contact)));
                commands
            }
            Ok(None) => {
                self.notice = Some(Notice::Error(
                    "the server's answer was another contact".into(),
                ));
                Vec::new()
            }
            Err(error) => {
                self.notice = Some(Notice::Error(describe_error(&error, None)));
                if error.kind() == ErrorKind::NotFound {
                    // Gone from the server: no copy of it is offered again.
                    return self.forget_contact(uid);
                }
                Vec::new()
            }
        }
    }

    /// A preview came: kept in its table's pane (shown if its row is still highlighted), and
    /// the match waiting behind it, if any, fetched next.
    pub(super) fn on_preview_reply(
        &mut self,
        id: RequestId,
        uid: String,
        contact: Result<Option<Contact>, ApiError>,
    ) -> Vec<Command> {
        let (entry, whole) = match contact.map(|found| found.filter(|c| c.uid == uid)) {
            Ok(Some(contact)) => (
                PreviewEntry::Loaded(Box::new(contact.clone())),
                Some(contact),
            ),
            Ok(None) => (
                PreviewEntry::Failed("the server's answer was another contact".into()),
                None,
            ),
            Err(error) => (PreviewEntry::Failed(describe_error(&error, None)), None),
        };
        let mut commands: Vec<Command> = whole
            .map(|contact| self.remember(std::slice::from_ref(&contact)))
            .unwrap_or_default();
        commands.extend(self.preview_arrived(id, uid, entry));
        commands
    }
}
