//! The one single-line text input of the TUI — the lookup, the form fields, the command line, a
//! picker's filter and the export prompt's file. Its editing keys are rows of the keymap table
//! (`Context::TextInput`, readline's: Ctrl-A/E, Ctrl-U/K, Ctrl-W, Alt-B/F…), so they arrive here as
//! actions; a key the table leaves alone types itself when it is a printable character. Pasted text
//! is flattened to one line with every control character dropped; only the lookup input also
//! cleans an identifier (`mailto:`/`tel:`, surrounding spaces), with [`clean_paste`].
//!
//! It keeps the text as typed (or as the server sent it, in the edit form). What it shows
//! ([`ShownInput`]) is made safe and scrolled to keep the cursor in view.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthChar;

use crate::api::model::clean_pasted_identifier;
use crate::tui::keymap::{Action, UserInput};
use crate::tui::widgets::safe_text;

/// A single-line text input: its text and cursor.
#[derive(Debug, Clone, Default)]
pub struct TextInput {
    input: Input,
}

/// Two inputs are equal when they hold the same text with the cursor at the same place.
impl PartialEq for TextInput {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

/// What an input did with what it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Not an editing key: the component may give it another meaning.
    NotAnEdit,
    /// The cursor moved (or nothing changed) but the text is the same.
    Moved,
    /// The text changed.
    Changed,
}

impl TextInput {
    /// An input holding `value`, the cursor after it.
    pub fn new(value: impl Into<String>) -> TextInput {
        TextInput {
            input: Input::new(value.into()),
        }
    }

    /// The text as typed.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    /// Empties the input.
    pub fn reset(&mut self) {
        self.input.reset();
    }

    /// A key, an editing action or a paste. Actions other than the editing ones, and keys with
    /// Ctrl or Alt, are not edits.
    pub fn handle(&mut self, input: &UserInput) -> Edit {
        match input {
            UserInput::Action(action) => match editing_request(*action) {
                Some(request) => self.apply(request),
                None => Edit::NotAnEdit,
            },
            UserInput::Key(key) => {
                let plain = !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::META);
                match key.code {
                    // A control character is no text: it would be kept and sent, unseen.
                    KeyCode::Char(c) if plain && !c.is_control() => {
                        self.apply(InputRequest::InsertChar(c))
                    }
                    _ => Edit::NotAnEdit,
                }
            }
            UserInput::Paste(text) => self.paste(text),
        }
    }

    fn apply(&mut self, request: InputRequest) -> Edit {
        match self.input.handle(request) {
            Some(changed) if changed.value => Edit::Changed,
            _ => Edit::Moved,
        }
    }

    /// Pasted text at the cursor, on one line: line breaks and tabs become spaces ("\r\n" one
    /// space), every other control character is dropped.
    pub fn paste(&mut self, text: &str) -> Edit {
        let mut flat = String::with_capacity(text.len());
        let mut previous_was_break = false;
        for c in text.chars() {
            let c = match c {
                '\r' | '\n' => {
                    if previous_was_break {
                        continue;
                    }
                    previous_was_break = true;
                    ' '
                }
                '\t' => ' ',
                c if crate::text::is_unsafe(c) => continue,
                c => c,
            };
            if c != ' ' {
                previous_was_break = false;
            }
            flat.push(c);
        }
        self.insert(&flat)
    }

    /// Pasted text as a lookup takes it: cleaned as an identifier ([`clean_paste`]).
    pub fn paste_identifier(&mut self, text: &str) -> Edit {
        self.insert(&clean_paste(text))
    }

    /// Inserts `text` at the cursor in one go, the cursor after it. (Inserting character by
    /// character costs a walk of the value each: a 100 000-character paste would take seconds.)
    pub fn insert(&mut self, text: &str) -> Edit {
        if text.is_empty() {
            return Edit::Moved;
        }
        let cursor = self.input.cursor();
        let value = self.input.value();
        let split = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(at, _)| at);
        let (before, after) = value.split_at_checked(split).unwrap_or((value, ""));
        let joined = format!("{before}{text}{after}");
        let moved = cursor + text.chars().count();
        self.input = std::mem::take(&mut self.input)
            .with_value(joined)
            .with_cursor(moved);
        Edit::Changed
    }

    /// The part to draw in `width` columns, keeping one column free after the cursor.
    pub fn shown(&self, width: usize) -> ShownInput {
        shown_value(self.value(), self.cursor(), width)
    }
}

/// The editing request an action of `Context::TextInput` stands for.
fn editing_request(action: Action) -> Option<InputRequest> {
    use InputRequest::*;
    Some(match action {
        Action::CursorLeft => GoToPrevChar,
        Action::CursorRight => GoToNextChar,
        Action::WordLeft => GoToPrevWord,
        Action::WordRight => GoToNextWord,
        Action::LineStart => GoToStart,
        Action::LineEnd => GoToEnd,
        Action::DeleteBefore => DeletePrevChar,
        Action::DeleteAfter => DeleteNextChar,
        Action::DeleteWordBefore => DeletePrevWord,
        Action::DeleteWordAfter => DeleteNextWord,
        Action::DeleteToStart => DeleteFromStart,
        Action::DeleteToEnd => DeleteTillEnd,
        Action::Yank => Yank,
        _ => return None,
    })
}

