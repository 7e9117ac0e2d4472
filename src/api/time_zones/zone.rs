//! A named IANA time zone ([`Zone`]) and the two questions the program asks of one: the offset
//! from UTC at an instant, and which instants a wall time names there.
//!
//! The rules come from the tz database bundled into the binary (jiff's: one compact blob, read
//! and parsed only for the zones actually used), never from this computer's
//! `/usr/share/zoneinfo`, so every computer shows the same times. Times are chrono's everywhere
//! else in the program; they cross into jiff only here, through the Unix timestamp (seconds), and
//! come back as a chrono [`FixedOffset`]. Nothing here panics, whatever the instant or wall time.
//!
//! A [`Zone`] is a `Copy` handle, like a name: the rules of each zone used are loaded once and
//! kept for the life of the process (jiff's own cache keeps them too), so there is at most one
//! small entry per IANA name however often a zone is looked up.
#![deny(clippy::indexing_slicing)]

use std::sync::{Mutex, OnceLock, PoisonError};

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDateTime, Offset as _, Timelike, Utc,
};
use jiff::Timestamp;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone, TimeZoneDatabase};

/// The tz database's placeholder for "zone not set yet" (offset 0, abbreviation `-00`): not a
/// place anyone's clocks are in, and never offered or accepted.
const PLACEHOLDER_ZONE_NAME: &str = "Factory";

/// An IANA time zone: its rules, under the name the database spells it with. Two zones are equal
/// when their names are: a link (`Brazil/East`) is its own zone, as the user wrote it, though its
/// rules are its target's.
#[derive(Clone, Copy)]
pub struct Zone(Rules);

#[derive(Clone, Copy)]
enum Rules {
    /// UTC needs no database.
    Utc,
    Named(&'static NamedRules),
}

/// A zone's name and its rules, loaded on first use.
pub struct NamedRules {
    name: &'static str,
    loaded: OnceLock<TimeZone>,
}

impl NamedRules {
    /// The zone called exactly `name` in the database, its rules read when first needed: for a
    /// zone named in the source (a `static`), which cannot be read from the database at compile
    /// time.
    pub const fn bundled(name: &'static str) -> NamedRules {
        NamedRules {
            name,
            loaded: OnceLock::new(),
        }
    }

    fn time_zone(&self) -> &TimeZone {
        self.loaded.get_or_init(|| {
            // Only a name misspelt in the source could fail (a test reads each one); UTC keeps
            // this total.
            TimeZoneDatabase::bundled()
                .get(self.name)
                .unwrap_or(TimeZone::UTC)
        })
    }
}

/// The zones found by name so far, sorted by name; each entry lives as long as the process.
static FOUND: Mutex<Vec<&'static NamedRules>> = Mutex::new(Vec::new());

/// The one entry for the zone `time_zone` named `name` (its database spelling).
fn interned(name: &str, time_zone: &TimeZone) -> &'static NamedRules {
    let mut found = FOUND.lock().unwrap_or_else(PoisonError::into_inner);
    let index = found.partition_point(|rules| rules.name < name);
    if let Some(rules) = found.get(index).filter(|rules| rules.name == name) {
        return rules;
    }
    let rules = leaked(name, time_zone);
    found.insert(index, rules);
    rules
}

/// A new entry that lives as long as the process: at most one per IANA name (about 600).
fn leaked(name: &str, time_zone: &TimeZone) -> &'static NamedRules {
    Box::leak(Box::new(NamedRules {
        name: Box::leak(name.into()),
        loaded: OnceLock::from(time_zone.clone()),
    }))
}

