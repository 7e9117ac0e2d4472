//! The running program around the app: start-up (connection, recents, drafts, the terminal taken
//! with the panic hook first), the event loop (messages in, `App::update`, commands out, a draw
//! once the queue is drained), the terminal guard, the signals, pausing input while the external
//! editor has the terminal, and that editor itself; the backend writing frames with minimal output. It may use everything in the TUI; nothing
//! uses it but `tui::run_*`.

pub mod event_loop;
pub mod external_editor;
pub mod input_pause;
pub mod output;
pub mod signals;
pub mod startup;
pub mod terminal;
