//! genius: a terminal client for the 8M Genius Contact API, its simulator, and its command line.
//! Every module is public so the integration tests in `tests/` can drive it.
//!
//! Top to bottom, each module uses only those below it (tests/architecture.rs keeps the graph free
//! of cycles):
//! `cli` (the clap definitions, read only by the binary), `account`, `tui`, `scripting`, `config`,
//! `logging`, `cache` and `export`, `api` (the Contact API client), `sim` (the simulator), and the
//! leaves `text`, `privacy`, `clipboard` and `paths`.
#![forbid(unsafe_code)]

pub mod account;
pub mod api;
pub mod cache;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod export;
pub mod logging;
pub mod paths;
pub mod privacy;
pub mod scripting;
pub mod sim;
pub mod text;
pub mod tui;
