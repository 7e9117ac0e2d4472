//! The running program around the app: start-up, the event loop, the terminal and the signals.

pub mod event_loop;
pub mod external_editor;
pub mod input_pause;
pub mod startup;
pub mod terminal;
