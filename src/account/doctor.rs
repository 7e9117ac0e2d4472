//! `genius doctor`: checks the config, profile, token, API, terminal, colours, Unicode, clipboard
//! and keyring, and prints each as OK, a warning, or a failure with what to do. Exits non-zero when
//! anything is broken. Never prints the token.

use std::process::ExitCode;
use std::time::Instant;

use crate::api::{Client, ClientConfig, ErrorKind, Identifier};
use crate::clipboard::{Multiplexer, describe_method, is_unknown_option, tmux_option};
use crate::config::token::{TokenSources, describe_keyring_probe, find_token};
use crate::config::{RunConfig, Settings, UNNAMED_PROFILE};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// Works, but something could be better.
    Warn,
    /// Broken: genius cannot work like this.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked ("config", "api"…).
    pub name: &'static str,
    /// OK, a warning, or broken.
    pub verdict: Verdict,
    /// What was found, and for a warning or failure what to do.
    pub detail: String,
}

fn check(name: &'static str, verdict: Verdict, detail: impl Into<String>) -> Check {
    Check {
        name,
        verdict,
        detail: detail.into(),
    }
}

/// Runs `genius doctor` and prints the report.
pub async fn run(config: &RunConfig) -> ExitCode {
    let checks = run_checks(config, &TokenSources::from_environment()).await;
    for line in &checks {
        let mark = match line.verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
        };
        println!("{mark}  {:<10} {}", line.name, line.detail);
    }
    println!("\n{}", conclusion(&checks));
    if checks.iter().any(|c| c.verdict == Verdict::Fail) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The report's last line: it never says "all good" after a warning.
pub fn conclusion(checks: &[Check]) -> &'static str {
    if checks.iter().any(|c| c.verdict == Verdict::Fail) {
        "something needs fixing (see FAIL above)."
    } else if checks.iter().any(|c| c.verdict == Verdict::Warn) {
        "usable, but see the warnings above."
    } else {
        "all good."
    }
}

/// Every check, in order. The API check is skipped without a token.
pub async fn run_checks(config: &RunConfig, sources: &TokenSources) -> Vec<Check> {
    let mut checks = Vec::new();
    let settings = match config.settings() {
        Ok(settings) => {
            let state = if settings.config_path.exists() {
                format!("{} is valid", settings.config_path.display())
            } else {
                format!(
                    "{} does not exist (defaults in use; `genius config init` writes an example)",
                    settings.config_path.display()
                )
            };
            checks.push(check("config", Verdict::Ok, state));
            settings
        }
        Err(error) => {
            checks.push(check("config", Verdict::Fail, error.to_string()));
            checks.extend(environment_checks(sources));
            return checks;
        }
    };
    checks.push(theme_check(&settings));
    let (account, profile) = match &settings.profile {
        Some((name, profile)) => (name.clone(), profile.clone()),
        None => (UNNAMED_PROFILE.to_string(), Default::default()),
    };
    let profile_detail = match &settings.profile {
        Some((name, p)) if p.read_only => format!("{name} (read-only)"),
        Some((name, _)) => name.clone(),
        None => "none configured (using defaults)".to_string(),
    };
    checks.push(check("profile", Verdict::Ok, profile_detail));
    let base_url = config
        .selection
        .base_url
        .clone()
        .or_else(|| profile.base_url.clone())
        .unwrap_or_else(|| crate::api::DEFAULT_BASE_URL.to_string());
    match find_token(sources, &account, &profile, &settings.config_path) {
        Ok(search) => match search.found {
            Some((token, source)) => {
                checks.push(check("token", Verdict::Ok, format!("from {}", source.label())));
                checks.extend(api_checks(&base_url, token).await);
            }
            None => checks.push(check(
                "token",
                Verdict::Fail,
                "none found: run `genius login`, set GENIUS_TOKEN, or give the profile a token_command",
            )),
        },
        Err(error) => checks.push(check("token", Verdict::Fail, error.to_string())),
    }
    checks.extend(environment_checks(sources));
    checks
}

