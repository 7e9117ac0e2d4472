//! What the TUI knows, as plain data and pure functions — no IO, no drawing, nothing of the rest
//! of the TUI: the clock and display formatting, drafts, recent contacts, the account's
//! vocabulary and profiles, validation of typed fields, fuzzy ranking, duplicate lookups, privacy
//! masking, a contact as text, and the ids of requests. Everything above may use it.

pub mod contact_text;
pub mod display;
pub mod drafts;
pub mod duplicates;
pub mod fuzzy;
pub mod privacy;
pub mod profiles;
pub mod recents;
mod request;
pub mod validate;
pub mod vocabulary;

pub use request::RequestId;
