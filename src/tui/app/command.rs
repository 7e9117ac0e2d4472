//! The side effects the app asks for, as data. `App::update` returns them; the effects runner
//! (`effects.rs`) is the only code that performs them, so every transition is testable without IO.

use chrono::{DateTime, Utc};

use crate::api::{ApiRequest, Contact};
use crate::tui::model::recents::RecentList;

/// Names one API request from the moment the app asks for it until its reply comes back, so a reply
/// that is no longer awaited (superseded lookup, screen left) can be recognised and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// One side effect the app wants performed.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Send this API request; answer with `Msg::ApiReply { id, .. }` and report each 429 wait as
    /// `Msg::RateLimited { id, .. }`. Reads and writes alike go through here.
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
    /// Keep a draft on disk as it is typed (mode 0600), replacing the previous one of its key.
    SaveDraft(crate::tui::model::drafts::Draft),
    /// Forget a draft (it was saved to the server, or discarded).
    DiscardDraft(crate::tui::model::drafts::DraftKey),
    /// Give the terminal to `$VISUAL`/`$EDITOR` on this note draft and take it back; the text
    /// returns as `Msg::Work(WorkMsg::EditedExternally { .. })`.
    EditExternally { uid: String, draft: String },
    /// A trust side effect: the clipboard, an export file, a profile switch.
    Trust(crate::tui::app::trust::TrustCommand),
    /// Leave the TUI, restoring the terminal.
    Quit,
    /// Restore the terminal, stop the process (Ctrl-Z), and take the screen back on resume.
    Suspend,
}
