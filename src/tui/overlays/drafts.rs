//! The drafts kept from an earlier session, offered back on start (and on switching profile):
//! what each is, whose, when, and its first words. Enter resumes one; `d` asks whether to throw
//! the highlighted one away — a `d` typed into a lookup while this list was up throws nothing
//! away — and only `y` does.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::display::relative_time;
use crate::tui::model::drafts::{Draft, DraftContent, DraftKind};
use crate::tui::widgets::layout::{cells, centered, hints, line_at, overlay_box, truncate};
use crate::tui::widgets::safe_text;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// The drafts list's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DraftsOverlay {
    /// The highlighted draft.
    pub selected: usize,
    /// Asking whether to throw the highlighted draft away.
    pub discarding: bool,
}

/// What the drafts list asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftsOutcome {
    /// Still open.
    Stay,
    /// Not now (they are offered again next time).
    Close,
    /// Open what the draft at this row belongs to, with the draft in it.
    Resume(usize),
    /// Throw the draft at this row away.
    Discard(usize),
}

impl Component for DraftsOverlay {
    type Outcome = DraftsOutcome;

    fn context(&self) -> Context {
        if self.discarding {
            Context::Question
        } else {
            Context::Drafts
        }
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> DraftsOutcome {
        let count = ctx.drafts.len();
        // A paste, or the help key (help is not shown over the list), changes nothing.
        if matches!(input, UserInput::Paste(_) | UserInput::Action(Action::Help)) {
            return DraftsOutcome::Stay;
        }
        if std::mem::take(&mut self.discarding) {
            return match input {
                UserInput::Action(Action::Yes) => DraftsOutcome::Discard(self.selected),
                _ => DraftsOutcome::Stay,
            };
        }
        match input {
            UserInput::Action(Action::Down) => {
                self.selected = (self.selected + 1).min(count.saturating_sub(1));
            }
            UserInput::Action(Action::Up) => self.selected = self.selected.saturating_sub(1),
            UserInput::Action(Action::DiscardDraft) if count > 0 => self.discarding = true,
            UserInput::Action(Action::Pick) if self.selected < count => {
                return DraftsOutcome::Resume(self.selected);
            }
            // Enter on an empty list closes, as Esc does.
            UserInput::Action(Action::Cancel | Action::Pick) => return DraftsOutcome::Close,
            _ => {}
        }
        DraftsOutcome::Stay
    }
}

/// Draws the drafts list over the body.
pub struct DraftsView<'a> {
    pub overlay: &'a DraftsOverlay,
    pub drafts: &'a [Draft],
    pub ctx: ViewCtx<'a>,
}

impl DraftsView<'_> {
    /// One row: what the draft is, whose, when, and its first words.
    fn row(&self, draft: &Draft) -> String {
        let kind = match draft.key.kind {
            DraftKind::Note => "note",
            DraftKind::Edit => "edit",
            DraftKind::Create => "new contact",
        };
        let whose = draft
            .contact_name
            .clone()
            .or_else(|| draft.key.uid().map(str::to_string))
            .unwrap_or_default();
        let when = draft
            .saved_at
            .map(|at| relative_time(at, self.ctx.clock.now))
            .unwrap_or_default();
        let preview = match &draft.content {
            DraftContent::Note { .. } if draft.may_have_been_saved => {
                "may have been saved — check the notes first".to_string()
            }
            DraftContent::Note { text } => text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string(),
            DraftContent::Form { fields } => fields.keys().cloned().collect::<Vec<_>>().join(", "),
        };
        format!(
            "{kind:<11} {:<20} {when:<12} {}",
            truncate(&whose, 20),
            preview
        )
    }
}

impl Widget for &DraftsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.ctx.theme;
        let height = cells(self.drafts.len()).saturating_add(5).min(area.height);
        let inner = overlay_box(centered(area, 72, height), buf, "Unsaved drafts", theme);
        if inner.height < 3 {
            return;
        }
        line_at(
            buf,
            inner,
            inner.y,
            Line::styled(
                "These were being written when genius last closed:",
                theme.muted,
            ),
        );
        let selected = self.overlay.selected;
        let rows = usize::from(inner.height.saturating_sub(3));
        let first = selected.saturating_sub(rows.saturating_sub(1));
        let width = usize::from(inner.width);
        for (offset, draft) in self.drafts.iter().skip(first).take(rows).enumerate() {
            let y = inner.y + 1 + cells(offset);
            let text = self.row(draft);
            line_at(
                buf,
                inner,
                y,
                Line::from(Span::styled(
                    truncate(&safe_text::line(&text), width),
                    theme.text,
                )),
            );
            if first + offset == selected {
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), theme.selected);
            }
        }
        let key = |action| self.ctx.key(Context::Drafts, action);
        let hint = if self.overlay.discarding {
            let mut line = hints(
                &[
                    (
                        self.ctx.key(Context::Question, Action::Yes),
                        "throw it away",
                    ),
                    ("any other key".to_string(), "keep it"),
                ],
                theme,
            );
            line.spans.insert(
                0,
                Span::styled("Throw the highlighted draft away?  ", theme.warning),
            );
            line
        } else {
            hints(
                &[
                    (key(Action::Pick), "resume"),
                    (key(Action::DiscardDraft), "discard"),
                    (self.ctx.up_down(Context::Drafts), "choose"),
                    (key(Action::Cancel), "later"),
                ],
                theme,
            )
        };
        line_at(buf, inner, inner.y + inner.height - 1, hint);
    }
}
