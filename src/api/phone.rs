//! Phone numbers as libphonenumber understands them (through the `phonenumber` crate, a port of
//! Google's library and its metadata): parsing typed or pasted text with an optional default
//! region, E.164 for the API, national and international formats for people, and plain-word
//! reasons when a number cannot exist. The `Region` type is the profile's `default_phone_region`.
#![deny(clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::str::FromStr;

use phonenumber::country::Id;
use phonenumber::metadata::DATABASE;
use phonenumber::{Metadata, Mode, ParseError};

use super::model::{Identifier, IdentifierError};

/// A country or territory whose national phone formats libphonenumber knows ("BR", "US").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(Id);

/// Why a text is not a region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a two-letter country code with a phone numbering plan (e.g. BR, US)")]
pub struct RegionError(pub String);

impl FromStr for Region {
    type Err = RegionError;

    /// Two letters, any case, naming a region of libphonenumber's metadata.
    fn from_str(text: &str) -> Result<Region, RegionError> {
        let code = text.trim().to_ascii_uppercase();
        let known = code.len() == 2
            && code.chars().all(|c| c.is_ascii_uppercase())
            && DATABASE.by_id(code.as_str()).is_some();
        code.parse::<Id>()
            .ok()
            .filter(|_| known)
            .map(Region)
            .ok_or_else(|| RegionError(text.to_string()))
    }
}

impl Region {
    /// The two-letter code, upper case.
    pub fn code(&self) -> &str {
        self.0.as_ref()
    }

    /// The country calling code dialled before national numbers of this region (55 for BR).
    pub fn calling_code(&self) -> Option<u16> {
        DATABASE
            .by_id(self.code())
            .map(phonenumber::Metadata::country_code)
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_ref())
    }
}

/// A phone number that can exist: its country calling code is assigned and its length is one that
/// numbers of its region have. Whether it is actually assigned is [`PhoneNumber::is_valid`].
#[derive(Debug, Clone)]
pub struct PhoneNumber {
    number: phonenumber::PhoneNumber,
}

impl PartialEq for PhoneNumber {
    fn eq(&self, other: &PhoneNumber) -> bool {
        self.e164() == other.e164() && self.extension() == other.extension()
    }
}

impl Eq for PhoneNumber {}

/// Why a text is not a possible phone number, in words a salesperson understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("type a phone number")]
    Empty,
    #[error("not a phone number: it needs at least 3 digits and no letters")]
    NotANumber,
    #[error(
        "no country for this number: start it with + and the country code (+55 11 …), or set default_phone_region in the profile"
    )]
    NoRegion,
    #[error("the digits after + are not a country calling code")]
    UnknownCountryCode,
    #[error("not a possible phone number for {place}: {why}")]
    Impossible { place: String, why: Impossibility },
}

/// Which way a number's length is wrong for its region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Impossibility {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("no number there has that many digits")]
    WrongLength,
    #[error("the area code is missing")]
    NoAreaCode,
}

impl PhoneNumber {
    /// Parses a typed or pasted number. One written with its country code (`+55 …`, `0055 …`
    /// dialled from a region that uses `00`) ignores `default_region`; a national one (`(11)
    /// 98771-6038`) needs it. No-break and thin spaces, dots, dashes of any kind, parentheses and a
    /// `tel:` prefix are accepted.
    pub fn parse(text: &str, default_region: Option<Region>) -> Result<PhoneNumber, PhoneError> {
        let cleaned = clean(text);
        if cleaned.is_empty() {
            return Err(PhoneError::Empty);
        }
        // The parser applies the default region's national-prefix rules even to a number that
        // carries its own country code (with US as default, `+55 11 …` loses its area code), so a
        // number dialled internationally is handed over as `+…` with no region at all.
        let (text, region) = match own_country_code(&cleaned, default_region) {
            Some(international) => (international, None),
            None => (cleaned, default_region),
        };
        let parsed =
            phonenumber::parse(region.map(|r| r.0), &text).map_err(|error| match error {
                ParseError::InvalidCountryCode if region.is_none() && !text.starts_with('+') => {
                    PhoneError::NoRegion
                }
                ParseError::TooShortNsn | ParseError::TooShortAfterIdd => {
                    impossible(&text, region, Impossibility::TooShort)
                }
                ParseError::TooLong => impossible(&text, region, Impossibility::TooLong),
                ParseError::InvalidCountryCode => PhoneError::UnknownCountryCode,
                ParseError::NoNumber | ParseError::MalformedInteger(_) => PhoneError::NotANumber,
            })?;
        let code = parsed.code().value();
        if code == 0 {
            return Err(if region.is_none() {
                PhoneError::NoRegion
            } else {
                PhoneError::NotANumber
            });
        }
        let Some(metadata) = metadata_for(&parsed) else {
            return Err(PhoneError::UnknownCountryCode);
        };
        let digits = parsed.national().to_string().len();
        let local_only = !parsed.is_valid() && local_lengths(metadata).contains(&digits);
        if let Some(why) =
            length_problem(metadata, digits).or(local_only.then_some(Impossibility::NoAreaCode))
        {
            return Err(PhoneError::Impossible {
                place: place_name(metadata),
                why,
            });
        }
        Ok(PhoneNumber { number: parsed })
    }

