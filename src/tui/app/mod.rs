//! The app's state and its one entry point, [`App::update`]: a pure function of (state, message)
//! that changes the state and returns the side effects it wants as [`Command`]s. No IO happens here,
//! so every transition is tested by feeding messages (tests/app_model.rs).
//!
//! # How a new screen or overlay plugs in
//! - **Screen**: add a module under `screens/` with its state struct and a `render` function, a
//!   variant to [`Screen`] (plus its `title`, `name` and `context`), a [`Context`] and its rows in
//!   `keymap::BINDINGS`, a branch in `App::on_action`, and a branch in `view::render`. Push it with
//!   `self.screens.push(..)`; `Back` pops it.
//! - **Overlay** (picker, confirmation, command line…): a variant to [`Overlay`] holding its state;
//!   while it is open it gets keys first (a branch at the top of `App::on_key`, as the help and
//!   the reader do), and `view::render` draws it last.
//! - **Lead-working screens and overlays** (issue 4) plug in as one `Screen::Work` and one
//!   `Overlay::Work` variant whose keys, requests and replies `work::flow` handles.
//! - **A request**: a [`Purpose`](crate::tui::app::requests::Purpose) variant,
//!   `self.send(purpose, description, request)`, and a branch in `App::on_reply`
//!   (`app/replies.rs`). Replies nobody awaits any more are dropped there.

use std::collections::BTreeMap;

use chrono::Offset;
use ratatui::layout::Size;

use crate::api::Contact;
use crate::cache::CachedContact;
use crate::tui::app::command::Command;
use crate::tui::app::msg::Msg;
use crate::tui::app::requests::Requests;
use crate::tui::app::trust::{TrustOverlay, TrustState};
use crate::tui::app::work::{WorkOverlay, WorkScreen, WorkState};
use crate::tui::keymap::{Context, Keymap};
use crate::tui::model::display::{Clock, display_safe_contact, drawable_contact};
use crate::tui::model::recents::RecentList;
use crate::tui::screens::contact::ContactScreen;
use crate::tui::screens::home::{HomeFocus, HomeScreen};
use crate::tui::screens::results::ResultsScreen;
use crate::tui::theme::Theme;
use crate::tui::widgets::text_input;

use crate::tui::overlays::help::HelpOverlay;
use crate::tui::overlays::reader::ReaderOverlay;

pub mod command;
mod input;
pub mod msg;
mod navigation;
mod overlays;
pub mod read_only;
mod replies;
pub mod requests;
pub mod trust;
pub mod typeahead;
pub mod view;
mod waiting;
pub mod work;

/// One screen of the stack.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The start screen: lookup input and recent contacts.
    Home(HomeScreen),
    /// Several contacts matched a lookup.
    Results(ResultsScreen),
    /// One contact's detail and notes.
    Contact(Box<ContactScreen>),
    /// No API token: how to set one.
    Setup,
    /// Working a lead: the edit or create form, or the note editor (issue 4, `work::flow`).
    Work(Box<WorkScreen>),
}

impl Screen {
    /// The breadcrumb of this screen in the title line.
    pub fn title(&self) -> String {
        match self {
            Screen::Home(_) => "Lookup".to_string(),
            Screen::Results(results) => format!("{} matches", results.contacts.len()),
            Screen::Contact(screen) => screen.contact.display_name(),
            Screen::Setup => "Setup".to_string(),
            Screen::Work(work) => work.title(),
        }
    }

    /// The keymap context of this screen.
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(home) if home.focus == HomeFocus::Input => Context::HomeInput,
            Screen::Home(_) => Context::HomeRecents,
            Screen::Results(_) => Context::Results,
            Screen::Contact(_) => Context::Contact,
            Screen::Setup => Context::Setup,
            Screen::Work(work) => work.context(),
        }
    }
}

