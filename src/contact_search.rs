//! Finding a contact seen before by a piece of its name, business, email, phone or uid: fuzzy
//! (nucleo-matcher's scoring, the matcher of helix), accent- and case-insensitive (`conceicao`
//! finds `Conceição`, `JOSE` finds `José`), phone digits matched whatever the formatting (`9877`
//! finds `+55 11 98771-6038`). The index folds every field once, so a keystroke costs one matcher
//! pass over folded text and no allocation per entry.
#![deny(clippy::indexing_slicing)]

use chrono::{DateTime, Utc};
use compact_str::CompactString;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_normalization::UnicodeNormalization;

use crate::api::Contact;

/// What the search knows of one contact: the fields it matches on, the ones shown beside a match,
/// and when the contact was last seen (the tie-breaker: most recent first). Its texts are compact
/// strings: most fit in the string itself (up to 24 bytes), so thousands of entries do not cost
/// thousands of small allocations each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntry {
    pub uid: CompactString,
    pub name: CompactString,
    pub business: Option<CompactString>,
    pub email: Option<CompactString>,
    pub phone: Option<CompactString>,
    /// Shown, not searched.
    pub stage: Option<CompactString>,
    /// Shown, not searched.
    pub owner: Option<CompactString>,
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
            uid: contact.uid.as_str().into(),
            name: name.into(),
            business: compact_text(&contact.business_name),
            email: compact_text(&contact.email),
            phone: compact_text(&contact.phone),
            stage: compact_text(&contact.stage_name),
            owner: compact_text(&contact.owner_name).or(compact_text(&contact.owner_email)),
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

/// An optional field of a contact as an entry keeps it.
pub fn compact_text(text: &Option<String>) -> Option<CompactString> {
    text.as_deref().map(CompactString::from)
}

/// One folded field as the matcher reads it: its bytes when it is ASCII (most are, and then a
/// compact string usually holds it without an allocation), else its characters.
#[derive(Debug)]
enum FoldedText {
    Ascii(CompactString),
    Unicode(Box<[char]>),
}

impl FoldedText {
    /// The matcher's form of a folded text, one entry per character (not per grapheme: a query
    /// may hold half of one, and must still match the text it was cut from).
    fn of(folded: &str) -> FoldedText {
        if folded.is_ascii() {
            FoldedText::Ascii(folded.into())
        } else {
            FoldedText::Unicode(folded.chars().collect())
        }
    }

    fn as_matcher_text(&self) -> Utf32Str<'_> {
        match self {
            FoldedText::Ascii(text) => Utf32Str::Ascii(text.as_bytes()),
            FoldedText::Unicode(chars) => Utf32Str::Unicode(chars),
        }
    }
}

/// An entry's searchable fields, folded and converted for the matcher once, at indexing.
#[derive(Debug)]
struct FoldedFields {
    /// In the order of [`HAYSTACKS`].
    haystacks: [FoldedText; 6],
    /// The characters of each haystack, as [`char_mask`] sees them.
    masks: [u64; 6],
    /// The characters of all of them.
    chars: u64,
}

impl FoldedFields {
    fn of(entry: &SearchEntry) -> FoldedFields {
        let haystacks = [
            FoldedText::of(&fold(&entry.name)),
            FoldedText::of(&fold(entry.business.as_deref().unwrap_or(""))),
            FoldedText::of(&fold(entry.email.as_deref().unwrap_or(""))),
            FoldedText::of(&digits_of(entry.phone.as_deref().unwrap_or(""))),
            FoldedText::of(&fold(entry.phone.as_deref().unwrap_or(""))),
            FoldedText::of(&fold(&entry.uid)),
        ];
        let masks = haystacks
            .each_ref()
            .map(|haystack| text_mask(haystack.as_matcher_text()));
        let chars = masks.iter().fold(0, |all, mask| all | mask);
        FoldedFields {
            haystacks,
            masks,
            chars,
        }
    }
}

/// The contacts one can search, most recently seen first.
#[derive(Debug, Default)]
pub struct ContactIndex {
    entries: Vec<SearchEntry>,
    /// Each entry's folded fields, at the entry's position: kept beside the entries rather than
    /// with them, so indexing sorts the entries in place instead of moving them all once more.
    folded: Vec<FoldedFields>,
}

impl ContactIndex {
    /// Indexes the entries. Their order does not matter: ties are broken by `seen_at`, newest first,
    /// then by uid, so the same entries always rank the same.
    pub fn new(mut entries: Vec<SearchEntry>) -> ContactIndex {
        entries.sort_by(|a, b| b.seen_at.cmp(&a.seen_at).then_with(|| a.uid.cmp(&b.uid)));
        entries.shrink_to_fit();
        let folded = entries.iter().map(FoldedFields::of).collect();
        ContactIndex { entries, folded }
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
        self.entries.iter()
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
                .map(|entry| SearchHit {
                    entry,
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
            .zip(&self.folded)
            .filter_map(|(entry, folded)| words.score(entry, folded, &mut matcher))
            .collect();
        // Stable: equal scores stay in index order, which is most recently seen first.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits.truncate(limit);
        hits
    }
}

/// One word of a query, folded, with the characters a haystack needs to match it.
struct QueryWord {
    text: FoldedText,
    text_mask: u64,
    /// The word's digits, when it could be part of a phone number.
    digits: Option<(FoldedText, u64)>,
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
                    let digits = FoldedText::of(&digits_of(word));
                    let mask = text_mask(digits.as_matcher_text());
                    (digits, mask)
                });
                let text = FoldedText::of(word);
                QueryWord {
                    text_mask: text_mask(text.as_matcher_text()),
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

    fn score<'a>(
        &self,
        entry: &'a SearchEntry,
        folded: &FoldedFields,
        matcher: &mut Matcher,
    ) -> Option<SearchHit<'a>> {
        // A fuzzy match needs every character of its word somewhere in the entry: most entries
        // are ruled out by one AND before the matcher runs.
        if self.needs & !folded.chars != 0 {
            return None;
        }
        let mut total = 0u32;
        let mut best: Option<(u16, MatchedField)> = None;
        for word in &self.words {
            let mut word_best: Option<(u16, MatchedField)> = None;
            let haystacks = HAYSTACKS.iter().zip(&folded.haystacks).zip(folded.masks);
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
                if let Some(score) =
                    matcher.fuzzy_match(haystack.as_matcher_text(), needle.as_matcher_text())
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
            entry,
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

fn text_mask(text: Utf32Str<'_>) -> u64 {
    text.chars().fold(0, |mask, c| mask | char_mask(c))
}

/// The ASCII digits of a text: how the simulator, and people, compare phone numbers.
fn digits_of(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the results they asserted the length of
mod tests {
    use super::*;

    fn entry(uid: &str, name: &str, minutes_ago: i64) -> SearchEntry {
        SearchEntry {
            uid: uid.into(),
            name: name.into(),
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
