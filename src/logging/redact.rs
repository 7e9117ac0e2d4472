//! Redaction of log text: the token (and any registered secret) is always replaced; contact data is
//! replaced unless kept on purpose — emails and phone numbers by their shape, names and addresses
//! by the field that carries them, in each form a log line may hold it (`name=value`,
//! `name="value"`, Debug's `name: Some("value")`, JSON's `"name":"value"`), and words the TUI
//! registers once it knows them.
#![deny(clippy::indexing_slicing)]

use std::sync::{Arc, RwLock};

/// What redaction leaves in place of a value.
const PLACEHOLDERS: [&str; 4] = ["[token]", "[email]", "[phone]", "[redacted]"];

/// Field names whose values are secrets, redacted whatever the settings.
const SECRET_FIELDS: [&str; 5] = [
    "token",
    "authorization",
    "Authorization",
    "password",
    "secret",
];

/// Field names whose values are contact data.
const CONTACT_FIELDS: [&str; 21] = [
    "email",
    "phone",
    "name",
    "first_name",
    "last_name",
    "firstName",
    "lastName",
    "business_name",
    "businessName",
    "display_name",
    "owner_name",
    "ownerName",
    "owner_email",
    "ownerEmail",
    "address",
    "birthday",
    "notes",
    "note",
    "query",
    "who",
    "value",
];

/// Replaces secrets and contact data in log text. Cheap to clone; clones share the secret list, so
/// the TUI can register a name it shows and every later line is cleaned of it.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    shared: Arc<RwLock<RedactorState>>,
}

#[derive(Debug, Default)]
struct RedactorState {
    secrets: Vec<String>,
    contact_words: Vec<String>,
    keep_contact_data: bool,
}

impl Redactor {
    /// A redactor that hides contact data (the default).
    pub fn new() -> Self {
        Redactor::default()
    }

    /// Keeps emails, phones and names in the log (`redact_logs = false`); secrets are still hidden.
    pub fn keep_contact_data(self, keep: bool) -> Self {
        if let Ok(mut state) = self.shared.write() {
            state.keep_contact_data = keep;
        }
        self
    }

    /// Hides `secret` (the token) from every line, whatever the settings.
    pub fn add_secret(&self, secret: &str) {
        let secret = secret.trim();
        if secret.len() >= 4
            && let Ok(mut state) = self.shared.write()
            && !state.secrets.iter().any(|s| s == secret)
        {
            state.secrets.push(secret.to_string());
        }
    }

    /// Hides a contact's name or other words once they are known (they match no pattern).
    pub fn add_contact_word(&self, word: &str) {
        let word = word.trim();
        if word.chars().count() >= 2
            && let Ok(mut state) = self.shared.write()
            && !state.contact_words.iter().any(|w| w == word)
        {
            state.contact_words.push(word.to_string());
        }
    }

    /// The text with secrets, and unless kept, contact data replaced by `[token]`, `[email]`,
    /// `[phone]` and `[redacted]`.
    pub fn redact(&self, text: &str) -> String {
        let Ok(state) = self.shared.read() else {
            return "[log line dropped: redactor unavailable]".to_string();
        };
        let mut out = text.to_string();
        for secret in &state.secrets {
            out = out.replace(secret.as_str(), "[token]");
        }
        out = redact_fields(&out, &SECRET_FIELDS);
        if state.keep_contact_data {
            return out;
        }
        out = redact_fields(&out, &CONTACT_FIELDS);
        for word in &state.contact_words {
            out = out.replace(word.as_str(), "[redacted]");
        }
        redact_phones(&redact_emails(&out))
    }
}

fn is_email_local(c: char) -> bool {
    c.is_alphanumeric() || "._%+-'".contains(c)
}

fn is_email_domain(c: char) -> bool {
    c.is_alphanumeric() || c == '.' || c == '-'
}