/// What sits on top of the screen and takes the keys first.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help of the current screen.
    Help(HelpOverlay),
    /// A long text read in full (the snapshot).
    Reader(ReaderOverlay),
    /// A picker, the delete confirmation, the command line or the drafts offer (`work::flow`).
    Work(Box<WorkOverlay>),
    /// The copy menu, the export prompt or the profile switcher (`trust`).
    Trust(Box<TrustOverlay>),
}

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
    /// Where the log files go, for the help overlay; none when logging is off.
    pub log_dir: Option<std::path::PathBuf>,
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
            log_dir: None,
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
    /// The account at the right of the title line.
    pub account_label: String,
    /// The key bindings in force.
    pub keymap: Keymap,
    /// Emails, phones and addresses are masked on screen.
    pub privacy: bool,
    /// Plain ASCII instead of Unicode symbols.
    pub ascii: bool,
    /// The last known version of contacts seen, by uid, as the server sent them.
    pub cache: BTreeMap<String, CachedContact>,
    /// Whether fetched contacts are kept on disk.
    pub cache_enabled: bool,
    /// Where the log files go (shown in help).
    pub log_dir: Option<std::path::PathBuf>,
    /// Set once the app asked to quit; the event loop stops.
    pub quitting: bool,
    /// Keys and pastes typed while a reply that changes the screen is awaited, in order.
    pub typeahead: typeahead::Typeahead,
    /// What working a lead needs across screens: vocabulary, command history, drafts.
    pub work: WorkState,
    /// The profile and its switcher, the clipboard route, where exports go (`trust`).
    pub trust: TrustState,
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
            account_label: options.account_label,
            keymap: options.keymap,
            privacy: options.privacy,
            ascii: options.ascii,
            cache: options
                .cached
                .into_iter()
                .map(|cached| (cached.contact.uid.clone(), cached))
                .collect(),
            cache_enabled: options.cache_enabled,
            log_dir: options.log_dir,
            quitting: false,
            typeahead: typeahead::Typeahead::default(),
            work: WorkState::default(),
            trust: TrustState::default(),
        }
    }

    /// The contact as it may be drawn: masked in privacy mode, and every string made safe for
    /// the terminal (the model keeps the server's text as it is).
    pub fn for_display<'a>(&self, contact: &'a Contact) -> std::borrow::Cow<'a, Contact> {
        if self.privacy {
            let masked = crate::tui::model::display::masked_contact(contact, self.ascii);
            std::borrow::Cow::Owned(display_safe_contact(masked))
        } else {
            drawable_contact(contact)
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
            home.input = tui_input::Input::new(text_input::clean_paste(text));
        }
        self.submit_lookup()
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
        match self.top() {
            Screen::Home(_) => "Lookup",
            Screen::Results(_) => "Matches",
            Screen::Contact(_) => "Contact",
            Screen::Setup => "Setup",
            Screen::Work(work) => work.name(),
        }
    }

    /// The keymap contexts of the top screen, most specific first.
    pub fn screen_contexts(&self) -> Vec<Context> {
        match self.top().context() {
            Context::HomeInput => vec![Context::HomeInput, Context::Anywhere],
            Context::Setup => vec![Context::Setup, Context::Anywhere],
            context if context.is_work() => vec![context, Context::Anywhere],
            context => vec![context, Context::Browsing, Context::Anywhere],
        }
    }

    /// The contexts that apply right now (an overlay hides the screen's).
    pub fn contexts(&self) -> Vec<Context> {
        match &self.overlay {
            Some(Overlay::Help(_)) => vec![Context::Help, Context::Anywhere],
            Some(Overlay::Reader(_)) => vec![Context::Reader, Context::Anywhere],
            Some(Overlay::Work(work)) => vec![work.context(), Context::Anywhere],
            Some(Overlay::Trust(trust)) => vec![trust.context(), Context::Anywhere],
            None => self.screen_contexts(),
        }
    }

    /// The one entry point: apply `msg`, return the side effects to perform. On a read-only
    /// profile no write ever leaves here (`trust::read_only`).
    /// Keys typed while a reply that changes the screen is awaited are replayed once it lands
    /// (`typeahead`).
    pub fn update(&mut self, msg: Msg) -> Vec<Command> {
        let applied = self.apply(msg);
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
            Msg::ClockTick => Vec::new(),
            Msg::Tick => {
                self.spinner_frame = self.spinner_frame.wrapping_add(1);
                self.tick_work();
                Vec::new()
            }
            Msg::Work(msg) => self.on_work_msg(msg),
            Msg::ApiReply { id, result } => self.on_awaited_reply(id, result),
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
            Msg::Trust(msg) => self.on_trust_msg(msg),
            Msg::Terminate => self.quit(),
            Msg::Stop => vec![Command::Suspend],
            Msg::Resumed => Vec::new(),
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
