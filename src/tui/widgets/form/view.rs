//! Drawing the form: a heading, one row per field (label, input, and beside it the field's
//! problem or hint), scrolled so the focused field is in view, a status line and the key hints
//! (from the keymap). An open picker is drawn over it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

use super::{ContactForm, FormField, FormMode, FormState};
use crate::tui::keymap::{Action, Context};
use crate::tui::model::validate::Check;
use crate::tui::widgets::ViewCtx;
use crate::tui::widgets::layout::{cells, draw_input, hints, line_at, spinner, truncate};
use crate::tui::widgets::picker::PickerView;
use crate::tui::widgets::safe_text::line as safe_line;
use crate::tui::widgets::wrap::wrap_words;

/// Draws a form filling its area, and its picker over it when one is open.
pub struct FormView<'a> {
    pub form: &'a ContactForm,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &FormView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.form.draw(area, buf, &self.ctx);
    }
}

/// Marker (2) + label (12) + changed mark (1) + space (1).
const LABEL_COLUMNS: u16 = 16;
/// Inputs are at least this wide when the window allows (a typical email fits).
const MIN_INPUT_COLUMNS: u16 = 32;
/// Room kept right of the inputs for a field's message ("not an email"); the inputs take the rest.
const MESSAGE_COLUMNS: u16 = 30;

impl ContactForm {
    /// The first field row shown when `visible` rows fit: the focused field is always in view.
    fn scroll_offset(&self, visible: usize) -> usize {
        if visible == 0 {
            return 0;
        }
        self.focus.saturating_sub(visible - 1)
    }

    fn draw(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let theme = ctx.theme;
        Clear.render(area, buf);
        if area.height < 5 || area.width < 30 {
            line_at(
                buf,
                area,
                area.y,
                Line::styled("window too small", theme.warning),
            );
            return;
        }
        // The status may take up to three rows so a long server message is never cut.
        let (status, status_style) = self.status_text(ctx);
        let mut status_lines = wrap_words(&status, usize::from(area.width));
        status_lines.truncate(3);
        let status_rows = cells(status_lines.len());
        let visible = usize::from(area.height.saturating_sub(2 + status_rows));
        let offset = self.scroll_offset(visible);
        let shown_end = (offset + visible).min(self.fields.len());
        let mut heading = vec![Span::styled(
            safe_line(&self.title).into_owned(),
            theme.accent,
        )];
        if offset > 0 || shown_end < self.fields.len() {
            heading.push(Span::styled(
                format!(
                    "  fields {}–{} of {}",
                    offset + 1,
                    shown_end,
                    self.fields.len()
                ),
                theme.muted,
            ));
        }
        line_at(buf, area, area.y, Line::from(heading));
        // The inputs take the width there is, leaving the messages their column.
        let room = area.width.saturating_sub(LABEL_COLUMNS + 2);
        let input_columns = room
            .saturating_sub(MESSAGE_COLUMNS)
            .max(room.min(MIN_INPUT_COLUMNS))
            .max(8);
        for (row, index) in (offset..shown_end).enumerate() {
            let y = area.y + 1 + cells(row);
            self.render_field(
                index,
                Rect::new(area.x, y, area.width, 1),
                input_columns,
                buf,
                ctx,
            );
        }
        let status_top = area.y + area.height - 1 - status_rows;
        for (y, text) in (status_top..).zip(status_lines) {
            line_at(buf, area, y, Line::styled(text, status_style));
        }
        line_at(buf, area, area.y + area.height - 1, self.hint_line(ctx));
        if let Some((_, picker)) = &self.picker {
            PickerView { picker, ctx: *ctx }.render(area, buf);
        }
    }

