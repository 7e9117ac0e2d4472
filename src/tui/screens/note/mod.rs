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
        // Logging a call: the quick notes take the last row while they are offered.
        let offered = self.screen.offers_quick_notes() && area.height > 4;
        let editor_area = if offered {
            Rect {
                height: area.height - 1,
                ..area
            }
        } else {
            area
        };
        NoteEditorView {
            editor: &self.screen.editor,
            ctx: self.ctx,
        }
        .render(editor_area, buf);
        if offered {
            let theme = self.ctx.theme;
            let mut spans = Vec::new();
            for (index, note) in self.screen.quick_notes.iter().enumerate() {
                let key = self.ctx.key(Context::QuickNotes, quick_note_action(index));
                spans.push(Span::styled(format!(" {key} "), theme.key));
                spans.push(Span::styled(
                    format!("{} ", self.ctx.free_text(note)),
                    theme.muted,
                ));
            }
            Line::from(spans).render(
                Rect {
                    y: area.y + area.height - 1,
                    height: 1,
                    ..area
                },
                buf,
            );
        }
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
