//! Validation of the contact fields a person types, checked on every keystroke and shown beside the
//! field, and the normal form each value is sent in.
//!
//! Decisions worth knowing:
//! - An empty field is always valid here (every field is optional); the form adds the reference's
//!   cross-field rules (a name; an email or a phone).
//! - **Phone**: digits with an optional leading `+`; spaces, `-`, `.` and parentheses are accepted
//!   while typing and removed when sending, so lookups by phone find the contact again. 6 to 15
//!   digits (E.164's maximum). Without a leading `+` it is valid but advised to use the
//!   international form.
//! - **Value**: money with a dot for decimals: `5000`, `5000.5`, `5000.50`, and `5,000.50` with
//!   commas grouping thousands. It is sent without grouping (`5000.50`). A comma as the decimal
//!   mark (`5000,50`) or a dot followed by three digits (`5.000`) is refused rather than guessed:
//!   in Brazil, where 8M Genius lives, `5.000` means five thousand.
//! - **Birthday**: a real calendar date written YYYY-MM-DD, year 1900 or later.
//! - **Time zone**: an IANA name from the bundled tz database; a different capitalisation is
//!   accepted and sent in the canonical spelling.
#![deny(clippy::indexing_slicing)]

use chrono::NaiveDate;

use crate::api::time_zones::Zone;
use crate::tui::model::fuzzy;

/// The verdict on one field's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Check {
    /// Fine as it is.
    #[default]
    Valid,
    /// Fine, with a suggestion shown beside the field (it does not block saving).
    Advice(String),
    /// Cannot be saved; the message says what is expected.
    Invalid(String),
}

impl Check {
    /// True when this verdict stops the form from being saved.
    pub fn blocks_saving(&self) -> bool {
        matches!(self, Check::Invalid(_))
    }

    /// The text to show beside the field, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Check::Valid => None,
            Check::Advice(text) | Check::Invalid(text) => Some(text),
        }
    }
}

/// Email: one `@`, something before it, a domain with a dot after it, no spaces.
pub fn check_email(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Valid;
    }
    let invalid = |why: &str| Check::Invalid(why.to_string());
    if text.chars().any(char::is_whitespace) {
        return invalid("no spaces in an email");
    }
    let Some((local, domain)) = text.split_once('@') else {
        return invalid("an email needs an @");
    };
    if domain.contains('@') {
        return invalid("only one @ in an email");
    }
    if local.is_empty() {
        return invalid("something is missing before the @");
    }
    if domain.is_empty() {
        return invalid("the domain after @ is missing");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return invalid("misplaced dot before the @");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return invalid("the domain needs a dot, e.g. example.com");
    }
    if labels.iter().any(|label| label.is_empty()) {
        return invalid("misplaced dot in the domain");
    }
    let label_ok = |label: &&str| {
        !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !labels.iter().all(label_ok) {
        return invalid("the domain has characters an address cannot have");
    }
    if text.len() > 254 {
        return invalid("too long for an email (254 at most)");
    }
    Check::Valid
}

/// Phone: digits, an optional leading `+`, separators allowed; advice to use the international form.
pub fn check_phone(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Valid;
    }
    let body = text.strip_prefix('+').unwrap_or(text);
    if body.contains('+') {
        return Check::Invalid("a + only at the start".to_string());
    }
    if let Some(bad) = body
        .chars()
        .find(|c| !c.is_ascii_digit() && !is_phone_separator(*c))
    {
        return Check::Invalid(format!("'{bad}' is not allowed: digits and + only"));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if digits < 6 {
        return Check::Invalid("too short for a phone number".to_string());
    }
    if digits > 15 {
        return Check::Invalid("too long: 15 digits at most".to_string());
    }
    if !text.starts_with('+') {
        return Check::Advice("tip: international form, e.g. +5511987654321".to_string());
    }
    Check::Valid
}

/// Phone, read by libphonenumber: with a country code, or in the national format of `region`
/// (the profile's `default_phone_region`). A number that cannot exist there (too short, too long,
/// no such country code) is invalid, so it never makes a round trip to the server.
pub fn check_phone_in(text: &str, region: Option<crate::api::Region>) -> Check {
    let shape = check_phone(text);
    let trimmed = text.trim();
    if matches!(shape, Check::Invalid(_)) || trimmed.is_empty() {
        return shape;
    }
    if region.is_none() && !trimmed.starts_with('+') {
        return shape;
    }
    // A possible number is accepted: whether it is assigned is the carrier's business, and
    // made-up test ranges (555) must stay usable.
    match crate::api::PhoneNumber::parse(trimmed, region) {
        Ok(_) => Check::Valid,
        Err(error) => Check::Invalid(error.to_string()),
    }
}

/// The phone as it is sent: E.164 when libphonenumber can place it (in `region` without a
/// country code), else the leading `+` and the digits.
pub fn normalize_phone_in(text: &str, region: Option<crate::api::Region>) -> String {
    crate::api::PhoneNumber::parse(text.trim(), region)
        .map_or_else(|_| normalize_phone(text), |number| number.e164())
}

fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '(' | ')')
}

