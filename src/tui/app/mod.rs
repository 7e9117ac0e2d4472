//! The app's state and its one entry point, [`App::update`]: a pure function of (state, message)
//! that changes the state and returns the side effects it wants as [`Command`]s. No IO happens
//! here, so every transition is tested by feeding messages (tests/model).
//!
//! Owns: [`App`], [`Msg`], [`Command`], the requests in flight and their [`Purpose`]
//! (`requests`), the keys typed ahead of a reply (`typeahead`, `waiting`), the profile session
//! (`profile`), and the one place where input reaches the screens and overlays (`input`) and
//! their outcomes and the API's replies become commands (`screens`, `overlays`, `actions`,
//! `replies`). `view` draws the whole app. `impl App` lives in this folder only.
//!
//! May use screens, overlays, widgets, the model, the keymap and the theme; never the effects
//! or the runtime (they use it).
//!
//! [`Purpose`]: requests::Purpose

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::Offset;
use ratatui::layout::{Rect, Size};

use crate::cache::{CachedContact, ContactLru};
use crate::clipboard::Multiplexer;
use crate::tui::keymap::{Context, Keymap};
use crate::tui::model::display::Clock;
use crate::tui::model::drafts::KeptDrafts;
use crate::tui::model::recents::RecentList;
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::theme::Theme;
use crate::tui::widgets::Ctx;

pub use crate::tui::overlays::Overlay;
pub use crate::tui::screens::Screen;
pub use command::Command;
pub use msg::Msg;
pub use profile::{Account, ProfileSession};

mod actions;
mod cache;
pub mod command;
mod copy_export;
mod drafts;
mod input;
pub mod log_call;
pub mod msg;
mod navigation;
mod note_order;
mod overlays;
mod preview;
pub mod profile;
mod read_only;
mod replies;
pub mod requests;
mod screens;
pub mod search;
pub mod typeahead;
pub mod undo;
pub mod view;
mod waiting;
pub mod worklist;
pub mod worklist_session;

use crate::tui::screens::home::HomeScreen;
use requests::Requests;

/// A message for the status bar until the next action replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Error(String),
    Info(String),
}

/// How the app starts.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Styles by role.
    pub theme: Theme,
    /// Shown at the right of the title line: "demo", or the API host.
    pub account_label: String,
    /// The recent contacts, most recent first.
    pub recents: RecentList,
    /// False opens the setup screen that explains how to set a token.
    pub has_token: bool,
    /// The time, set by the event loop before each update and draw.
    pub clock: Clock,
    /// The terminal's size, for scrolling by pages.
    pub viewport: Size,
    /// The key bindings in force (the config may rebind actions).
    pub keymap: Keymap,
    /// Mask emails, phones and addresses (for screen-sharing).
    pub privacy: bool,
    /// Plain ASCII instead of Unicode symbols.
    pub ascii: bool,
    /// Contacts fetched in earlier sessions, shown at once (marked stale) while they refresh.
    pub cached: Vec<CachedContact>,
    /// Whether contacts fetched now are kept for next time (`Command::CacheContacts`).
    pub cache_enabled: bool,
    /// How many bytes of contacts the session keeps in memory (`cache_memory_mb`).
    pub cache_memory_bytes: usize,
    /// Where the log files go, for the help overlay; none when logging is off.
    pub log_dir: Option<PathBuf>,
    /// The zone the account writes note times in (the profile's `account_time_zone`).
    pub account_time_zone: crate::api::time_zones::Zone,
}

impl Default for AppOptions {
    /// Signed in, default theme and keys, 80×24, the clock at the Unix epoch (tests set theirs).
    fn default() -> Self {
        AppOptions {
            theme: Theme::default_16(),
            account_label: String::new(),
            recents: RecentList::default(),
            has_token: true,
            clock: Clock::fixed(chrono::DateTime::default(), chrono::Utc.fix()),
            viewport: Size::new(80, 24),
            keymap: Keymap::default(),
            privacy: false,
            ascii: false,
            cached: Vec::new(),
            cache_enabled: false,
            cache_memory_bytes: crate::cache::DEFAULT_MEMORY_BYTES,
            log_dir: None,
            account_time_zone: crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE,
        }
    }
}

