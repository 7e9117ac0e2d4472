//! The screens of the TUI. Each module owns one screen's state, what its keys mean, and how it is
//! drawn; `App` keeps them in a stack (`Vec<Screen>`), the start screen at the bottom.

pub mod contact;
pub mod duplicates;
pub mod home;
pub mod note;
pub mod results;
pub mod setup;
