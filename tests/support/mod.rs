//! The one harness of the TUI's tests: fixtures (`contacts`), keys (`keys`), typed replies as the
//! effects runner makes them (`replies`), apps and components driven and drawn (`apps`), and — for
//! the end-to-end tests — the real binary in a pseudo-terminal (`pty`) and the simulator seen from
//! the test (`simulator_api`).
#![allow(dead_code)]

pub mod pty;
pub mod simulator_api;

mod apps;
mod contacts;
mod keys;
mod replies;

/// What nearly every test names, so a test file imports only what is particular to it.
#[allow(unused_imports)]
pub mod prelude {
    pub use genius::api::{
        ApiError, ApiRequest, Contact, ContactPatch, Identifier, NewContact, Operation,
    };
    pub use genius::tui::app::{App, AppOptions, Command, Msg, Notice, Overlay, Screen};
    pub use genius::tui::model::RequestId;
    pub use genius::tui::model::drafts::{Draft, DraftContent, DraftKey, DraftKind};
    pub use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    pub use serde_json::json;
}

// Each test binary uses its own subset of the harness.
#[allow(unused_imports)]
pub use apps::*;
#[allow(unused_imports)]
pub use contacts::*;
#[allow(unused_imports)]
pub use keys::*;
#[allow(unused_imports)]
pub use prelude::*;
#[allow(unused_imports)]
pub use replies::*;