/// The instants a wall time names in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WallTimeInstants {
    /// The clocks showed it once.
    Once(DateTime<Utc>),
    /// The clocks showed it twice (they went back over it).
    Twice {
        earlier: DateTime<Utc>,
        later: DateTime<Utc>,
    },
    /// The clocks skipped it (they went forward over it). `read_with_offset_before` is the instant
    /// it names when read with the offset in force before the gap: as far after the gap's start
    /// as the wall time is.
    Skipped {
        read_with_offset_before: DateTime<Utc>,
    },
}

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(Rules::Utc);

    /// A zone named in the source, for a `static`: see [`NamedRules::bundled`].
    pub const fn bundled(rules: &'static NamedRules) -> Zone {
        Zone(Rules::Named(rules))
    }

    /// The zone named `name` in any ASCII capitalisation (`america/sao_paulo`), else `None`.
    pub fn find(name: &str) -> Option<Zone> {
        if name.eq_ignore_ascii_case(PLACEHOLDER_ZONE_NAME) {
            return None;
        }
        let time_zone = TimeZoneDatabase::bundled().get(name).ok()?;
        // jiff also answers `Etc/Unknown` with a zone that has no IANA name; it is not one.
        let canonical = time_zone.iana_name()?;
        if canonical == "UTC" {
            return Some(Zone::UTC);
        }
        Some(Zone(Rules::Named(interned(canonical, &time_zone))))
    }

    /// The zone named exactly `name`, capitalisation included, else `None`.
    pub fn find_exact(name: &str) -> Option<Zone> {
        Zone::find(name).filter(|zone| zone.name() == name)
    }

    /// The IANA name, as the database spells it (`America/Sao_Paulo`).
    pub fn name(&self) -> &'static str {
        match self.0 {
            Rules::Utc => "UTC",
            Rules::Named(rules) => rules.name,
        }
    }

    fn time_zone(&self) -> &TimeZone {
        static UTC: TimeZone = TimeZone::UTC;
        match self.0 {
            Rules::Utc => &UTC,
            Rules::Named(rules) => rules.time_zone(),
        }
    }

    /// The offset from UTC in force at `at`.
    pub fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        to_chrono_offset(self.time_zone().to_offset(to_jiff_timestamp(at)))
    }

    /// `at` as the wall time the zone's clocks showed.
    pub fn wall_time(&self, at: DateTime<Utc>) -> NaiveDateTime {
        wall_time_with(at, self.offset_at(at))
    }

    /// The instants `wall` names in this zone: once, twice (a repeated hour) or none (a gap).
    pub fn instants_of(&self, wall: NaiveDateTime) -> WallTimeInstants {
        let Some(civil) = to_jiff_civil(wall) else {
            // Outside jiff's calendar (beyond year ±9999): read with the offset at the nearest
            // instant jiff knows, as `offset_at` does.
            return WallTimeInstants::Once(read_with(wall, self.offset_at(wall.and_utc())));
        };
        match self.time_zone().to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => {
                WallTimeInstants::Once(read_with(wall, to_chrono_offset(offset)))
            }
            AmbiguousOffset::Fold { before, after } => WallTimeInstants::Twice {
                earlier: read_with(wall, to_chrono_offset(before)),
                later: read_with(wall, to_chrono_offset(after)),
            },
            AmbiguousOffset::Gap { before, .. } => WallTimeInstants::Skipped {
                read_with_offset_before: read_with(wall, to_chrono_offset(before)),
            },
        }
    }

    /// Every zone name the database has, sorted by bytes (`Australia/NSW` before
    /// `Australia/North`), for pickers and suggestions. Read once, on first use.
    pub fn all_names() -> &'static [String] {
        static NAMES: OnceLock<Vec<String>> = OnceLock::new();
        NAMES.get_or_init(|| {
            let mut names: Vec<String> = TimeZoneDatabase::bundled()
                .available()
                .map(|name| name.as_str().to_string())
                .filter(|name| name != PLACEHOLDER_ZONE_NAME)
                .collect();
            names.sort_unstable();
            names
        })
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl std::fmt::Debug for Zone {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_tuple("Zone").field(&self.name()).finish()
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.name())
    }
}