/// The whole state of the TUI.
#[derive(Debug, Clone)]
pub struct App {
    /// Never empty; the bottom is the start (or setup) screen.
    pub screens: Vec<Screen>,
    /// What sits on the top screen and takes the keys first.
    pub overlay: Option<Overlay>,
    /// The recent contacts, most recent first.
    pub recents: RecentList,
    /// The requests awaited; a reply not listed here is dropped.
    pub requests: Requests,
    /// The last error or information for the status bar.
    pub notice: Option<Notice>,
    /// The time, set by the event loop before each update and draw.
    pub clock: Clock,
    /// The terminal's size, for scrolling by pages.
    pub viewport: Size,
    /// Advanced by each tick while something is in flight.
    pub spinner_frame: usize,
    /// Styles by role.
    pub theme: Theme,
    /// Who the app talks to: the account label, the profile and the others, read-only.
    pub account: Account,
    /// The key bindings in force.
    pub keymap: Keymap,
    /// Emails, phones and addresses are masked on screen.
    pub privacy: bool,
    /// Plain ASCII instead of Unicode symbols.
    pub ascii: bool,
    /// The last known version of contacts seen, as the server sent them: the most recently used,
    /// within `cache_memory_mb`.
    pub cache: ContactLru,
    /// The uids the disk cache holds, known once its index is read after the first frame.
    pub cached_on_disk: HashSet<String>,
    /// The uid whose cached copy is being read from disk to open it.
    pub reading_cached: Option<String>,
    /// Whether fetched contacts are kept on disk.
    pub cache_enabled: bool,
    /// Where this run logs, for the help overlay.
    pub log_dir: Option<PathBuf>,
    /// Set by `Command::Quit`; the event loop stops.
    pub quitting: bool,
    /// Keys and pastes waiting for the reply the screen waits for.
    pub typeahead: typeahead::Typeahead,
    /// The drafts kept on disk, mirrored here, and the profile they are kept under.
    pub drafts: KeptDrafts,
    /// The account's stages, qualities, owners and tags seen so far (and configured).
    pub vocabulary: Vocabulary,
    /// The `:` lines run this session, oldest first (the command line's history).
    pub command_history: Vec<String>,
    /// How OSC 52 reaches the user's terminal (tmux and screen need wrapping).
    pub clipboard: Multiplexer,
    /// Where exports go by default (the working directory).
    pub export_dir: PathBuf,
    /// The profiles whose notes are read oldest first (`O`, remembered between sessions).
    pub oldest_first_profiles: std::collections::BTreeSet<String>,
    /// The worklist being worked, when there is one.
    pub worklist: Option<worklist::WorklistSession>,
    /// What `1`…`9` insert in the note editor of a call being logged.
    pub quick_notes: Vec<String>,
    /// The call being logged (`l`), between its note and its stage.
    pub log_call: Option<log_call::LogCall>,
    /// The changes made in this session that `u` can undo, oldest first.
    pub undo: undo::UndoHistory,
    /// The contacts this profile has seen, indexed for finding them by name (once loaded).
    pub search_index: Option<search::SharedIndex>,
    /// The region phones typed without a country code are read in (`default_phone_region`).
    pub phone_region: Option<crate::api::Region>,
    /// The zone the account writes note times in; every time is shown in the clock's.
    pub account_time_zone: crate::api::time_zones::Zone,
}

