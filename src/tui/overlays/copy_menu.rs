//! Copying one field of the contact (`y`, then a letter): the menu of its non-empty fields, each
//! under its key from the keymap (`e` email, `p` phone, `u` uid, `n` name, `a` address,
//! `b` business). A key that is none of them keeps the menu open rather than copy the wrong thing.
//! The app turns the choice into the OSC 52 bytes the effects runner writes to the terminal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::api::Contact;
use crate::privacy::SensitiveField;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::contact_text::address_block;
use crate::tui::model::display::present;
use crate::tui::widgets::layout::{cells, centered, pad, popup_block};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// One field offered by the copy menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyField {
    /// The action that copies it (its key is the keymap's: `e` for the email).
    pub action: Action,
    /// What it is, for the menu and the status bar ("email").
    pub label: &'static str,
    /// The text copied.
    pub value: String,
    /// How privacy mode masks it in the menu, when it is sensitive.
    pub sensitive: Option<SensitiveField>,
}

/// The copy menu: the contact's non-empty fields, each under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyMenu {
    pub fields: Vec<CopyField>,
}

impl CopyMenu {
    /// The menu for a contact: e email, p phone, u uid, n name, a address, b business.
    pub fn for_contact(contact: &Contact) -> CopyMenu {
        let candidates = [
            (
                Action::CopyEmail,
                "email",
                present(&contact.email).map(str::to_string),
                Some(SensitiveField::Email),
            ),
            (
                Action::CopyPhone,
                "phone",
                present(&contact.phone).map(str::to_string),
                Some(SensitiveField::Phone),
            ),
            (
                Action::CopyUid,
                "uid",
                Some(contact.uid.clone()).filter(|u| !u.is_empty()),
                None,
            ),
            (
                Action::CopyName,
                "name",
                Some(contact.display_name()).filter(|n| !n.is_empty()),
                None,
            ),
            (
                Action::CopyAddress,
                "address",
                address_block(contact),
                Some(SensitiveField::Address),
            ),
            (
                Action::CopyBusiness,
                "business",
                present(&contact.business_name).map(str::to_string),
                None,
            ),
        ];
        CopyMenu {
            fields: candidates
                .into_iter()
                .filter_map(|(action, label, value, sensitive)| {
                    value.map(|value| CopyField {
                        action,
                        label,
                        value,
                        sensitive,
                    })
                })
                .collect(),
        }
    }
}

/// What the copy menu asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyOutcome {
    /// Still open.
    Stay,
    /// Copy nothing.
    Close,
    /// Copy this field.
    Copy(CopyField),
}

impl Component for CopyMenu {
    type Outcome = CopyOutcome;

    fn context(&self) -> Context {
        Context::CopyMenu
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> CopyOutcome {
        match input {
            UserInput::Action(Action::CloseOverlay) => CopyOutcome::Close,
            UserInput::Action(action) => match self.fields.iter().find(|f| f.action == action) {
                Some(field) => CopyOutcome::Copy(field.clone()),
                None => CopyOutcome::Stay,
            },
            _ => CopyOutcome::Stay,
        }
    }
}

/// Draws the copy menu over the body.
pub struct CopyMenuView<'a> {
    pub menu: &'a CopyMenu,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &CopyMenuView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ctx = &self.ctx;
        let theme = ctx.theme;
        let width = area.width.min(60);
        let inner_width = width.saturating_sub(4) as usize;
        let mut lines: Vec<Line> = self
            .menu
            .fields
            .iter()
            .map(|field| {
                let value = match field.sensitive {
                    Some(kind) => ctx.masked(kind, &field.value),
                    None => field.value.as_str().into(),
                };
                let first = safe_text::line(value.lines().next().unwrap_or("")).into_owned();
                let first = if value.lines().count() > 1 {
                    format!("{first} …")
                } else {
                    first
                };
                Line::from(vec![
                    Span::styled(
                        format!(" {}  ", ctx.key(Context::CopyMenu, field.action)),
                        theme.key,
                    ),
                    Span::styled(pad(field.label, 10), theme.label),
                    Span::styled(pad(&first, inner_width.saturating_sub(14)), theme.text),
                ])
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled(" nothing to copy", theme.muted));
        }
        let popup_area = centered(area, width, cells(lines.len()) + 2);
        Clear.render(popup_area, buf);
        let hint = format!(
            "a letter copies · {} cancels",
            ctx.key(Context::CopyMenu, Action::CloseOverlay)
        );
        Paragraph::new(lines)
            .block(popup_block("Copy", &hint, theme))
            .render(popup_area, buf);
    }
}
