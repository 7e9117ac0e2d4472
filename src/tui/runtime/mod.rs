//! The running program around the app: start-up, the event loop, the terminal and the signals.

pub mod startup;
