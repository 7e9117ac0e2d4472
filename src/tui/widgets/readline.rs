//! Key helpers shared by the work components: the readline bindings of every single-line input
//! (Ctrl-A/E, Ctrl-U/K, Ctrl-W, Alt-B/F, Home/End…) and small predicates on key events.
//!
//! tui-input ships a crossterm mapping, but it reads Alt-B/F only as `META` (which terminals send
//! as `ALT`) and maps Ctrl-U to "delete the whole line" where readline deletes back to the start.
//! This mapping follows readline.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::{Input, InputRequest};

/// True for a key press or auto-repeat; releases (sent by some terminals) are ignored everywhere.
pub fn is_press(key: &KeyEvent) -> bool {
    matches!(key.kind, KeyEventKind::Press | KeyEventKind::Repeat)
}

/// True when `key` is Ctrl + `c` (letters compared case-insensitively, Shift ignored).
pub fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL)
        && !key
            .modifiers
            .intersects(KeyModifiers::ALT | KeyModifiers::META)
        && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
}

/// True when `key` is Alt (or Meta) + `c`.
pub fn is_alt(key: &KeyEvent, c: char) -> bool {
    key.modifiers
        .intersects(KeyModifiers::ALT | KeyModifiers::META)
        && !key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char(k) if k.eq_ignore_ascii_case(&c))
}

/// True for Shift-Tab, which terminals report either as `BackTab` or as Tab with Shift.
pub fn is_back_tab(key: &KeyEvent) -> bool {
    key.code == KeyCode::BackTab
        || (key.code == KeyCode::Tab && key.modifiers.contains(KeyModifiers::SHIFT))
}

/// The readline edit a key asks of a single-line input, if any. Plain characters (with or without
/// Shift) insert themselves.
pub fn readline_request(key: &KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    if !is_press(key) {
        return None;
    }
    let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
    if is_ctrl(key, 'a') {
        return Some(GoToStart);
    }
    if is_ctrl(key, 'e') {
        return Some(GoToEnd);
    }
    if is_ctrl(key, 'b') {
        return Some(GoToPrevChar);
    }
    if is_ctrl(key, 'f') {
        return Some(GoToNextChar);
    }
    if is_ctrl(key, 'u') {
        return Some(DeleteFromStart);
    }
    if is_ctrl(key, 'k') {
        return Some(DeleteTillEnd);
    }
    if is_ctrl(key, 'w') {
        return Some(DeletePrevWord);
    }
    if is_ctrl(key, 'h') {
        return Some(DeletePrevChar);
    }
    if is_ctrl(key, 'd') {
        return Some(DeleteNextChar);
    }
    if is_ctrl(key, 'y') {
        return Some(Yank);
    }
    if is_alt(key, 'b') {
        return Some(GoToPrevWord);
    }
    if is_alt(key, 'f') {
        return Some(GoToNextWord);
    }
    if is_alt(key, 'd') {
        return Some(DeleteNextWord);
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key
        .modifiers
        .intersects(KeyModifiers::ALT | KeyModifiers::META);
    match key.code {
        KeyCode::Char(c) if plain && !c.is_control() => Some(InsertChar(c)),
        KeyCode::Backspace if alt || ctrl => Some(DeletePrevWord),
        KeyCode::Backspace => Some(DeletePrevChar),
        KeyCode::Delete if ctrl || alt => Some(DeleteNextWord),
        KeyCode::Delete => Some(DeleteNextChar),
        KeyCode::Left if ctrl || alt => Some(GoToPrevWord),
        KeyCode::Left => Some(GoToPrevChar),
        KeyCode::Right if ctrl || alt => Some(GoToNextWord),
        KeyCode::Right => Some(GoToNextChar),
        KeyCode::Home => Some(GoToStart),
        KeyCode::End => Some(GoToEnd),
        _ => None,
    }
}

/// What a key did to an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEdit {
    /// The key is not an editing key.
    NotAnEdit,
    /// The cursor moved (or nothing changed) but the text is the same.
    Moved,
    /// The text changed.
    Changed,
}

/// Applies the readline meaning of `key` to `input`.
pub fn edit_input(input: &mut Input, key: &KeyEvent) -> InputEdit {
    match readline_request(key) {
        None => InputEdit::NotAnEdit,
        Some(request) => match input.handle(request) {
            Some(changed) if changed.value => InputEdit::Changed,
            _ => InputEdit::Moved,
        },
    }
}

/// Inserts pasted text into a single-line input at the cursor: line breaks and tabs become spaces,
/// other control characters are dropped. Returns true when the text changed.
pub fn paste_into(input: &mut Input, text: &str) -> bool {
    let mut flat = String::with_capacity(text.len());
    let mut previous_was_break = false;
    for c in text.chars() {
        let c = match c {
            '\r' | '\n' => {
                // "\r\n" is one break, not two spaces.
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
    crate::tui::widgets::text_input::insert_str(input, &flat)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn readline_keys_edit_like_a_shell() {
        let mut input = Input::new("hello big world".into());
        edit_input(&mut input, &key(KeyCode::Char('b'), KeyModifiers::ALT));
        edit_input(&mut input, &key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(input.value(), "hello big ");
        edit_input(&mut input, &key(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(input.value(), "hello ");
        edit_input(&mut input, &key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        edit_input(&mut input, &key(KeyCode::Char('f'), KeyModifiers::CONTROL));
        edit_input(&mut input, &key(KeyCode::Char('f'), KeyModifiers::CONTROL));
        edit_input(&mut input, &key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(input.value(), "llo ");
        assert_eq!(
            edit_input(&mut input, &key(KeyCode::Char('X'), KeyModifiers::SHIFT)),
            InputEdit::Changed
        );
        assert_eq!(input.value(), "Xllo ");
        edit_input(&mut input, &key(KeyCode::Char('e'), KeyModifiers::CONTROL));
        edit_input(&mut input, &key(KeyCode::Char('b'), KeyModifiers::ALT));
        assert_eq!(input.cursor(), 0);
    }

    #[test]
    fn paste_flattens_lines_and_drops_controls() {
        let mut input = Input::default();
        assert!(paste_into(&mut input, "a\r\nb\tc\x1b[2J"));
        assert_eq!(input.value(), "a b c[2J");
    }
}
