//! The config file: good files load, every kind of bad file gets a located message, profiles are
//! selected as documented, and the `cache` switch reaches the contact cache.

use std::path::Path;

use genius::cache::ContactCache;
use genius::config::{ConfigError, parse_config, select_profile};

use crate::support::{absent_keyring, config_in_tempdir, run_config, sources};

fn error_of(text: &str) -> String {
    match parse_config(text, Path::new("/home/ana/.config/genius/config.toml")) {
        Ok(config) => panic!("expected an error, parsed {config:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn the_shipped_example_parses_and_names_two_profiles() {
    let config = parse_config(genius::config::EXAMPLE_CONFIG, Path::new("example.toml"))
        .expect("the example config must be valid");
    assert_eq!(config.default_profile.as_deref(), Some("test"));
    let names: Vec<&str> = config.profiles.keys().map(String::as_str).collect();
    assert_eq!(names, ["production", "test"]);
    let test = &config.profiles["test"];
    assert_eq!(test.qualities, ["High", "Medium", "Low"]);
    assert_eq!(test.team[0].email, "ana@example.com");
    assert_eq!(test.team[0].name.as_deref(), Some("Ana Souza"));
    assert_eq!(test.default_phone_region.as_deref(), Some("BR"));
}

#[test]
fn a_full_file_fills_every_field() {
    let text = r##"
default_profile = "prod"
theme = "high-contrast"
cache = false
redact_logs = false
[keys]
save = "ctrl-s"
quit = ["q", "ctrl-c"]
[profiles.prod]
base_url = "https://contact-api.8mgenius.com.br"
token_command = "pass show 8mg"
default_phone_region = "BR"
stages = ["New Lead", "Won"]
qualities = ["High"]
team = [{ email = "bruno@example.com" }]
read_only = true
accent = "#ff5f00"
"##;
    let config = parse_config(text, Path::new("c.toml")).expect("valid");
    assert_eq!(config.theme.as_deref(), Some("high-contrast"));
    assert_eq!(config.cache, Some(false));
    assert_eq!(config.keys["quit"].keys(), ["q", "ctrl-c"]);
    let prod = &config.profiles["prod"];
    assert!(prod.read_only);
    assert_eq!(prod.token_command.as_deref(), Some("pass show 8mg"));
    assert_eq!(prod.stages, ["New Lead", "Won"]);
    assert_eq!(prod.team[0].name, None);
}

#[test]
fn an_unknown_top_level_key_is_located_and_the_expected_ones_listed() {
    let message = error_of("theme = \"default\"\ncolour = \"red\"\n");
    assert!(
        message.starts_with("/home/ana/.config/genius/config.toml:2:1: unknown field `colour`"),
        "{message}"
    );
    assert!(
        message.contains("`default_profile`") && message.contains("`profiles`"),
        "{message}"
    );
    assert!(message.contains("2 | colour = \"red\"\n    ^"), "{message}");
}

#[test]
fn an_unknown_profile_key_is_located() {
    let message = error_of("[profiles.prod]\nbase_url = \"https://x.y\"\ntokn = \"abc\"\n");
    assert!(
        message.contains("config.toml:3:1: unknown field `tokn`"),
        "{message}"
    );
    assert!(message.contains("`token_command`"), "{message}");
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    let message = error_of("[profiles.prod]\nread_only = \"yes\"\n");
    assert!(message.contains("config.toml:2:13:"), "{message}");
    assert!(message.contains("expected a boolean"), "{message}");
}

#[test]
fn broken_toml_is_located() {
    let message = error_of("[profiles.prod\nbase_url = 1\n");
    assert!(message.contains("config.toml:1:"), "{message}");
    assert!(message.contains("expected `]`"), "{message}");
    let unterminated = error_of("theme = \"default\n");
    assert!(unterminated.contains("config.toml:1:"), "{unterminated}");
}

#[test]
fn a_team_member_needs_an_email() {
    let message = error_of("[profiles.prod]\nteam = [{ name = \"Ana\" }]\n");
    assert!(message.contains("missing field `email`"), "{message}");
    let not_email = error_of("[profiles.prod]\nteam = [{ email = \"ana\" }]\n");
    assert!(
        not_email.contains("[profiles.prod] team: \"ana\" is not an email"),
        "{not_email}"
    );
}

#[test]
fn values_that_make_no_sense_are_named() {
    let default = error_of("default_profile = \"prod\"\n[profiles.test]\n");
    assert!(
        default.contains(
            "default_profile = \"prod\", but there is no [profiles.prod] (profiles: test)"
        ),
        "{default}"
    );
    let accent = error_of("[profiles.prod]\naccent = \"chartreuse\"\n");
    assert!(
        accent.contains("[profiles.prod] accent: unknown colour \"chartreuse\""),
        "{accent}"
    );
    let region = error_of("[profiles.prod]\ndefault_phone_region = \"Brazil\"\n");
    assert!(
        region.contains("\"Brazil\" is not a two-letter country code"),
        "{region}"
    );
    let url = error_of("[profiles.prod]\nbase_url = \"contact-api.example\"\n");
    assert!(url.contains("must start with http:// or https://"), "{url}");
}

#[test]
fn an_unreadable_file_is_an_error_and_a_missing_one_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let missing = genius::config::load_config_file(&dir.path().join("none.toml")).unwrap();
    assert!(missing.profiles.is_empty());
    let directory = genius::config::load_config_file(dir.path());
    assert!(
        matches!(directory, Err(ConfigError::Unreadable { .. })),
        "{directory:?}"
    );
}

#[test]
fn profiles_are_chosen_by_flag_then_default_then_the_only_one() {
    let path = Path::new("c.toml");
    let two = parse_config(
        "default_profile = \"test\"\n[profiles.test]\n[profiles.prod]\nread_only = true\n",
        path,
    )
    .unwrap();
    let by_default = select_profile(&two, None, path).unwrap().unwrap();
    assert_eq!(by_default.0, "test");
    let by_flag = select_profile(&two, Some("prod"), path).unwrap().unwrap();
    assert_eq!(by_flag.0, "prod");
    assert!(by_flag.1.read_only);
    let unknown = select_profile(&two, Some("staging"), path)
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("no profile named \"staging\" (profiles: prod, test)"),
        "{unknown}"
    );

    let one = parse_config("[profiles.solo]\n", path).unwrap();
    assert_eq!(select_profile(&one, None, path).unwrap().unwrap().0, "solo");

    let none = parse_config("", path).unwrap();
    assert!(select_profile(&none, None, path).unwrap().is_none());

    let ambiguous = parse_config("[profiles.a]\n[profiles.b]\n", path).unwrap();
    let message = select_profile(&ambiguous, None, path)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("several profiles (a, b) and no default_profile"),
        "{message}"
    );
}

