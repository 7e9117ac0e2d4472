//! One key with its modifiers, as the table writes it and as a terminal reports it: the matching
//! rules (terminals disagree about Shift on letters, Shift-Tab and Meta) and how help names a key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers. Letters match regardless of Shift (terminals disagree about
/// reporting it), so `G` is written as `Char('G')` with no modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyChord {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift is ignored for characters).
    pub modifiers: KeyModifiers,
}

impl KeyChord {
    /// A key pressed alone.
    pub const fn plain(code: KeyCode) -> KeyChord {
        KeyChord {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A character pressed with Ctrl.
    pub const fn ctrl(c: char) -> KeyChord {
        KeyChord::with(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    /// A character pressed with Alt (or Meta).
    pub const fn alt(c: char) -> KeyChord {
        KeyChord::with(KeyCode::Char(c), KeyModifiers::ALT)
    }

    /// Any key with these modifiers (`Ctrl-←`).
    pub const fn with(code: KeyCode, modifiers: KeyModifiers) -> KeyChord {
        KeyChord { code, modifiers }
    }

    /// True for a character typed without Ctrl or Alt: in a text input it is text, so it can
    /// never be a command there.
    pub fn is_printable(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if !c.is_control())
            && !self
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// True when the event is this chord.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let (code, modifiers) = normalised(event);
        let relevant = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        match (self.code, code) {
            (KeyCode::Char(want), KeyCode::Char(got)) => {
                // Ctrl-S and Ctrl-s are one key to most terminals; so are Alt-B and Alt-b.
                let same = if relevant.is_empty() {
                    want == got
                } else {
                    want.eq_ignore_ascii_case(&got)
                };
                same && relevant == self.modifiers
            }
            (want, got) => want == got && relevant == self.modifiers,
        }
    }

    /// How help and hints write this key: `Ctrl-C`, `Enter`, `↓`, `G`, `Alt-B`.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", key.to_ascii_uppercase())
        } else if self.modifiers.contains(KeyModifiers::ALT) {
            format!("Alt-{}", key.to_ascii_uppercase())
        } else {
            key
        }
    }
}

/// The event as the table reads it: Meta is Alt (terminals send one for the other), Shift-Tab is
/// `BackTab` however it was reported, and Shift is not a modifier of its own.
fn normalised(event: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut modifiers = event.modifiers;
    if modifiers.contains(KeyModifiers::META) {
        modifiers.insert(KeyModifiers::ALT);
    }
    let code = match event.code {
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        code => code,
    };
    (code, modifiers - KeyModifiers::SHIFT - KeyModifiers::META)
}
