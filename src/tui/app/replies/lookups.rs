//! The answers to reads: a lookup opens a contact or the results table, a refresh updates the
//! contact on screen, a failure becomes a notice in plain words.

use crate::api::{ApiError, Contact, ErrorKind, Identifier};
use crate::tui::app::requests::describe_error;
use crate::tui::app::{App, Command, Notice, Screen};
use crate::tui::model::RequestId;
use crate::tui::model::recents::RecentContact;
use crate::tui::screens::results::ResultsScreen;

impl App {
    pub(super) fn on_lookup_reply(
        &mut self,
        identifier: Identifier,
        contacts: Result<Vec<Contact>, ApiError>,
    ) -> Vec<Command> {
        let mut contacts = match contacts {
            Ok(contacts) => contacts,
            Err(error) => {
                self.notice = Some(Notice::Error(describe_error(&error, Some(&identifier))));
                return Vec::new();
            }
        };
        let remembered = self.remember(&contacts);
        if !contacts.is_empty()
            && let Some(Screen::Home(home)) = self.screens.first_mut()
        {
            home.start_typing();
        }
        let mut commands: Vec<Command> = remembered.into_iter().collect();
        commands.extend(match contacts.len() {
            0 => {
                self.notice = Some(Notice::Error(format!(
                    "no contact with {} {}",
                    identifier.field(),
                    identifier.value()
                )));
                Vec::new()
            }
            1 => {
                let contact = contacts.remove(0);
                self.open_contact(contact)
            }
            _ => {
                self.screens
                    .push(Screen::Results(ResultsScreen::new(identifier, contacts)));
                Vec::new()
            }
        });
        commands
    }

    pub(super) fn on_refresh_reply(
        &mut self,
        id: RequestId,
        uid: &str,
        contacts: Result<Vec<Contact>, ApiError>,
    ) -> Vec<Command> {
        let Some(screen) = self.screens.iter_mut().rev().find_map(|s| match s {
            Screen::Contact(screen) if screen.refresh == Some(id) => Some(screen),
            _ => None,
        }) else {
            return Vec::new();
        };
        screen.refresh = None;
        match contacts.map(|list| list.into_iter().find(|c| c.uid == uid)) {
            Ok(Some(contact)) => {
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
}
