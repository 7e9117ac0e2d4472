//! The API's times and the zones they are in, and how to show them in one zone. A note starts with
//! `YYYY-MM-DD HH:MM` and no zone: wall time in the account's zone (the profile's
//! `account_time_zone`). `created` and `lastUpdate` are UTC (`2024-01-15T10:30:00Z`). Shown side by
//! side they must be in one zone, said once ("UTC-3").
//!
//! A wall time the account's clocks skipped or showed twice (a daylight-saving change) is resolved
//! the way calendars and JavaScript's Temporal do by default ("compatible"): a time in a gap is
//! read with the offset in force before the gap (so it lands as far after the gap starts as it was
//! written after it), and a repeated time is the earlier of the two. Nothing here panics, whatever
//! the text. A named zone and its rules (the bundled tz database) are [`Zone`], in `zone.rs`.
#![deny(clippy::indexing_slicing)]

mod zone;

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, Offset, TimeZone, Utc};

pub use zone::{NamedRules, WallTimeInstants, Zone};

static SAO_PAULO: NamedRules = NamedRules::bundled("America/Sao_Paulo");

/// The zone note times are taken to be in when the profile does not say.
pub static DEFAULT_ACCOUNT_TIME_ZONE: Zone = Zone::bundled(&SAO_PAULO);

/// The layout of a note's timestamp, and of every time shown.
pub const WALL_TIME_FORMAT: &str = "%Y-%m-%d %H:%M";

/// A zone name that is not an IANA time zone; its Display says what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a time zone: use an IANA name such as America/Sao_Paulo or UTC")]
pub struct UnknownTimeZone(pub String);

/// An IANA zone by name, ignoring case and surrounding spaces (`america/sao_paulo` is accepted).
pub fn parse_time_zone(name: &str) -> Result<Zone, UnknownTimeZone> {
    let trimmed = name.trim();
    Zone::find(trimmed).ok_or_else(|| unknown_time_zone(trimmed))
}

/// An IANA zone by its exact name, capitalisation included, as files the program writes spell it.
impl std::str::FromStr for Zone {
    type Err = UnknownTimeZone;

    fn from_str(name: &str) -> Result<Zone, UnknownTimeZone> {
        Zone::find_exact(name).ok_or_else(|| unknown_time_zone(name))
    }
}

fn unknown_time_zone(name: &str) -> UnknownTimeZone {
    UnknownTimeZone(crate::text::safe_line(name).into_owned())
}

/// A note's timestamp: exactly `YYYY-MM-DD HH:MM` (zero-padded, a real date and time), else `None`.
pub fn parse_note_time(text: &str) -> Option<NaiveDateTime> {
    // chrono's parser accepts unpadded fields and spaces; the API writes exactly this shape.
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 16
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            10 => *byte == b' ',
            13 => *byte == b':',
            _ => byte.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(text, WALL_TIME_FORMAT).ok()
}

/// `created` / `lastUpdate`: an RFC 3339 time (the API writes UTC with `Z`), else `None`.
pub fn parse_api_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

/// The instant a wall time in `zone` names; a skipped or repeated wall time is resolved as the
/// module says (gap: the offset before it; overlap: the earlier).
pub fn wall_time_to_utc(zone: Zone, wall: NaiveDateTime) -> DateTime<Utc> {
    match zone.instants_of(wall) {
        WallTimeInstants::Once(at) => at,
        WallTimeInstants::Twice { earlier, .. } => earlier,
        WallTimeInstants::Skipped {
            read_with_offset_before,
        } => read_with_offset_before,
    }
}

/// Where times are shown: this computer's zone (`TZ`, else the system's), a named zone, or a fixed
/// offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DisplayZone {
    Local,
    Named(Zone),
    Fixed(FixedOffset),
}

impl DisplayZone {
    /// The offset from UTC this zone has at `at` (it changes with daylight saving).
    pub fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        match self {
            DisplayZone::Local => Local.offset_from_utc_datetime(&at.naive_utc()).fix(),
            DisplayZone::Named(zone) => zone.offset_at(at),
            DisplayZone::Fixed(offset) => *offset,
        }
    }

    /// `at` as wall time in this zone.
    pub fn wall_time(&self, at: DateTime<Utc>) -> NaiveDateTime {
        zone::wall_time_with(at, self.offset_at(at))
    }

    /// `at` as `YYYY-MM-DD HH:MM` in this zone.
    pub fn format(&self, at: DateTime<Utc>) -> String {
        self.wall_time(at).format(WALL_TIME_FORMAT).to_string()
    }

    /// `at` as `YYYY-MM-DD HH:MM`, followed by its offset (" UTC-2") only when that differs from
    /// `said`, the offset a header already stated — a time across a daylight-saving change from
    /// now says its own.
    pub fn format_against(&self, at: DateTime<Utc>, said: FixedOffset) -> String {
        let offset = self.offset_at(at);
        if offset == said {
            self.format(at)
        } else {
            format!("{} {}", self.format(at), offset_label(offset))
        }
    }

    /// The label of this zone at `at`, for a header: "UTC-3", "UTC+5:30", "UTC".
    pub fn label_at(&self, at: DateTime<Utc>) -> String {
        offset_label(self.offset_at(at))
    }
}

