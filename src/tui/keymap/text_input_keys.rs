//! The editing keys of every single-line text input — readline's, as shells have them — as rows
//! of the one table (`Context::TextInput`, looked up after the input's own context). Rebinding
//! one in `[keys]` changes it in every input, and in the help's summary of them.

use std::borrow::Cow;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Binding, Context, KeyChord};

const LEFT: KeyChord = KeyChord::plain(KeyCode::Left);
const RIGHT: KeyChord = KeyChord::plain(KeyCode::Right);
const HOME: KeyChord = KeyChord::plain(KeyCode::Home);
const END: KeyChord = KeyChord::plain(KeyCode::End);
const BACKSPACE: KeyChord = KeyChord::plain(KeyCode::Backspace);
const DELETE: KeyChord = KeyChord::plain(KeyCode::Delete);
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

/// The editing keys of a text input.
pub static TEXT_INPUT_BINDINGS: &[Binding] = &[
    bind!(
        TextInput,
        CursorLeft,
        [LEFT, KeyChord::ctrl('b')],
        "back a character"
    ),
    bind!(
        TextInput,
        CursorRight,
        [RIGHT, KeyChord::ctrl('f')],
        "forward a character"
    ),
    bind!(
        TextInput,
        WordLeft,
        [
            KeyChord::alt('b'),
            KeyChord::with(KeyCode::Left, CTRL),
            KeyChord::with(KeyCode::Left, ALT)
        ],
        "back a word"
    ),
    bind!(
        TextInput,
        WordRight,
        [
            KeyChord::alt('f'),
            KeyChord::with(KeyCode::Right, CTRL),
            KeyChord::with(KeyCode::Right, ALT)
        ],
        "forward a word"
    ),
    bind!(
        TextInput,
        LineStart,
        [KeyChord::ctrl('a'), HOME],
        "start of the line"
    ),
    bind!(
        TextInput,
        LineEnd,
        [KeyChord::ctrl('e'), END],
        "end of the line"
    ),
    bind!(
        TextInput,
        DeleteBefore,
        [BACKSPACE, KeyChord::ctrl('h')],
        "delete the character before the cursor"
    ),
    bind!(
        TextInput,
        DeleteAfter,
        [DELETE, KeyChord::ctrl('d')],
        "delete the character under the cursor"
    ),
    bind!(
        TextInput,
        DeleteWordBefore,
        [
            KeyChord::ctrl('w'),
            KeyChord::with(KeyCode::Backspace, CTRL),
            KeyChord::with(KeyCode::Backspace, ALT)
        ],
        "delete the word before the cursor"
    ),
    bind!(
        TextInput,
        DeleteWordAfter,
        [
            KeyChord::alt('d'),
            KeyChord::with(KeyCode::Delete, CTRL),
            KeyChord::with(KeyCode::Delete, ALT)
        ],
        "delete the word after the cursor"
    ),
    bind!(
        TextInput,
        DeleteToStart,
        [KeyChord::ctrl('u')],
        "delete to the start"
    ),
    bind!(
        TextInput,
        DeleteToEnd,
        [KeyChord::ctrl('k')],
        "delete to the end"
    ),
    bind!(
        TextInput,
        Yank,
        [KeyChord::ctrl('y')],
        "paste back what was deleted"
    ),
];
