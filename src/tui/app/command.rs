//! The side effects the app asks for, as data. `App::update` returns them; the effects runner
//! (`tui::effects`) performs them, and the event loop those that need the terminal, so every
//! transition is testable without IO.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::api::{ApiRequest, Contact};
use crate::tui::app::profile::ProfileSession;
use crate::tui::model::RequestId;
use crate::tui::model::drafts::{Draft, DraftKey};
use crate::tui::model::recents::RecentList;

/// One side effect the app wants performed.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Send this API request; answer with the typed reply of its operation (`Msg::Matches`,
    /// `Msg::Saved`…) carrying `id`, and report each 429 wait as `Msg::RateLimited { id, .. }`.
    Send { id: RequestId, request: ApiRequest },
    /// Stop waiting for a request that nobody awaits any more (a superseded lookup); its task is
    /// aborted so it neither uses the network nor answers.
    Cancel { id: RequestId },
    /// Write the recent-contacts list to its file (mode 0600).
    SaveRecents(RecentList),
    /// Keep these contacts, as fetched at `fetched_at`, in the profile's contact cache.
    CacheContacts {
        contacts: Vec<Contact>,
        fetched_at: DateTime<Utc>,
    },
    /// Keep this contact, whose notes were too long and were cut to the newest (so the whole
    /// history is never copied just to be cached), in the profile's contact cache, marked as cut.
    CacheCutContact {
        contact: Box<Contact>,
        fetched_at: DateTime<Utc>,
    },
    /// Keep a draft on disk as it is typed (mode 0600), replacing the previous one of its key.
    SaveDraft(Draft),
    /// Forget a draft (it was saved to the server, or discarded).
    DiscardDraft(DraftKey),
    /// Give the terminal to `$VISUAL`/`$EDITOR` on this note draft and take it back; the text
    /// returns as `Msg::EditedExternally`.
    EditExternally { uid: String, draft: String },
    /// Write these bytes (an OSC 52 clipboard sequence, already wrapped for tmux or screen) to
    /// the terminal between two frames.
    WriteToTerminal { bytes: Vec<u8> },
    /// Write an exported contact to `path` (mode 0600); unless `replace`, an existing file is
    /// left alone and reported as `Msg::ExportExists`.
    Export {
        path: PathBuf,
        contents: String,
        replace: bool,
    },
    /// Resolve a profile (config, token sources — which may run a command or ask the keyring)
    /// off the UI thread; answered by `Msg::ProfileReady` or `Msg::ProfileFailed`.
    ResolveProfile { name: String },
    /// From now on send requests, save recents and cache contacts as this profile.
    UseProfile(Box<ProfileSession>),
    /// Remember the note order chosen with `O`: these profiles read notes oldest first (the
    /// others newest first). Written to a small private file (mode 0600).
    SaveNoteOrder { oldest_first: Vec<String> },
    /// Append this change of the worklist's progress to its journal (mode 0600).
    RecordWorklistProgress(crate::worklist::ProgressEvent),
    /// Open the worklist at `path` (`:work FILE`) and resume its progress; answered by
    /// `Msg::WorklistOpened`, or `Msg::EffectFailed` saying why it cannot be.
    OpenWorklist { path: PathBuf },
    /// Read the contact cache's index and index it for finding contacts by name, off the UI
    /// thread; answered by `Msg::SearchIndexReady`.
    LoadSearchIndex,
    /// Send `msg` back to the app after `delay` (a debounce): a timer, never a sleep in update.
    After {
        delay: std::time::Duration,
        msg: Box<crate::tui::app::Msg>,
    },
    /// Read the profile's cache index off the UI thread (once the first frame is drawn);
    /// answered by `Msg::CacheIndexLoaded`.
    LoadCacheIndex,
    /// Read one contact's cached copy off the UI thread; answered by `Msg::CachedContactRead`.
    ReadCachedContact { uid: String },
    /// Drop a contact from the profile's disk cache (deleted, or gone from the server), after
    /// every cache write asked before it.
    ForgetCachedContact { uid: String },
    /// Leave the TUI, restoring the terminal.
    Quit,
    /// Restore the terminal, stop the process (Ctrl-Z), and take the screen back on resume.
    Suspend,
}
