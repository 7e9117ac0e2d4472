//! Key strings of the `[keys]` table ("ctrl-s", "D", "alt-b", "f5", "enter"…): parsed into
//! crossterm key codes and modifiers, and validated against the TUI keymap's action names, with
//! unknown actions, bad key strings and two actions on one key all reported together.
#![deny(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyModifiers};

use super::file::KeySpec;

/// A key with its modifiers, as a config file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    /// The key itself, as crossterm reports it.
    pub code: KeyCode,
    /// Ctrl, Alt and Shift (Shift only where the key has no shifted character).
    pub modifiers: KeyModifiers,
}

/// Why a key string is not a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyParseError {
    #[error("an empty key")]
    Empty,
    #[error("unknown modifier {0:?} (use ctrl-, alt- or shift-)")]
    UnknownModifier(String),
    #[error(
        "unknown key {0:?} (use a character, f1-f12, enter, esc, tab, backtab, space, backspace, \
delete, insert, up, down, left, right, home, end, pageup, pagedown)"
    )]
    UnknownKey(String),
}

const NAMED_KEYS: [(&str, KeyCode); 21] = [
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
];

impl KeyBinding {
    /// Parses "ctrl-s", "alt-b", "shift-tab", "D", "f5", "?", "-" and the like. A letter's case is
    /// kept ("D" is shift-d as terminals report it); "shift-x" is the same as "X".
    pub fn parse(text: &str) -> Result<KeyBinding, KeyParseError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(KeyParseError::Empty);
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        // A single trailing character such as "-" or "ctrl--" must not be read as a separator.
        while let Some((prefix, tail)) = rest.split_once(['-', '+'])
            && !tail.is_empty()
        {
            modifiers |= match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => KeyModifiers::CONTROL,
                "alt" | "meta" | "option" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return Err(KeyParseError::UnknownModifier(prefix.to_string())),
            };
            rest = tail;
        }
        let code = parse_key_name(rest)?;
        Ok(normalise(KeyBinding { code, modifiers }))
    }
}

fn parse_key_name(name: &str) -> Result<KeyCode, KeyParseError> {
    let mut chars = name.chars();
    if let (Some(single), None) = (chars.next(), chars.next()) {
        return Ok(KeyCode::Char(single));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, code)) = NAMED_KEYS.iter().find(|(named, _)| *named == lower) {
        return Ok(*code);
    }
    if let Some(number) = lower.strip_prefix('f')
        && let Ok(n) = number.parse::<u8>()
        && (1..=12).contains(&n)
    {
        return Ok(KeyCode::F(n));
    }
    Err(KeyParseError::UnknownKey(name.to_string()))
}

/// One spelling per key: "shift-d" becomes "D" and "shift-tab" becomes backtab, as terminals send
/// them, so comparing bindings finds every conflict.
fn normalise(mut key: KeyBinding) -> KeyBinding {
    match key.code {
        // Legacy terminals send ctrl-S and ctrl-s alike, as ctrl-s.
        KeyCode::Char(c)
            if key.modifiers.contains(KeyModifiers::CONTROL) && c.is_ascii_alphabetic() =>
        {
            key.code = KeyCode::Char(c.to_ascii_lowercase());
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::SHIFT) && c.is_alphabetic() => {
            key.code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyCode::Char(c) if c.is_uppercase() => {
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => {
            key.code = KeyCode::BackTab;
            key.modifiers.remove(KeyModifiers::SHIFT);
        }
        _ => {}
    }
    key
}

impl fmt::Display for KeyBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (flag, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.modifiers.contains(flag) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => {
                let name = NAMED_KEYS
                    .iter()
                    .find(|(_, code)| *code == other)
                    .map_or("?", |(name, _)| *name);
                f.write_str(name)
            }
        }
    }
}

/// One problem in the `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyConfigError {
    /// An action the keymap does not have.
    #[error("[keys] {action:?} is not an action{}", suggestion_suffix(.suggestion))]
    UnknownAction {
        action: String,
        suggestion: Option<String>,
    },
    /// A key string that is not a key.
    #[error("[keys] {action} = {key:?}: {reason}")]
    BadKey {
        action: String,
        key: String,
        reason: KeyParseError,
    },
    /// Two actions bound to the same key.
    #[error("[keys] {key} is bound to both {first} and {second}")]
    Conflict {
        key: String,
        first: String,
        second: String,
    },
}

fn suggestion_suffix(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!(" (did you mean {s:?}?)"))
        .unwrap_or_default()
}

/// Validates the `[keys]` table against the keymap's `known_actions`: every problem is returned,
/// not just the first, so the user can fix the file in one go.
pub fn validate_keys(
    table: &BTreeMap<String, KeySpec>,
    known_actions: &[&str],
) -> Result<BTreeMap<String, Vec<KeyBinding>>, Vec<KeyConfigError>> {
    let mut problems = Vec::new();
    let mut bindings: BTreeMap<String, Vec<KeyBinding>> = BTreeMap::new();
    let mut owner_of: Vec<(KeyBinding, String)> = Vec::new();
    for (action, spec) in table {
        if !known_actions.contains(&action.as_str()) {
            problems.push(KeyConfigError::UnknownAction {
                action: action.clone(),
                suggestion: closest(action, known_actions),
            });
            continue;
        }
        for key in spec.keys() {
            match KeyBinding::parse(key) {
                Ok(binding) => {
                    if let Some((_, first)) = owner_of.iter().find(|(b, _)| *b == binding) {
                        problems.push(KeyConfigError::Conflict {
                            key: binding.to_string(),
                            first: first.clone(),
                            second: action.clone(),
                        });
                    } else {
                        owner_of.push((binding, action.clone()));
                        bindings.entry(action.clone()).or_default().push(binding);
                    }
                }
                Err(reason) => problems.push(KeyConfigError::BadKey {
                    action: action.clone(),
                    key: key.to_string(),
                    reason,
                }),
            }
        }
    }
    if problems.is_empty() {
        Ok(bindings)
    } else {
        Err(problems)
    }
}

/// The known action nearest to a misspelt one (edit distance ≤ 3), for "did you mean".
fn closest(action: &str, known_actions: &[&str]) -> Option<String> {
    known_actions
        .iter()
        .map(|known| (edit_distance(action, known), *known))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, known)| known.to_string())
}

/// Levenshtein distance over characters, one row at a time.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(previous.len());
        let mut left = i + 1;
        current.push(left);
        for (cb, diagonal_and_above) in b.iter().zip(previous.windows(2)) {
            let &[diagonal, above] = diagonal_and_above else {
                continue;
            };
            left = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(left + 1);
            current.push(left);
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn what_is_shown_parses_back_to_the_same_key(
            modifiers in "(ctrl-|alt-|shift-){0,3}",
            key in "([a-zA-Z0-9?/;:!@#%^&*_=+-]|f[1-9]|f1[0-2]|enter|esc|tab|backtab|space|backspace|delete|insert|up|down|left|right|home|end|pageup|pagedown)",
        ) {
            let text = format!("{modifiers}{key}");
            if let Ok(binding) = KeyBinding::parse(&text) {
                prop_assert_eq!(KeyBinding::parse(&binding.to_string()), Ok(binding), "{}", text);
            }
        }

        #[test]
        fn any_text_is_a_key_or_a_reason(text in "\\PC{0,20}") {
            let _ = KeyBinding::parse(&text);
        }
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("quit", "quit"), 0);
        assert_eq!(edit_distance("qiut", "quit"), 2);
        assert_eq!(edit_distance("save", "saved"), 1);
    }
}
