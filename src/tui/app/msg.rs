//! Everything that can happen to the app, as one enum: input from the terminal, the answers of
//! the effects runner (API replies already decoded into typed results, each with its request
//! id), the spinner tick and signals. `App::update` consumes these one at a time.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};

use crate::api::{ApiError, Contact, ContactChange, Lookup, RetryWait};
use crate::tui::app::profile::ProfileSession;
use crate::tui::model::RequestId;

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
    /// The answer to a GET /api/contact: the whole contact, or the summaries of several.
    Matches {
        id: RequestId,
        result: Result<Lookup, ApiError>,
    },
    /// The answer to a PUT /api/contact: the contact as saved, or `None` when the server
    /// confirmed the save but its answer carried no readable contact.
    Saved {
        id: RequestId,
        result: Result<Option<Contact>, ApiError>,
    },
    /// The answer to a POST /api/contact: the contact created.
    Created {
        id: RequestId,
        result: Result<Contact, ApiError>,
    },
    /// The answer to a stage, quality or owner change (or a tag added): what the server applied
    /// (empty when its answer could not be read; the change was confirmed all the same).
    Changed {
        id: RequestId,
        result: Result<ContactChange, ApiError>,
    },
    /// The answer to POST /api/contact/note/add.
    NoteAdded {
        id: RequestId,
        result: Result<(), ApiError>,
    },
    /// The answer to DELETE /api/contact.
    Deleted {
        id: RequestId,
        result: Result<(), ApiError>,
    },
    /// The request `id` was rate-limited (429); the client waits `wait` before retrying.
    RateLimited { id: RequestId, wait: RetryWait },
    /// A side effect that is not an API call failed (the recents file could not be written, say).
    EffectFailed { what: String, error: String },
    /// The export was written.
    Exported { path: PathBuf },
    /// The export's file exists already: nothing was written; `contents` are what would be.
    ExportExists { path: PathBuf, contents: String },
    /// A profile was resolved and is ready to use.
    ProfileReady(Box<ProfileSession>),
    /// A profile could not be resolved (bad config, no token source answered…).
    ProfileFailed { name: String, error: String },
    /// The external editor closed: the new text of the note for `uid`, or why it failed.
    EditedExternally {
        uid: String,
        result: Result<String, String>,
    },
    /// The process was asked to end (SIGTERM, SIGHUP, SIGINT or SIGQUIT sent from outside): leave
    /// cleanly, restoring the terminal.
    Terminate,
    /// The process was asked to stop from outside (SIGTSTP): give the terminal back and stop, as
    /// Ctrl-Z does.
    Stop,
    /// A worklist was opened (`:work FILE`), its progress resumed; the effects runner keeps its
    /// journal open for the progress to come.
    WorklistOpened(Box<crate::worklist::Worklist>),
    /// The contacts seen by this profile, indexed for finding them by name.
    SearchIndexReady(crate::tui::app::search::SharedIndex),
    /// The highlight of a matches table rested for the preview's delay since change
    /// `generation` (sent back by the runtime's timer, `Command::After`).
    PreviewDue { generation: u64 },
    /// The process came back from a stop (Ctrl-Z, SIGTSTP, SIGSTOP); the terminal is taken again
    /// and the whole screen redrawn.
    Resumed,
    /// The disk cache's index was read (after the first frame): the uids it holds.
    CacheIndexLoaded { uids: Vec<String> },
    /// The cached copy of `uid` read from disk to open it; `None` when it was not there after all.
    CachedContactRead {
        uid: String,
        cached: Option<Box<crate::cache::CachedContact>>,
    },
}

/// A key is the message most tests (and replays) send.
impl From<KeyEvent> for Msg {
    fn from(key: KeyEvent) -> Msg {
        Msg::Key(key)
    }
}
