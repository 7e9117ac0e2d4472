//! The contact cache's storage: `store` puts, gets, removes, evicts and reads lazily against a
//! temporary folder; `upkeep` covers damaged files, a lost index, another process sharing the
//! folder and the conversion of the old single file; `written` holds it to writing what changed;
//! `memory` is the byte-bounded LRU; `properties` checks the store against a model map, the
//! notes cut against the notes parser and the index search against `genius query`'s matching.

// Tests may unwrap: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cache/fixtures.rs"]
mod fixtures;
#[path = "cache/memory.rs"]
mod memory;
#[path = "cache/properties.rs"]
mod properties;
#[path = "cache/store.rs"]
mod store;
#[path = "cache/upkeep.rs"]
mod upkeep;
#[path = "cache/written.rs"]
mod written;
