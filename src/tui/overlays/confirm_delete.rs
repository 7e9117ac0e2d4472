//! The delete confirmation: it names the contact and needs a deliberate key — `D` (Shift-d), the
//! same key that asked for it — because Enter or `y` alone are pressed by reflex. Any other key
//! keeps the contact. While the delete is in flight it says so; a failure is shown in the box.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::api::Contact;
use crate::text::safe_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{centered, hints, overlay_box, spinner, wrap_text};
use crate::tui::widgets::readline as keys;

/// Where the confirmation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmState {
    /// Waiting for the deliberate key.
    Asking,
    /// Confirmed; the delete request is in flight.
    Deleting { frame: usize },
    /// The server refused or could not be reached; the contact still exists (or may — see the text).
    Failed(String),
}

/// What a key did to the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// Still open (a key while the delete is in flight, say).
    Continue,
    /// Delete it: the app sends DELETE and calls [`DeleteConfirm::set_deleting`].
    Confirmed,
    /// Keep the contact and close the box.
    Cancel,
}

/// The confirmation box before deleting a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteConfirm {
    uid: String,
    name: String,
    state: ConfirmState,
}

impl DeleteConfirm {
    /// Asks about `contact`, naming it by its display name and uid.
    pub fn new(contact: &Contact) -> DeleteConfirm {
        DeleteConfirm {
            uid: contact.uid.clone(),
            name: contact.display_name(),
            state: ConfirmState::Asking,
        }
    }

    /// The uid of the contact to delete.
    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// Where the confirmation is.
    pub fn state(&self) -> &ConfirmState {
        &self.state
    }

    /// The delete request was sent.
    pub fn set_deleting(&mut self) {
        self.state = ConfirmState::Deleting { frame: 0 };
    }

    /// The delete failed; the box stays open with the reason, and `D` tries again.
    pub fn set_failed(&mut self, message: &str) {
        self.state = ConfirmState::Failed(message.to_string());
    }

    /// Advances the spinner while deleting.
    pub fn tick(&mut self) {
        if let ConfirmState::Deleting { frame } = &mut self.state {
            *frame = frame.wrapping_add(1);
        }
    }

    /// Handles one key: `D` confirms, anything else keeps the contact.
    pub fn handle_key(&mut self, key: KeyEvent) -> ConfirmOutcome {
        if !keys::is_press(&key) {
            return ConfirmOutcome::Continue;
        }
        if matches!(self.state, ConfirmState::Deleting { .. }) {
            return ConfirmOutcome::Continue;
        }
        let deliberate = key.code == KeyCode::Char('D')
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::META);
        if deliberate {
            ConfirmOutcome::Confirmed
        } else {
            ConfirmOutcome::Cancel
        }
    }

    /// Pasting never confirms a delete.
    pub fn handle_paste(&mut self, _text: &str) {}

    /// Draws the box centred in `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // Two lines of question, a blank, the state (when there is one), a blank, the keys.
        let state_rows = match &self.state {
            ConfirmState::Asking => 0,
            ConfirmState::Deleting { .. } => 1,
            ConfirmState::Failed(message) => wrap_text(message, 52).len().min(3) as u16 + 1,
        };
        let boxed = centered(area, 56, 2 + 3 + state_rows + 1);
        let inner = overlay_box(boxed, buf, "Delete contact", theme);
        if inner.height == 0 {
            return;
        }
        let name = safe_line(&self.name).into_owned();
        let uid = safe_line(&self.uid).into_owned();
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Delete ", theme.text),
                Span::styled(name, theme.accent),
                Span::styled(format!(" ({uid})?"), theme.text),
            ]),
            Line::styled(
                "This cannot be undone: the contact and its notes go.",
                theme.muted,
            ),
            Line::raw(""),
        ];
        match &self.state {
            ConfirmState::Asking => {}
            ConfirmState::Deleting { frame } => lines.push(Line::styled(
                format!("{} deleting…", spinner(*frame)),
                theme.warning,
            )),
            ConfirmState::Failed(message) => {
                lines.push(Line::styled(safe_line(message).into_owned(), theme.error));
                lines.push(Line::raw(""));
            }
        }
        let hint = hints(&[("D", "delete"), ("any other key", "keep it")], theme);
        let text_height = inner.height.saturating_sub(1);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(
            Rect {
                height: text_height,
                ..inner
            },
            buf,
        );
        if inner.height > 0 {
            hint.render(
                Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
                buf,
            );
        }
    }
}
