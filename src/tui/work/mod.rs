//! Working a lead: the components that change a contact — the edit and create forms, the pickers
//! for stage, quality, owner and tags, the note editor, the `:` command line, the delete
//! confirmation — plus what they lean on: validation, the account's vocabulary and drafts kept on
//! disk. Every component owns its state, its keys and its rendering, and does no IO: it answers a
//! key with an outcome the app turns into commands.
//!
//! `flow` is where they meet the core: the screens and overlays the `App` stacks, the requests
//! they send and what the replies do. The only IO here is at the edges the effects layer and
//! startup call: `external_editor` (runs `$EDITOR`), `input_pause` (lends it the terminal),
//! `flow::drafts_writer` (keeps drafts on disk) and `DraftStore`.

pub mod command_line;
pub mod confirm;
pub mod drafts;
pub mod duplicates;
pub mod external_editor;
pub mod flow;
pub mod form;
pub mod fuzzy;
pub mod input_pause;
pub mod keys;
pub mod note_editor;
pub mod picker;
pub mod render;
pub mod validate;
pub mod vocabulary;

pub use command_line::{CommandLine, CommandLineOutcome, LineCommand};
pub use confirm::{ConfirmOutcome, DeleteConfirm};
pub use drafts::{Draft, DraftContent, DraftKey, DraftKind, DraftStore, DraftSubject};
pub use duplicates::{DuplicateOutcome, DuplicateWarning};
pub use form::{ContactForm, FieldId, FormMode, FormOutcome, FormSubmission};
pub use note_editor::{NoteEditor, NoteOutcome};
pub use picker::{Picker, PickerItem, PickerOutcome};
pub use validate::Check;
pub use vocabulary::{Owner, Vocabulary};