    /// `+5511987716038`: what the API is sent and what is stored.
    pub fn e164(&self) -> String {
        self.formatted(Mode::E164)
    }

    /// `(11) 98771-6038`: as the number is dialled inside its own country.
    pub fn national(&self) -> String {
        self.formatted(Mode::National)
    }

    /// `+55 11 98771-6038`: as it is written for someone abroad.
    pub fn international(&self) -> String {
        self.formatted(Mode::International)
    }

    /// True when the number matches a numbering pattern in use in its region, not only its length.
    pub fn is_valid(&self) -> bool {
        self.number.is_valid()
    }

    /// The region the number belongs to, when its digits say which (a +1 number can be US or CA).
    pub fn region(&self) -> Option<Region> {
        self.number.country().id().map(Region)
    }

    /// The country calling code (55 for Brazil).
    pub fn calling_code(&self) -> u16 {
        self.number.code().value()
    }

    /// The extension written after the number (`ext. 12`), if any.
    pub fn extension(&self) -> Option<String> {
        self.number.extension().map(|e| e.to_string())
    }

    fn formatted(&self, mode: Mode) -> String {
        let mut out = String::new();
        // The formatter reports an unknown calling code as a `fmt::Error`; `parse` ruled that out,
        // and the plain digits remain a truthful fallback should the metadata ever disagree.
        if write!(out, "{}", self.number.format().mode(mode)).is_err() {
            out = format!("+{}{}", self.calling_code(), self.number.national());
        }
        out
    }
}

impl Identifier {
    /// [`Identifier::parse`], with phone numbers read by libphonenumber: a number written with its
    /// country code, or in the national format of `region`, is sent in E.164 (`(11) 98771-6038`
    /// with BR becomes `+5511987716038`), which is how contacts store it. A text that looks like a
    /// phone but that libphonenumber cannot place (no region, an unknown range, a local number) is
    /// still sent as typed: the server matches phones by their digits, so it may yet find the
    /// contact, and "not found" is an honest answer if it does not. Uids and emails are unchanged.
    pub fn parse_with_region(
        input: &str,
        region: Option<Region>,
    ) -> Result<Identifier, IdentifierError> {
        match Identifier::parse(input)? {
            Identifier::Phone(typed) => Ok(Identifier::Phone(
                PhoneNumber::parse(&typed, region).map_or(typed, |number| number.e164()),
            )),
            other => Ok(other),
        }
    }
}

impl std::fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.international())
    }
}

/// The metadata of the number's own region, or of the main region of its calling code when its
/// digits match no region's patterns (a made-up +1 555 number is judged by the US rules).
fn metadata_for(number: &phonenumber::PhoneNumber) -> Option<&'static Metadata> {
    number.metadata(&DATABASE).or_else(|| {
        DATABASE
            .by_code(&number.code().value())
            .and_then(|all| all.into_iter().next())
    })
}

/// What is wrong with a national number of `digits` digits in this region, if anything: every
/// kind of number of the region (fixed line, mobile, toll free, …) has its possible lengths, and a
/// number needs one of them. Lengths only dialable locally (without the area code) do not count:
/// such a number cannot be sent to the API.
fn length_problem(metadata: &Metadata, digits: usize) -> Option<Impossibility> {
    let descriptors = metadata.descriptors();
    let kinds = [
        descriptors.fixed_line(),
        descriptors.mobile(),
        descriptors.toll_free(),
        descriptors.premium_rate(),
        descriptors.shared_cost(),
        descriptors.personal_number(),
        descriptors.voip(),
        descriptors.pager(),
        descriptors.uan(),
        descriptors.voicemail(),
    ];
    let mut possible: Vec<u16> = kinds
        .into_iter()
        .flatten()
        .flat_map(|kind| kind.possible_length().iter().copied())
        .chain(descriptors.general().possible_length().iter().copied())
        .collect();
    possible.sort_unstable();
    possible.dedup();
    let digits = u16::try_from(digits).unwrap_or(u16::MAX);
    let (Some(shortest), Some(longest)) = (possible.first(), possible.last()) else {
        return None;
    };
    if possible.contains(&digits) {
        None
    } else if digits < *shortest {
        Some(Impossibility::TooShort)
    } else if digits > *longest {
        Some(Impossibility::TooLong)
    } else {
        Some(Impossibility::WrongLength)
    }
}