fn theme_check(settings: &Settings) -> Check {
    let accent = settings
        .profile
        .as_ref()
        .and_then(|(_, p)| p.accent.as_deref());
    let config_dir = settings
        .config_path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let no_color = crate::tui::theme::no_color_requested();
    match crate::tui::theme::resolve_theme(
        settings.config.theme.as_deref(),
        accent,
        no_color,
        &config_dir,
    ) {
        Ok(theme) => check("theme", Verdict::Ok, theme.name),
        Err(error) => check("theme", Verdict::Fail, error.to_string()),
    }
}

async fn api_checks(base_url: &str, token: crate::api::ApiToken) -> Vec<Check> {
    let shown_url = crate::text::safe_line(base_url).into_owned();
    let mut config = ClientConfig::new(base_url, token);
    config.retry.max_retries = 0;
    let client = match Client::new(config) {
        Ok(client) => client,
        Err(error) => return vec![check("api", Verdict::Fail, error.to_string())],
    };
    let started = Instant::now();
    let outcome = client.get(&Identifier::Uid("00000000".to_string())).await;
    let round_trip = started.elapsed().as_millis();
    let api = match outcome {
        Ok(_) => check(
            "api",
            Verdict::Ok,
            format!("{shown_url} answered in {round_trip} ms"),
        ),
        Err(error) => match error.kind() {
            ErrorKind::NotFound => check(
                "api",
                Verdict::Ok,
                format!("{shown_url} accepted the token, answered in {round_trip} ms"),
            ),
            ErrorKind::Unauthorized => check(
                "api",
                Verdict::Fail,
                "the token was rejected (401): run `genius login` with a fresh token",
            ),
            ErrorKind::Forbidden => check(
                "api",
                Verdict::Fail,
                "the plan has no API access (403): Starter, Pro or Business is needed",
            ),
            ErrorKind::RateLimited => check(
                "api",
                Verdict::Warn,
                format!("{shown_url} is rate-limiting us right now (429); try again shortly"),
            ),
            _ => check(
                "api",
                Verdict::Fail,
                format!("{error} — check the base URL and the network"),
            ),
        },
    };
    let headers = client.rate_limit_headers();
    let rate = if headers.is_empty() {
        check("rate limit", Verdict::Ok, "no rate-limit headers seen")
    } else {
        let shown: Vec<String> = headers
            .iter()
            .map(|(name, value)| format!("{name}: {}", crate::text::safe_line(value)))
            .collect();
        check("rate limit", Verdict::Ok, shown.join(", "))
    };
    // Without an answer there were no headers to see: the line would only add noise.
    if api.verdict == Verdict::Fail && headers.is_empty() {
        return vec![api];
    }
    vec![api, rate]
}

fn environment_checks(sources: &TokenSources) -> Vec<Check> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    vec![
        terminal_check(),
        colour_check(
            env("NO_COLOR").as_deref(),
            env("COLORTERM").as_deref(),
            env("TERM").as_deref(),
        ),
        unicode_check(
            env("LC_ALL").as_deref(),
            env("LC_CTYPE").as_deref(),
            env("LANG").as_deref(),
        ),
        clipboard_check(
            Multiplexer::detect(env("TMUX").as_deref(), env("TERM").as_deref()),
            tmux_option,
        ),
        keyring_check(sources),
        check(
            "logs",
            Verdict::Ok,
            crate::logging::log_dir().display().to_string(),
        ),
    ]
}

