//! Property tests over every function that takes text from outside genius — typed, pasted, sent
//! by a server, read from a file — fed with arbitrary hostile Unicode (see `properties/hostile.rs`,
//! the one shared strategy). Each must return or error, never panic; round-trips stay round-trips;
//! nothing a terminal acts on reaches the screen. 64 cases per property by default, so the whole
//! file runs in a few seconds; `PROPTEST_CASES=5000 cargo test --test properties` hunts longer.
//!
//! Modules by area: `sanitiser` (display text), `identifiers` (lookup text, phones, form
//! validation), `lists` (recents, fuzzy ranking, `genius query`), `command_line` (the `:` line),
//! `csv_files` (bulk rows and columns, the CSV export read back), `config_files` (config, keys,
//! login's edit), `notes_and_export` (notes, vCard, JSON), `screen_text` (privacy, log redaction,
//! the note editor, wrapping, display formatting).
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "properties/command_line.rs"]
mod command_line;
#[path = "properties/config_files.rs"]
mod config_files;
#[path = "properties/csv_files.rs"]
mod csv_files;
#[path = "properties/hostile.rs"]
mod hostile;
#[path = "properties/identifiers.rs"]
mod identifiers;
#[path = "properties/lists.rs"]
mod lists;
#[path = "properties/notes_and_export.rs"]
mod notes_and_export;
#[path = "properties/sanitiser.rs"]
mod sanitiser;
#[path = "properties/screen_text.rs"]
mod screen_text;