/// The lengths of numbers dialled inside an area without its code (8 and 9 in Brazil): not a
/// number anyone outside that area, the API included, can reach.
fn local_lengths(metadata: &Metadata) -> Vec<usize> {
    let descriptors = metadata.descriptors();
    [descriptors.fixed_line(), descriptors.mobile()]
        .into_iter()
        .flatten()
        .chain([descriptors.general()])
        .flat_map(|kind| kind.possible_local_length().iter().map(|&n| usize::from(n)))
        .collect()
}

/// The number as `+CC…` when the text carries its own country code: written with `+`, or dialled
/// with the default region's international prefix (`00 55 11 …` from Germany, `011 44 …` from the
/// US). `None` for a national number.
fn own_country_code(cleaned: &str, region: Option<Region>) -> Option<String> {
    if cleaned.starts_with('+') {
        return Some(cleaned.to_string());
    }
    let metadata = DATABASE.by_id(region?.code())?;
    let prefix = metadata.international_prefix()?;
    let dialled = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/'));
    if !dialled {
        return None;
    }
    let digits: String = cleaned.chars().filter(char::is_ascii_digit).collect();
    let found = prefix
        .find(&digits)
        .filter(|m| m.start() == 0 && m.end() > 0)?;
    let rest = digits.get(found.end()..)?;
    // libphonenumber's rule too: a country code never starts with 0, so `0…` after what looks like
    // an international prefix was a national number after all.
    (!rest.is_empty() && !rest.starts_with('0')).then(|| format!("+{rest}"))
}

fn place_name(metadata: &Metadata) -> String {
    match metadata.id() {
        "001" => format!("+{}", metadata.country_code()),
        id => id.to_string(),
    }
}

/// The error for a number the parser found too short or too long, naming the place as well as the
/// text allows: the default region, or the calling code typed after `+`.
fn impossible(cleaned: &str, region: Option<Region>, why: Impossibility) -> PhoneError {
    let place = if cleaned.starts_with('+') {
        let code: String = cleaned
            .chars()
            .skip(1)
            .filter(char::is_ascii_digit)
            .take(3)
            .collect();
        (1..=code.len())
            .filter_map(|len| code.get(..len))
            .filter_map(|prefix| prefix.parse::<u16>().ok())
            .find_map(|prefix| DATABASE.by_code(&prefix).and_then(|m| m.into_iter().next()))
            .map(place_name)
    } else {
        region.map(|r| r.code().to_string())
    };
    PhoneError::Impossible {
        place: place.unwrap_or_else(|| "any country".to_string()),
        why,
    }
}

/// Typed or pasted text in the shape the parser reads: trimmed, without a `tel:` prefix, every
/// kind of space a single ASCII space, every kind of dash `-`, full-width digits and plus ASCII.
fn clean(text: &str) -> String {
    let trimmed = crate::api::model::clean_pasted_identifier(text);
    trimmed
        .chars()
        .map(|c| match c {
            c if c.is_whitespace() => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{FF0B}' => '+',
            '\u{FF10}'..='\u{FF19}' => char::from_digit(u32::from(c) - 0xFF10, 10).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn br() -> Option<Region> {
        "BR".parse().ok()
    }

    #[test]
    fn regions_are_two_known_letters_in_any_case() {
        assert_eq!(
            "br".parse::<Region>().map(|r| r.code().to_string()),
            Ok("BR".to_string())
        );
        assert_eq!(br().and_then(|r| r.calling_code()), Some(55));
        assert!("ZZ".parse::<Region>().is_err());
        assert!("BRA".parse::<Region>().is_err());
        assert!("".parse::<Region>().is_err());
    }

    #[test]
    fn a_brazilian_mobile_in_national_format() {
        let number = PhoneNumber::parse("(11) 98771-6038", br()).expect("parses");
        assert_eq!(number.e164(), "+5511987716038");
        assert_eq!(number.national(), "(11) 98771-6038");
        assert_eq!(number.international(), "+55 11 98771-6038");
        assert!(number.is_valid());
    }
}
