//! Starting the TUI for real: work out the connection, load the recents, take the terminal (panic
//! hook first), wire crossterm input and SIGTERM/SIGHUP into one message stream, run the loop, and
//! give the terminal back whatever happened.

use futures_util::{Stream, StreamExt};
use ratatui::crossterm::event::EventStream;
use ratatui::layout::Size;
use tokio::sync::mpsc::unbounded_channel;

use crate::api::{ApiToken, Client, ClientConfig};
use crate::cache::ContactCache;
use crate::cli::{DemoArgs, GlobalArgs};
use crate::config::Connection;
use crate::tui::app::{App, AppOptions};
use crate::tui::display::Clock;
use crate::tui::effects::Effects;
use crate::tui::event_loop::{self, Host, msg_from_event};
use crate::tui::msg::Msg;
use crate::tui::recents::{RecentList, recents_path};
use crate::tui::terminal::{self, TerminalModes};
use crate::tui::theme::Theme;
use crate::tui::trust::TrustState;
use crate::tui::trust::session::{ProfileSession, profile_entries};

/// Where the TUI talks to, and as whom.
pub struct Session {
    /// None: no token, the setup screen opens.
    pub client: Option<Client>,
    /// Shown at the right of the title line.
    pub account_label: String,
    /// Names the recents file (`recents-<profile>.json`).
    pub profile: Option<String>,
    /// A lookup to open straight away.
    pub query: Option<String>,
    /// The theme (the config's, the profile's accent; monochrome under NO_COLOR).
    pub theme: Theme,
    /// Profile, read-only, privacy, ASCII, clipboard and cache state.
    pub trust: TrustState,
    /// The contact cache of the profile (disabled by `cache = false`).
    pub cache: ContactCache,
    /// The command line's flags, to resolve other profiles in the switcher (None: no switching).
    pub global: Option<GlobalArgs>,
}

/// Checks the `[keys]` table and puts it in force; every problem is reported before the terminal
/// is touched.
fn install_key_bindings(connection: &Connection) -> anyhow::Result<()> {
    match crate::tui::key_overrides::from_connection(connection) {
        Ok(overrides) => {
            crate::tui::key_overrides::install(overrides);
            Ok(())
        }
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            anyhow::bail!(
                "{}: the key bindings cannot be used:\n{}",
                connection.config_path.display(),
                list.join("\n")
            )
        }
    }
}

/// The trust state for a connection and the command line's flags.
fn trust_state(
    connection: &Connection,
    session: &ProfileSession,
    global: &GlobalArgs,
) -> TrustState {
    TrustState {
        profile: connection.profile.clone(),
        profiles: profile_entries(connection),
        read_only: connection.read_only,
        privacy: global.privacy,
        ascii: global.ascii,
        multiplexer: crate::clipboard::Multiplexer::from_environment(),
        cache_enabled: session.cache_enabled,
        cached: session.cached.clone(),
        export_dir: std::env::current_dir().unwrap_or_else(|_| crate::paths::data_dir()),
        log_dir: crate::logging::active_log_dir(),
        switching: None,
    }
}

/// `genius`: the configured account, optionally straight on a lookup.
pub async fn run_live(query: Option<String>, global: &GlobalArgs) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let connection = crate::config::resolve_connection(global)?;
    install_key_bindings(&connection)?;
    let profile = ProfileSession::from_connection(&connection)?;
    tracing::info!(
        profile = connection.account_name(),
        read_only = connection.read_only,
        "starting the TUI"
    );
    let trust = trust_state(&connection, &profile, global);
    run(Session {
        client: profile.client,
        account_label: profile.account_label,
        profile: connection.profile,
        query,
        theme: profile.theme,
        trust,
        cache: profile.cache,
        global: Some(global.clone()),
    })
    .await
}

