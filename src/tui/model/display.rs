//! The clock the TUI reads, and the formatting of what the screen shows: money, dates, ages,
//! "3 days ago" and a contact's current local time. Everything takes the clock as an argument, so
//! the output is deterministic in tests. (Making the server's text safe to draw is the widgets'
//! door, `widgets::safe_text`.)
#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// The clock the TUI reads: the current instant and the user's UTC offset. The event loop sets it
/// from the real clock before each update and draw; tests set fixed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The current instant.
    pub now: DateTime<Utc>,
    /// The user's offset from UTC, for dates shown in their time.
    pub local_offset: FixedOffset,
}

impl Clock {
    /// The real time and the system's current offset.
    pub fn system() -> Clock {
        let local = chrono::Local::now();
        Clock {
            now: local.with_timezone(&Utc),
            local_offset: *local.offset(),
        }
    }

    /// A fixed clock, for tests and snapshots.
    pub fn fixed(now: DateTime<Utc>, local_offset: FixedOffset) -> Clock {
        Clock { now, local_offset }
    }
}

/// A field's text when it has some: `None` for missing, empty or blank values.
pub fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A deal value as money: `5000` → `5,000.00`; text that is not a number is shown as it is.
pub fn format_money(value: &str) -> String {
    let trimmed = value.trim();
    let Ok(amount) = trimmed.replace(',', "").parse::<f64>() else {
        return trimmed.to_string();
    };
    if !amount.is_finite() {
        return trimmed.to_string();
    }
    // Not negative (abs), and `as` saturates: an amount past u128 is not a deal value anyone has.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cents = (amount.abs() * 100.0).round() as u128;
    let (whole, fraction) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}{grouped}.{fraction:02}")
}

/// An ISO date-time from the server, parsed (RFC 3339, or a bare `YYYY-MM-DD[ HH:MM[:SS]]` taken as UTC).
pub fn parse_server_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(naive) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(naive.and_utc());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|n| n.and_utc())
}

/// How long ago `then` was, in words: "just now", "5 min ago", "3 h ago", "yesterday", "3 days ago",
/// "2 months ago", "1 year ago"; "in the future" for clock skew.
pub fn relative_time(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    if seconds < -60 {
        return "in the future".to_string();
    }
    let minutes = seconds / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    match () {
        _ if seconds < 60 => "just now".to_string(),
        _ if minutes < 60 => format!("{minutes} min ago"),
        _ if hours < 24 => format!("{hours} h ago"),
        _ if days == 1 => "yesterday".to_string(),
        _ if days < 31 => format!("{days} days ago"),
        _ if days < 365 => plural(days / 30, "month"),
        _ => plural(days / 365, "year"),
    }
}

fn plural(count: i64, unit: &str) -> String {
    if count == 1 {
        format!("1 {unit} ago")
    } else {
        format!("{count} {unit}s ago")
    }
}

/// A server timestamp as the user reads it: `15 Jan 2024 10:30 · 3 days ago`, in their own offset.
pub fn format_timestamp(text: &str, clock: &Clock) -> String {
    match parse_server_time(text) {
        Some(at) => {
            let local = at.with_timezone(&clock.local_offset);
            format!(
                "{} · {}",
                local.format("%-d %b %Y %H:%M"),
                relative_time(at, clock.now)
            )
        }
        None => text.trim().to_string(),
    }
}

/// A server date without its time, with how long ago: `15 Jan 2024 · 2 years ago`.
pub fn format_date_relative(text: &str, clock: &Clock) -> String {
    match parse_server_time(text) {
        Some(at) => format!(
            "{} · {}",
            at.with_timezone(&clock.local_offset).format("%-d %b %Y"),
            relative_time(at, clock.now)
        ),
        None => text.trim().to_string(),
    }
}

/// A short date for tables: `15 Jan 2024`.
pub fn format_short_date(text: &str, clock: &Clock) -> String {
    match parse_server_time(text) {
        Some(at) => at
            .with_timezone(&clock.local_offset)
            .format("%-d %b %Y")
            .to_string(),
        None => text.trim().to_string(),
    }
}

