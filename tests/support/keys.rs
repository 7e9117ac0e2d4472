//! Keys as tests press them — one `key()` for the app and the components alike (a key is a
//! message: `app.update(key(KeyCode::Enter))`) — and typing text.

use genius::tui::app::{App, Command};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key pressed alone.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// A character as a terminal reports it (Shift with a capital).
pub fn ch(c: char) -> KeyEvent {
    let modifiers = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

/// A character with Ctrl.
pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// A character with Alt.
pub fn alt(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
}

/// Shift-Tab as terminals send it.
pub fn back_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// The keys that type `text`.
pub fn typing(text: &str) -> Vec<KeyEvent> {
    text.chars().map(ch).collect()
}

/// Types `text` key by key, asserting no key asks for a side effect.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let commands = app.update(ch(c));
        assert!(commands.is_empty(), "typing {c:?} emitted {commands:?}");
    }
}

/// Types `text` into whatever has the keyboard, returning every command emitted.
pub fn type_in(app: &mut App, text: &str) -> Vec<Command> {
    text.chars().flat_map(|c| app.update(ch(c))).collect()
}
