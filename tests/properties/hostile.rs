//! The shared strategy of hostile outside text: what a person, a server, a terminal or a file can
//! throw at genius. Accents (precomposed and combining), NBSP and other spaces, ZWJ emoji, skin
//! tones, VS16, flags and lone regional indicators, RTL letters and bidi controls, U+2028/2029 and
//! NEL, C0/C1/DEL, zero-width and tag characters, noncharacters, CJK and Hangul jamo, halfwidth
//! kana marks, the punctuation parsers care about, and any char at all — in short and very long
//! strings. Bytes add what UTF-8 cannot hold: lone surrogates, overlong forms, cut sequences.

use proptest::prelude::*;
use proptest::test_runner::Config;

use genius::api::Contact;

/// Cases per property: 64 unless `PROPTEST_CASES` says otherwise (the whole file stays a few
/// seconds long by default; raise it for a long hunt).
pub fn config() -> Config {
    let mut config = Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
    }
    config
}

/// The same, for properties that touch files (a temporary file per case).
pub fn file_config() -> Config {
    let mut config = config();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 24;
    }
    config
}

const TRICKY: &[char] = &[
    // Accents, precomposed and combining.
    'é',
    'ç',
    'ã',
    'õ',
    'Ñ',
    'ü',
    '\u{301}',
    '\u{303}',
    '\u{327}',
    '\u{34F}',
    // Spaces that are not U+0020.
    '\u{A0}',
    '\u{202F}',
    '\u{2007}',
    '\u{3000}',
    '\u{1680}',
    // Emoji and what joins or modifies them.
    '🙂',
    '👍',
    '👨',
    '👩',
    '👧',
    '❤',
    '💋',
    '©',
    '\u{200D}',
    '\u{FE0F}',
    '\u{FE0E}',
    '\u{1F3FB}',
    '\u{1F3FD}',
    '\u{1F3FF}',
    '\u{20E3}',
    '🏴',
    '\u{E0067}',
    '\u{E007F}',
    // Regional indicators (flags, or lone).
    '\u{1F1E7}',
    '\u{1F1F7}',
    '\u{1F1FA}',
    '\u{1F1F8}',
    // Right-to-left letters and bidi controls.
    'ש',
    'ל',
    'ا',
    'ل',
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202E}',
    '\u{2066}',
    '\u{2069}',
    '\u{61C}',
    // Line and paragraph separators.
    '\u{2028}',
    '\u{2029}',
    '\u{85}',
    '\n',
    '\r',
    '\t',
    '\u{B}',
    '\u{C}',
    // C0, DEL, C1.
    '\0',
    '\u{7}',
    '\u{8}',
    '\u{1B}',
    '\u{7F}',
    '\u{80}',
    '\u{9B}',
    '\u{9D}',
    '\u{9F}',
    // Invisible and zero-width.
    '\u{200B}',
    '\u{200C}',
    '\u{2060}',
    '\u{FEFF}',
    '\u{AD}',
    '\u{3164}',
    '\u{FFA0}',
    '\u{115F}',
    '\u{1160}',
    '\u{FFF9}',
    // Noncharacters and private use.
    '\u{FFFE}',
    '\u{FFFF}',
    '\u{FDD0}',
    '\u{10FFFF}',
    '\u{E000}',
    // CJK, Hangul, halfwidth kana and its sound marks.
    '张',
    '伟',
    '北',
    '京',
    '\u{1100}',
    '\u{1161}',
    '\u{11A8}',
    '가',
    'ｶ',
    '\u{FF9E}',
    '\u{FF9F}',
    // What parsers split on.
    '+',
    '(',
    ')',
    '-',
    '.',
    ' ',
    '@',
    ':',
    ',',
    ';',
    '"',
    '\'',
    '\\',
    '=',
    '#',
    '[',
    ']',
    '{',
    '}',
    '/',
    '_',
    '|',
    '<',
    '>',
    '%',
    '&',
];

/// One character, weighted towards the ones that have broken parsers and terminals.
pub fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::sample::select(TRICKY),
        3 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('0', '9'),
        1 => proptest::char::range('A', 'Z'),
        2 => any::<char>(),
    ]
}

/// Hostile text: usually short, sometimes very long.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::collection::vec(hostile_char(), 0..40),
        1 => proptest::collection::vec(hostile_char(), 200..2_000),
    ]
    .prop_map(|chars| chars.into_iter().collect())
}

/// A short piece of hostile text (a name, a tag, a word).
pub fn hostile_word() -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..12).prop_map(|chars| chars.into_iter().collect())
}

/// Hostile text with real words in it, the way values look: pieces of hostile text glued to
/// ordinary words, timestamps, emails and phones.
pub fn hostile_value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => hostile_word(),
        1 => Just("José".to_string()),
        1 => Just("Conceição".to_string()),
        1 => Just("张伟".to_string()),
        1 => Just("+55 11\u{A0}98765-4321".to_string()),
        1 => Just("ana@example.com.br".to_string()),
        1 => Just("2025-08-12 09:35 ".to_string()),
        1 => Just("👨\u{200D}👩\u{200D}👧 🇧🇷 👍🏽".to_string()),
        1 => Just("\r\n\r\n".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("=HYPERLINK(\"x\")".to_string()),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// Bytes as a file holds them: hostile text's UTF-8 mixed with bytes that are not UTF-8.
pub fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => hostile_value().prop_map(String::into_bytes),
        1 => Just(b"\xED\xA0\x80".to_vec()),
        1 => Just(b"\xC0\x80".to_vec()),
        1 => Just(b"\xE2\x82".to_vec()),
        1 => Just(b"\xEF\xBB\xBF".to_vec()),
        1 => Just(b"\xFF\xFE".to_vec()),
        2 => proptest::sample::select(&[b',', b';', b'\t', b'"', b'\n', b'\r', b'\''][..])
            .prop_map(|b| vec![b]),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn optional(value: impl Strategy<Value = String>) -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(0.8, value)
}

/// A contact as a hostile server could send it: every field arbitrary text.
pub fn hostile_contact() -> impl Strategy<Value = Contact> {
    let names = (
        "[A-Z0-9]{8}",
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
    );
    let places = (
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
    );
    let deal = (
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        optional(hostile_value()),
        proptest::collection::vec(hostile_word(), 0..4),
    );
    (names, places, deal).prop_map(
        |(
            (uid, email, phone, first_name, last_name, business_name),
            (birthday, address, city, state, zipcode, time_zone),
            (value, stage_name, quality_name, owner_email, snapshot, notes, tags),
        )| Contact {
            uid,
            email,
            phone,
            first_name,
            last_name,
            business_name,
            birthday,
            address,
            city,
            state,
            zipcode,
            time_zone,
            value,
            stage_name,
            quality_name,
            owner_email,
            notes,
            snapshot,
            tags,
            ..Contact::default()
        },
    )
}

/// True for characters that must never reach a terminal, written out here rather than taken from
/// genius: C0 (line feed included), DEL, C1, bidi embeddings, overrides, isolates and marks, and
/// the Unicode line and paragraph separators.
pub fn is_terminal_unsafe(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{2028}' | '\u{2029}')
}
