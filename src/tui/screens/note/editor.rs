//! The note editor: a multi-line ratatui-textarea for a call note. Its commands are the keymap's
//! (`Context::NoteEditor`): Ctrl-S sends; Ctrl-X then Ctrl-E (bash's own "edit in $EDITOR" chord,
//! so Ctrl-E stays end-of-line) asks to open `$VISUAL` / `$EDITOR` on the draft; Esc leaves,
//! asking first when something is typed. Every other key is the text area's own editing. While
//! sending and after a failure everything typed stays. A note the API's history would read back as
//! two (a blank line followed by a `YYYY-MM-DD HH:MM` line) is asked about before it is sent.
//! Does no IO.
#![deny(clippy::indexing_slicing)]

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};
use ratatui_textarea::{TextArea, WrapMode};

use crate::api::notes::NoteTimeline;
use crate::tui::keymap::{Action, Context, UserInput};
use crate::tui::widgets::layout::{cells, hints, line_at, spinner};
use crate::tui::widgets::safe_text::{self, line as safe_line};
use crate::tui::widgets::wrap::wrap_words;
use crate::tui::widgets::{Component, Ctx, ViewCtx};

/// Where the note is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteState {
    /// Being written.
    Editing,
    /// Sent; waiting for the server. Keys are held off so the text sent is the text shown.
    Sending { frame: usize },
    /// The server refused it or could not be reached; the text is all still here.
    Failed(String),
    /// No answer came: the note may or may not have been added. The text is still here; Ctrl-S
    /// would send it again, which the person decides after looking at the timeline.
    Uncertain(String),
}

/// What a key did to the note editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOutcome {
    /// Nothing for the app to do.
    Continue,
    /// The text changed: keep the draft on disk.
    Edited,
    /// Send this note (POST /api/contact/note/add); the editor is now sending.
    Send(String),
    /// Open the external editor on this draft and give the result to [`NoteEditor::replace_text`].
    OpenExternalEditor(String),
    /// Leave the editor; the draft is no longer wanted (nothing typed, or discarding confirmed).
    Cancel,
    /// The key means nothing here.
    Ignored,
}

/// A note being written for one contact.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    contact_name: String,
    textarea: TextArea<'static>,
    state: NoteState,
    confirm_discard: bool,
    awaiting_chord: bool,
    notice: Option<String>,
    /// Sent before without an answer: the server may have it. Sending again asks first.
    may_have_been_saved: bool,
    /// Asking "send it anyway? y/n": the text would be read back as several notes.
    confirm_split: Option<usize>,
    /// Asking "send it again? y/n".
    confirm_resend: bool,
}

impl NoteEditor {
    /// An empty note for the contact named `contact_name`.
    pub fn new(contact_name: &str) -> NoteEditor {
        let mut textarea = TextArea::default();
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_placeholder_text("What happened on the call? (Enter for a new line)");
        NoteEditor {
            contact_name: contact_name.to_string(),
            textarea,
            state: NoteState::Editing,
            confirm_discard: false,
            awaiting_chord: false,
            notice: None,
            may_have_been_saved: false,
            confirm_resend: false,
            confirm_split: None,
        }
    }

    /// This note was sent once and no answer came: say so, and ask before sending it again.
    pub fn mark_may_have_been_saved(&mut self) {
        self.may_have_been_saved = true;
    }

    /// True while the note may already be on the server (see [`Self::mark_may_have_been_saved`]).
    pub fn may_have_been_saved(&self) -> bool {
        self.may_have_been_saved
    }

    /// True while asking whether to send a note that may already have been saved.
    pub fn is_confirming_resend(&self) -> bool {
        self.confirm_resend
    }

    /// A note editor holding a kept draft.
    pub fn with_draft(contact_name: &str, draft: &str) -> NoteEditor {
        let mut editor = NoteEditor::new(contact_name);
        editor.replace_text(draft);
        editor
    }

    /// The text as typed.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The text that would be sent: without leading blank lines and trailing whitespace.
    pub fn note_to_send(&self) -> String {
        let text = self.text();
        let mut from_first_written_line = text.as_str();
        while let Some((line, rest)) = from_first_written_line.split_once('\n') {
            if !line.trim().is_empty() {
                break;
            }
            from_first_written_line = rest;
        }
        from_first_written_line.trim_end().to_string()
    }

    /// True when something worth keeping is typed.
    pub fn is_dirty(&self) -> bool {
        !self.text().trim().is_empty()
    }

    /// Where the note is.
    pub fn state(&self) -> &NoteState {
        &self.state
    }

    /// True while asking whether to throw the note away.
    pub fn is_confirming_discard(&self) -> bool {
        self.confirm_discard
    }

