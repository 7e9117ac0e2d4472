//! The warning shown before creating a contact whose email or phone is already in use: it lists
//! the contacts that have them and asks whether to open one of those or create anyway.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::api::{Contact, NewContact};
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::validate::normalize_phone;
use crate::tui::widgets::layout::{cells, centered, hints, line_at, overlay_box, truncate};
use crate::tui::widgets::safe_text::line as safe_line;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// What a key did to the warning.
#[derive(Debug, Clone, PartialEq)]
pub enum DuplicateOutcome {
    /// Still deciding.
    Continue,
    /// Open this existing contact instead (the create form's draft is kept).
    Open(Box<Contact>),
    /// Create the new contact anyway.
    CreateAnyway(Box<NewContact>),
    /// Back to the form, everything typed still there.
    BackToForm,
}

/// The warning shown when the email or phone of a new contact is already in use.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateWarning {
    contact: NewContact,
    matches: Vec<Contact>,
    selected: usize,
}

impl DuplicateWarning {
    /// A warning about `matches` (never empty in practice) for the contact about to be created.
    pub fn new(contact: NewContact, matches: Vec<Contact>) -> DuplicateWarning {
        DuplicateWarning {
            contact,
            matches,
            selected: 0,
        }
    }

    /// The contacts that already have the email or phone.
    pub fn matches(&self) -> &[Contact] {
        &self.matches
    }

    /// The highlighted row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// What a match shares with the new contact: "same email", "same phone" or both.
    pub fn shared(&self, existing: &Contact) -> &'static str {
        let same_email = match (&self.contact.email, &existing.email) {
            (Some(new), Some(old)) => new.trim().eq_ignore_ascii_case(old.trim()),
            _ => false,
        };
        let same_phone = match (&self.contact.phone, &existing.phone) {
            (Some(new), Some(old)) => normalize_phone(new) == normalize_phone(old),
            _ => false,
        };
        match (same_email, same_phone) {
            (true, true) => "same email and phone",
            (true, false) => "same email",
            (false, true) => "same phone",
            (false, false) => "similar",
        }
    }
}

impl Component for DuplicateWarning {
    type Outcome = DuplicateOutcome;

    fn context(&self) -> Context {
        Context::Duplicates
    }

    /// ↑↓ move, Enter opens the highlighted contact, `c` creates anyway, Esc goes back to the form.
    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> DuplicateOutcome {
        let last = self.matches.len().saturating_sub(1);
        match input {
            UserInput::Action(Action::Down) => self.selected = (self.selected + 1).min(last),
            UserInput::Action(Action::Up) => self.selected = self.selected.saturating_sub(1),
            UserInput::Action(Action::Pick) => {
                if let Some(contact) = self.matches.get(self.selected) {
                    return DuplicateOutcome::Open(Box::new(contact.clone()));
                }
            }
            UserInput::Action(Action::CreateAnyway) => {
                return DuplicateOutcome::CreateAnyway(Box::new(self.contact.clone()));
            }
            UserInput::Action(Action::Cancel) => return DuplicateOutcome::BackToForm,
            _ => {}
        }
        DuplicateOutcome::Continue
    }
}

/// Draws the warning as a box centred in its area.
pub struct DuplicatesView<'a> {
    pub warning: &'a DuplicateWarning,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &DuplicatesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let warning = self.warning;

        let height = cells(warning.matches.len()).saturating_add(7).min(18);
        let boxed = centered(area, 74, height);
        let inner = overlay_box(boxed, buf, "Already in your contacts?", theme);
        if inner.height < 3 {
            return;
        }
        let count = warning.matches.len();
        let intro = if count == 1 {
            "A contact already has this email or phone:".to_string()
        } else {
            format!("{count} contacts already have this email or phone:")
        };
        line_at(buf, inner, inner.y, Line::styled(intro, theme.warning));
        let rows = usize::from(inner.height.saturating_sub(4));
        let first = warning.selected.saturating_sub(rows.saturating_sub(1));
        let width = usize::from(inner.width);
        for (offset, contact) in warning.matches.iter().skip(first).take(rows).enumerate() {
            let index = first + offset;
            let y = inner.y + 2 + cells(offset);
            let shared = warning.shared(contact);
            // Show the identifier the two share.
            let reach = if shared.contains("email") {
                contact.email.as_deref()
            } else {
                contact.phone.as_deref().or(contact.email.as_deref())
            };
            let name = format!("{} ({})", contact.display_name(), contact.uid);
            let text = format!(
                "{} {} {shared}",
                pad(&truncate(&safe_line(&name), 26), 26),
                pad(&truncate(&safe_line(reach.unwrap_or("")), 24), 24),
            );
            line_at(
                buf,
                inner,
                y,
                Line::from(Span::styled(truncate(&text, width), theme.text)),
            );
            if index == warning.selected {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
            }
        }
        let key = |action| self.ctx.key(Context::Duplicates, action);
        let hint = hints(
            &[
                (self.ctx.up_down(Context::Duplicates), "choose"),
                (key(Action::Pick), "open it"),
                (key(Action::CreateAnyway), "create anyway"),
                (key(Action::Cancel), "back to the form"),
            ],
            theme,
        );
        line_at(buf, inner, inner.y + inner.height - 1, hint);
    }
}

/// `text` followed by spaces up to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
