//! Finding a contact seen before by a piece of its name, business, email, phone or uid: fuzzy
//! (nucleo-matcher's scoring, the matcher of helix), accent- and case-insensitive (`conceicao`
//! finds `Conceição`, `JOSE` finds `José`), phone digits matched whatever the formatting (`9877`
//! finds `+55 11 98771-6038`). The index folds every field once, so a keystroke costs one matcher
//! pass over folded text and no allocation per entry.
#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Utc};
use nucleo_matcher::{Config, Matcher, Utf32String};
use unicode_normalization::UnicodeNormalization;

use crate::api::Contact;

/// What the search knows of one contact: the fields it matches on, the ones shown beside a match,
/// and when the contact was last seen (the tie-breaker: most recent first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntry {
    pub uid: String,
    pub name: String,
    pub business: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Shown, not searched.
    pub stage: Option<String>,
    /// Shown, not searched.
    pub owner: Option<String>,
    pub seen_at: DateTime<Utc>,
}

impl SearchEntry {
    /// The entry of a contact as the server sent it, seen at `seen_at`. The name is the contact's
    /// first and last name only: the display name's fallback to email or phone would match twice.
    pub fn from_contact(contact: &Contact, seen_at: DateTime<Utc>) -> SearchEntry {
        let name = [&contact.first_name, &contact.last_name]
            .into_iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        SearchEntry {
            uid: contact.uid.clone(),
            name,
            business: contact.business_name.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            stage: contact.stage_name.clone(),
            owner: contact.owner_name.clone().or(contact.owner_email.clone()),
            seen_at,
        }
    }
}

/// Which field a match was found in (the best-scoring one), so the list can say why it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchedField {
    Name,
    Business,
    Email,
    Phone,
    Uid,
}

/// How each indexed haystack is compared with a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Haystack {
    /// The field's folded text, against every word.
    Text(MatchedField),
    /// The phone's digits, against the digits of words that could be part of a phone number.
    PhoneDigits,
}

const HAYSTACKS: [Haystack; 6] = [
    Haystack::Text(MatchedField::Name),
    Haystack::Text(MatchedField::Business),
    Haystack::Text(MatchedField::Email),
    Haystack::PhoneDigits,
    Haystack::Text(MatchedField::Phone),
    Haystack::Text(MatchedField::Uid),
];

/// One result: the entry, its score (higher is better) and the field of its best match. A blank
/// query matches everything with score 0 and no field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchHit<'a> {
    pub entry: &'a SearchEntry,
    pub score: u32,
    pub field: Option<MatchedField>,
}

/// An entry with its searchable fields folded and converted for the matcher once, at indexing.
#[derive(Debug)]
struct IndexedEntry {
    entry: SearchEntry,
    /// In the order of [`HAYSTACKS`].
    haystacks: [Utf32String; 6],
    /// The characters of each haystack, as [`char_mask`] sees them.
    masks: [u64; 6],
    /// The characters of all of them.
    chars: u64,
}

/// The contacts one can search, most recently seen first.
#[derive(Debug, Default)]
pub struct ContactIndex {
    entries: Vec<IndexedEntry>,
}

impl ContactIndex {
    /// Indexes the entries. Their order does not matter: ties are broken by `seen_at`, newest first,
    /// then by uid, so the same entries always rank the same.
    pub fn new(mut entries: Vec<SearchEntry>) -> ContactIndex {
        entries.sort_by(|a, b| b.seen_at.cmp(&a.seen_at).then_with(|| a.uid.cmp(&b.uid)));
        let entries = entries
            .into_iter()
            .map(|entry| {
                let haystacks = [
                    matcher_text(&fold(&entry.name)),
                    matcher_text(&fold(entry.business.as_deref().unwrap_or(""))),
                    matcher_text(&fold(entry.email.as_deref().unwrap_or(""))),
                    matcher_text(&digits_of(entry.phone.as_deref().unwrap_or(""))),
                    matcher_text(&fold(entry.phone.as_deref().unwrap_or(""))),
                    matcher_text(&fold(&entry.uid)),
                ];
                let masks = haystacks.each_ref().map(text_mask);
                let chars = masks.iter().fold(0, |all, mask| all | mask);
                IndexedEntry {
                    entry,
                    haystacks,
                    masks,
                    chars,
                }
            })
            .collect();
        ContactIndex { entries }
    }

    /// How many contacts are indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, most recently seen first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &SearchEntry> + ExactSizeIterator {
        self.entries.iter().map(|indexed| &indexed.entry)
    }

    /// The `limit` best matches of `query`, best first; equal scores keep the most recently seen
    /// first. Every word of the query must match (fuzzily) some field; an entry's score is the sum
    /// of each word's best field score. A blank query lists the most recently seen.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit<'_>> {
        let words = QueryWords::new(query);
        if words.is_empty() {
            return self
                .entries
                .iter()
                .take(limit)
                .map(|indexed| SearchHit {
                    entry: &indexed.entry,
                    score: 0,
                    field: None,
                })
                .collect();
        }
        let mut config = Config::DEFAULT;
        // Both sides are folded already; a typed name is a prefix more often than not.
        config.ignore_case = false;
        config.normalize = false;
        config.prefer_prefix = true;
        let mut matcher = Matcher::new(config);
        let mut hits: Vec<SearchHit<'_>> = self
            .entries
            .iter()
            .filter_map(|indexed| words.score(indexed, &mut matcher))
            .collect();
        // Stable: equal scores stay in index order, which is most recently seen first.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits.truncate(limit);
        hits
    }
}

