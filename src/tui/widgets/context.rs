//! The one recipe every screen and overlay follows, and what it may read while following it.
//!
//! A component owns its state, answers input with [`Component::handle`] — an outcome saying, as
//! data, what the app should do next — and is drawn by a view (`impl Widget for &HomeView`)
//! that borrows the state and a [`ViewCtx`]. It never sees the whole app: [`Ctx`] and [`ViewCtx`]
//! are all it gets.

use std::borrow::Cow;

use ratatui::layout::Rect;

use crate::api::Contact;
use crate::api::time_zones::TimeZones;
use crate::privacy::{SensitiveField, mask};
use crate::tui::keymap::{Action, Context, KeyChord, Keymap, UserInput};
use crate::tui::model::display::Clock;
use crate::tui::model::drafts::Draft;
use crate::tui::model::privacy::{mask_free_text, masked_contact};
use crate::tui::model::profiles::ProfileEntry;
use crate::tui::model::recents::RecentList;
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::theme::Theme;
use crate::tui::widgets::safe_text;

/// A screen or an overlay: state that takes input and says what should happen next.
pub trait Component {
    /// What the app should do after an input, as data.
    type Outcome;

    /// Where the keyboard is in this component now: the keymap context its keys are looked up
    /// in (a form with its picker open is in the picker's).
    fn context(&self) -> Context;

    /// One key (as the keymap resolved it in [`Component::context`]) or paste.
    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> Self::Outcome;
}

/// What a component may read while it handles input.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The body of the screen (between the title line and the status bar), for page sizes.
    pub body: Rect,
    /// The time now.
    pub clock: &'a Clock,
    /// The recent contacts (the start screen lists and filters them).
    pub recents: &'a RecentList,
    /// The drafts kept from earlier (the drafts overlay lists them).
    pub drafts: &'a [Draft],
    /// The config file's profiles (the switcher lists them).
    pub profiles: &'a [ProfileEntry],
}

/// What a view may read while it draws, besides the state it shows.
#[derive(Debug, Clone, Copy)]
pub struct ViewCtx<'a> {
    /// Styles by role.
    pub theme: &'a Theme,
    /// The time now, for "3 days ago" and a contact's local time.
    pub clock: &'a Clock,
    /// Mask emails, phones and addresses.
    pub privacy: bool,
    /// Plain ASCII instead of Unicode symbols (also the privacy masks' and the placeholders
    /// for control characters: `^[` for ESC).
    pub ascii: bool,
    /// The keys in force, for the hints components draw.
    pub keymap: &'a Keymap,
    /// The spinner's frame while something is in flight.
    pub spinner_frame: usize,
    /// The account's zone (note times are written in it) and the user's (every time is shown
    /// in it).
    pub zones: TimeZones,
    /// The account's team (configured, and learnt from contacts), to name an owner the server
    /// gave only by email.
    pub vocabulary: &'a Vocabulary,
}

impl ViewCtx<'_> {
    /// The label of the zone times are shown in, for the one place a screen says it: "UTC-3".
    pub fn zone_label(&self) -> String {
        self.zones.display.label_at(self.clock.now)
    }

    /// Who owns the contact, as the screen names them: `ownerName` when the server sent it (a GET
    /// need not), else the team's name for the owner's email, else the email. `contact` is the
    /// server's copy (the team is searched by its email), `shown` the copy made safe and masked.
    pub fn owner(&self, contact: &Contact, shown: &Contact) -> Option<String> {
        let present = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        present(&shown.owner_name)
            .or_else(|| {
                let email = present(&contact.owner_email)?;
                let name = self.vocabulary.owner_name(&email)?;
                Some(safe_text::line(name.trim()).into_owned()).filter(|name| !name.is_empty())
            })
            .or_else(|| present(&shown.owner_email))
    }

    /// A note's wall time (the account's zone) as the user reads it: `YYYY-MM-DD HH:MM` in their
    /// zone, followed by its offset only when that differs from the one the screen states.
    pub fn note_time(&self, wall: chrono::NaiveDateTime) -> String {
        let said = self.zones.display.offset_at(self.clock.now);
        self.zones
            .display
            .format_against(self.zones.note_instant(wall), said)
    }

    /// The contact as it may be drawn: masked in privacy mode, and every string made safe for the
    /// terminal (the model keeps the server's text as it is).
    pub fn contact<'c>(&self, contact: &'c Contact) -> Cow<'c, Contact> {
        let shown = if self.privacy {
            Cow::Owned(safe_text::owned_contact(masked_contact(
                contact, self.ascii,
            )))
        } else {
            safe_text::contact(contact)
        };
        if self.ascii {
            Cow::Owned(safe_text::ascii_contact(shown.into_owned()))
        } else {
            shown
        }
    }

    /// One value as the screen may show it: masked as `field` in privacy mode (not yet made
    /// safe: it is drawn through `safe_text` like any value).
    pub fn masked<'t>(&self, field: SensitiveField, text: &'t str) -> Cow<'t, str> {
        if self.privacy {
            Cow::Owned(mask(field, text, self.ascii))
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Free text (a status line, a heading) as it may be drawn: on one line, safe for the
    /// terminal, and with every word that looks like an email or a phone masked in privacy mode.
    pub fn free_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let shown = if self.privacy {
            Cow::Owned(safe_text::line(&mask_free_text(text, self.ascii)).into_owned())
        } else {
            safe_text::line(text)
        };
        if self.ascii {
            Cow::Owned(crate::text::ascii_placeholders(&shown).into_owned())
        } else {
            shown
        }
    }

    /// How a hint names the first key of `action` in `context` (`Ctrl-S`).
    pub fn key(&self, context: Context, action: Action) -> String {
        self.keymap.label(context, action)
    }

    /// The first two keys of `action` in `context` joined for a hint (`Tab/↓`).
    pub fn keys(&self, context: Context, action: Action) -> String {
        self.keymap
            .keys_of(context, action)
            .iter()
            .take(2)
            .map(KeyChord::label)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every key of `action` in `context` for a sentence: `Esc, Tab or i`.
    pub fn alternatives(&self, context: Context, action: Action) -> String {
        let labels: Vec<String> = self
            .keymap
            .keys_of(context, action)
            .iter()
            .map(KeyChord::label)
            .collect();
        match labels.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, others)) => format!("{} or {last}", others.join(", ")),
            None => String::new(),
        }
    }

    /// The up and down keys of `context` for a hint: `↑↓` when they are the arrows, else the
    /// first key of each (`k/j`).
    pub fn up_down(&self, context: Context) -> String {
        use ratatui::crossterm::event::KeyCode;
        let arrow = |action, code| {
            self.keymap
                .keys_of(context, action)
                .iter()
                .any(|key| key.code == code && key.modifiers.is_empty())
        };
        if arrow(Action::Up, KeyCode::Up) && arrow(Action::Down, KeyCode::Down) {
            "↑↓".to_string()
        } else {
            format!(
                "{}/{}",
                self.key(context, Action::Up),
                self.key(context, Action::Down)
            )
        }
    }
}
