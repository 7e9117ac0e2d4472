//! Everything that can happen to the app, as one enum: input from the terminal, answers from the
//! effects runner, the spinner tick and signals. `App::update` consumes these one at a time.

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::api::{ApiError, ApiSuccess, RetryWait};
use crate::tui::app::command::RequestId;

/// One event for `App::update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key was pressed (or auto-repeated).
    Key(KeyEvent),
    /// Text arrived through bracketed paste, in one piece.
    Paste(String),
    /// A mouse event (wheel scrolling, clicks), when the terminal reports them.
    Mouse(MouseEvent),
    /// The terminal now has this many columns and rows.
    Resize { width: u16, height: u16 },
    /// The spinner's clock: sent only while a request is in flight, so idle stays idle.
    Tick,
    /// A minute passed while a contact is shown: redraw so its local time and "3 days ago" stay true.
    ClockTick,
    /// The answer to `Command::Send { id, .. }`: the raw envelope or why it failed.
    ApiReply {
        id: RequestId,
        result: Result<ApiSuccess, ApiError>,
    },
    /// The request `id` was rate-limited (429); the client waits `wait` before retrying.
    RateLimited { id: RequestId, wait: RetryWait },
    /// A side effect that is not an API call failed (the recents file could not be written, say).
    EffectFailed { what: String, error: String },
    /// The process was asked to end (SIGTERM, SIGHUP, SIGINT or SIGQUIT sent from outside): leave
    /// cleanly, restoring the terminal.
    Terminate,
    /// The process was asked to stop from outside (SIGTSTP): give the terminal back and stop, as
    /// Ctrl-Z does.
    Stop,
    /// The process came back from a stop (Ctrl-Z, SIGTSTP, SIGSTOP); the terminal is taken again
    /// and the whole screen redrawn.
    Resumed,
    /// Something for the lead-working screens (the external editor's result): `work::flow`.
    Work(crate::tui::app::work::WorkMsg),
    /// The outcome of a trust side effect (an export written, a profile resolved).
    Trust(crate::tui::app::trust::TrustMsg),
}