/// Pasted text as it should enter a lookup input: one line, no control characters, surrounding
/// spaces and a `mailto:`/`tel:` prefix removed.
pub fn clean_paste(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !crate::text::is_unsafe(*c))
        .collect();
    clean_pasted_identifier(&one_line)
}

/// The visible part of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownInput {
    /// The text that fits, safe to draw.
    pub text: String,
    /// The cursor's column within `text` (may be one past its end).
    pub cursor_column: usize,
}

/// The part of `value` to draw in `width` columns with the cursor before character `cursor`.
/// Every control or bidi character is drawn as one placeholder, so the cursor is placed by the
/// widths of what is drawn, not of what is held.
pub fn shown_value(value: &str, cursor: usize, width: usize) -> ShownInput {
    // One placeholder per character: the input's character index is the safe text's too.
    let safe = safe_text::line(value);
    let widths: Vec<(char, usize)> = safe.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    let cursor = cursor.min(widths.len());
    let cursor_column: usize = widths.iter().take(cursor).map(|(_, w)| w).sum();
    let room = width.max(1);
    let want_scroll = cursor_column.saturating_sub(room - 1);
    let mut skipped = 0;
    let mut first = 0;
    while skipped < want_scroll && first < widths.len() {
        skipped += widths.get(first).map_or(0, |(_, w)| *w);
        first += 1;
    }
    let mut text = String::new();
    let mut used = 0;
    for (c, w) in widths.iter().skip(first) {
        if used + w > room {
            break;
        }
        text.push(*c);
        used += w;
    }
    ShownInput {
        text,
        cursor_column: cursor_column.saturating_sub(skipped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Context, Keymap};
    use ratatui::crossterm::event::KeyEvent;

    fn press(input: &mut TextInput, code: KeyCode, modifiers: KeyModifiers) -> Edit {
        let user = Keymap::default().input(Context::TextInput, KeyEvent::new(code, modifiers));
        input.handle(&user)
    }

    #[test]
    fn readline_keys_from_the_table_edit_like_a_shell() {
        let mut input = TextInput::new("hello big world");
        press(&mut input, KeyCode::Char('b'), KeyModifiers::ALT);
        press(&mut input, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(input.value(), "hello big ");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.value(), "hello ");
        press(&mut input, KeyCode::Char('a'), KeyModifiers::CONTROL);
        press(&mut input, KeyCode::Char('f'), KeyModifiers::CONTROL);
        press(&mut input, KeyCode::Char('f'), KeyModifiers::CONTROL);
        press(&mut input, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(input.value(), "llo ");
        assert_eq!(
            press(&mut input, KeyCode::Char('X'), KeyModifiers::SHIFT),
            Edit::Changed
        );
        assert_eq!(input.value(), "Xllo ");
        press(&mut input, KeyCode::Char('e'), KeyModifiers::CONTROL);
        press(&mut input, KeyCode::Char('b'), KeyModifiers::ALT);
        assert_eq!(input.cursor(), 0);
        let mut shell = TextInput::new("john doe@example.com");
        press(&mut shell, KeyCode::Char('a'), KeyModifiers::CONTROL);
        press(&mut shell, KeyCode::Char('f'), KeyModifiers::ALT);
        press(&mut shell, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(shell.value(), "john ");
        press(&mut shell, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(shell.value(), "");
        assert_eq!(
            press(&mut shell, KeyCode::Enter, KeyModifiers::NONE),
            Edit::NotAnEdit
        );
        assert_eq!(
            press(&mut shell, KeyCode::Char('q'), KeyModifiers::CONTROL),
            Edit::NotAnEdit
        );
    }

    #[test]
    fn a_paste_is_flattened_and_only_the_lookup_cleans_identifiers() {
        let mut input = TextInput::default();
        assert_eq!(input.paste("a\r\nb\tc\x1b[2J"), Edit::Changed);
        assert_eq!(input.value(), "a b c[2J");
        let mut file = TextInput::default();
        file.paste("tel:report.vcf");
        assert_eq!(
            file.value(),
            "tel:report.vcf",
            "a file name is not an identifier"
        );
        assert_eq!(
            clean_paste("  mailto:John@Example.com \n"),
            "John@Example.com"
        );
        assert_eq!(clean_paste("tel:+1 555 123"), "+1 555 123");
        assert_eq!(clean_paste("a\x1b[2Jb"), "a [2Jb");
    }

    #[test]
    fn controls_show_as_placeholders_and_the_cursor_follows_them() {
        let input = TextInput::new("a\u{1b}]0;x\u{7}\u{200f}b");
        let shown = input.shown(40);
        assert_eq!(shown.text, "a\u{241b}]0;x\u{2407}\u{fffd}b");
        assert_eq!(shown.cursor_column, 9);
    }

    #[test]
    fn a_long_value_scrolls_to_keep_the_cursor_in_view() {
        let mut input = TextInput::new("北京北京北京北京");
        let shown = input.shown(7);
        assert!(shown.cursor_column < 7);
        assert_eq!(shown.text, "京北京");
        press(&mut input, KeyCode::Home, KeyModifiers::NONE);
        assert_eq!(input.shown(7).cursor_column, 0);
    }
}
