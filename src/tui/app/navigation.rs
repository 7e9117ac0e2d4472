//! Moving between screens and starting requests: going back, a new lookup, opening a contact
//! (from a reply, the results table or the cache), refreshing it, and remembering what was fetched.

use crate::api::{ApiRequest, Contact, Identifier, IdentifierError};
use crate::cache::CachedContact;
use crate::tui::app::requests::Purpose;
use crate::tui::app::{App, Command, Notice, Screen};
use crate::tui::model::recents::RecentContact;
use crate::tui::screens::contact::ContactScreen;
use crate::tui::screens::home;

impl App {
    /// Esc: cancel the lookup in flight, clear the input, or go back a screen. On an empty input it
    /// stays put: the keyboard enters the recent contacts (where `q` quits) only by ↓ or Tab,
    /// never by an Esc too many.
    pub(crate) fn back(&mut self) -> Vec<Command> {
        if self.screens.len() > 1 {
            return self.pop_screen();
        }
        if self.reading_cached.take().is_some() {
            return Vec::new();
        }
        if let Some(lookup) = self.requests.lookup().map(|r| r.id) {
            self.requests.finish(lookup);
            self.notice = Some(Notice::Info("lookup cancelled".to_string()));
            return vec![Command::Cancel { id: lookup }];
        }
        if let Some(Screen::Home(home)) = self.screens.last_mut() {
            if !home.input.value().is_empty() {
                home.input.reset();
                home.selected = None;
            } else {
                self.notice = Some(Notice::Info(
                    "↓ or Tab moves into the recent contacts; Ctrl-C quits".to_string(),
                ));
            }
        }
        Vec::new()
    }

    pub(crate) fn pop_screen(&mut self) -> Vec<Command> {
        let mut commands = Vec::new();
        let popped = self.screens.pop();
        if let Some(Screen::Contact(screen)) = &popped
            && let Some(id) = screen.refresh
            && self.requests.finish(id).is_some()
        {
            commands.push(Command::Cancel { id });
        }
        // Nobody will see the preview of a table left behind.
        if let Some(Screen::Results(results)) = &popped
            && let Some(id) = results.preview.in_flight()
            && self.requests.finish(id).is_some()
        {
            commands.push(Command::Cancel { id });
        }
        // Back on a table: its highlighted match is previewed if it was not yet.
        if matches!(self.screens.last(), Some(Screen::Results(_))) {
            commands.extend(self.preview_highlighted(true));
        }
        commands
    }

    /// `/`: back to the start screen with an empty, focused input.
    pub(crate) fn focus_lookup(&mut self) -> Vec<Command> {
        if matches!(self.screens.first(), Some(Screen::Setup)) {
            return Vec::new();
        }
        let mut commands = Vec::new();
        while self.screens.len() > 1 {
            commands.extend(self.pop_screen());
        }
        if let Some(Screen::Home(home)) = self.screens.last_mut() {
            home.start_typing();
        }
        commands
    }

    /// Enter on the start screen: reopen the selected recent contact (`selected_uid`), or look
    /// up what is typed.
    pub(crate) fn submit_lookup(&mut self, selected_uid: Option<String>) -> Vec<Command> {
        let typed = match self.top() {
            Screen::Home(home) => home.input.value().to_string(),
            _ => return Vec::new(),
        };
        let identifier = match selected_uid {
            Some(uid) => Identifier::Uid(uid),
            None => match Identifier::parse_with_region(&typed, self.phone_region) {
                Ok(identifier) => identifier,
                Err(IdentifierError::Empty) => {
                    self.notice = Some(Notice::Error(IdentifierError::Empty.to_string()));
                    return Vec::new();
                }
                Err(IdentifierError::Unrecognised) => {
                    self.notice = Some(Notice::Error(home::UNRECOGNISED.to_string()));
                    return Vec::new();
                }
            },
        };
        match &identifier {
            Identifier::Uid(uid) if self.cache.contains(uid) => self.open_cached(uid),
            Identifier::Uid(uid) if self.cached_on_disk.contains(uid) => {
                let uid = uid.clone();
                self.read_cached(&uid)
            }
            _ => self.start_lookup(identifier),
        }
    }

