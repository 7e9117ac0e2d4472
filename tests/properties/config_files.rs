//! The config file and its `[keys]` table: any text (and any bytes on disk) is a config or a
//! located message with nothing raw in it; any key string is a key or a reason, and a key's name
//! reads back as the same key; `genius login`'s in-place edit round-trips any profile and token.

use std::collections::BTreeMap;
use std::path::Path;

use genius::api::ApiToken;
use genius::config::edit::{remove_file_token, set_file_token};
use genius::config::file::KeySpec;
use genius::config::{ConfigError, KeyBinding, load_config_file, parse_config, validate_keys};
use proptest::prelude::*;

use crate::hostile::{
    config, file_config, hostile_bytes, hostile_text, hostile_value, hostile_word,
    is_terminal_unsafe,
};

/// TOML-shaped lines with hostile keys and values, so the parser gets past the first byte.
fn config_like_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        hostile_word().prop_map(|name| format!("[profiles.\"{}\"]", name.replace(['"', '\\'], ""))),
        (hostile_word(), hostile_value()).prop_map(|(key, value)| format!("{key} = \"{value}\"")),
        hostile_value().prop_map(|value| format!("base_url = {value:?}")),
        hostile_value().prop_map(|value| format!("theme = '{value}'")),
        hostile_value().prop_map(|comment| format!("# {comment}")),
        Just("[keys]".to_string()),
        // Keys spelled with TOML escapes: the parser's message quotes them unescaped.
        Just("\"\\u001b]0;x\\u0007\" = 1".to_string()),
        Just("[profiles.\"\\u202e\\u2028\"]\nbase_url = \"x\"".to_string()),
        hostile_word().prop_map(|key| format!("quit = {key:?}")),
    ];
    proptest::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n"))
}

fn shows_nothing_raw(error: &ConfigError) -> Result<(), TestCaseError> {
    let message = error.to_string();
    prop_assert!(
        !message.chars().any(|c| c != '\n' && is_terminal_unsafe(c)),
        "{:?}",
        message
    );
    if let ConfigError::Invalid { snippet, .. } = error
        && !snippet.is_empty()
    {
        prop_assert!(snippet.contains('^'));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_is_a_config_or_a_located_message(text in prop_oneof![hostile_text(), config_like_text()]) {
        if let Err(error) = parse_config(&text, Path::new("config.toml")) {
            shows_nothing_raw(&error)?;
        }
    }

    #[test]
    fn any_key_string_is_a_key_or_a_reason(text in hostile_word()) {
        match KeyBinding::parse(&text) {
            Ok(key) => prop_assert_eq!(KeyBinding::parse(&key.to_string()), Ok(key)),
            Err(reason) => prop_assert!(!reason.to_string().is_empty()),
        }
    }

    #[test]
    fn any_keys_table_is_bindings_or_every_problem(
        table in proptest::collection::btree_map(
            prop_oneof![hostile_word(), Just("quit".to_string()), Just("help".to_string())],
            prop_oneof![
                hostile_word().prop_map(KeySpec::One),
                proptest::collection::vec(hostile_word(), 0..3).prop_map(KeySpec::Many),
            ],
            0..5,
        )
    ) {
        let table: BTreeMap<String, KeySpec> = table;
        match validate_keys(&table, &["quit", "help", "open"]) {
            Ok(bindings) => prop_assert!(bindings.keys().all(|action| table.contains_key(action))),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(file_config())]

    #[test]
    fn any_bytes_on_disk_are_a_config_or_a_message(bytes in hostile_bytes()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("config.toml");
        std::fs::write(&path, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Err(error) = load_config_file(&path) {
            shows_nothing_raw(&error)?;
        }
    }

    #[test]
    fn login_and_logout_edit_any_profile_and_token_in_place(
        profile in hostile_word().prop_filter("a profile has a name", |p| !p.is_empty()),
        token in hostile_value().prop_filter("a token is something", |t| !t.is_empty()),
        comment in hostile_value(),
    ) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join("config.toml");
        let comment = comment.replace(['\n', '\r'], " ");
        let original = format!("# {comment}\ntheme = \"default\"\n");
        if parse_config(&original, &path).is_err() {
            // A comment TOML refuses (a control character) is not a file login could edit.
            return Ok(());
        }
        std::fs::write(&path, &original).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The token is stored as ApiToken holds it: without surrounding whitespace.
        let token = ApiToken::new(token);
        set_file_token(&path, &profile, &token).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let written = std::fs::read_to_string(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(written.starts_with(&format!("# {comment}\n")), "the comment was kept: {:?}", written);
        let parsed = parse_config(&written, &path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let stored = parsed.profiles.get(&profile).and_then(|p| p.token.as_ref()).map(|t| t.expose().to_string());
        prop_assert_eq!(stored.as_deref(), Some(token.expose()));
        prop_assert_eq!(remove_file_token(&path, &profile), Ok(true));
        let after = load_config_file(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(after.profiles.get(&profile).is_some_and(|p| p.token.is_none()));
    }
}
