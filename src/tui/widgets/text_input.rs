//! Readline editing for every single-line input: the keys map to `tui_input` requests (Ctrl-A/E,
//! Ctrl-U/K, Ctrl-W, Alt-B/F, Home/End, Ctrl-Y…), and pasted text is cleaned before it goes in.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

use crate::api::model::clean_pasted_identifier;

/// The editing request a key stands for in a text input, if any.
pub fn edit_request(key: &KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char('a') if ctrl => GoToStart,
        KeyCode::Char('e') if ctrl => GoToEnd,
        KeyCode::Char('b') if ctrl => GoToPrevChar,
        KeyCode::Char('f') if ctrl => GoToNextChar,
        KeyCode::Char('b') if alt => GoToPrevWord,
        KeyCode::Char('f') if alt => GoToNextWord,
        KeyCode::Char('d') if alt => DeleteNextWord,
        KeyCode::Char('u') if ctrl => DeleteFromStart,
        KeyCode::Char('k') if ctrl => DeleteTillEnd,
        KeyCode::Char('w') if ctrl => DeletePrevWord,
        KeyCode::Char('h') if ctrl => DeletePrevChar,
        KeyCode::Char('d') if ctrl => DeleteNextChar,
        KeyCode::Char('y') if ctrl => Yank,
        KeyCode::Char(_) if ctrl || alt => return None,
        // A control character is no text: it would be kept and sent, unseen.
        KeyCode::Char(c) if c.is_control() => return None,
        KeyCode::Char(c) => InsertChar(c),
        KeyCode::Backspace if alt || ctrl => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete if ctrl => DeleteNextWord,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        _ => return None,
    })
}

/// Applies a key to an input; true when the key was an editing key (whether or not it changed anything).
pub fn edit(input: &mut Input, key: &KeyEvent) -> bool {
    match edit_request(key) {
        Some(request) => {
            input.handle(request);
            true
        }
        None => false,
    }
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

/// Inserts pasted text at the cursor.
pub fn paste(input: &mut Input, text: &str) {
    insert_str(input, &clean_paste(text));
}

/// Inserts `text` at the cursor in one go, the cursor after it; false when `text` is empty.
/// (Inserting character by character costs a walk of the value each: a 100 000-character paste
/// would take seconds.)
pub fn insert_str(input: &mut Input, text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let cursor = input.cursor();
    let value = input.value();
    let split = value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(at, _)| at);
    let (before, after) = value.split_at_checked(split).unwrap_or((value, ""));
    let joined = format!("{before}{text}{after}");
    let moved = cursor + text.chars().count();
    *input = std::mem::take(input).with_value(joined).with_cursor(moved);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn readline_keys_edit_like_a_shell() {
        let mut input = Input::new("john doe@example.com".into());
        edit(&mut input, &key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        edit(&mut input, &key(KeyCode::Char('f'), KeyModifiers::ALT));
        edit(&mut input, &key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(input.value(), "john ");
        edit(&mut input, &key(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.value(), "");
        assert!(!edit(&mut input, &key(KeyCode::Enter, KeyModifiers::NONE)));
    }

    #[test]
    fn pasted_values_are_cleaned() {
        assert_eq!(
            clean_paste("  mailto:John@Example.com \n"),
            "John@Example.com"
        );
        assert_eq!(clean_paste("tel:+1 555 123"), "+1 555 123");
        assert_eq!(clean_paste("a\x1b[2Jb"), "a [2Jb");
    }
}