/// How copying will work. Inside tmux, what its settings allow — the same route the TUI takes
/// (`Multiplexer::inside_tmux`): plain OSC 52 when `set-clipboard` is on, passthrough when only
/// `allow-passthrough` is, a warning when neither is or tmux could not be asked.
pub fn clipboard_check(
    multiplexer: Multiplexer,
    tmux_option: impl Fn(&str) -> Result<String, String>,
) -> Check {
    if multiplexer != Multiplexer::Tmux {
        return check("clipboard", Verdict::Ok, describe_method(multiplexer));
    }
    let set_clipboard = tmux_option("set-clipboard");
    let allow_passthrough = tmux_option("allow-passthrough");
    let route = Multiplexer::inside_tmux(&set_clipboard, &allow_passthrough);
    let asked = set_clipboard.is_ok()
        || matches!(&allow_passthrough, Err(reason) if is_unknown_option(reason))
        || allow_passthrough.is_ok();
    match route {
        Multiplexer::TmuxClosed => check("clipboard", Verdict::Warn, describe_method(route)),
        Multiplexer::Tmux if !asked => check(
            "clipboard",
            Verdict::Warn,
            "inside tmux, but tmux could not be asked for its settings: copying may not reach \
your computer; `set -g set-clipboard on` in ~/.tmux.conf makes it work",
        ),
        _ => check("clipboard", Verdict::Ok, describe_method(route)),
    }
}

fn terminal_check() -> Check {
    match crossterm::terminal::size() {
        Ok((columns, rows)) if columns >= 80 && rows >= 24 => {
            check("terminal", Verdict::Ok, format!("{columns}x{rows}"))
        }
        Ok((columns, rows)) => check(
            "terminal",
            Verdict::Warn,
            format!("{columns}x{rows}: genius is laid out for at least 80x24; enlarge the window"),
        ),
        Err(_) => check(
            "terminal",
            Verdict::Warn,
            "not a terminal (fine for scripts; the TUI needs one)",
        ),
    }
}

/// The colour support the environment announces.
pub fn colour_check(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> Check {
    if no_color.is_some() {
        return check(
            "colours",
            Verdict::Ok,
            "none: NO_COLOR is set, the monochrome theme is used",
        );
    }
    let term = term.unwrap_or_default();
    if term.is_empty() || term == "dumb" {
        return check(
            "colours",
            Verdict::Warn,
            "TERM is unset or dumb: set TERM (e.g. xterm-256color, or tmux-256color inside tmux)",
        );
    }
    if colorterm.is_some_and(|c| c == "truecolor" || c == "24bit") {
        return check("colours", Verdict::Ok, format!("true colour (TERM={term})"));
    }
    if term.contains("256color") {
        return check("colours", Verdict::Ok, format!("256 colours (TERM={term})"));
    }
    check(
        "colours",
        Verdict::Ok,
        format!("16 colours (TERM={term}); the default theme needs no more"),
    )
}

/// Whether the locale announces UTF-8 (`LC_ALL`, then `LC_CTYPE`, then `LANG`).
pub fn unicode_check(lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>) -> Check {
    let locale = lc_all.or(lc_ctype).or(lang).unwrap_or_default();
    let lower = locale.to_ascii_lowercase();
    if lower.contains("utf-8") || lower.contains("utf8") {
        check("unicode", Verdict::Ok, format!("UTF-8 locale ({locale})"))
    } else {
        let shown = if locale.is_empty() { "unset" } else { locale };
        check(
            "unicode",
            Verdict::Warn,
            format!("locale {shown} is not UTF-8: set LANG=C.UTF-8, or run genius with --ascii"),
        )
    }
}

fn keyring_check(sources: &TokenSources) -> Check {
    // The probe asks for an account nobody uses, so it reports reachability without reading a token.
    let outcome = sources.keyring().get("genius-doctor-probe");
    let detail = describe_keyring_probe(&outcome);
    match outcome {
        Ok(_) => check("keyring", Verdict::Ok, "reachable"),
        Err(_) => check(
            "keyring",
            Verdict::Warn,
            format!(
                "{detail}; `genius login` will store the token in the config file (mode 0600) instead"
            ),
        ),
    }
}
