//! The interactive terminal UI: look a contact up, pick among matches, read its detail and notes.
//! The shape: `App::update` (pure) turns messages into state and [`command::Command`]s; the effects
//! runner performs them; the event loop feeds input and replies in and draws when the queue is
//! drained. See `app` for how screens and overlays plug in.

pub mod app;
pub mod command;
pub mod display;
pub mod effects;
pub mod event_loop;
pub mod input;
pub mod keymap;
pub mod msg;
pub mod recents;
pub mod requests;
pub mod runtime;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod trust;
pub mod trust_effects;
pub mod view;
pub mod widgets;
pub mod work;

use crate::cli::{DemoArgs, GlobalArgs};

pub use runtime::startup::Ending;

/// Opens the TUI on the embedded demo account, served by an in-process simulator.
pub async fn run_demo(args: DemoArgs, global: &GlobalArgs) -> anyhow::Result<Ending> {
    runtime::startup::run_demo(args, global).await
}

/// Opens the TUI on the configured account, optionally straight on a lookup.
pub async fn run_live(query: Option<String>, global: &GlobalArgs) -> anyhow::Result<Ending> {
    runtime::startup::run_live(query, global).await
}