/// `at` as a jiff instant, to the second (zone transitions fall on whole seconds). An instant
/// beyond jiff's range (year ±9999; chrono's reaches ±262,000) is taken as jiff's nearest, so a
/// zone's offset out there is the one it has at the end of year 9999 (or the start of -9999):
/// no one's clocks are in those years, and a sensible offset beats a panic.
fn to_jiff_timestamp(at: DateTime<Utc>) -> Timestamp {
    let second = at
        .timestamp()
        .clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `wall` as a jiff civil time, to the second; `None` beyond jiff's years (±9999). A leap second
/// (chrono's 59 s plus a second of nanoseconds) is its 59th second.
fn to_jiff_civil(wall: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    let narrow = |value: u32| i8::try_from(value).ok();
    jiff::civil::DateTime::new(
        i16::try_from(wall.year()).ok()?,
        narrow(wall.month())?,
        narrow(wall.day())?,
        narrow(wall.hour())?,
        narrow(wall.minute())?,
        narrow(wall.second())?,
        0,
    )
    .ok()
}

/// A jiff offset as chrono's. Real zones stay within ±15 h; jiff allows up to ±26 h and chrono
/// less than ±24 h, so an offset chrono cannot hold (none exists) is taken as UTC.
fn to_chrono_offset(offset: Offset) -> FixedOffset {
    FixedOffset::east_opt(offset.seconds()).unwrap_or_else(|| Utc.fix())
}

/// `at` as wall time with `offset`. At the very ends of chrono's range, where adding the offset
/// would leave it, the wall time is taken as UTC's.
pub(super) fn wall_time_with(at: DateTime<Utc>, offset: FixedOffset) -> NaiveDateTime {
    at.naive_utc()
        .checked_add_offset(offset)
        .unwrap_or_else(|| at.naive_utc())
}

/// The instant `wall` names read with `offset`. At the very ends of chrono's range, where the
/// subtraction would leave it, the wall time is taken as UTC.
fn read_with(wall: NaiveDateTime, offset: FixedOffset) -> DateTime<Utc> {
    wall.checked_sub_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
        .unwrap_or(wall)
        .and_utc()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone as _};
    use proptest::prelude::*;

    /// 1900-01-01T00:00:00Z and 2100-01-01T00:00:00Z, in Unix seconds.
    const FROM_1900: i64 = -2_208_988_800;
    const TO_2100: i64 = 4_102_444_800;

    #[test]
    fn names_are_found_in_any_case_and_kept_as_the_database_spells_them() {
        let sao_paulo = Zone::find("america/SAO_PAULO").unwrap();
        assert_eq!(sao_paulo.name(), "America/Sao_Paulo");
        assert_eq!(sao_paulo.to_string(), "America/Sao_Paulo");
        assert_eq!(format!("{sao_paulo:?}"), "Zone(\"America/Sao_Paulo\")");
        assert_eq!(Zone::find_exact("america/sao_paulo"), None);
        assert_eq!(Zone::find_exact("America/Sao_Paulo"), Some(sao_paulo));
        assert_eq!(Zone::find("utc"), Some(Zone::UTC));
        assert_eq!(Zone::UTC.name(), "UTC");
        for not_a_place in [
            "Factory",
            "factory",
            "Etc/Unknown",
            "",
            "America",
            "Mars/Olympus",
        ] {
            assert_eq!(Zone::find(not_a_place), None, "{not_a_place:?}");
        }
    }

    #[test]
    fn a_link_is_its_own_zone_with_its_targets_rules() {
        let link = Zone::find_exact("Brazil/East").unwrap();
        let target = Zone::find_exact("America/Sao_Paulo").unwrap();
        assert_ne!(link, target);
        let at = Utc.with_ymd_and_hms(2015, 1, 15, 12, 0, 0).unwrap();
        assert_eq!(link.offset_at(at), target.offset_at(at));
        assert_eq!(link.offset_at(at).local_minus_utc(), -2 * 3600);
    }

    #[test]
    fn every_listed_name_is_a_zone_of_that_name_sorted_once() {
        let names = Zone::all_names();
        for name in ["UTC", "America/Sao_Paulo", "US/Eastern", "Pacific/Apia"] {
            assert!(names.iter().any(|listed| listed == name), "{name}");
        }
        assert!(!names.iter().any(|name| name == PLACEHOLDER_ZONE_NAME));
        assert!(
            names.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted by bytes, no repeats"
        );
        for name in names {
            assert_eq!(
                Zone::find_exact(name).map(|zone| zone.to_string()),
                Some(name.clone())
            );
        }
    }

    #[test]
    fn wall_times_say_how_often_the_clocks_showed_them() {
        let new_york = Zone::find_exact("America/New_York").unwrap();
        let wall = |text| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let utc = |y, mo, d, h, mi| Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap();
        assert_eq!(
            new_york.instants_of(wall("2025-07-01 12:00")),
            WallTimeInstants::Once(utc(2025, 7, 1, 16, 0))
        );
        assert_eq!(
            new_york.instants_of(wall("2025-11-02 01:30")),
            WallTimeInstants::Twice {
                earlier: utc(2025, 11, 2, 5, 30),
                later: utc(2025, 11, 2, 6, 30),
            }
        );
        assert_eq!(
            new_york.instants_of(wall("2025-03-09 02:30")),
            WallTimeInstants::Skipped {
                read_with_offset_before: utc(2025, 3, 9, 7, 30)
            }
        );
    }

    #[test]
    fn instants_and_wall_times_beyond_any_calendar_do_not_panic() {
        let zones = [Zone::UTC, Zone::find("Asia/Kolkata").unwrap()];
        let leap_second = NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|day| day.and_hms_nano_opt(23, 59, 59, 1_500_000_000))
            .unwrap();
        for zone in &zones {
            for at in [
                DateTime::<Utc>::MIN_UTC,
                DateTime::<Utc>::MAX_UTC,
                DateTime::UNIX_EPOCH,
            ] {
                let _ = zone.wall_time(at);
                let _ = zone.instants_of(at.naive_utc());
            }
            assert!(matches!(
                zone.instants_of(leap_second),
                WallTimeInstants::Once(_)
            ));
        }
        // Beyond jiff's years the offset is the one at its nearest instant: India's standard time.
        let kolkata = &zones[1];
        assert_eq!(
            kolkata
                .offset_at(DateTime::<Utc>::MAX_UTC)
                .local_minus_utc(),
            19_800
        );
        assert_eq!(
            kolkata.instants_of(DateTime::<Utc>::MAX_UTC.naive_utc()),
            WallTimeInstants::Once(DateTime::<Utc>::MAX_UTC - Duration::seconds(19_800))
        );
    }

    proptest! {
        #[test]
        fn every_zone_has_a_sane_offset_and_round_trips_unambiguous_wall_times(
            zone in 0usize..Zone::all_names().len(),
            second in FROM_1900..TO_2100,
        ) {
            let zone = Zone::find_exact(&Zone::all_names()[zone]).unwrap();
            let at = DateTime::from_timestamp(second, 0).unwrap();
            let offset = zone.offset_at(at).local_minus_utc();
            prop_assert!(offset.abs() <= 15 * 3600, "{zone} at {at}: {offset} s");
            // The wall time shown at `at` names `at` again, unless the clocks showed it twice.
            let shown = zone.wall_time(at);
            match zone.instants_of(shown) {
                WallTimeInstants::Once(read) => prop_assert_eq!(read, at, "{} {}", zone, shown),
                WallTimeInstants::Twice { earlier, later } => {
                    prop_assert!(earlier == at || later == at, "{zone} {shown}: {earlier} {later}");
                }
                WallTimeInstants::Skipped { .. } => prop_assert!(false, "{zone} showed {shown}"),
            }
            // Any wall time the clocks showed once is shown again at the instant it names.
            let wall = at.naive_utc();
            if let WallTimeInstants::Once(read) = zone.instants_of(wall) {
                prop_assert_eq!(zone.wall_time(read), wall, "{}", zone);
            }
        }
    }
}
