//! Writing a note for a contact: the note editor ([`editor`]) and the request sending it. What is
//! typed is kept as a draft on every change; a note whose answer never came is marked "may have
//! been saved", so sending it again asks first.

pub mod editor;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use ratatui::text::{Line, Span};

use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::model::RequestId;
use crate::tui::widgets::layout::fit_line;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

pub use editor::{NoteEditor, NoteEditorView, NoteOutcome, NoteState};

/// The note editor of a contact.
#[derive(Debug, Clone)]
pub struct NoteScreen {
    pub uid: String,
    pub editor: NoteEditor,
    /// The POST in flight.
    pub sending: Option<RequestId>,
    /// Logging a call: what `1`…`9` insert while the note is empty (none otherwise).
    pub quick_notes: Vec<String>,
}

impl NoteScreen {
    /// The editor of a note for `uid`, no quick notes offered.
    pub fn new(uid: impl Into<String>, editor: NoteEditor) -> NoteScreen {
        NoteScreen {
            uid: uid.into(),
            editor,
            sending: None,
            quick_notes: Vec::new(),
        }
    }

    /// True while the digits insert quick notes: a call is being logged and nothing is written.
    pub fn offers_quick_notes(&self) -> bool {
        !self.quick_notes.is_empty()
            && self.editor.context() == Context::NoteEditor
            && self.sending.is_none()
            && self.editor.text().trim().is_empty()
    }
}

/// What the note screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteScreenOutcome {
    /// Nothing to do.
    None,
    /// The text changed: keep it as a draft.
    KeepDraft(String),
    /// Send this note.
    Send(String),
    /// Open `$VISUAL`/`$EDITOR` on this draft.
    EditExternally(String),
    /// Leave the editor and forget its draft.
    Leave,
}

impl Component for NoteScreen {
    type Outcome = NoteScreenOutcome;

    fn context(&self) -> Context {
        if self.offers_quick_notes() {
            Context::QuickNotes
        } else {
            self.editor.context()
        }
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> NoteScreenOutcome {
        if let UserInput::Action(action) = &input
            && let Some(index) = action.quick_note()
        {
            return match self.quick_notes.get(index) {
                // Free text may follow the quick note: the cursor waits after it.
                Some(note) if self.offers_quick_notes() => {
                    let text = format!("{note} ");
                    self.editor.replace_text(&text);
                    NoteScreenOutcome::KeepDraft(self.editor.text())
                }
                _ => NoteScreenOutcome::None,
            };
        }
        match self.editor.handle(input, ctx) {
            NoteOutcome::Edited => NoteScreenOutcome::KeepDraft(self.editor.text()),
            NoteOutcome::Send(text) => NoteScreenOutcome::Send(text),
            NoteOutcome::OpenExternalEditor(draft) => NoteScreenOutcome::EditExternally(draft),
            NoteOutcome::Cancel => NoteScreenOutcome::Leave,
            NoteOutcome::Continue | NoteOutcome::Ignored => NoteScreenOutcome::None,
        }
    }
}

/// Draws the note screen.
pub struct NoteView<'a> {
    pub screen: &'a NoteScreen,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &NoteView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Logging a call: the quick notes take the last rows while they are offered, as many as
        // they need at this width (the editor keeps at least four).
        let rows = if self.screen.offers_quick_notes() {
            self.quick_note_rows(usize::from(area.width))
        } else {
            Vec::new()
        };
        let reserved = u16::try_from(rows.len())
            .unwrap_or(u16::MAX)
            .min(area.height.saturating_sub(4));
        let editor_area = Rect {
            height: area.height - reserved,
            ..area
        };
        NoteEditorView {
            editor: &self.screen.editor,
            ctx: self.ctx,
        }
        .render(editor_area, buf);
        for (offset, row) in (0..reserved).zip(rows) {
            row.render(
                Rect {
                    y: editor_area.y + editor_area.height + offset,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
    }
}

impl NoteView<'_> {
    /// The quick notes, `key note` pairs packed into rows of `width` cells; a pair is never split
    /// across rows (one wider than a row by itself is cut, saying so).
    fn quick_note_rows(&self, width: usize) -> Vec<Line<'static>> {
        let theme = self.ctx.theme;
        let mut rows: Vec<Line<'static>> = Vec::new();
        let mut used = 0;
        for (index, note) in self.screen.quick_notes.iter().enumerate() {
            let key = format!(
                " {} ",
                self.ctx.key(Context::QuickNotes, quick_note_action(index))
            );
            let text = format!("{} ", self.ctx.free_text(note));
            let pair = Line::from(vec![
                Span::styled(key, theme.key),
                Span::styled(text, theme.muted),
            ]);
            let needed = pair.width();
            match rows.last_mut() {
                Some(row) if used + needed <= width => {
                    row.spans.extend(pair.spans);
                    used += needed;
                }
                _ => {
                    used = needed.min(width);
                    rows.push(fit_line(pair, width));
                }
            }
        }
        rows
    }
}

/// The action inserting quick note `index` (0 for the first).
fn quick_note_action(index: usize) -> Action {
    Action::ALL
        .iter()
        .copied()
        .find(|action| action.quick_note() == Some(index))
        .unwrap_or(Action::QuickNote1)
}
