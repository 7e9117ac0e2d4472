//! A profile made ready to use: its connection resolved (token found off the UI thread), a client
//! built, its theme with its accent, its recents, drafts and its contact cache (not read here).
//! Start-up builds the first one; the profile switcher asks the effects runner for others
//! ([`spawn_resolve`]), which answers with `Msg::ProfileReady` or `Msg::ProfileFailed`.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::Client;
use crate::config::{Connection, RunConfig};
use crate::tui::app::msg::Msg;
use crate::tui::app::profile::ProfileSession;
use crate::tui::effects::drafts_store::DraftStore;
use crate::tui::effects::recents_file::load_recents;
use crate::tui::model::profiles::{ProfileEntry, host_of};
use crate::tui::model::recents::recents_path;
use crate::tui::model::vocabulary::Vocabulary;

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

impl ProfileSession {
    /// The session of a resolved connection. Reads files (recents, drafts): call it off the UI
    /// thread or before the terminal is taken.
    pub fn from_connection(connection: &Connection) -> anyhow::Result<ProfileSession> {
        let client = match &connection.token {
            Some(token) => Some(Client::new(connection.client_config(token.clone()))?),
            None => None,
        };
        let theme = crate::tui::theme::theme_for(connection)?;
        let data_dir = crate::paths::data_dir();
        let recents_path = recents_path(&data_dir, connection.profile.as_deref());
        let (drafts, problems) =
            DraftStore::new(data_dir.join("drafts")).list(connection.profile.as_deref());
        for problem in problems {
            tracing::warn!(%problem, "a draft could not be read");
        }
        let recents = load_recents(&recents_path);
        let cache = connection.contact_cache();
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
            cache_memory_bytes: connection.cache_memory_bytes(),
            vocabulary: Vocabulary::from_profile(&connection.profile_settings),
            drafts,
            account_time_zone: connection.account_time_zone(),
        })
    }

    /// Resolves profile `name` as the command line would with `--profile NAME` (an explicit
    /// `--base-url` is dropped: the profile's own URL applies), from the config file as read at
    /// start-up. Blocking.
    pub fn resolve(config: &RunConfig, name: &str) -> anyhow::Result<ProfileSession> {
        let connection = config.for_profile(name).connection()?;
        ProfileSession::from_connection(&connection)
    }
}

/// Resolves profile `name` off the UI thread (its token may come from a command or a keyring that
/// takes its time) and reports it on `messages`: `Msg::ProfileReady` or `Msg::ProfileFailed`.
/// Without the run's configuration (`config`) there are no profiles to switch to. Must be called
/// inside a tokio runtime.
pub fn spawn_resolve(messages: UnboundedSender<Msg>, config: Option<RunConfig>, name: String) {
    let Some(config) = config else {
        let _ = messages.send(Msg::ProfileFailed {
            name,
            error: "profiles are not available here".to_string(),
        });
        return;
    };
    tokio::spawn(async move {
        let wanted = name.clone();
        let outcome =
            tokio::task::spawn_blocking(move || ProfileSession::resolve(&config, &wanted)).await;
        let msg = match outcome {
            Ok(Ok(session)) => Msg::ProfileReady(Box::new(session)),
            Ok(Err(error)) => Msg::ProfileFailed {
                name,
                error: format!("{error:#}"),
            },
            Err(error) => Msg::ProfileFailed {
                name,
                error: error.to_string(),
            },
        };
        let _ = messages.send(msg);
    });
}

/// [`spawn_resolve`] for `genius demo`: profile `name` is one of the demo's accounts, served by
/// the simulator at `base_url`.
pub fn spawn_resolve_demo(messages: UnboundedSender<Msg>, base_url: String, name: String) {
    tokio::spawn(async move {
        let wanted = name.clone();
        let outcome = tokio::task::spawn_blocking(move || {
            crate::tui::effects::demo_profiles::session(&base_url, &wanted)
        })
        .await;
        let msg = match outcome {
            Ok(Ok(session)) => Msg::ProfileReady(Box::new(session)),
            Ok(Err(error)) => Msg::ProfileFailed {
                name,
                error: format!("{error:#}"),
            },
            Err(error) => Msg::ProfileFailed {
                name,
                error: error.to_string(),
            },
        };
        let _ = messages.send(msg);
    });
}
