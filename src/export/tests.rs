//! Tests of the export formats: escaping, folding (with property tests), vCard 3.0 and 4.0 details,
//! CSV and JSON, file names, and server text that must not reach a file raw.
// The tests index fixtures they built themselves; a panic there is a failing test, as it should be.
#![allow(clippy::indexing_slicing)]

use super::*;

fn john() -> Contact {
    Contact {
        uid: "ABC12345".into(),
        email: Some("john@example.com".into()),
        phone: Some("+15551234567".into()),
        first_name: Some("John".into()),
        last_name: Some("Doe; Jr.".into()),
        business_name: Some("Acme, Corp".into()),
        city: Some("New York".into()),
        state: Some("NY".into()),
        stage_name: Some("New Lead".into()),
        notes: Some("2025-08-12 09:35 Called\\back\n\n2025-08-14 10:46 Sent prices".into()),
        tags: vec!["Hot Lead".into(), "a,b".into()],
        ..Contact::default()
    }
}

#[test]
fn vcard3_escapes_structure_characters() {
    let card = vcard(&john(), false);
    assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:John Doe\\; Jr.\r\n"));
    assert!(card.contains("\r\nN:Doe\\; Jr.;John;;;\r\n"));
    assert!(card.contains("\r\nORG:Acme\\, Corp\r\n"));
    assert!(card.contains("\r\nEMAIL;TYPE=INTERNET:john@example.com\r\n"));
    assert!(card.contains("\r\nCATEGORIES:Hot Lead,a\\,b\r\n"));
    assert!(card.contains("\r\nADR;TYPE=WORK:;;;New York;NY;;\r\n"));
    assert!(
        card.contains("NOTE:2025-08-12 09:35 Called\\\\back\\n\\n2025-08-14 10:46 Sent prices")
    );
    assert!(card.ends_with("END:VCARD\r\n"));
}

#[test]
fn vcard4_marks_its_version_and_text_uid() {
    let card = vcard(&john(), true);
    assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:"));
    assert!(card.contains("\r\nUID;VALUE=text:ABC12345\r\n"));
    assert!(card.contains("\r\nEMAIL:john@example.com\r\n"));
    let dated = Contact {
        birthday: Some("1990-05-01".into()),
        last_update: Some("2024-01-15T11:20:00-03:00".into()),
        ..john()
    };
    let card = vcard(&dated, true);
    assert!(card.contains("\r\nBDAY:19900501\r\n"));
    assert!(card.contains("\r\nREV:20240115T142000Z\r\n"));
    let card = vcard(&dated, false);
    assert!(card.contains("\r\nBDAY:1990-05-01\r\n"));
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let line = format!("NOTE:{}", "é".repeat(100));
    let folded = fold(&line);
    let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
    assert!(physical.len() > 2);
    assert!(physical.iter().all(|l| l.len() <= 75));
    assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
    let unfolded: String = physical
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                *l
            } else {
                l.strip_prefix(' ').unwrap_or(l)
            }
        })
        .collect();
    assert_eq!(unfolded, line);
    assert_eq!(fold("short"), "short\r\n");
}

#[test]
fn escape_sequences_from_the_server_never_reach_the_file() {
    let mut evil = john();
    evil.first_name = Some("Ana\x1b]52;c;aGk=\x07".into());
    let card = vcard(&evil, false);
    assert!(!card.contains('\x1b') && !card.contains('\x07'));
    let table = csv_table(&[evil], CsvCells::default()).unwrap();
    assert!(!table.contains('\x1b'));
}

#[test]
fn csv_has_the_api_header_and_joined_tags() {
    let table = csv_table(&[john()], CsvCells::default()).unwrap();
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_COLUMNS);
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "ABC12345");
    assert_eq!(&row[2], "Doe; Jr.");
    assert_eq!(&row[18], "Hot Lead;a,b");
}

