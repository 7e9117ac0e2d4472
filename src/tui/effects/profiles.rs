//! A profile made ready to use: its connection resolved (token found off the UI thread), a client
//! built, its theme with its accent, its recents and the cached copies of them. Start-up builds the
//! first one; the profile switcher asks the effects runner for others.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::api::{Client, ClientConfig};
use crate::cache::{CachedContact, ContactCache};
use crate::cli::GlobalArgs;
use crate::config::Connection;
use crate::tui::app::trust::ProfileEntry;
use crate::tui::model::recents::{RecentList, recents_path};
use crate::tui::theme::Theme;

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
    /// The contacts seen before (as the server sent them), for instant reopening.
    pub cached: BTreeMap<String, CachedContact>,
    /// The stages, qualities and team the profile configures, for the pickers.
    pub vocabulary: crate::tui::model::vocabulary::Vocabulary,
    /// The profile's unsent drafts, offered back once it is active.
    pub drafts: Vec<crate::tui::model::drafts::Draft>,
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
            && self.cached == other.cached
            && self.vocabulary == other.vocabulary
            && self.drafts == other.drafts
    }
}

/// The host of a base URL, for the title line.
pub fn host_of(base_url: &str) -> String {
    reqwest::Url::parse(base_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_else(|| base_url.to_string())
}

/// The title line's account: the profile, else the host. (Read-only is a badge of its own,
/// drawn from the state.)
pub fn account_label(connection: &Connection) -> String {
    connection
        .profile
        .clone()
        .unwrap_or_else(|| host_of(&connection.base_url))
}

/// The profiles of the connection's config file, for the switcher.
pub fn profile_entries(connection: &Connection) -> Vec<ProfileEntry> {
    connection
        .config
        .profiles
        .iter()
        .map(|(name, profile)| ProfileEntry {
            name: name.clone(),
            base_url: profile
                .base_url
                .clone()
                .unwrap_or_else(|| crate::api::DEFAULT_BASE_URL.to_string()),
            read_only: profile.read_only,
        })
        .collect()
}

/// The contacts kept in `cache`, by uid, as the server sent them.
pub fn cached_contacts(cache: &ContactCache) -> BTreeMap<String, CachedContact> {
    cache
        .list()
        .into_iter()
        .map(|cached| (cached.contact.uid.clone(), cached))
        .collect()
}

impl ProfileSession {
    /// The session of a resolved connection. Reads files (recents, cache): call it off the UI
    /// thread or before the terminal is taken.
    pub fn from_connection(connection: &Connection) -> anyhow::Result<ProfileSession> {
        let client = match &connection.token {
            Some(token) => Some(Client::new(ClientConfig::new(
                connection.base_url.clone(),
                token.clone(),
            ))?),
            None => None,
        };
        let theme = connection.theme()?;
        let data_dir = crate::paths::data_dir();
        let recents_path = recents_path(&data_dir, connection.profile.as_deref());
        let (drafts, problems) =
            crate::tui::model::drafts::DraftStore::new(data_dir.join("drafts"))
                .list(connection.profile.as_deref());
        for problem in problems {
            tracing::warn!(%problem, "a draft could not be read");
        }
        let recents = RecentList::load(&recents_path);
        let cache = ContactCache::for_connection(connection);
        let cached = cached_contacts(&cache);
        Ok(ProfileSession {
            name: connection.account_name().to_string(),
            account_label: account_label(connection),
            client,
            read_only: connection.read_only,
            theme,
            recents,
            recents_path,
            cache_enabled: cache.is_enabled(),
            cache,
            cached,
            vocabulary: crate::tui::model::vocabulary::Vocabulary::from_profile(
                &connection.profile_settings,
            ),
            drafts,
        })
    }

    /// Resolves profile `name` as the command line would with `--profile NAME` (an explicit
    /// `--base-url` is dropped: the profile's own URL applies). Blocking.
    pub fn resolve(global: &GlobalArgs, name: &str) -> anyhow::Result<ProfileSession> {
        let mut global = global.clone();
        global.profile = Some(name.to_string());
        global.base_url = None;
        let connection = crate::config::resolve_connection(&global)?;
        ProfileSession::from_connection(&connection)
    }
}
