//! Working a list of leads, below the screens: phone numbers read by libphonenumber (`phone`),
//! finding a contact seen before by name, accent-insensitively (`search`), and the worklist itself
//! — its file (`file`), its model (`model`), its progress store (`store`) and its summary
//! (`summary`). No terminal, no network: the simulator test of phones by digits lives with the
//! simulator's.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "worklist/file.rs"]
mod file;
#[allow(dead_code)] // the shared strategy has more than these tests use
#[path = "properties/hostile.rs"]
mod hostile;
#[path = "worklist/model.rs"]
mod model;
#[path = "worklist/phone.rs"]
mod phone;
#[path = "worklist/search.rs"]
mod search;
#[path = "worklist/store.rs"]
mod store;
#[path = "worklist/summary.rs"]
mod summary;