impl App {
    /// A new app on the start screen (or the setup screen without a token).
    pub fn new(options: AppOptions) -> App {
        let first = if options.has_token {
            Screen::Home(HomeScreen::default())
        } else {
            Screen::Setup
        };
        App {
            screens: vec![first],
            overlay: None,
            recents: options.recents,
            requests: Requests::default(),
            notice: None,
            clock: options.clock,
            viewport: options.viewport,
            spinner_frame: 0,
            theme: options.theme,
            account: Account {
                label: options.account_label,
                ..Account::default()
            },
            keymap: options.keymap,
            privacy: options.privacy,
            ascii: options.ascii,
            cache: options.cached.into_iter().fold(
                ContactLru::new(options.cache_memory_bytes),
                |mut lru, cached| {
                    lru.insert(cached);
                    lru
                },
            ),
            cached_on_disk: HashSet::new(),
            reading_cached: None,
            cache_enabled: options.cache_enabled,
            log_dir: options.log_dir,
            quitting: false,
            typeahead: typeahead::Typeahead::default(),
            drafts: KeptDrafts::default(),
            vocabulary: Vocabulary::default(),
            command_history: Vec::new(),
            clipboard: Multiplexer::None,
            export_dir: PathBuf::from("."),
            oldest_first_profiles: std::collections::BTreeSet::new(),
            worklist: None,
            quick_notes: crate::config::file::DEFAULT_QUICK_NOTES
                .iter()
                .map(|note| (*note).to_string())
                .collect(),
            log_call: None,
            undo: undo::UndoHistory::default(),
            search_index: None,
            phone_region: None,
            account_time_zone: options.account_time_zone,
        }
    }

    /// The zones times are read in and shown in: note times are the account's wall time, and
    /// everything is shown at the user's offset (the clock's).
    pub fn time_zones(&self) -> crate::api::time_zones::TimeZones {
        crate::api::time_zones::TimeZones {
            account: self.account_time_zone,
            display: crate::api::time_zones::DisplayZone::Fixed(self.clock.local_offset),
        }
    }

    /// Sets the clock before an update or a draw.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// True while a request is in flight: the event loop ticks the spinner only then.
    pub fn is_busy(&self) -> bool {
        self.requests.is_busy()
    }

    /// Opens straight on a lookup of `text` (the command line's first argument).
    pub fn open_query(&mut self, text: &str) -> Vec<Command> {
        if let Some(Screen::Home(home)) = self.screens.first_mut() {
            home.start_typing();
            home.input.paste_identifier(text);
        }
        self.submit_lookup(None)
    }

    /// True while the screen shows times that age by the minute (a contact's local time, "3 days
    /// ago"), so the event loop redraws once a minute — and never otherwise while idle.
    pub fn shows_live_times(&self) -> bool {
        matches!(self.top(), Screen::Contact(_))
    }

    /// The screen on top.
    pub fn top(&self) -> &Screen {
        self.screens.last().unwrap_or(&Screen::Setup)
    }