/// A birthday with the age it gives today: `2 Mar 1985 · 40 years old`.
pub fn format_birthday(text: &str, clock: &Clock) -> String {
    let Ok(born) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") else {
        return text.trim().to_string();
    };
    let today = clock.now.with_timezone(&clock.local_offset).date_naive();
    let mut age = today.year() - born.year();
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    let date = born.format("%-d %b %Y");
    if age < 0 {
        date.to_string()
    } else {
        format!("{date} · {age} years old")
    }
}

/// The contact's current local time and how it compares with the user's:
/// `14:05 there, 3 h behind you`. `None` when the time zone is not a known IANA name.
pub fn local_time_there(time_zone: &str, clock: &Clock) -> Option<String> {
    let zone: crate::api::time_zones::Zone = time_zone.trim().parse().ok()?;
    let their_offset = zone.offset_at(clock.now);
    let there = clock.now.with_timezone(&their_offset);
    let their_offset = their_offset.local_minus_utc();
    let difference_minutes = (their_offset - clock.local_offset.local_minus_utc()) / 60;
    let here_date = clock.now.with_timezone(&clock.local_offset).date_naive();
    let day = match there
        .date_naive()
        .signed_duration_since(here_date)
        .num_days()
    {
        1 => " tomorrow",
        -1 => " yesterday",
        _ => "",
    };
    let comparison = if difference_minutes == 0 {
        "same time as you".to_string()
    } else {
        let direction = if difference_minutes > 0 {
            "ahead of"
        } else {
            "behind"
        };
        let (hours, minutes) = (difference_minutes.abs() / 60, difference_minutes.abs() % 60);
        let amount = match (hours, minutes) {
            (0, m) => format!("{m} min"),
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        };
        // With a day named the line is long already: "02:05 tomorrow, 12 h ahead".
        match (day.is_empty(), difference_minutes > 0) {
            (true, _) => format!("{amount} {direction} you"),
            (false, true) => format!("{amount} ahead"),
            (false, false) => format!("{amount} behind"),
        }
    };
    // "there" is dropped when a day is named, to keep the line short.
    let place = if day.is_empty() { " there," } else { "," };
    Some(format!(
        "{}{day}{place} {comparison}",
        there.format("%H:%M")
    ))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;
    use chrono::{Offset, TimeZone};

    fn clock() -> Clock {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 10, 17, 5, 0)
            .single()
            .unwrap_or_default();
        Clock::fixed(now, FixedOffset::west_opt(3 * 3600).unwrap_or(Utc.fix()))
    }

    #[test]
    fn money_is_grouped_with_cents() {
        assert_eq!(format_money("5000"), "5,000.00");
        assert_eq!(format_money("1234567.891"), "1,234,567.89");
        assert_eq!(format_money("-12.5"), "-12.50");
        assert_eq!(format_money("about 5k"), "about 5k");
    }

    #[test]
    fn ages_and_relative_times_read_naturally() {
        let clock = clock();
        assert_eq!(
            format_birthday("1985-03-11", &clock),
            "11 Mar 1985 · 40 years old"
        );
        assert_eq!(
            format_birthday("1985-03-10", &clock),
            "10 Mar 1985 · 41 years old"
        );
        assert_eq!(
            format_timestamp("2026-03-07T17:00:00Z", &clock),
            "7 Mar 2026 14:00 · 3 days ago"
        );
        assert_eq!(relative_time(clock.now, clock.now), "just now");
    }

    #[test]
    fn local_time_compares_with_the_user() {
        let clock = clock();
        assert_eq!(
            local_time_there("America/New_York", &clock).as_deref(),
            Some("13:05 there, 1 h behind you")
        );
        assert_eq!(
            local_time_there("Asia/Kolkata", &clock).as_deref(),
            Some("22:35 there, 8 h 30 min ahead of you")
        );
        assert_eq!(local_time_there("Mars/Olympus", &clock), None);
    }
}