#[test]
fn the_connection_carries_the_profile_settings_and_base_url() {
    let text = "default_profile = \"test\"\ncache = false\n\
[profiles.test]\nbase_url = \"http://127.0.0.1:9\"\nread_only = true\nstages = [\"Won\"]\n\
[profiles.prod]\nbase_url = \"https://prod.example\"\n";
    let (_dir, path) = config_in_tempdir(text, 0o600);
    let mut config = run_config(&path);
    let keyless = sources(None, absent_keyring());
    let test = config.connection_with(&keyless).unwrap();
    assert_eq!(test.profile.as_deref(), Some("test"));
    assert_eq!(test.base_url, "http://127.0.0.1:9");
    assert!(test.read_only);
    assert_eq!(test.profile_settings.stages, ["Won"]);
    assert_eq!(test.config_path, path);
    assert!(test.token.is_none() && test.token_source.is_none());
    assert!(!test.cache_enabled());

    config.selection.profile = Some("prod".to_string());
    let prod = config.connection_with(&keyless).unwrap();
    assert_eq!(prod.base_url, "https://prod.example");
    assert!(!prod.read_only);

    config.selection.base_url = Some("http://override.example".to_string());
    let overridden = config.connection_with(&keyless).unwrap();
    assert_eq!(overridden.base_url, "http://override.example");
    let switched = config
        .for_profile("test")
        .connection_with(&keyless)
        .unwrap();
    assert_eq!(
        switched.base_url, "http://127.0.0.1:9",
        "another profile takes its own base URL, not the one given for the first"
    );
}

