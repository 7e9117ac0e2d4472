//! Copying (`y` then a letter, `Y` for the whole contact): the menu of the contact's fields, the
//! contact as plain text, and turning a text into the exact OSC 52 bytes the effects runner writes
//! to the terminal — wrapped for tmux or screen, refused with the reason when too big.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::api::Contact;
use crate::clipboard::osc52_sequence;
use crate::privacy::SensitiveField;
use crate::tui::app::command::Command;
use crate::tui::app::trust::{TrustCommand, TrustOverlay};
use crate::tui::app::{App, Notice, Overlay};
use crate::tui::keymap::{Action, Context};
use crate::tui::model::display::{format_money, present};

/// One field offered by the copy menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyField {
    /// The letter that copies it.
    pub letter: char,
    /// What it is, for the menu and the status bar ("email").
    pub label: &'static str,
    /// The text copied.
    pub value: String,
    /// How privacy mode masks it in the menu, when it is sensitive.
    pub sensitive: Option<SensitiveField>,
}

/// The copy menu: the contact's non-empty fields, each under a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyMenu {
    pub fields: Vec<CopyField>,
}

impl CopyMenu {
    /// The menu for a contact: e email, p phone, u uid, n name, a address, b business.
    pub fn for_contact(contact: &Contact) -> CopyMenu {
        let candidates = [
            (
                'e',
                "email",
                present(&contact.email).map(str::to_string),
                Some(SensitiveField::Email),
            ),
            (
                'p',
                "phone",
                present(&contact.phone).map(str::to_string),
                Some(SensitiveField::Phone),
            ),
            (
                'u',
                "uid",
                Some(contact.uid.clone()).filter(|u| !u.is_empty()),
                None,
            ),
            (
                'n',
                "name",
                Some(contact.display_name()).filter(|n| !n.is_empty()),
                None,
            ),
            (
                'a',
                "address",
                address_block(contact),
                Some(SensitiveField::Address),
            ),
            (
                'b',
                "business",
                present(&contact.business_name).map(str::to_string),
                None,
            ),
        ];
        CopyMenu {
            fields: candidates
                .into_iter()
                .filter_map(|(letter, label, value, sensitive)| {
                    value.map(|value| CopyField {
                        letter,
                        label,
                        value,
                        sensitive,
                    })
                })
                .collect(),
        }
    }
}

/// The address as it goes on an envelope: the street lines, then "city, state zip".
pub fn address_block(contact: &Contact) -> Option<String> {
    let mut lines: Vec<String> = present(&contact.address)
        .map(|a| a.lines().map(str::trim).map(str::to_string).collect())
        .unwrap_or_default();
    let place = [present(&contact.city), present(&contact.state)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let place = match present(&contact.zipcode) {
        Some(zip) if place.is_empty() => zip.to_string(),
        Some(zip) => format!("{place} {zip}"),
        None => place,
    };
    if !place.is_empty() {
        lines.push(place);
    }
    lines.retain(|line| !line.is_empty());
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The whole contact as plain text, one labelled field a line (what `Y` copies).
pub fn as_text(contact: &Contact) -> String {
    let mut lines = vec![contact.display_name()];
    let mut field = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            let mut rows = value.lines();
            if let Some(first) = rows.next() {
                lines.push(format!("{label}: {first}"));
            }
            for row in rows {
                lines.push(format!("{:width$}  {row}", "", width = label.len()));
            }
        }
    };
    let text = |value: &Option<String>| present(value).map(str::to_string);
    field("Business", text(&contact.business_name));
    field("Email", text(&contact.email));
    field("Phone", text(&contact.phone));
    field("Address", address_block(contact));
    field("Stage", text(&contact.stage_name));
    field("Quality", text(&contact.quality_name));
    field(
        "Owner",
        present(&contact.owner_name)
            .or(present(&contact.owner_email))
            .map(str::to_string),
    );
    field(
        "Tags",
        (!contact.tags.is_empty()).then(|| contact.tags.join(", ")),
    );
    field("Value", present(&contact.value).map(format_money));
    field("Birthday", text(&contact.birthday));
    field("Time zone", text(&contact.time_zone));
    field("uid", Some(contact.uid.clone()));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

impl App {
    /// Puts `text` on the clipboard through the terminal; the status bar says what was copied,
    /// or why nothing was.
    pub(crate) fn copy_text(&mut self, what: &str, text: &str) -> Vec<Command> {
        match osc52_sequence(text, self.trust.multiplexer) {
            Ok(bytes) => {
                tracing::info!(field = what, bytes = bytes.len(), "copying through OSC 52");
                self.notice = Some(Notice::Info(format!("copied {what} to the clipboard")));
                vec![Command::Trust(TrustCommand::WriteToTerminal { bytes })]
            }
            Err(error) => {
                self.notice = Some(Notice::Error(format!("{what} not copied: {error}")));
                Vec::new()
            }
        }
    }

    pub(crate) fn on_copy_menu_key(&mut self, menu: CopyMenu, key: KeyEvent) -> Vec<Command> {
        match self
            .keymap
            .resolve(&[Context::CopyMenu, Context::Anywhere], &key)
        {
            Some(Action::CloseOverlay) => return Vec::new(),
            Some(action @ (Action::ForceQuit | Action::Suspend)) => {
                self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Copy(menu))));
                return self.on_action(action);
            }
            _ => {}
        }
        let chosen = match key.code {
            KeyCode::Char(letter) => menu.fields.iter().find(|f| f.letter == letter).cloned(),
            _ => None,
        };
        match chosen {
            Some(field) => self.copy_text(field.label, &field.value),
            None => {
                // Not a letter of the menu: keep it open rather than copy the wrong thing.
                self.overlay = Some(Overlay::Trust(Box::new(TrustOverlay::Copy(menu))));
                Vec::new()
            }
        }
    }
}
