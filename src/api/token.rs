//! The API token as a type that cannot leak: Debug and Display print `***`, and the secret is only
//! reachable through [`ApiToken::expose`], which the HTTP layer calls when it builds the header.

use std::fmt;

/// A bearer token for the Contact API. Printing it in any way yields `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl ApiToken {
    /// Wraps a token, trimming the surrounding whitespace a copy-paste or `pass` output carries.
    pub fn new(secret: impl Into<String>) -> Self {
        let secret: String = secret.into();
        ApiToken(secret.trim().to_string())
    }

    /// The secret itself, for the Authorization header and for redaction checks. Never display it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the token is empty after trimming (treated as "no token").
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(***)")
    }
}

impl fmt::Display for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_secret() {
        let token = ApiToken::new("  s3cret-value\n");
        assert_eq!(token.expose(), "s3cret-value");
        assert_eq!(format!("{token}"), "***");
        assert!(!format!("{token:?}").contains("s3cret"));
        assert!(!format!("{:#?}", Some(&token)).contains("s3cret"));
    }
}
