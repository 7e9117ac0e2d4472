//! Starting the TUI for real: work out the connection, load the recents, take the terminal (panic
//! hook first), wire crossterm input and the signals (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP,
//! SIGCONT) into one message stream, run the loop, give the terminal back whatever happened, and
//! say how it ended so a signal shows in the exit status (128 + its number), as scripts expect.

use ratatui::layout::Size;
use tokio::sync::mpsc::unbounded_channel;

use std::collections::BTreeMap;

use crate::api::{ApiToken, Client};
use crate::cache::ContactCache;
use crate::config::{Connection, RunConfig};
use crate::tui::app::{App, AppOptions};
use crate::tui::effects::Effects;
use crate::tui::effects::drafts_store::DraftStore;
use crate::tui::effects::recents_file::load_recents;
use crate::tui::keymap::{Action, KeyChord, Keymap};
use crate::tui::model::display::Clock;
use crate::tui::model::profiles::ProfileEntry;
use crate::tui::model::recents::recents_path;
use crate::tui::model::vocabulary::Vocabulary;
use crate::tui::runtime::event_loop::{self, Host};
use crate::tui::runtime::terminal::{self, TerminalModes};
use crate::tui::theme::Theme;

/// How a TUI session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal ended it (SIGTERM, SIGHUP, SIGINT or SIGQUIT, by number).
    Signal(i32),
}

impl Ending {
    /// The exit status: 0 after quitting, 128 + the signal's number after a signal.
    pub fn exit_status(self) -> u8 {
        match self {
            Ending::Quit => 0,
            Ending::Signal(number) => u8::try_from(128 + number).unwrap_or(u8::MAX),
        }
    }
}

/// Where the TUI talks to, as whom, and how it looks.
pub struct Session {
    /// None: no token, the setup screen opens.
    pub client: Option<Client>,
    /// Shown at the right of the title line: the profile or host, and "read-only".
    pub account_label: String,
    /// Names the recents file (`recents-<profile>.json`).
    pub profile: Option<String>,
    /// A lookup to open straight away.
    pub query: Option<String>,
    /// The config's theme with the profile's accent (monochrome under NO_COLOR).
    pub theme: Theme,
    /// The key bindings with the config's `[keys]` applied.
    pub keymap: Keymap,
    /// `--privacy`: mask emails, phones and addresses.
    pub privacy: bool,
    /// `--ascii`: no Unicode symbols.
    pub ascii: bool,
    /// Contacts seen before (disabled by `cache = false`, and for the demo). Nothing of it is
    /// read before the first frame.
    pub cache: ContactCache,
    /// How many bytes of contacts the session keeps in memory (`cache_memory_mb`).
    pub cache_memory_bytes: usize,
    /// Where this run logs, for the help overlay.
    pub log_dir: Option<std::path::PathBuf>,
    /// The stages, qualities, team and tags the pickers start with (the profile's, the demo's).
    pub vocabulary: Vocabulary,
    /// No writes at all (the profile says so).
    pub read_only: bool,
    /// The zone the account writes note times in.
    pub account_time_zone: crate::api::time_zones::Zone,
    /// The profile and its switcher, the clipboard route, where exports go.
    pub surroundings: Surroundings,
    /// The run's configuration, to resolve other profiles in the switcher (None: no switching).
    pub profiles: Option<RunConfig>,
    /// In `genius demo`, the simulator whose own accounts the switcher offers.
    pub demo_base_url: Option<String>,
    /// The profile's phone region and quick notes.
    pub phone_region: Option<crate::api::Region>,
    pub quick_notes: Vec<String>,
    /// A worklist to open on, its progress store already open (locked).
    pub worklist: Option<(crate::worklist::Worklist, crate::worklist::ProgressStore)>,
}

/// How the TUI draws, as the command line asks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// `--ascii`: no Unicode symbols.
    pub ascii: bool,
    /// `--privacy`: mask emails, phones and addresses.
    pub privacy: bool,
}

/// The keymap with the config's `[keys]` applied; every problem in one message.
fn keymap_for(connection: &Connection) -> anyhow::Result<Keymap> {
    let names: Vec<String> = Action::ALL.iter().map(|a| a.name()).collect();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let problems: Vec<String> = match connection.key_bindings(&known) {
        Ok(table) => {
            let overrides: BTreeMap<String, Vec<KeyChord>> = table
                .into_iter()
                .map(|(action, keys)| {
                    let chords = keys
                        .into_iter()
                        .map(|key| KeyChord {
                            code: key.code,
                            modifiers: key.modifiers,
                        })
                        .collect();
                    (action, chords)
                })
                .collect();
            match Keymap::with_overrides(&overrides) {
                Ok(keymap) => return Ok(keymap),
                Err(problems) => problems,
            }
        }
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    };
    anyhow::bail!(
        "the key bindings in {} cannot be used:\n  {}",
        connection.config_path.display(),
        problems.join("\n  ")
    )
}

