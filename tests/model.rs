//! Model tests: messages fed to `App::update` (and keys to components alone), asserting the state
//! and the exact commands — no terminal, no network, no async. One binary, one module per
//! behaviour: looking up and moving around, a contact and its cache, editing, creating, notes,
//! pickers, the command line, deleting, drafts, the keymap, privacy, profiles, read-only
//! profiles, copying and exporting, keys typed ahead of the server, stopping a wait, server text
//! kept verbatim, validation and the vocabulary, and what the effects runner does.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

#[path = "model/cache.rs"]
mod cache;
#[path = "model/command_line.rs"]
mod command_line;
#[path = "model/contact.rs"]
mod contact;
#[path = "model/copy_export.rs"]
mod copy_export;
#[path = "model/create.rs"]
mod create;
#[path = "model/create_form.rs"]
mod create_form;
#[path = "model/delete.rs"]
mod delete;
#[path = "model/drafts.rs"]
mod drafts;
#[path = "model/duplicates.rs"]
mod duplicates;
#[path = "model/editing.rs"]
mod editing;
#[path = "model/effects.rs"]
mod effects;
#[path = "model/forms.rs"]
mod forms;
#[path = "model/honest_status.rs"]
mod honest_status;
#[path = "model/keymap.rs"]
mod keymap;
#[path = "model/lookup.rs"]
mod lookup;
#[path = "model/navigation.rs"]
mod navigation;
#[path = "model/notes.rs"]
mod notes;
#[path = "model/pickers.rs"]
mod pickers;
#[path = "model/preview.rs"]
mod preview;
#[path = "model/privacy.rs"]
mod privacy;
#[path = "model/profiles.rs"]
mod profiles;
#[path = "model/read_only.rs"]
mod read_only;
#[path = "model/search.rs"]
mod search;
#[path = "model/session_cache.rs"]
mod session_cache;
#[path = "model/stop_waiting.rs"]
mod stop_waiting;
#[path = "model/typeahead.rs"]
mod typeahead;
#[path = "model/validation.rs"]
mod validation;
#[path = "model/verbatim.rs"]
mod verbatim;
#[path = "model/vocabulary.rs"]
mod vocabulary;
#[path = "model/worklist.rs"]
mod worklist;
