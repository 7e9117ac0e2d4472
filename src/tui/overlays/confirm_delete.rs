//! The delete confirmation: it names the contact and needs a deliberate key — `D` (Shift-d), the
//! same key that asked for it — because Enter or `y` alone are pressed by reflex. Any other key
//! keeps the contact. While the delete is in flight it says so; a failure is shown in the box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::api::Contact;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::widgets::layout::{cells, centered, hints, overlay_box, spinner};
use crate::tui::widgets::safe_text::line as safe_line;
use crate::tui::widgets::wrap::wrap_words;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

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
    /// The DELETE in flight, once confirmed.
    pub deleting: Option<RequestId>,
}

impl DeleteConfirm {
    /// Asks about `contact`, naming it by its display name and uid.
    pub fn new(contact: &Contact) -> DeleteConfirm {
        DeleteConfirm {
            uid: contact.uid.clone(),
            name: contact.display_name(),
            state: ConfirmState::Asking,
            deleting: None,
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

    /// The name of the contact to delete.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The delete request `id` was sent.
    pub fn set_deleting(&mut self, id: RequestId) {
        self.state = ConfirmState::Deleting { frame: 0 };
        self.deleting = Some(id);
    }

    /// The delete failed; the box stays open with the reason, and `D` tries again.
    pub fn set_failed(&mut self, message: &str) {
        self.state = ConfirmState::Failed(message.to_string());
        self.deleting = None;
    }

    /// Advances the spinner while deleting.
    pub fn tick(&mut self) {
        if let ConfirmState::Deleting { frame } = &mut self.state {
            *frame = frame.wrapping_add(1);
        }
    }
}

impl Component for DeleteConfirm {
    type Outcome = ConfirmOutcome;

    fn context(&self) -> Context {
        Context::ConfirmDelete
    }

    /// `D` confirms; a paste does nothing (pasting never confirms a delete), nor does the help
    /// key (help is not shown over a question); any other key keeps the contact.
    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> ConfirmOutcome {
        if matches!(self.state, ConfirmState::Deleting { .. }) {
            return ConfirmOutcome::Continue;
        }
        match input {
            UserInput::Action(Action::ConfirmDelete) => ConfirmOutcome::Confirmed,
            UserInput::Paste(_) | UserInput::Action(Action::Help) => ConfirmOutcome::Continue,
            _ => ConfirmOutcome::Cancel,
        }
    }
}

/// Draws the confirmation centred in its area.
pub struct ConfirmDeleteView<'a> {
    pub confirm: &'a DeleteConfirm,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &ConfirmDeleteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let confirm = self.confirm;

        // Two lines of question, a blank, the state (when there is one), a blank, the keys.
        let state_rows = match &confirm.state {
            ConfirmState::Asking => 0,
            ConfirmState::Deleting { .. } => 1,
            ConfirmState::Failed(message) => cells(wrap_words(message, 52).len().min(3)) + 1,
        };
        let boxed = centered(area, 56, 2 + 3 + state_rows + 1);
        let inner = overlay_box(boxed, buf, "Delete contact", theme);
        if inner.height == 0 {
            return;
        }
        let name = safe_line(&confirm.name).into_owned();
        let uid = safe_line(&confirm.uid).into_owned();
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
        match &confirm.state {
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
        let hint = hints(
            &[
                (
                    self.ctx.key(Context::ConfirmDelete, Action::ConfirmDelete),
                    "delete",
                ),
                ("any other key".to_string(), "keep it"),
            ],
            theme,
        );
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