/// What a run finds around it: the active profile and the others, how OSC 52 reaches the
/// terminal, and the working directory for exports.
pub struct Surroundings {
    pub profile: Option<String>,
    pub profiles: Vec<ProfileEntry>,
    pub clipboard: crate::clipboard::Multiplexer,
    pub export_dir: std::path::PathBuf,
}

fn surroundings(connection: &Connection) -> Surroundings {
    Surroundings {
        profile: connection.profile.clone(),
        profiles: crate::tui::effects::profiles::profile_entries(connection),
        clipboard: crate::clipboard::Multiplexer::from_environment(),
        export_dir: std::env::current_dir().unwrap_or_else(|_| crate::paths::data_dir()),
    }
}

/// `genius work FILE`: the configured account, on the worklist at `file`. The list and its
/// progress are opened before the terminal is taken, so a list that cannot be worked (unreadable,
/// open in another genius) is said plainly on stderr.
pub async fn run_work(
    file: &std::path::Path,
    config: &RunConfig,
    look: Look,
) -> anyhow::Result<Ending> {
    let region = config.settings().ok().and_then(|s| s.phone_region());
    let dir = crate::worklist::store::store_dir();
    let (list, store) = crate::tui::effects::worklist_journal::open_list(file, &dir, region)
        .map_err(|error| anyhow::anyhow!(crate::text::safe_line(&error).into_owned()))?;
    live(None, config, look, Some((list, store))).await
}

/// `genius`: the configured account, optionally straight on a lookup.
pub async fn run_live(
    query: Option<String>,
    config: &RunConfig,
    look: Look,
) -> anyhow::Result<Ending> {
    live(query, config, look, None).await
}

async fn live(
    query: Option<String>,
    config: &RunConfig,
    look: Look,
    worklist: Option<(crate::worklist::Worklist, crate::worklist::ProgressStore)>,
) -> anyhow::Result<Ending> {
    terminal::install_panic_hook();
    // Logging started with the process (`main`); the token was registered when it was found.
    let connection = config.connection()?;
    let theme = crate::tui::theme::theme_for(&connection)?;
    let keymap = keymap_for(&connection)?;
    let client = match &connection.token {
        Some(token) => Some(Client::new(connection.client_config(token.clone()))?),
        None => None,
    };
    let account_label = crate::tui::effects::profiles::account_label(&connection);
    tracing::info!(
        profile = connection.account_name(),
        read_only = connection.read_only,
        "starting the TUI"
    );
    let vocabulary = Vocabulary::from_profile(&connection.profile_settings);
    run(Session {
        client,
        account_label,
        profile: connection.profile.clone(),
        query,
        theme,
        keymap,
        privacy: look.privacy,
        ascii: look.ascii,
        cache: connection.contact_cache(),
        cache_memory_bytes: connection.cache_memory_bytes(),
        log_dir: crate::logging::active_log_dir(),
        vocabulary,
        read_only: connection.read_only,
        account_time_zone: connection.account_time_zone(),
        surroundings: surroundings(&connection),
        profiles: Some(config.clone()),
        demo_base_url: None,
        phone_region: connection.phone_region(),
        quick_notes: connection.quick_notes(),
        worklist,
    })
    .await
}

/// `genius demo`: an in-process simulator with the demo account, and the TUI against it. The demo
/// keeps its own recent list (`recents-demo.json`), apart from the real account's.
pub async fn run_demo(
    rate_limit: Option<u32>,
    query: Option<String>,
    look: Look,
) -> anyhow::Result<Ending> {
    terminal::install_panic_hook();
    let mut options = crate::sim::SimOptions::demo();
    options.rate_limit = rate_limit;
    let simulator = crate::sim::spawn(options).await?;
    let token = ApiToken::new(crate::sim::DEMO_TOKEN);
    crate::logging::register_secret(crate::sim::DEMO_TOKEN);
    let connection = Connection::new(simulator.base_url(), Some(token.clone()));
    let client = Client::new(connection.client_config(token))?;
    let demo_file = crate::sim::demo::AccountFile::demo_shared()?;
    let demo_account = demo_file
        .accounts
        .iter()
        .find(|account| account.token == crate::sim::DEMO_TOKEN);
    let vocabulary = demo_account
        .map(Vocabulary::from_demo_account)
        .unwrap_or_default();
    // The demo account's file names the zone its simulator writes note times in.
    let account_time_zone = demo_account
        .and_then(|account| crate::api::time_zones::parse_time_zone(&account.time_zone).ok())
        .unwrap_or(crate::api::time_zones::DEFAULT_ACCOUNT_TIME_ZONE);
    let outcome = run(Session {
        client: Some(client),
        account_label: "demo".to_string(),
        profile: Some(crate::tui::effects::demo_profiles::OPENING_PROFILE.to_string()),
        query,
        theme: crate::tui::theme::theme_for(&connection)?,
        keymap: Keymap::default(),
        privacy: look.privacy,
        ascii: look.ascii,
        // The demo's data lives only as long as its simulator: nothing to keep.
        cache: ContactCache::disabled(),
        cache_memory_bytes: crate::cache::DEFAULT_MEMORY_BYTES,
        log_dir: crate::logging::active_log_dir(),
        vocabulary,
        read_only: false,
        surroundings: Surroundings {
            profile: Some(crate::tui::effects::demo_profiles::OPENING_PROFILE.to_string()),
            profiles: crate::tui::effects::demo_profiles::entries(&simulator.base_url()),
            ..surroundings(&connection)
        },
        account_time_zone,
        profiles: None,
        demo_base_url: Some(simulator.base_url()),
        phone_region: None,
        quick_notes: crate::config::file::DEFAULT_QUICK_NOTES
            .iter()
            .map(|note| (*note).to_string())
            .collect(),
        worklist: None,
    })
    .await;
    simulator.shutdown().await;
    outcome
}