#[test]
fn the_config_file_is_read_once_per_run() {
    let text = "default_profile = \"test\"\n[profiles.test]\nbase_url = \"http://test.example\"\n\
[profiles.prod]\nbase_url = \"https://prod.example\"\n";
    let (_dir, path) = config_in_tempdir(text, 0o600);
    let config = run_config(&path);
    // What is on disk now no longer matters: the run goes on with the file as it was read.
    std::fs::write(&path, "this is [not toml").unwrap();
    let keyless = sources(None, absent_keyring());
    let test = config.connection_with(&keyless).unwrap();
    assert_eq!(test.base_url, "http://test.example");
    let prod = config
        .for_profile("prod")
        .connection_with(&keyless)
        .unwrap();
    assert_eq!(prod.base_url, "https://prod.example");
    assert_eq!(
        test.config.profiles.keys().collect::<Vec<_>>(),
        ["prod", "test"]
    );
}

#[test]
fn a_broken_file_is_kept_as_its_message_and_redacts_logs() {
    let (_dir, path) = config_in_tempdir("redact_logs = false\ncolour = 1\n", 0o600);
    let config = run_config(&path);
    assert!(config.file.is_err());
    assert!(config.redact_logs(), "a file that cannot be used redacts");
    let error = config
        .connection_with(&sources(None, absent_keyring()))
        .unwrap_err();
    assert!(
        format!("{error:#}").contains("config.toml:2:1: unknown field `colour`"),
        "{error:#}"
    );
    let (_dir, path) = config_in_tempdir("redact_logs = false\n", 0o600);
    assert!(!run_config(&path).redact_logs());
}

#[test]
fn the_command_line_max_wait_replaces_the_profile_one() {
    let (_dir, path) = config_in_tempdir("[profiles.p]\nmax_wait = 30\n", 0o600);
    let mut config = run_config(&path);
    let keyless = sources(None, absent_keyring());
    let profile = config.connection_with(&keyless).unwrap();
    assert_eq!(profile.profile_settings.max_wait, Some(30.0));
    config.selection.max_wait = Some(std::time::Duration::from_secs(5));
    let given = config.connection_with(&keyless).unwrap();
    assert_eq!(given.profile_settings.max_wait, Some(5.0));
}

#[test]
fn caching_is_on_unless_switched_off() {
    let (_dir, path) = config_in_tempdir("[profiles.p]\n", 0o600);
    let connection = run_config(&path)
        .connection_with(&sources(None, absent_keyring()))
        .unwrap();
    let cache = ContactCache::for_account(connection.account_name(), connection.cache_enabled());
    assert!(cache.is_enabled());
    assert!(cache.path().unwrap().ends_with("cache/p"));
    assert!(!ContactCache::for_account("p", false).is_enabled());
}

#[test]
fn the_connection_gives_its_theme_and_key_bindings() {
    let text =
        "theme = \"high-contrast\"\n[keys]\nsave = \"ctrl-s\"\n[profiles.prod]\naccent = \"red\"\n";
    let (_dir, path) = config_in_tempdir(text, 0o600);
    let connection = run_config(&path)
        .connection_with(&sources(None, absent_keyring()))
        .unwrap();
    if !genius::tui::theme::no_color_requested() {
        let theme = genius::tui::theme::theme_for(&connection).unwrap();
        assert_eq!(theme.name, "high-contrast");
        assert_eq!(theme.accent.fg, Some(ratatui::style::Color::Red));
    }
    let bindings = connection.key_bindings(&["save", "quit"]).unwrap();
    assert_eq!(bindings["save"][0].to_string(), "ctrl-s");
    let problems = connection.key_bindings(&["quit"]).unwrap_err();
    assert_eq!(problems.len(), 1);
}

#[test]
fn the_cache_bounds_come_from_the_config_with_defaults() {
    let keyless = sources(None, absent_keyring());
    let (_dir, path) = config_in_tempdir("cache_memory_mb = 2\ncache_disk_mb = 8\n", 0o600);
    let connection = run_config(&path).connection_with(&keyless).unwrap();
    assert_eq!(connection.cache_memory_bytes(), 2 * 1024 * 1024);
    assert_eq!(connection.cache_limits().max_disk_bytes, 8 * 1024 * 1024);
    assert_eq!(
        connection
            .contact_cache()
            .limits()
            .map(|l| l.max_disk_bytes),
        Some(8 * 1024 * 1024)
    );

    let (_dir, path) = config_in_tempdir("cache = false\n", 0o600);
    let connection = run_config(&path).connection_with(&keyless).unwrap();
    assert_eq!(
        connection.cache_memory_bytes(),
        genius::cache::DEFAULT_MEMORY_BYTES
    );
    assert_eq!(
        connection.cache_limits(),
        genius::cache::CacheLimits::default()
    );
    assert!(!connection.contact_cache().is_enabled());
}
