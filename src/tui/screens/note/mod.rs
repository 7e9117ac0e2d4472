//! Writing a note for a contact: the note editor ([`editor`]) and the request sending it. What is
//! typed is kept as a draft on every change; a note whose answer never came is marked "may have
//! been saved", so sending it again asks first.

pub mod editor;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::tui::keymap::{Context, UserInput};
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
        self.editor.context()
    }

    fn handle(&mut self, input: UserInput, ctx: &Ctx) -> NoteScreenOutcome {
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
        NoteEditorView {
            editor: &self.screen.editor,
            ctx: self.ctx,
        }
        .render(area, buf);
    }
}
