//! The interactive terminal UI: look a contact up, pick among matches, read its detail and notes.
//! The shape: `App::update` (pure) turns messages into state and [`command::Command`]s; the effects
//! runner performs them; the event loop feeds input and replies in and draws when the queue is
//! drained. See `app` for how screens and overlays plug in.

// Pedantic lints held inside the TUI (crate-wide they wait on a few hits elsewhere; see
// Cargo.toml): a row count must not wrap into a small number, a selection must not go negative.
#![deny(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::needless_pass_by_value,
    clippy::match_same_arms,
    clippy::redundant_closure_for_method_calls,
    clippy::match_wildcard_for_single_variants
)]

pub mod app;
pub mod effects;
pub mod keymap;
pub mod model;
pub mod overlays;
pub mod runtime;
pub mod screens;
pub mod theme;
pub mod widgets;

use crate::config::RunConfig;

pub use runtime::startup::{Ending, Look};

/// Opens the TUI on the embedded demo account, served by an in-process simulator (at `rate_limit`
/// requests per second, when given), optionally straight on a lookup.
pub async fn run_demo(
    rate_limit: Option<u32>,
    query: Option<String>,
    look: Look,
) -> anyhow::Result<Ending> {
    runtime::startup::run_demo(rate_limit, query, look).await
}

/// Opens the TUI on the configured account working the list at `file` (its progress resumed).
pub async fn run_work(
    file: &std::path::Path,
    config: &RunConfig,
    look: Look,
) -> anyhow::Result<Ending> {
    runtime::startup::run_work(file, config, look).await
}

/// Opens the TUI on the configured account, optionally straight on a lookup.
pub async fn run_live(
    query: Option<String>,
    config: &RunConfig,
    look: Look,
) -> anyhow::Result<Ending> {
    runtime::startup::run_live(query, config, look).await
}