/// `genius demo`: an in-process simulator with the demo account, and the TUI against it. The demo
/// keeps its own recent list (`recents-demo.json`) and cache, apart from the real account's; the
/// config's theme and key bindings apply.
pub async fn run_demo(args: DemoArgs, global: &GlobalArgs) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let settings = crate::config::Settings::load(global)?;
    let mut connection = Connection::new(
        "http://127.0.0.1",
        Some(ApiToken::new(crate::sim::DEMO_TOKEN)),
    );
    connection.profile = Some("demo".to_string());
    connection.config = settings.config;
    connection.config_path = settings.config_path;
    install_key_bindings(&connection)?;
    let theme = connection.theme()?;
    crate::logging::register_secret(crate::sim::DEMO_TOKEN);
    let mut options = crate::sim::SimOptions::demo();
    options.rate_limit = args.rate_limit;
    let simulator = crate::sim::spawn(options).await?;
    let client = Client::new(ClientConfig::new(
        simulator.base_url(),
        ApiToken::new(crate::sim::DEMO_TOKEN),
    ))?;
    let cache = ContactCache::for_connection(&connection);
    let recents = RecentList::load(&recents_path(&crate::paths::data_dir(), Some("demo")));
    let profile = ProfileSession {
        name: "demo".to_string(),
        account_label: "demo".to_string(),
        client: None,
        read_only: false,
        theme: theme.clone(),
        cached: crate::tui::trust::session::cached_recents(&cache, &recents),
        recents,
        recents_path: recents_path(&crate::paths::data_dir(), Some("demo")),
        cache_enabled: cache.is_enabled(),
        cache: cache.clone(),
    };
    let mut trust = trust_state(&connection, &profile, global);
    trust.profiles.clear();
    let outcome = run(Session {
        client: Some(client),
        account_label: "demo".to_string(),
        profile: Some("demo".to_string()),
        query: None,
        theme,
        trust,
        cache,
        global: None,
    })
    .await;
    simulator.shutdown().await;
    outcome
}

struct RealHost {
    modes: TerminalModes,
}

impl Host for RealHost {
    fn clock(&self) -> Clock {
        Clock::system()
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        self.modes.suspend()
    }
}

/// Terminal events and termination signals as one stream of messages.
fn input_stream() -> anyhow::Result<impl Stream<Item = Msg> + Unpin> {
    let events = EventStream::new().filter_map(|event| async move {
        match event {
            Ok(event) => msg_from_event(event),
            Err(error) => {
                tracing::warn!(%error, "terminal input failed");
                Some(Msg::Terminate)
            }
        }
    });
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut terminate = signal(SignalKind::terminate())?;
        let mut hangup = signal(SignalKind::hangup())?;
        let signals = futures_util::stream::poll_fn(move |cx| {
            if terminate.poll_recv(cx).is_ready() || hangup.poll_recv(cx).is_ready() {
                std::task::Poll::Ready(Some(Msg::Terminate))
            } else {
                std::task::Poll::Pending
            }
        });
        Ok(futures_util::stream::select(Box::pin(events), signals).boxed())
    }
    #[cfg(not(unix))]
    Ok(Box::pin(events))
}

/// Runs the TUI for a session until the user quits.
pub async fn run(session: Session) -> anyhow::Result<()> {
    terminal::install_panic_hook();
    let path = recents_path(&crate::paths::data_dir(), session.profile.as_deref());
    let recents = RecentList::load(&path);
    let has_token = session.client.is_some();
    let (sender, mut replies) = unbounded_channel();
    let mut effects = Effects::new(session.client, sender, path);
    effects.trust.use_cache(session.cache);
    effects.trust.set_terminal(Box::new(std::io::stdout()));
    if let Some(global) = session.global {
        effects.trust.set_global(global);
    }
    let input = input_stream()?;

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
    });
    app.trust = session.trust;
    let initial = match session.query.as_deref() {
        Some(query) if has_token => app.open_query(query),
        _ => Vec::new(),
    };
    let mut host = RealHost { modes };
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
    outcome
}
