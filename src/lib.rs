//! genius: a terminal client for the 8M Genius Contact API, its simulator, and its command line.
//! Every module is public so the integration tests in `tests/` can drive it.
//!
//! The layers, each importing only those below it (tests/architecture.rs holds the line): `cli`
//! (the clap definitions, read only by the binary) over `tui`, `account` and `scripting` (what a
//! person or a script runs) over `config` (which file, profile, base URL and token), `logging`,
//! `cache` and `export`, over `api` (the Contact API client), with `sim` (the simulator) beside it
//! and the leaves `text`, `privacy`, `clipboard` and `paths`.
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