/// Replaces every `local@domain.tld` with `[email]`.
pub fn redact_emails(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut emitted = 0;
    while let Some(c) = at(i) {
        if c == '@' {
            let mut start = i;
            while start > emitted && at(start - 1).is_some_and(is_email_local) {
                start -= 1;
            }
            let mut end = i + 1;
            while at(end).is_some_and(is_email_domain) {
                end += 1;
            }
            let domain: String = chars.get(i + 1..end).unwrap_or_default().iter().collect();
            if start < i && domain.trim_matches('.').contains('.') {
                out.extend(chars.get(emitted..start).unwrap_or_default());
                out.push_str("[email]");
                emitted = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out.extend(chars.get(emitted..).unwrap_or_default());
    out
}

/// Replaces runs of digits and phone punctuation holding at least 8 digits with `[phone]`.
pub fn redact_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let is_digit = |i: usize| at(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = at(i) {
        let starts_run = (c.is_ascii_digit() || c == '+' || c == '(')
            && (i == 0 || !at(i - 1).is_some_and(char::is_alphanumeric));
        if starts_run {
            let mut end = i;
            let mut digits = 0;
            while let Some(next) = at(end).filter(|n| n.is_ascii_digit() || "+()-. ".contains(*n)) {
                digits += usize::from(next.is_ascii_digit());
                end += 1;
            }
            // Trailing separators belong to the text, not the number.
            while end > i && !is_digit(end - 1) {
                end -= 1;
            }
            let glued_to_word = at(end).is_some_and(char::is_alphanumeric);
            if digits >= 8 && !glued_to_word {
                out.push_str("[phone]");
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Where a field's value sits after its name, if the name is followed by `=` or `:` (with an
/// optional closing JSON quote, spaces and Debug's `Some(` between).
fn value_start_after(text: &str, name_end: usize) -> Option<usize> {
    let rest = text.get(name_end..)?;
    let rest_trimmed = rest.strip_prefix('"').unwrap_or(rest);
    let after_separator = rest_trimmed.strip_prefix(['=', ':'])?;
    let after_spaces = after_separator.trim_start_matches(' ');
    let after_some = after_spaces.strip_prefix("Some(").unwrap_or(after_spaces);
    Some(text.len() - after_some.len())
}

/// The length of the value starting at `start`: a quoted string (escapes honoured) or a bare word.
fn value_len(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else {
        return 0;
    };
    if let Some(quoted) = rest.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return i + 2,
                _ => escaped = false,
            }
        }
        return rest.len();
    }
    rest.find([' ', ',', '}', ')']).unwrap_or(rest.len())
}

/// Replaces the values of the named fields with `[redacted]`, leaving `None`, `null`, empty values
/// and earlier placeholders alone.
fn redact_fields(text: &str, fields: &[&str]) -> String {
    let mut out = text.to_string();
    for field in fields {
        let mut search_from = 0;
        while let Some(found) = out.get(search_from..).and_then(|s| s.find(field)) {
            let start = search_from + found;
            let name_end = start + field.len();
            search_from = name_end;
            let before = out.get(..start).and_then(|head| head.chars().next_back());
            let after = out.get(name_end..).and_then(|tail| tail.chars().next());
            // A module path (`genius::api::notes:`) is not a field.
            let whole_word = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'))
                && after.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            if !whole_word {
                continue;
            }
            let Some(value_start) = value_start_after(&out, name_end) else {
                continue;
            };
            let unquoted = out
                .get(value_start..)
                .unwrap_or_default()
                .trim_start_matches('"');
            // Only a whole earlier placeholder is kept: "[redacted]Ana" is still redacted.
            let whole_placeholder = PLACEHOLDERS.iter().find(|p| {
                unquoted
                    .strip_prefix(**p)
                    .is_some_and(|after| after.chars().next().is_none_or(|c| " ,})]\"".contains(c)))
            });
            if let Some(kept) = whole_placeholder {
                search_from = value_start + kept.len();
                continue;
            }
            let len = value_len(&out, value_start);
            let value_range = value_start..value_start + len;
            let Some(value) = out.get(value_range.clone()).map(|v| v.trim_matches('"')) else {
                continue;
            };
            if value.is_empty() || matches!(value, "None" | "null") || PLACEHOLDERS.contains(&value)
            {
                search_from = value_start + len;
                continue;
            }
            out.replace_range(value_range, "[redacted]");
            search_from = value_start + "[redacted]".len();
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn patterns_are_replaced_and_ordinary_numbers_kept() {
        let redactor = Redactor::new();
        let line = "saved ana.souza+crm@example.com.br phone +55 (11) 91234-5678, latency_ms=42 status=404";
        assert_eq!(
            redactor.redact(line),
            "saved [email] phone [phone], latency_ms=42 status=404"
        );
    }

    #[test]
    fn fields_and_registered_words_are_redacted() {
        let redactor = Redactor::new();
        redactor.add_contact_word("Souza");
        let cleaned = redactor.redact(
            r#"contact first_name="Ana Maria" last_name=Souza uid=ABC12345 path=/api/contact"#,
        );
        assert_eq!(
            cleaned,
            "contact first_name=[redacted] last_name=[redacted] uid=ABC12345 path=/api/contact"
        );
    }

    #[test]
    fn debug_and_json_forms_are_redacted() {
        let redactor = Redactor::new();
        let debug = r#"Contact { uid: "ABC12345", first_name: Some("Ana \"Nina\""), last_name: None, address: Some("Rua X, 10") }"#;
        assert_eq!(
            redactor.redact(debug),
            r#"Contact { uid: "ABC12345", first_name: Some([redacted]), last_name: None, address: Some([redacted]) }"#
        );
        assert_eq!(
            redactor.redact("first_name=[redacted]Ana email=\"[email]\""),
            "first_name=[redacted] email=\"[email]\""
        );
        let json = r#"{"uid":"ABC12345","firstName":"Ana","businessName": "Padaria Sol","ownerName":null}"#;
        assert_eq!(
            redactor.redact("genius::api::notes: parsed 3 entries"),
            "genius::api::notes: parsed 3 entries"
        );
        assert_eq!(
            redactor.redact(json),
            r#"{"uid":"ABC12345","firstName":[redacted],"businessName": [redacted],"ownerName":null}"#
        );
    }

    #[test]
    fn keeping_contact_data_still_hides_the_token() {
        let redactor = Redactor::new().keep_contact_data(true);
        redactor.add_secret("tok-0123456789");
        assert_eq!(
            redactor.redact("auth tok-0123456789 for a@b.co"),
            "auth [token] for a@b.co"
        );
    }

    proptest! {
        #[test]
        fn no_email_survives(
            local in "[a-z][a-z0-9._+-]{0,12}",
            domain in "[a-z][a-z0-9-]{0,10}",
            tld in "(com|br|com\\.br|org|io)",
            before in "[ -~]{0,20}",
            after in "[ -~]{0,20}",
        ) {
            let email = format!("{local}@{domain}.{tld}");
            let line = format!("{before} {email} {after}");
            let cleaned = Redactor::new().redact(&line);
            prop_assert!(!cleaned.contains(&email), "{} kept {}", cleaned, email);
        }

        #[test]
        fn no_phone_survives(
            country in "(\\+55 |\\+1 |)",
            area in "[1-9][0-9]",
            first in "9?[0-9]{4}",
            last in "[0-9]{4}",
            separator in "( |-|\\.|)",
            text in "[a-zA-Z ]{0,20}",
        ) {
            let phone = format!("{country}({area}) {first}{separator}{last}");
            let line = format!("{text} {phone} {text}");
            let cleaned = Redactor::new().redact(&line);
            prop_assert!(!cleaned.contains(&phone), "{} kept {}", cleaned, phone);
            prop_assert!(!cleaned.contains(&last), "{} kept the digits {}", cleaned, last);
        }

        #[test]
        fn the_token_never_survives(token in "[A-Za-z0-9_-]{8,40}", text in "[ -~]{0,40}") {
            let redactor = Redactor::new().keep_contact_data(true);
            redactor.add_secret(&token);
            let cleaned = redactor.redact(&format!("{text}{token}{text}"));
            prop_assert!(!cleaned.contains(&token));
        }
    }
}
