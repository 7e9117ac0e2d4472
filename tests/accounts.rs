//! Integration tests of the accounts part: the config file and its messages, profiles, token
//! sources and their order, the keyring's time box, logging redaction and private log files, OSC
//! 52, themes, key strings, the contact cache switch, and the account subcommands run as real
//! processes.
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/accounts.rs"]
mod support;

#[path = "accounts/config_file.rs"]
mod config_file;

#[path = "accounts/tokens.rs"]
mod tokens;

#[path = "accounts/redaction.rs"]
mod redaction;

#[path = "accounts/terminal.rs"]
mod terminal;

#[path = "accounts/processes.rs"]
mod processes;

#[cfg(unix)]
#[path = "accounts/log_files.rs"]
mod log_files;