    /// Opens a contact from the cache at once, marked stale, and fetches it again.
    pub(crate) fn open_cached(&mut self, uid: &str) -> Vec<Command> {
        let Some(cached) = self.cache.get(uid).cloned() else {
            return Vec::new();
        };
        self.open_cached_copy(cached)
    }

    /// Opens a cached copy at once, marked stale (and "older notes not cached" when its notes
    /// were cut), and fetches the contact again.
    pub(crate) fn open_cached_copy(&mut self, cached: CachedContact) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(previous) = self.requests.lookup().map(|r| r.id) {
            self.requests.finish(previous);
            commands.push(Command::Cancel { id: previous });
        }
        self.notice = None;
        if let Some(Screen::Home(home)) = self.screens.first_mut() {
            home.start_typing();
        }
        commands.extend(self.open_contact(cached.contact));
        if let Some(Screen::Contact(screen)) = self.screens.last_mut() {
            screen.stale_since = Some(cached.fetched_at);
            screen.notes_cut = cached.notes_cut;
        }
        commands.extend(self.refresh_contact());
        commands
    }

    /// Sends a lookup, superseding the one in flight.
    pub(crate) fn start_lookup(&mut self, identifier: Identifier) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(previous) = self.requests.lookup().map(|r| r.id) {
            self.requests.finish(previous);
            commands.push(Command::Cancel { id: previous });
        }
        self.reading_cached = None;
        self.notice = None;
        let request = ApiRequest::get(&identifier);
        let description = format!("looking up {identifier}");
        commands.push(self.send(Purpose::Lookup(identifier), description, request));
        commands
    }

    /// Records a request and returns the command that sends it.
    pub(crate) fn send(
        &mut self,
        purpose: Purpose,
        description: String,
        request: ApiRequest,
    ) -> Command {
        let id = self.requests.start(purpose, request.operation, description);
        Command::Send { id, request }
    }

    pub(crate) fn open_selected_result(&mut self) -> Vec<Command> {
        let Some(Screen::Results(list)) = self.screens.last() else {
            return Vec::new();
        };
        let Some(uid) = list.current().map(|summary| summary.uid.clone()) else {
            return Vec::new();
        };
        // The list carries only a summary of each match: open the previewed copy at once (then
        // refresh it as usual), else the cached one, else fetch it whole before opening.
        match list.preview.loaded(&uid).cloned() {
            Some(contact) => {
                let mut commands = self.open_contact(contact);
                commands.extend(self.refresh_contact());
                commands
            }
            None if self.cache.contains(&uid) => self.open_cached(&uid),
            None => self.start_lookup(Identifier::Uid(uid)),
        }
    }

    /// Pushes a contact screen and remembers the contact among the recents.
    pub(crate) fn open_contact(&mut self, contact: Contact) -> Vec<Command> {
        let changed = self
            .recents
            .record(RecentContact::from_contact(&contact, self.clock.now));
        let mut screen = ContactScreen::new(contact);
        // In the order last chosen on this profile (`O`).
        if !self.notes_newest_first() {
            screen.notes.toggle_order();
        }
        self.screens.push(Screen::Contact(Box::new(screen)));
        if changed {
            vec![Command::SaveRecents(self.recents.clone())]
        } else {
            Vec::new()
        }
    }

    pub(crate) fn refresh_contact(&mut self) -> Vec<Command> {
        let Some(Screen::Contact(screen)) = self.screens.last() else {
            return Vec::new();
        };
        if screen.refresh.is_some() {
            return Vec::new();
        }
        let uid = screen.contact.uid.clone();
        let description = format!("refreshing {}", screen.contact.display_name());
        let request = ApiRequest::get(&Identifier::Uid(uid.clone()));
        let command = self.send(Purpose::Refresh { uid }, description, request);
        if let (Some(Screen::Contact(screen)), Command::Send { id, .. }) =
            (self.screens.last_mut(), &command)
        {
            screen.refresh = Some(*id);
            screen.announce_refresh = true;
        }
        self.notice = None;
        vec![command]
    }
}