struct RealHost {
    modes: TerminalModes,
    input_pause: crate::tui::runtime::input_pause::InputPause,
}

impl Host for RealHost {
    fn clock(&self) -> Clock {
        Clock::system()
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        self.modes.suspend()
    }

    fn resume(&mut self) -> std::io::Result<()> {
        self.modes.reclaim()
    }

    fn edit_externally(&mut self, draft: &str) -> std::io::Result<String> {
        self.input_pause.pause();
        let edited = self
            .modes
            .lend(|| crate::tui::runtime::external_editor::edit_in_external_editor(draft));
        self.input_pause.resume();
        edited?
    }
}

/// Runs the TUI for a session until the user quits or a signal ends it.
pub async fn run(session: Session) -> anyhow::Result<Ending> {
    terminal::install_panic_hook();
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        // Raw mode would fail with an obscure ioctl error; say what to do instead.
        anyhow::bail!(
            "the interactive screen needs a terminal; from scripts use `genius get <uid|email|phone>` (see `genius --help`)"
        );
    }
    let path = recents_path(&crate::paths::data_dir(), session.profile.as_deref());
    let recents = load_recents(&path);
    let has_token = session.client.is_some();
    let (sender, mut replies) = unbounded_channel();
    let cache_enabled = session.cache.is_enabled();
    let mut effects = Effects::new(session.client, sender, path, session.cache);
    effects.set_terminal(Box::new(std::io::stdout()));
    if let Some(config) = session.profiles {
        effects.set_profiles(config);
    }
    if let Some(base_url) = session.demo_base_url {
        effects.set_demo_profiles(base_url);
    }
    effects.set_worklists(crate::worklist::store::store_dir(), session.phone_region);
    // Pausable, so `$EDITOR` gets every keystroke while it has the terminal.
    let (events, input_pause) = crate::tui::runtime::input_pause::pausable_events();
    let ending = std::sync::Arc::new(std::sync::atomic::AtomicI32::new(0));
    let input = super::signals::input_stream(events, std::sync::Arc::clone(&ending))?;

    let modes = TerminalModes::enter()?;
    let mut terminal = terminal::new_terminal()?;
    event_loop::clear_screen(&mut terminal)?;
    let area = terminal.size()?;
    let mut app = App::new(AppOptions {
        theme: session.theme,
        account_label: session.account_label,
        recents,
        has_token,
        clock: Clock::system(),
        viewport: Size::new(area.width, area.height),
        keymap: session.keymap,
        privacy: session.privacy,
        ascii: session.ascii,
        cached: Vec::new(),
        cache_enabled,
        cache_memory_bytes: session.cache_memory_bytes,
        log_dir: session.log_dir,
        account_time_zone: session.account_time_zone,
    });
    app.vocabulary = session.vocabulary;
    app.account.read_only = session.read_only;
    app.account.profile = session.surroundings.profile;
    app.account.profiles = session.surroundings.profiles;
    app.clipboard = session.surroundings.clipboard;
    app.oldest_first_profiles = crate::tui::effects::note_order_file::load_note_order(
        &crate::tui::effects::note_order_file::note_order_path(&crate::paths::data_dir()),
    );
    app.export_dir = session.surroundings.export_dir;
    // The drafts left by an earlier session are offered back; damaged files stay on disk.
    let (drafts, problems) = DraftStore::in_data_dir().list(session.profile.as_deref());
    let problem = problems.first().map(ToString::to_string);
    app.offer_drafts(session.profile.clone(), drafts, problem);
    app.quick_notes = session.quick_notes;
    app.phone_region = session.phone_region;
    let initial = match (session.query.as_deref(), session.worklist) {
        (_, Some((list, store))) if has_token => {
            effects.use_worklist_store(store);
            app.start_worklist(list)
        }
        (Some(query), _) if has_token => app.open_query(query),
        _ => Vec::new(),
    };
    let mut host = RealHost { modes, input_pause };
    let outcome = event_loop::run(
        &mut terminal,
        &mut app,
        input,
        &mut replies,
        &mut effects,
        &mut host,
        initial,
    )
    .await;
    drop(terminal);
    drop(host);
    // Drafts and recents asked for last (a note kept on quitting) reach the disk before exit.
    effects.finish().await;
    outcome?;
    Ok(match ending.load(std::sync::atomic::Ordering::SeqCst) {
        0 => Ending::Quit,
        number => Ending::Signal(number),
    })
}