/// An offset as a header says it: "UTC", "UTC-3", "UTC+5:30", "UTC+12:45".
pub fn offset_label(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    if seconds == 0 {
        return "UTC".to_string();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

/// The two zones a screen or a printout needs: the account's (note times are written in it) and
/// the one everything is shown in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeZones {
    pub account: Zone,
    pub display: DisplayZone,
}

impl TimeZones {
    /// A note's wall time (account zone) as the instant it names.
    pub fn note_instant(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        wall_time_to_utc(self.account, wall)
    }

    /// A note's wall time, shown in the display zone.
    pub fn show_note_time(&self, wall: NaiveDateTime) -> NaiveDateTime {
        self.display.wall_time(self.note_instant(wall))
    }

    /// A `created` / `lastUpdate` text shown in the display zone; `None` when it is not a time (the
    /// caller then shows the text as it came).
    pub fn show_api_time(&self, text: &str) -> Option<NaiveDateTime> {
        parse_api_time(text).map(|at| self.display.wall_time(at))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn named_zone(name: &str) -> Zone {
        Zone::find_exact(name).unwrap()
    }

    fn wall(text: &str) -> NaiveDateTime {
        parse_note_time(text).unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        parse_api_time(text).unwrap()
    }

    #[test]
    fn note_times_are_exactly_the_documented_shape() {
        assert_eq!(wall("2025-08-12 09:35").to_string(), "2025-08-12 09:35:00");
        for bad in [
            "2025-8-12 09:35",
            "2025-08-12 9:35",
            "2025-08-12T09:35",
            "2025-02-30 09:35",
            "2025-08-12 24:00",
            "2025-08-12 09:35 ",
            "２025-08-12 09:35",
            "",
        ] {
            assert_eq!(parse_note_time(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_note_written_at_15_12_in_sao_paulo_is_18_12_utc() {
        let zones = TimeZones {
            account: DEFAULT_ACCOUNT_TIME_ZONE,
            display: DisplayZone::Fixed(FixedOffset::east_opt(0).unwrap()),
        };
        assert_eq!(
            zones.note_instant(wall("2025-08-12 15:12")),
            utc("2025-08-12T18:12:00Z")
        );
        let shown = DisplayZone::Named(DEFAULT_ACCOUNT_TIME_ZONE);
        assert_eq!(
            shown.format(utc("2025-08-12T18:12:00Z")),
            "2025-08-12 15:12"
        );
        assert_eq!(shown.label_at(utc("2025-08-12T18:12:00Z")), "UTC-3");
    }

    #[test]
    fn skipped_and_repeated_wall_times_resolve_without_panicking() {
        let new_york = named_zone("America/New_York");
        // 2025-03-09 02:30 never happened in New York: read with EST (-5), it is 03:30 EDT.
        let gap = wall_time_to_utc(new_york, wall("2025-03-09 02:30"));
        assert_eq!(gap, utc("2025-03-09T07:30:00Z"));
        // 2025-11-02 01:30 happened twice: the earlier (EDT, -4) is taken.
        let overlap = wall_time_to_utc(new_york, wall("2025-11-02 01:30"));
        assert_eq!(overlap, utc("2025-11-02T05:30:00Z"));
        // Samoa skipped a whole day.
        let samoa = wall_time_to_utc(named_zone("Pacific/Apia"), wall("2011-12-30 12:00"));
        assert_eq!(samoa, utc("2011-12-30T22:00:00Z"));
        // Sao Paulo's last daylight-saving gap (2018-11-04 00:00 → 01:00).
        let sao_paulo = wall_time_to_utc(DEFAULT_ACCOUNT_TIME_ZONE, wall("2018-11-04 00:30"));
        assert_eq!(sao_paulo, utc("2018-11-04T03:30:00Z"));
    }

    #[test]
    fn times_at_the_ends_of_the_calendar_are_shown_without_panicking() {
        let zones = [
            DisplayZone::Named(named_zone("Pacific/Kiritimati")),
            DisplayZone::Named(named_zone("Pacific/Niue")),
            DisplayZone::Fixed(FixedOffset::east_opt(14 * 3600).unwrap()),
            DisplayZone::Fixed(FixedOffset::west_opt(12 * 3600).unwrap()),
        ];
        for zone in zones {
            for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
                assert!(!zone.format(at).is_empty());
                assert!(zone.label_at(at).starts_with("UTC"));
            }
        }
    }

    #[test]
    fn account_files_name_zones_exactly() {
        assert_eq!("America/Sao_Paulo".parse(), Ok(DEFAULT_ACCOUNT_TIME_ZONE));
        assert_eq!(
            "america/sao_paulo".parse::<Zone>().unwrap_err().to_string(),
            "\"america/sao_paulo\" is not a time zone: use an IANA name such as America/Sao_Paulo or UTC"
        );
        assert_eq!(" UTC".parse::<Zone>().ok(), None);
    }

    #[test]
    fn labels_say_the_offset_briefly() {
        let east = |seconds| FixedOffset::east_opt(seconds).unwrap();
        assert_eq!(offset_label(east(0)), "UTC");
        assert_eq!(offset_label(east(-3 * 3600)), "UTC-3");
        assert_eq!(offset_label(east(5 * 3600 + 1800)), "UTC+5:30");
        assert_eq!(offset_label(east(-(9 * 3600 + 30 * 60))), "UTC-9:30");
        let new_york = DisplayZone::Named(named_zone("America/New_York"));
        let winter = east(-5 * 3600);
        assert_eq!(
            new_york.format_against(utc("2025-01-15T15:00:00Z"), winter),
            "2025-01-15 10:00"
        );
        assert_eq!(
            new_york.format_against(utc("2025-07-15T15:00:00Z"), winter),
            "2025-07-15 11:00 UTC-4"
        );
    }

    #[test]
    fn zone_names_are_iana_names_in_any_case() {
        assert_eq!(
            parse_time_zone(" america/sao_paulo "),
            Ok(DEFAULT_ACCOUNT_TIME_ZONE)
        );
        assert_eq!(parse_time_zone("UTC"), Ok(Zone::UTC));
        assert_eq!(
            parse_time_zone("Mars/Olympus").unwrap_err().to_string(),
            "\"Mars/Olympus\" is not a time zone: use an IANA name such as America/Sao_Paulo or UTC"
        );
    }

    proptest! {
        #[test]
        fn the_note_time_parser_never_panics(text in "\\PC{0,24}") {
            let _ = parse_note_time(&text);
            let _ = parse_api_time(&text);
            let _ = parse_time_zone(&text);
        }

        #[test]
        fn note_times_round_trip_through_text(
            year in 1900i32..2100, month in 1u32..=12, day in 1u32..=28, hour in 0u32..24, minute in 0u32..60,
        ) {
            let text = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
            let parsed = parse_note_time(&text);
            prop_assert!(parsed.is_some(), "{text}");
            prop_assert_eq!(parsed.map(|w| w.format(WALL_TIME_FORMAT).to_string()), Some(text));
        }

        #[test]
        fn instants_round_trip_through_the_account_zone(minutes in -2_000_000i64..2_000_000, zone in 0usize..4) {
            // Every instant, written as wall time in the zone (as the server writes a note) and
            // read back, is the same instant — except in a repeated hour, where the earlier is taken.
            let zones = [DEFAULT_ACCOUNT_TIME_ZONE, named_zone("America/New_York"),
                         named_zone("Australia/Lord_Howe"), named_zone("Pacific/Apia")];
            let zone = zones[zone];
            let at = utc("2025-01-01T00:00:00Z") + Duration::minutes(minutes);
            let written = DisplayZone::Named(zone).wall_time(at);
            let read = wall_time_to_utc(zone, written);
            let repeated = matches!(zone.instants_of(written), WallTimeInstants::Twice { .. });
            prop_assert!(read == at || (repeated && read < at), "{at} → {written} → {read}");
            prop_assert_eq!(DisplayZone::Named(zone).wall_time(read), written);
        }

        #[test]
        fn any_wall_time_resolves_in_any_zone(
            year in 1900i32..2100, month in 1u32..=12, day in 1u32..=28, hour in 0u32..24,
            minute in 0u32..60, zone in 0usize..Zone::all_names().len(),
        ) {
            let zone = named_zone(&Zone::all_names()[zone]);
            let text = format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}");
            let written = parse_note_time(&text).unwrap();
            let read = wall_time_to_utc(zone, written);
            // A time that exists reads back as itself; one in a gap lands after it, within a day.
            let shown = DisplayZone::Named(zone).wall_time(read);
            prop_assert!(shown >= written && shown - written <= Duration::days(1), "{text} in {zone}: {shown}");
        }
    }
}