#[test]
fn csv_cells_that_start_like_a_formula_are_neutralised_unless_raw_is_asked() {
    let mut mallory = john();
    mallory.first_name = Some("=HYPERLINK(\"http://evil\",\"x\")".into());
    mallory.last_name = Some("@SUM(A1)".into());
    mallory.business_name = Some("-2+3".into());
    mallory.city = Some("\tTab".into());
    mallory.state = Some("São Paulo".into());
    let row = |table: String| {
        let mut reader = csv::Reader::from_reader(std::io::Cursor::new(table.into_bytes()));
        reader.records().next().and_then(Result::ok).unwrap()
    };
    let safe = row(csv_table(std::slice::from_ref(&mallory), CsvCells::default()).unwrap());
    assert_eq!(&safe[1], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(&safe[2], "'@SUM(A1)");
    assert_eq!(&safe[4], "'+15551234567");
    assert_eq!(&safe[5], "'-2+3");
    assert_eq!(&safe[8], "'\tTab");
    assert_eq!(&safe[9], "São Paulo");
    let raw = row(csv_table(&[mallory], CsvCells::Raw).unwrap());
    assert_eq!(&raw[1], "=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(&raw[4], "+15551234567");
    assert_eq!(without_formula_guard(&safe[1]), &raw[1]);
    assert_eq!(without_formula_guard("'quoted"), "'quoted");
    assert_eq!(neutralise_formula("'=already quoted"), "''=already quoted");
    assert_eq!(
        without_formula_guard("''=already quoted"),
        "'=already quoted"
    );
}

#[test]
fn file_names_are_safe_slugs() {
    assert_eq!(
        file_name(&john(), ExportFormat::VCard3),
        "john-doe-jr-ABC12345.vcf"
    );
    let odd = Contact {
        uid: "../X1".into(),
        first_name: Some("../..".into()),
        ..Contact::default()
    };
    assert_eq!(file_name(&odd, ExportFormat::Csv), "X1.csv");
    assert_eq!(
        file_name(&Contact::default(), ExportFormat::Json),
        "contact.json"
    );
}

/// The reader's side of [`escape`], to check that escaping loses nothing.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

proptest::proptest! {
    #[test]
    fn folding_keeps_every_octet_and_no_line_exceeds_75(text in "\\PC{0,300}") {
        let folded = fold(&text);
        proptest::prop_assert!(folded.split("\r\n").all(|line| line.len() <= 75));
        proptest::prop_assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), text);
    }

    #[test]
    fn escaping_leaves_no_bare_separator_and_reverses(text in "[a-z,;\\\\\n é]{0,60}") {
        let escaped = escape(&text);
        proptest::prop_assert!(!escaped.contains('\n'));
        let bare = escaped.replace("\\\\", "").replace("\\,", "").replace("\\;", "");
        proptest::prop_assert!(!bare.contains(',') && !bare.contains(';'));
        proptest::prop_assert_eq!(unescape(&escaped), text);
    }
}

#[test]
fn json_round_trips_and_formats_parse() {
    let text = json(&[john()]).unwrap();
    let back: Vec<Contact> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, vec![john()]);
    assert_eq!("VCARD".parse::<ExportFormat>(), Ok(ExportFormat::VCard3));
    assert_eq!("vcard4".parse::<ExportFormat>(), Ok(ExportFormat::VCard4));
    assert!("xml".parse::<ExportFormat>().is_err());
    assert_eq!(ExportFormat::Csv.to_string(), "csv");
}

#[test]
fn json_escapes_what_a_terminal_would_obey_and_stays_the_same_value() {
    let mut evil = john();
    evil.first_name = Some("Ana\u{9b}31m\u{202e}x\u{7f}".into());
    let text = json(std::slice::from_ref(&evil)).unwrap();
    assert!(text.contains(r"Ana\u009b31m\u202ex\u007f"), "{text}");
    assert!(
        text.chars()
            .all(|c| c == '\n' || !crate::text::is_unsafe(c))
    );
    let back: Vec<Contact> = serde_json::from_str(&text).unwrap();
    assert_eq!(back, vec![evil]);
}

#[test]
fn save_writes_a_private_file_named_after_the_contact() {
    let dir = tempfile::tempdir().unwrap();
    let path = save(&john(), ExportFormat::VCard4, dir.path()).unwrap();
    assert_eq!(path, dir.path().join("john-doe-jr-ABC12345.vcf"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
