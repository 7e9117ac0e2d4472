//! Changing the config file in place for `genius login` and `genius logout`: the token key of one
//! profile is set or removed with `toml_edit`, so the user's comments and layout survive, and the
//! file is rewritten atomically with mode 0600.
#![deny(clippy::indexing_slicing)]

use std::path::Path;

use toml_edit::{DocumentMut, Item, Table, value};

use super::file::ConfigError;
use crate::api::ApiToken;

fn read_document(path: &Path) -> Result<DocumentMut, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                reason: error.to_string(),
            });
        }
    };
    // The typed parse gives a located message; only then is the editable parse attempted.
    super::file::parse_config(&text, path)?;
    text.parse::<DocumentMut>()
        .map_err(|error| ConfigError::Semantic {
            path: path.to_path_buf(),
            message: error.message().to_string(),
        })
}

fn write_document(path: &Path, document: &DocumentMut) -> Result<(), ConfigError> {
    crate::paths::write_private_file(path, document.to_string().as_bytes()).map_err(|error| {
        ConfigError::Unreadable {
            path: path.to_path_buf(),
            reason: format!("cannot write it: {error}"),
        }
    })
}

fn profile_table<'a>(
    document: &'a mut DocumentMut,
    profile: &str,
    path: &Path,
) -> Result<&'a mut dyn toml_edit::TableLike, ConfigError> {
    let not_a_table = |what: String| ConfigError::Semantic {
        path: path.to_path_buf(),
        message: format!("{what} is not a table"),
    };
    let profiles = document
        .entry("profiles")
        .or_insert_with(|| {
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_like_mut()
        .ok_or_else(|| not_a_table("profiles".to_string()))?;
    profiles
        .entry(profile)
        .or_insert(Item::Table(Table::new()))
        .as_table_like_mut()
        .ok_or_else(|| not_a_table(format!("profiles.{profile}")))
}

/// Sets `token` of `[profiles.PROFILE]` (creating both as needed) and rewrites the file with mode 0600.
pub fn set_file_token(path: &Path, profile: &str, token: &ApiToken) -> Result<(), ConfigError> {
    let mut document = read_document(path)?;
    profile_table(&mut document, profile, path)?.insert("token", value(token.expose()));
    write_document(path, &document)
}

/// Makes sure `[profiles.PROFILE]` exists, setting its `base_url` when one is given; the file is
/// rewritten (0600) keeping everything else.
pub fn ensure_profile(
    path: &Path,
    profile: &str,
    base_url: Option<&str>,
) -> Result<(), ConfigError> {
    let mut document = read_document(path)?;
    let table = profile_table(&mut document, profile, path)?;
    if let Some(url) = base_url {
        table.insert("base_url", value(url));
    }
    write_document(path, &document)
}

/// Removes `token` from `[profiles.PROFILE]`; true when there was one. The file is rewritten (0600)
/// only when something changed.
pub fn remove_file_token(path: &Path, profile: &str) -> Result<bool, ConfigError> {
    if !path.exists() {
        return Ok(false);
    }
    let mut document = read_document(path)?;
    let removed = document
        .get_mut("profiles")
        .and_then(Item::as_table_like_mut)
        .and_then(|profiles| profiles.get_mut(profile))
        .and_then(Item::as_table_like_mut)
        .and_then(|table| table.remove("token"))
        .is_some();
    if removed {
        write_document(path, &document)?;
    }
    Ok(removed)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn setting_and_removing_keep_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let original = "# my accounts\ndefault_profile = \"prod\"\n\n[profiles.prod]\n# live one\nbase_url = \"https://example.com\"\n";
        std::fs::write(&path, original).unwrap();
        set_file_token(&path, "prod", &ApiToken::new("tok-abc")).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(
            written.contains("# my accounts") && written.contains("# live one"),
            "{written}"
        );
        let parsed = crate::config::parse_config(&written, &path).unwrap();
        assert_eq!(
            parsed.profiles["prod"].token.as_ref().unwrap().expose(),
            "tok-abc"
        );
        assert!(remove_file_token(&path, "prod").unwrap());
        assert!(!remove_file_token(&path, "prod").unwrap());
        let after = std::fs::read_to_string(&path).unwrap();
        assert!(
            !after.contains("tok-abc") && after.contains("# live one"),
            "{after}"
        );
    }

    #[test]
    fn a_new_file_gets_a_profile_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("config.toml");
        set_file_token(&path, "default", &ApiToken::new("tok-new")).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains("[profiles.default]"), "{written}");
        assert!(!written.contains("[profiles]\n"), "{written}");
    }
}