    /// Replaces the text (the external editor's result, or a draft), cursor at the end. Control
    /// characters other than line breaks are dropped and tabs become spaces.
    pub fn replace_text(&mut self, text: &str) {
        let cleaned: String = crate::text::unify_line_breaks(text)
            .chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                c if crate::text::is_unsafe(c) => None,
                c => Some(c),
            })
            .collect();
        let lines: Vec<String> = cleaned.split('\n').map(str::to_string).collect();
        let mut textarea = TextArea::new(lines);
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.textarea = textarea;
        self.notice = None;
    }

    /// The app could not run the external editor; say why, keep the text.
    pub fn set_notice(&mut self, message: &str) {
        self.notice = Some(message.to_string());
    }

    /// The server did not take the note; editing resumes with everything kept.
    pub fn set_failed(&mut self, message: &str) {
        self.state = NoteState::Failed(message.to_string());
    }

    /// The send timed out: the note may or may not have been added.
    pub fn set_uncertain(&mut self, message: &str) {
        self.state = NoteState::Uncertain(message.to_string());
    }

    /// Advances the spinner while sending.
    pub fn tick(&mut self) {
        if let NoteState::Sending { frame } = &mut self.state {
            *frame = frame.wrapping_add(1);
        }
    }

    /// Pasted text (line breaks kept) goes in at the cursor.
    fn paste(&mut self, text: &str) -> NoteOutcome {
        if matches!(self.state, NoteState::Sending { .. }) {
            return NoteOutcome::Continue;
        }
        self.confirm_discard = false;
        let cleaned: String = crate::text::unify_line_breaks(text)
            .chars()
            .filter(|c| *c == '\n' || !crate::text::is_unsafe(*c))
            .collect();
        if self.textarea.insert_str(cleaned) {
            NoteOutcome::Edited
        } else {
            NoteOutcome::Continue
        }
    }

    /// How many notes the API's history would hold for `note` once added: more than one when a
    /// blank line is followed by a `YYYY-MM-DD HH:MM` line, which the notes format cannot tell
    /// from the start of another note.
    fn notes_read_back(note: &str) -> usize {
        NoteTimeline::parse(&format!("2000-01-01 00:00 {note}")).len()
    }

    /// Ctrl-S: send, unless the text would come back as several notes (asked first).
    fn send_checked(&mut self) -> NoteOutcome {
        let notes = Self::notes_read_back(&self.note_to_send());
        if notes > 1 {
            self.confirm_split = Some(notes);
            return NoteOutcome::Continue;
        }
        self.send()
    }

    fn send(&mut self) -> NoteOutcome {
        let note = self.note_to_send();
        if note.is_empty() {
            self.notice = Some("the note is empty: type something first".to_string());
            return NoteOutcome::Continue;
        }
        self.state = NoteState::Sending { frame: 0 };
        self.notice = None;
        NoteOutcome::Send(note)
    }

    fn status_text(&self, ctx: &ViewCtx) -> (String, Style) {
        let theme = ctx.theme;
        let save = ctx.key(Context::NoteEditor, Action::Save);
        if self.confirm_resend {
            return (
                format!(
                    "This note may already have been saved — send it again? {}/n",
                    ctx.key(Context::Question, Action::Yes)
                ),
                theme.warning,
            );
        }
        if self.confirm_discard {
            return ("Discard this note?".to_string(), theme.warning);
        }
        if let Some(notes) = self.confirm_split {
            return (
                format!(
                    "A blank line then a date starts a new note in the API's history: this would \
be read back as {notes} notes. Send it anyway? {}/n (n: keep editing)",
                    ctx.key(Context::Question, Action::Yes)
                ),
                theme.warning,
            );
        }
        match (&self.state, &self.notice) {
            (NoteState::Sending { frame }, _) => (
                format!("{} sending the note…", spinner(*frame)),
                theme.warning,
            ),
            (NoteState::Failed(message), _) => (
                format!("Not saved: {} ({save} tries again)", safe_line(message)),
                theme.error,
            ),
            (NoteState::Uncertain(message), _) => (
                format!(
                    "{} — check the notes before sending it again ({save})",
                    safe_line(message)
                ),
                theme.warning,
            ),
            (NoteState::Editing, Some(notice)) => (safe_line(notice).into_owned(), theme.warning),
            (NoteState::Editing, None) if self.may_have_been_saved => (
                "This note may have been saved already — check the notes first".to_string(),
                theme.warning,
            ),
            (NoteState::Editing, None) if self.awaiting_chord => (
                format!(
                    "{}… (Ctrl-E opens $EDITOR)",
                    ctx.key(Context::NoteEditor, Action::ExternalEditor)
                ),
                theme.muted,
            ),
            (NoteState::Editing, None) => (String::new(), theme.muted),
        }
    }
}

impl Component for NoteEditor {
    type Outcome = NoteOutcome;