    /// The name of the top screen for the help title.
    pub fn top_screen_name(&self) -> &'static str {
        self.top().name()
    }

    /// The keymap contexts of the top screen, most specific first (what its help lists).
    pub fn screen_contexts(&self) -> Vec<Context> {
        self.top().context().stack().to_vec()
    }

    /// The contexts that apply right now (an overlay hides the screen's).
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(overlay) => overlay.context().stack().to_vec(),
            None => self.screen_contexts(),
        }
    }

    /// The body area of the screen (between the title line and the status bar, which grows
    /// while a long message wraps).
    pub(crate) fn body_area(&self) -> Rect {
        Rect::new(
            0,
            1,
            self.viewport.width,
            self.viewport.height.saturating_sub(1 + self.status_rows()),
        )
    }

    /// What screens and overlays may read while they handle input.
    pub(crate) fn ctx(&self) -> Ctx<'_> {
        Ctx {
            body: self.body_area(),
            clock: &self.clock,
            recents: &self.recents,
            drafts: &self.drafts.list,
            profiles: &self.account.profiles,
        }
    }

    /// The one entry point: apply `msg`, return the side effects to perform. On a read-only
    /// profile no write ever leaves here (`read_only`). Keys typed while a reply that changes
    /// the screen is awaited are replayed once it lands (`typeahead`).
    pub fn update(&mut self, msg: impl Into<Msg>) -> Vec<Command> {
        let applied = self.apply(msg.into());
        let mut commands = self.refuse_writes(applied);
        // A write refused at once (read-only) ends its wait within this update: replay again.
        while self.can_replay_typeahead() {
            let replayed = self.replay_typeahead();
            commands.extend(self.refuse_writes(replayed));
        }
        commands
    }

    fn apply(&mut self, msg: Msg) -> Vec<Command> {
        match msg {
            Msg::Key(_) | Msg::Paste(_) | Msg::Mouse(_) => self.on_input(msg),
            Msg::Resize { width, height } => {
                self.viewport = Size { width, height };
                Vec::new()
            }
            // Nothing changes but the time, which the next draw reads from the clock.
            Msg::Tick => {
                self.spinner_frame = self.spinner_frame.wrapping_add(1);
                for screen in &mut self.screens {
                    screen.tick();
                }
                if let Some(Overlay::ConfirmDelete(confirm)) = &mut self.overlay {
                    confirm.tick();
                }
                Vec::new()
            }
            Msg::Matches { id, result } => self.on_awaited_reply(id, result.map(Answer::Matches)),
            Msg::Saved { id, result } => self.on_awaited_reply(id, result.map(Answer::Saved)),
            Msg::Created { id, result } => self.on_awaited_reply(id, result.map(Answer::Created)),
            Msg::Changed { id, result } => self.on_awaited_reply(id, result.map(Answer::Changed)),
            Msg::NoteAdded { id, result } | Msg::Deleted { id, result } => {
                self.on_awaited_reply(id, result.map(|()| Answer::Done))
            }
            Msg::RateLimited { id, wait } => {
                let wait =
                    chrono::Duration::from_std(wait.wait).unwrap_or(chrono::Duration::zero());
                self.requests.rate_limited(id, self.clock.now + wait);
                Vec::new()
            }
            Msg::EffectFailed { what, error } => {
                self.notice = Some(Notice::Error(format!("{what}: {error}")));
                Vec::new()
            }
            Msg::Exported { path } => {
                self.notice = Some(Notice::Info(format!("exported to {}", path.display())));
                Vec::new()
            }
            Msg::ExportExists { path, contents } => {
                self.reopen_export_to_replace(path, contents);
                Vec::new()
            }
            Msg::ProfileReady(session) => {
                let commands = self.use_profile(session);
                // Another profile has seen other contacts: its own index is read (the commands
                // of `after_first_frame`, once the runner switched caches).
                if commands.iter().any(|c| matches!(c, Command::UseProfile(_))) {
                    self.search_index = None;
                }
                commands
            }
            Msg::ProfileFailed { name, error } => {
                self.profile_failed(&name, &error);
                Vec::new()
            }
            Msg::EditedExternally { uid, result } => self.edited_externally(&uid, result),
            Msg::WorklistOpened(list) => self.start_worklist(*list),
            Msg::SearchIndexReady(index) => {
                self.search_index = Some(index);
                self.refresh_name_matches();
                Vec::new()
            }
            Msg::PreviewDue { generation } => self.preview_due(generation),
            Msg::Terminate => self.quit(),
            Msg::Stop => vec![Command::Suspend],
            // The event loop redraws on both; the state has nothing to change.
            Msg::ClockTick | Msg::Resumed => Vec::new(),
            Msg::CacheIndexLoaded { uids } => {
                self.cached_on_disk = uids.into_iter().collect();
                Vec::new()
            }
            Msg::CachedContactRead { uid, cached } => self.on_cached_read(&uid, cached.map(|c| *c)),
        }
    }

    /// Leaves genius. A note still on its way is kept as a draft marked "may have been saved",
    /// so it is neither lost nor sent twice without asking.
    pub(crate) fn quit(&mut self) -> Vec<Command> {
        self.quitting = true;
        let mut commands = self.keep_notes_in_flight();
        commands.push(Command::Quit);
        commands
    }
}

/// What an API reply brought, typed by the effects runner: the variants of the `Msg`s that
/// carry replies, funnelled into one path so a reply is matched to what was asked in one place
/// (`replies`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Answer {
    Matches(crate::api::Lookup),
    Saved(Option<crate::api::Contact>),
    Created(crate::api::Contact),
    Changed(crate::api::ContactChange),
    Done,
}
