//! The question before an undo: what the inverse call will do, in words ("set the stage of Ana
//! back to Contacted?"), answered with `y` — any other key keeps things as they are.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::layout::{centered, overlay_box};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// An undo waiting for its yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoConfirm {
    /// What the undo will do, as a question.
    pub question: String,
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoAnswer {
    Yes,
    No,
}

impl Component for UndoConfirm {
    type Outcome = UndoAnswer;

    fn context(&self) -> Context {
        Context::Question
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> UndoAnswer {
        if input == UserInput::Action(Action::Yes) {
            UndoAnswer::Yes
        } else {
            UndoAnswer::No
        }
    }
}

/// Draws the question in a small box.
pub struct UndoConfirmView<'a> {
    pub confirm: &'a UndoConfirm,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &UndoConfirmView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let width = area.width.saturating_sub(4).clamp(1, 64);
        let popup = centered(area, width, 6.min(area.height));
        let inner = overlay_box(popup, buf, "Undo", theme);
        let yes = self.ctx.key(Context::Question, Action::Yes);
        let lines = vec![
            Line::styled(
                self.ctx.free_text(&self.confirm.question).into_owned(),
                theme.text,
            ),
            Line::styled(
                safe_text::line(&format!("{yes} undoes it · any other key keeps it")).into_owned(),
                theme.muted,
            ),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(inner, buf);
    }
}
