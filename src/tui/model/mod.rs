//! What the TUI knows, as plain data and pure functions: display formatting, drafts, recents,
//! the account's vocabulary, validation, fuzzy ranking and privacy masking.

pub mod display;
pub mod drafts;
pub mod fuzzy;
pub mod privacy;
pub mod recents;
pub mod validate;
pub mod vocabulary;
