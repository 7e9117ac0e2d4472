//! The demo's own accounts as profiles, so the profile switcher (`P`) can be tried in
//! `genius demo`: each account of the embedded demo file (the Pro one the demo opens on, the Free
//! one whose plan has no API access…), served by the demo's simulator. They never read the
//! environment's token, a keyring or the config file: the demo stays the demo.

use crate::api::{ApiToken, Client};
use crate::cache::ContactCache;
use crate::config::Connection;
use crate::sim::demo::{Account, AccountFile};
use crate::tui::app::profile::ProfileSession;
use crate::tui::effects::recents_file::load_recents;
use crate::tui::model::profiles::ProfileEntry;
use crate::tui::model::recents::recents_path;
use crate::tui::model::vocabulary::Vocabulary;

/// The profile name the demo opens on (its Pro account), as its recents file has always been
/// named.
pub const OPENING_PROFILE: &str = "demo";

/// The profile name of a demo account: `demo` for the one the demo opens on, else
/// `demo-<plan>` (`demo-free`).
pub fn profile_name(account: &Account) -> String {
    if account.token == crate::sim::DEMO_TOKEN {
        OPENING_PROFILE.to_string()
    } else {
        format!("demo-{}", account.plan.name().to_lowercase())
    }
}

/// The demo accounts as the switcher lists them, all at the simulator's `base_url`.
pub fn entries(base_url: &str) -> Vec<ProfileEntry> {
    AccountFile::demo_shared()
        .map(|file| {
            file.accounts
                .iter()
                .map(|account| ProfileEntry {
                    name: profile_name(account),
                    base_url: base_url.to_string(),
                    read_only: false,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The session of the demo account named `name`, talking to the simulator at `base_url`.
/// Reads its recents file: call it off the UI thread.
pub fn session(base_url: &str, name: &str) -> anyhow::Result<ProfileSession> {
    let file = AccountFile::demo_shared()?;
    let Some(account) = file
        .accounts
        .iter()
        .find(|account| profile_name(account) == name)
    else {
        anyhow::bail!("the demo has no account called {name}");
    };
    let token = ApiToken::new(account.token.as_str());
    crate::logging::register_secret(&account.token);
    let connection = Connection::new(base_url, Some(token.clone()));
    let client = Client::new(connection.client_config(token))?;
    let recents_path = recents_path(&crate::paths::data_dir(), Some(name));
    Ok(ProfileSession {
        name: name.to_string(),
        account_label: format!("{name} ({} plan)", account.plan.name()),
        client: Some(client),
        read_only: false,
        theme: crate::tui::theme::theme_for(&connection)?,
        recents: load_recents(&recents_path),
        recents_path,
        // The demo's data lives only as long as its simulator: nothing to keep.
        cache: ContactCache::disabled(),
        cache_enabled: false,
        cache_memory_bytes: crate::cache::DEFAULT_MEMORY_BYTES,
        vocabulary: Vocabulary::from_demo_account(account),
        drafts: Vec::new(),
        account_time_zone: crate::api::time_zones::parse_time_zone(&account.time_zone)
            .unwrap_or(crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_offers_its_pro_and_free_accounts() {
        let names: Vec<String> = entries("http://127.0.0.1:9")
            .into_iter()
            .map(|entry| entry.name)
            .collect();
        assert!(names.contains(&"demo".to_string()), "{names:?}");
        assert!(names.contains(&"demo-free".to_string()), "{names:?}");
        assert!(session("http://127.0.0.1:9", "nobody").is_err());
    }
}
