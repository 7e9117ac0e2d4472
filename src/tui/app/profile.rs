//! The profile in use and switching to another: [`Account`] (who the app talks to, and as what),
//! [`ProfileSession`] (everything that changes with the profile, resolved by the effects runner),
//! the switcher's choice, and starting over on the new profile once it is ready.

use std::path::PathBuf;

use crate::api::Client;
use crate::cache::{ContactCache, ContactLru};
use crate::tui::app::{App, Command, Notice, Overlay, Screen};
use crate::tui::model::drafts::Draft;
use crate::tui::model::profiles::ProfileEntry;
use crate::tui::model::recents::RecentList;
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::overlays::drafts::DraftsOverlay;
use crate::tui::overlays::profiles::ProfileSwitcher;
use crate::tui::screens::home::HomeScreen;
use crate::tui::theme::Theme;

/// Who the app talks to, and as what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Account {
    /// The right of the title line: "demo", the profile, or the API host.
    pub label: String,
    /// The active config profile (None: no config profile, or the demo).
    pub profile: Option<String>,
    /// Every profile of the config file, for the switcher.
    pub profiles: Vec<ProfileEntry>,
    /// The profile forbids writes: no write request ever leaves `App::update`.
    pub read_only: bool,
    /// The profile being switched to while its token is resolved.
    pub switching: Option<String>,
}

/// Everything that changes when the profile changes.
#[derive(Debug, Clone)]
pub struct ProfileSession {
    pub name: String,
    /// The right of the title line: the profile, or the host without a profile.
    pub account_label: String,
    /// None when no token source answered (the setup screen opens).
    pub client: Option<Client>,
    pub read_only: bool,
    pub theme: Theme,
    pub recents: RecentList,
    pub recents_path: PathBuf,
    pub cache: ContactCache,
    pub cache_enabled: bool,
    /// How many bytes of contacts the session keeps in memory (`cache_memory_mb`). Nothing of
    /// the cache is read to resolve a profile: its index is read once the profile is in use.
    pub cache_memory_bytes: usize,
    /// The stages, qualities and team the profile configures, for the pickers.
    pub vocabulary: Vocabulary,
    /// The profile's unsent drafts, offered back once it is active.
    pub drafts: Vec<Draft>,
    /// The zone the account writes note times in (`account_time_zone`).
    pub account_time_zone: crate::api::time_zones::Zone,
}

/// Sessions are compared by what they are, not by their client's connection pool.
impl PartialEq for ProfileSession {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.account_label == other.account_label
            && self.client.as_ref().map(Client::base_url)
                == other.client.as_ref().map(Client::base_url)
            && self.read_only == other.read_only
            && self.theme == other.theme
            && self.recents == other.recents
            && self.recents_path == other.recents_path
            && self.cache_enabled == other.cache_enabled
            && self.cache_memory_bytes == other.cache_memory_bytes
            && self.vocabulary == other.vocabulary
            && self.drafts == other.drafts
            && self.account_time_zone == other.account_time_zone
    }
}

impl App {
    /// `P`: the profile switcher, the active profile highlighted.
    pub(crate) fn open_profile_switcher(&mut self) {
        if self.account.profiles.is_empty() {
            self.notice = Some(Notice::Error(
                "the config file has no profiles (`genius config init` writes an example)".into(),
            ));
            return;
        }
        let selected = self
            .account
            .profiles
            .iter()
            .position(|p| Some(&p.name) == self.account.profile.as_ref())
            .unwrap_or(0);
        self.overlay = Some(Overlay::Profiles(ProfileSwitcher { selected }));
    }

    /// Switches to the profile of `row` in the switcher.
    pub(crate) fn switch_to(&mut self, row: usize) -> Vec<Command> {
        let Some(entry) = self.account.profiles.get(row) else {
            return Vec::new();
        };
        let name = entry.name.clone();
        if self.account.profile.as_deref() == Some(name.as_str()) {
            self.notice = Some(Notice::Info(format!("already on profile {name}")));
            return Vec::new();
        }
        let mut commands = self.cancel_all_requests();
        tracing::info!(profile = %name, "switching profile");
        self.account.switching = Some(name.clone());
        self.notice = Some(Notice::Info(format!("switching to profile {name}…")));
        commands.push(Command::ResolveProfile { name });
        commands
    }

    /// Forgets every request in flight (their answers belong to the profile being left).
    fn cancel_all_requests(&mut self) -> Vec<Command> {
        let ids: Vec<_> = self.requests.in_flight.iter().map(|r| r.id).collect();
        ids.into_iter()
            .filter_map(|id| self.requests.finish(id).map(|_| Command::Cancel { id }))
            .collect()
    }

    /// A resolved profile becomes the active one: its start screen, recents, cache, look and
    /// read-only switch; the effects runner is told to use it.
    pub(crate) fn use_profile(&mut self, session: Box<ProfileSession>) -> Vec<Command> {
        if self.account.switching.as_deref() != Some(session.name.as_str()) {
            // The user chose something else meanwhile: this one is no longer wanted.
            return Vec::new();
        }
        let mut commands = self.cancel_all_requests();
        self.account.switching = None;
        self.account.profile = Some(session.name.clone());
        self.account.read_only = session.read_only;
        self.cache_enabled = session.cache_enabled;
        self.cache = ContactLru::new(session.cache_memory_bytes);
        self.cached_on_disk.clear();
        self.reading_cached = None;
        self.theme = session.theme.clone();
        self.account.label = session.account_label.clone();
        self.recents = session.recents.clone();
        self.vocabulary = session.vocabulary.clone();
        self.account_time_zone = session.account_time_zone;
        self.drafts.profile = Some(session.name.clone());
        self.drafts.list = session.drafts.clone();
        // The profile's unsent drafts are offered back, as at start-up.
        self.overlay =
            (!session.drafts.is_empty()).then(|| Overlay::Drafts(DraftsOverlay::default()));
        self.screens = vec![if session.client.is_some() {
            Screen::Home(HomeScreen::default())
        } else {
            Screen::Setup
        }];
        let read_only = if session.read_only {
            " (read-only)"
        } else {
            ""
        };
        self.notice = Some(Notice::Info(format!(
            "now on profile {}{read_only}",
            session.name
        )));
        commands.push(Command::UseProfile(session));
        // After the runner switched caches: the new profile's index, read in the background.
        commands.extend(self.after_first_frame());
        commands
    }

    /// A profile could not be resolved: the switch is off, and the status bar says why.
    pub(crate) fn profile_failed(&mut self, name: &str, error: &str) {
        if self.account.switching.as_deref() == Some(name) {
            self.account.switching = None;
        }
        self.notice = Some(Notice::Error(format!(
            "cannot switch to profile {name}: {error}"
        )));
    }
}