    fn context(&self) -> Context {
        if self.confirm_discard || self.confirm_resend || self.confirm_split.is_some() {
            Context::Question
        } else {
            Context::NoteEditor
        }
    }

    fn handle(&mut self, input: UserInput, _ctx: &Ctx) -> NoteOutcome {
        if let UserInput::Paste(text) = &input {
            return self.paste(text);
        }
        if matches!(self.state, NoteState::Sending { .. }) {
            return NoteOutcome::Continue;
        }
        let yes = input == UserInput::Action(Action::Yes);
        if self.confirm_discard {
            self.confirm_discard = false;
            return if yes {
                NoteOutcome::Cancel
            } else {
                NoteOutcome::Continue
            };
        }
        if std::mem::take(&mut self.confirm_resend) {
            if yes {
                self.may_have_been_saved = false;
                return self.send_checked();
            }
            return NoteOutcome::Continue;
        }
        if self.confirm_split.take().is_some() {
            return if yes {
                self.send()
            } else {
                NoteOutcome::Continue
            };
        }
        if std::mem::take(&mut self.awaiting_chord)
            && let UserInput::Key(key) = &input
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('e' | 'E'))
        {
            return NoteOutcome::OpenExternalEditor(self.text());
        }
        match input {
            UserInput::Action(Action::ExternalEditor) => {
                self.awaiting_chord = true;
                NoteOutcome::Continue
            }
            UserInput::Action(Action::Save) => {
                if self.may_have_been_saved {
                    self.confirm_resend = true;
                    return NoteOutcome::Continue;
                }
                self.send_checked()
            }
            UserInput::Action(Action::Cancel) => {
                if self.is_dirty() {
                    self.confirm_discard = true;
                    return NoteOutcome::Continue;
                }
                NoteOutcome::Cancel
            }
            // The text area's own editing keys: whatever the table leaves alone here.
            UserInput::Key(key) => {
                // A control character is no text (the textarea would keep it and draw it raw).
                if matches!(key.code, KeyCode::Char(c) if c.is_control()) {
                    return NoteOutcome::Ignored;
                }
                if self.textarea.input(key) {
                    self.notice = None;
                    NoteOutcome::Edited
                } else {
                    NoteOutcome::Continue
                }
            }
            _ => NoteOutcome::Ignored,
        }
    }
}

/// Draws a note editor filling its area: a heading, the text box, a status line and the hints.
pub struct NoteEditorView<'a> {
    pub editor: &'a NoteEditor,
    pub ctx: ViewCtx<'a>,
}

impl Widget for &NoteEditorView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.editor.draw(area, buf, &self.ctx);
    }
}

impl NoteEditor {
    fn draw(&self, area: Rect, buf: &mut Buffer, ctx: &ViewCtx) {
        let theme = ctx.theme;
        Clear.render(area, buf);
        if area.height < 4 || area.width < 10 {
            line_at(
                buf,
                area,
                area.y,
                Line::styled("window too small", theme.warning),
            );
            return;
        }
        let heading = Line::from(vec![
            Span::styled("Note for ", theme.label),
            Span::styled(safe_line(&self.contact_name).into_owned(), theme.accent),
        ]);
        line_at(buf, area, area.y, heading);
        let (status, status_style) = self.status_text(ctx);
        let mut status_lines = wrap_words(&status, usize::from(area.width));
        status_lines.truncate(3);
        let status_rows = cells(status_lines.len());
        let box_height = area.height.saturating_sub(2 + status_rows).max(2);
        let box_area = Rect::new(area.x, area.y + 1, area.width, box_height);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(theme.border_focused);
        let inner = block.inner(box_area);
        block.render(box_area, buf);
        (&self.textarea).render(inner, buf);
        // The textarea draws text as it is: what it drew is made safe where it lies.
        safe_text::guard(buf, inner);
        let status_top = area.y + 1 + box_height;
        for (y, text) in (status_top..).zip(status_lines) {
            line_at(buf, area, y, Line::styled(text, status_style));
        }
        let yes = ctx.key(Context::Question, Action::Yes);
        let other = "any other key".to_string();
        let key = |action| ctx.key(Context::NoteEditor, action);
        let hint = if self.confirm_resend {
            hints(&[(yes, "send it again"), (other, "keep editing")], theme)
        } else if self.confirm_discard {
            hints(&[(yes, "discard the note"), (other, "keep writing")], theme)
        } else {
            hints(
                &[
                    (key(Action::Save), "send"),
                    (format!("{} Ctrl-E", key(Action::ExternalEditor)), "$EDITOR"),
                    ("Enter".to_string(), "new line"),
                    (key(Action::Cancel), "cancel"),
                ],
                theme,
            )
        };
        line_at(buf, area, area.y + area.height - 1, hint);
    }
}
