//! genius: a terminal client for the 8M Genius Contact API, its simulator, and its command line.
//! Every module is public so the integration tests in `tests/` can drive it.
#![forbid(unsafe_code)]

pub mod api;
pub mod cache;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod contact_search;
pub mod export;
pub mod logging;
pub mod paths;
pub mod privacy;
pub mod scripting;
pub mod sim;
pub mod text;
pub mod themes;
pub mod tui;
pub mod worklist;