/// The phone as it is sent: the leading `+` and the digits, separators removed.
pub fn normalize_phone(text: &str) -> String {
    let text = text.trim();
    let plus = if text.starts_with('+') { "+" } else { "" };
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// Birthday: a real date in YYYY-MM-DD, year 1900 or later.
pub fn check_birthday(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Valid;
    }
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Check::Invalid("write it YYYY-MM-DD, e.g. 1985-04-23".to_string());
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Err(_) => Check::Invalid("not a real date".to_string()),
        Ok(date) if date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) => {
            Check::Invalid("a year from 1900 on".to_string())
        }
        Ok(_) => Check::Valid,
    }
}

/// Value: a non-negative amount with a dot for decimals (see the module notes).
pub fn check_value(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Valid;
    }
    match parse_value(text) {
        Ok(_) => Check::Valid,
        Err(why) => Check::Invalid(why.to_string()),
    }
}

/// The value as it is sent: without thousands separators (`5,000.50` → `5000.50`). None when invalid.
pub fn normalize_value(text: &str) -> Option<String> {
    parse_value(text.trim()).ok()
}

fn parse_value(text: &str) -> Result<String, &'static str> {
    let unsigned = text;
    if unsigned.starts_with('-') {
        return Err("a value cannot be negative");
    }
    if unsigned
        .chars()
        .any(|c| !c.is_ascii_digit() && c != '.' && c != ',')
    {
        return Err("a number, e.g. 5000 or 5000.50");
    }
    let (whole, decimals) = match unsigned.split_once('.') {
        Some((whole, decimals)) => (whole, Some(decimals)),
        None => (unsigned, None),
    };
    if let Some(decimals) = decimals {
        if decimals.contains(['.', ',']) {
            return Err("one dot for decimals, e.g. 5000.50");
        }
        if decimals.len() > 2 {
            return Err("ambiguous: write 5000 or 5.00 (a dot for decimals)");
        }
        if decimals.is_empty() {
            return Err("digits after the dot, e.g. 5000.50");
        }
    }
    if whole.is_empty() {
        return Err("a number, e.g. 5000 or 5000.50");
    }
    let whole_digits: String = if whole.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        let (first, rest) = groups.split_first().unwrap_or((&"", &[]));
        let first_ok = (1..=3).contains(&first.len());
        let rest_ok = rest.iter().all(|group| group.len() == 3);
        if !first_ok || !rest_ok {
            return Err("a dot for decimals, e.g. 5000.50 (commas only group thousands)");
        }
        groups.concat()
    } else {
        whole.to_string()
    };
    Ok(match decimals {
        Some(decimals) => format!("{whole_digits}.{decimals}"),
        None => whole_digits,
    })
}

/// Time zone: an IANA name (`America/Sao_Paulo`), any capitalisation.
pub fn check_time_zone(text: &str) -> Check {
    let text = text.trim();
    if text.is_empty() {
        return Check::Valid;
    }
    match canonical_time_zone(text) {
        Some(_) => Check::Valid,
        None => match time_zone_suggestions(text, 1).first() {
            Some(best) => Check::Invalid(format!("unknown time zone; {best}?")),
            None => Check::Invalid("unknown time zone, e.g. America/Sao_Paulo".to_string()),
        },
    }
}

/// The canonical spelling of an IANA time zone name typed in any capitalisation.
pub fn canonical_time_zone(text: &str) -> Option<&'static str> {
    crate::api::time_zones::parse_time_zone(text)
        .ok()
        .map(|zone| zone.name())
}

/// Every IANA time zone name, for pickers.
pub fn all_time_zones() -> Vec<&'static str> {
    Zone::all_names().iter().map(String::as_str).collect()
}

/// Up to `limit` time zones for a partly typed name: names starting with it first (case-insensitive;
/// also the part after the last `/`, so "sao" finds America/Sao_Paulo), then fuzzy matches.
pub fn time_zone_suggestions(query: &str, limit: usize) -> Vec<&'static str> {
    let query = query.trim();
    let names = all_time_zones();
    if query.is_empty() {
        return Vec::new();
    }
    let lower = query.to_lowercase();
    let starts = |name: &str| {
        let name = name.to_lowercase();
        let city = name.rsplit('/').next().unwrap_or(&name).to_string();
        name.starts_with(&lower) || city.starts_with(&lower)
    };
    let mut found: Vec<&'static str> = names.iter().copied().filter(|n| starts(n)).collect();
    for index in fuzzy::rank(query, &names) {
        if found.len() >= limit {
            break;
        }
        if let Some(name) = names.get(index)
            && !found.contains(name)
        {
            found.push(name);
        }
    }
    found.truncate(limit);
    found
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn value_grouping_is_removed_and_ambiguity_refused() {
        assert_eq!(normalize_value("5,000.50").as_deref(), Some("5000.50"));
        assert_eq!(normalize_value("1,234,567").as_deref(), Some("1234567"));
        assert_eq!(normalize_value("5000").as_deref(), Some("5000"));
        assert_eq!(normalize_value("5.000"), None);
        assert_eq!(normalize_value("5000,50"), None);
        assert_eq!(normalize_value("50,00"), None);
    }
}