/// One word of a query, folded, with the characters a haystack needs to match it.
struct QueryWord {
    text: Utf32String,
    text_mask: u64,
    /// The word's digits, when it could be part of a phone number.
    digits: Option<(Utf32String, u64)>,
}

/// The words of a query.
struct QueryWords {
    words: Vec<QueryWord>,
    /// The characters any match needs: each word's (or, for a phone-like word, its digits').
    needs: u64,
}

impl QueryWords {
    fn new(query: &str) -> QueryWords {
        let words: Vec<_> = fold(query)
            .split_whitespace()
            .map(|word| {
                let phone_like = word.chars().any(|c| c.is_ascii_digit())
                    && word
                        .chars()
                        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | '(' | ')'));
                let digits = phone_like.then(|| {
                    let digits = matcher_text(&digits_of(word));
                    let mask = text_mask(&digits);
                    (digits, mask)
                });
                let text = matcher_text(word);
                QueryWord {
                    text_mask: text_mask(&text),
                    text,
                    digits,
                }
            })
            .collect();
        let needs = words.iter().fold(0, |mask, word| {
            mask | word
                .digits
                .as_ref()
                .map_or(word.text_mask, |(_, digits)| *digits)
        });
        QueryWords { words, needs }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn score<'a>(&self, indexed: &'a IndexedEntry, matcher: &mut Matcher) -> Option<SearchHit<'a>> {
        // A fuzzy match needs every character of its word somewhere in the entry: most entries
        // are ruled out by one AND before the matcher runs.
        if self.needs & !indexed.chars != 0 {
            return None;
        }
        let mut total = 0u32;
        let mut best: Option<(u16, MatchedField)> = None;
        for word in &self.words {
            let mut word_best: Option<(u16, MatchedField)> = None;
            let haystacks = HAYSTACKS.iter().zip(&indexed.haystacks).zip(indexed.masks);
            for ((kind, haystack), has) in haystacks {
                let (needle, needs, field) = match (kind, &word.digits) {
                    (Haystack::Text(field), _) => (&word.text, word.text_mask, *field),
                    (Haystack::PhoneDigits, Some((digits, mask))) => {
                        (digits, *mask, MatchedField::Phone)
                    }
                    (Haystack::PhoneDigits, None) => continue,
                };
                if needs & !has != 0 {
                    continue;
                }
                if let Some(score) = matcher.fuzzy_match(haystack.slice(..), needle.slice(..))
                    && word_best.is_none_or(|(known, _)| score > known)
                {
                    word_best = Some((score, field));
                }
            }
            let (score, field) = word_best?;
            total += u32::from(score);
            if best.is_none_or(|(known, _)| score > known) {
                best = Some((score, field));
            }
        }
        Some(SearchHit {
            entry: &indexed.entry,
            score: total,
            field: best.map(|(_, field)| field),
        })
    }
}

/// Text as the search compares it: compatibility-decomposed (so full-width letters and ligatures
/// become plain ones), without combining marks (`é` → `e`, `ç` → `c`), Latin letters that do not
/// decompose mapped to their base (`ł` → `l`, `ø` → `o`), and lower case, one character at a time
/// so that a piece of a text folds to a piece of the folded text.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            // nucleo's table maps some capitals (Ł) only through their small letter.
            c => folded.extend(
                c.to_lowercase()
                    .map(nucleo_matcher::chars::normalize)
                    .flat_map(char::to_lowercase),
            ),
        }
    }
    folded
}

/// A set of characters in 64 bits: one bit per ASCII letter and digit, the rest of Unicode
/// sharing the remaining bits. Only "may contain" is exact enough for ruling out.
fn char_mask(c: char) -> u64 {
    let bit = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        _ => 36 + u32::from(c) % 28,
    };
    1 << bit
}

fn text_mask(text: &Utf32String) -> u64 {
    text.slice(..)
        .chars()
        .fold(0, |mask, c| mask | char_mask(c))
}

/// The ASCII digits of a text: how the simulator, and people, compare phone numbers.
fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The matcher's form of a text, one entry per character (not per grapheme: a query may hold
/// half of one, and must still match the text it was cut from).
fn matcher_text(text: &str) -> Utf32String {
    if text.is_ascii() {
        Utf32String::Ascii(text.into())
    } else {
        Utf32String::Unicode(text.chars().collect())
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the results they asserted the length of
mod tests {
    use super::*;

    fn entry(uid: &str, name: &str, minutes_ago: i64) -> SearchEntry {
        SearchEntry {
            uid: uid.to_string(),
            name: name.to_string(),
            business: None,
            email: None,
            phone: None,
            stage: None,
            owner: None,
            seen_at: DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(1)
                - chrono::Duration::minutes(minutes_ago),
        }
    }

    #[test]
    fn folding_takes_accents_case_and_ligatures_off() {
        assert_eq!(fold("Conceição"), "conceicao");
        assert_eq!(fold("JOSÉ"), "jose");
        assert_eq!(fold("Jose\u{301}"), "jose");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ﬁle Ｊｏｓｅ"), "file jose");
    }

    #[test]
    fn accents_do_not_matter_and_ties_go_to_the_most_recent() {
        let index = ContactIndex::new(vec![
            entry("AAAAAAAA", "José Silva", 30),
            entry("BBBBBBBB", "Jose Silva", 5),
        ]);
        let hits = index.search("jose silva", 10);
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].entry.uid, "BBBBBBBB");
        assert_eq!(hits[0].score, hits[1].score);
    }
}