    fn render_field(
        &self,
        index: usize,
        row: Rect,
        input_columns: u16,
        buf: &mut Buffer,
        ctx: &ViewCtx,
    ) {
        let theme = ctx.theme;
        let field = &self.fields[index];
        let focused = index == self.focus && self.picker.is_none();
        let marker = if index == self.focus { "› " } else { "  " };
        let changed = self.mode != FormMode::Create && field.is_changed();
        let label_style = if index == self.focus {
            theme.accent
        } else {
            theme.label
        };
        let label = Line::from(vec![
            Span::styled(marker, theme.accent),
            Span::styled(format!("{:<12}", field.id.label()), label_style),
            Span::styled(if changed { "•" } else { " " }, theme.warning),
        ]);
        line_at(buf, row, row.y, label);
        let input_area = Rect::new(row.x + LABEL_COLUMNS, row.y, input_columns, 1);
        draw_input(buf, input_area, &field.input, focused, theme.text);
        let message_x = input_area.x + input_columns + 2;
        if message_x >= row.x + row.width {
            return;
        }
        let width = usize::from(row.x + row.width - message_x);
        if let Some(message) = field_message(field, index == self.focus, ctx) {
            let (text, style) = message;
            let shown = truncate(&safe_line(&text), width);
            line_at(
                buf,
                Rect::new(message_x, row.y, row.x + row.width - message_x, 1),
                row.y,
                Line::styled(shown, style),
            );
        }
    }

    /// The status text (already display-safe) and its style: the discard question, the spinner,
    /// a refusal, the failure, or the focused field's full message.
    fn status_text(&self, ctx: &ViewCtx) -> (String, Style) {
        let theme = ctx.theme;
        let save = ctx.key(Context::Form, Action::Save);
        if self.confirm_discard {
            return ("Discard your changes?".to_string(), theme.warning);
        }
        match (&self.state, &self.notice) {
            (FormState::Saving { frame }, _) => {
                let doing = if self.mode == FormMode::Create {
                    "creating"
                } else {
                    "saving"
                };
                let text = format!(
                    "{} {doing}… (what you typed stays here until the server answers)",
                    spinner(*frame)
                );
                (text, theme.warning)
            }
            (_, Some(notice)) => (safe_line(notice).into_owned(), theme.error),
            (FormState::Failed(message), None) => (
                format!("Not saved: {} ({save} tries again)", safe_line(message)),
                theme.error,
            ),
            (FormState::Uncertain(message), None) => (
                format!(
                    "{} — compare with the contact before saving again ({save})",
                    safe_line(message)
                ),
                theme.warning,
            ),
            (FormState::Editing, None) => {
                let field = &self.fields[self.focus];
                match field_message(field, true, ctx) {
                    Some((text, style)) => {
                        (format!("{}: {}", field.id.label(), safe_line(&text)), style)
                    }
                    None => (String::new(), theme.muted),
                }
            }
        }
    }

    fn hint_line(&self, ctx: &ViewCtx) -> Line<'static> {
        let theme = ctx.theme;
        if self.confirm_discard {
            return hints(
                &[
                    (ctx.key(Context::Question, Action::Yes), "discard"),
                    ("any other key".to_string(), "keep editing"),
                ],
                theme,
            );
        }
        let mut pairs = vec![
            (ctx.keys(Context::Form, Action::NextField), "next"),
            (ctx.keys(Context::Form, Action::PreviousField), "previous"),
        ];
        if self.focused().has_picker() {
            pairs.push((ctx.key(Context::Form, Action::Pick), "pick"));
        }
        pairs.push((ctx.key(Context::Form, Action::Save), "save"));
        pairs.push((ctx.key(Context::Form, Action::Cancel), "cancel"));
        hints(&pairs, theme)
    }
}

/// What to show beside a field: an error from the last save (rules or server) first, then the
/// check of the text, then for an empty field its format (and, when focused, how to pick).
fn field_message(field: &FormField, focused: bool, ctx: &ViewCtx) -> Option<(String, Style)> {
    let theme = ctx.theme;
    let pick = ctx.key(Context::Form, Action::Pick);
    if let Some(error) = &field.server_error {
        return Some((error.clone(), theme.error));
    }
    match &field.check {
        Check::Invalid(why) => return Some((why.clone(), theme.error)),
        Check::Advice(tip) => return Some((tip.clone(), theme.muted)),
        Check::Valid => {}
    }
    if !field.input.value().trim().is_empty() {
        return None;
    }
    match (focused && field.id.has_picker(), field.id.format_hint()) {
        (true, Some(format)) => Some((format!("{pick}: pick; {format}"), theme.muted)),
        (true, None) => Some((format!("{pick}: pick from the list"), theme.muted)),
        (false, Some(format)) => Some((format.to_string(), theme.muted)),
        (false, None) => None,
    }
}
