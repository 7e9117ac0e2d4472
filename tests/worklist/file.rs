//! Reading a worklist file: plain lines (BOM, CRLF and lone CR, blanks, `#` comments, spaces), CSV
//! files whose header names a uid, email or phone column, lines that name nothing kept with their
//! reason, repeats said so, files that cannot be lists refused in words — and, as properties,
//! hostile bytes never panic, identifiers and line numbers survive any line ends and CSV quoting.

use genius::api::{Identifier, Region};
use genius::worklist::{FileShape, LeadTarget, WorklistFile, WorklistFileError};
use proptest::prelude::*;

use crate::hostile::{config, hostile_bytes, hostile_value};

fn br() -> Option<Region> {
    "BR".parse().ok()
}

fn parse(text: &str) -> WorklistFile {
    match WorklistFile::parse(text.as_bytes(), br()) {
        Ok(file) => file,
        Err(error) => panic!("{text:?} is not a worklist: {error}"),
    }
}

fn uid(text: &str) -> LeadTarget {
    LeadTarget::Contact(Identifier::Uid(text.into()))
}

/// (line, target) of every lead.
fn lines_and_targets(file: &WorklistFile) -> Vec<(u64, LeadTarget)> {
    file.leads
        .iter()
        .map(|l| (l.line, l.target.clone()))
        .collect()
}

#[test]
fn one_identifier_a_line_with_blanks_comments_and_any_line_end() {
    let text = "\u{feff}# leads from the fair\r\n\r\nabc12345\r\n  ana@example.com.br  \n(11) 98771-6038\r\
                \n\t# a comment\nXYZ98765   # called twice already\n+1 555 123 4567";
    let file = parse(text);
    assert_eq!(file.shape, FileShape::Lines);
    assert_eq!(
        lines_and_targets(&file),
        [
            (3, uid("ABC12345")),
            (
                4,
                LeadTarget::Contact(Identifier::Email("ana@example.com.br".into()))
            ),
            (
                5,
                LeadTarget::Contact(Identifier::Phone("+5511987716038".into()))
            ),
            (7, uid("XYZ98765")),
            (
                8,
                LeadTarget::Contact(Identifier::Phone("+15551234567".into()))
            ),
        ]
    );
    let raws: Vec<&str> = file.leads.iter().map(|l| l.raw.as_str()).collect();
    assert_eq!(
        raws,
        [
            "abc12345",
            "ana@example.com.br",
            "(11) 98771-6038",
            "XYZ98765",
            "+1 555 123 4567"
        ]
    );
    // Old Mac line ends count lines too.
    let cr = parse("# x\rABC12345\r\rbia@x.io\r");
    assert_eq!(
        lines_and_targets(&cr),
        [
            (2, uid("ABC12345")),
            (4, LeadTarget::Contact(Identifier::Email("bia@x.io".into())))
        ]
    );
}

#[test]
fn a_line_that_names_nothing_is_a_lead_with_its_reason() {
    let mut bytes = b"ABC12345\nConcei\xc3\xa7\xc3\xa3o Ara\xc3\xbajo\n".to_vec();
    bytes.extend_from_slice(b"Jo\xe3o\nXYZ98765\n");
    let file = WorklistFile::parse(&bytes, br()).expect("a worklist");
    assert_eq!(file.leads.len(), 4);
    let second = &file.leads[1];
    assert_eq!(second.line, 2);
    assert_eq!(second.raw, "Conceição Araújo");
    match &second.target {
        LeadTarget::NotRecognised(reason) => assert!(reason.contains("not a uid, email or phone")),
        other => panic!("{other:?}"),
    }
    match &file.leads[2].target {
        LeadTarget::NotRecognised(reason) => assert!(reason.contains("UTF-8"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(file.leads[3].target, uid("XYZ98765"));
}

#[test]
fn repeated_identifiers_are_kept_and_point_at_the_first() {
    let file =
        parse("ABC12345\nana@x.io\nabc12345\nANA@X.IO\n+55 11 98771-6038\n(11) 98771 6038\n");
    let repeats: Vec<Option<usize>> = file.leads.iter().map(|l| l.duplicate_of).collect();
    assert_eq!(repeats, [None, None, Some(0), Some(1), None, Some(4)]);
    assert_eq!(file.leads[2].key.identity, file.leads[0].key.identity);
    assert_eq!(file.leads[2].key.occurrence, 1);
    assert_ne!(file.leads[2].key, file.leads[0].key);
}

#[test]
fn a_csv_names_its_columns_as_import_does() {
    let text = "# exported from the CRM\n\
                Nome;E-Mail;Phone Number;First Name;Company\n\
                Ana;ana@x.io;;;\n\
                ;;(11) 98771-6038;Bia;Padaria\n\
                # skipped for now\n\
                Caio;;;;\"Souza; Filhos\"\n\
                \"Dora\nSegunda linha\";dora@x.io;;;\n\
                Eva;not-an-email;;;\n";
    let file = parse(text);
    assert_eq!(
        file.shape,
        FileShape::Csv {
            columns: vec!["E-Mail".into(), "Phone Number".into()]
        }
    );
    assert_eq!(
        lines_and_targets(&file)[..2],
        [
            (3, LeadTarget::Contact(Identifier::Email("ana@x.io".into()))),
            (
                4,
                LeadTarget::Contact(Identifier::Phone("+5511987716038".into()))
            ),
        ]
    );
    assert_eq!(file.leads[1].name_hint.as_deref(), Some("Bia"));
    assert_eq!(file.leads[2].line, 6);
    assert_eq!(file.leads[2].name_hint.as_deref(), Some("Souza; Filhos"));
    assert!(
        matches!(&file.leads[2].target, LeadTarget::NotRecognised(r) if r.contains("no uid, email or phone"))
    );
    assert_eq!(
        file.leads[3].line, 7,
        "a quoted cell spanning lines keeps its first line"
    );
    assert_eq!(file.leads[3].raw, "dora@x.io");
    assert!(
        matches!(&file.leads[4].target, LeadTarget::NotRecognised(r) if r.contains("an email contains @"))
    );
    assert_eq!(file.leads.len(), 5);
}

#[test]
fn a_uid_column_wins_over_email_and_phone_and_a_lone_header_is_a_column() {
    let file = parse("email,uid,phone\nana@x.io,abc12345,+5511987716038\nbia@x.io,,\n");
    assert_eq!(file.leads[0].target, uid("ABC12345"));
    assert_eq!(
        file.leads[1].target,
        LeadTarget::Contact(Identifier::Email("bia@x.io".into()))
    );
    let lone = parse("UID\r\nABC12345\r\nXYZ98765\r\n");
    assert!(matches!(lone.shape, FileShape::Csv { .. }));
    assert_eq!(
        lines_and_targets(&lone),
        [(2, uid("ABC12345")), (3, uid("XYZ98765"))]
    );
}

#[test]
fn files_that_cannot_be_lists_say_why() {
    let refused = |text: &str| WorklistFile::parse(text.as_bytes(), br()).expect_err(text);
    assert!(matches!(refused(""), WorklistFileError::Empty));
    assert!(matches!(
        refused("\u{feff}\n  \n# only comments\r\n"),
        WorklistFileError::Empty
    ));
    let no_column = refused("Name,Company,City\nAna,Acme,Recife\n");
    assert!(matches!(
        no_column,
        WorklistFileError::NoIdentifierColumn { .. }
    ));
    assert!(
        no_column.to_string().contains("Name, Company, City"),
        "{no_column}"
    );
    let header_only = refused("uid,name\n");
    assert!(matches!(header_only, WorklistFileError::Empty));

    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("missing.txt");
    let error = WorklistFile::read(&missing, br()).expect_err("no such file");
    assert!(error.to_string().contains("missing.txt"), "{error}");
    assert!(
        WorklistFile::read(dir.path(), br()).is_err(),
        "a directory is not a list"
    );
}

/// How a line may end.
fn line_end() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["\n", "\r\n", "\r"])
}

/// Spaces a spreadsheet or a paste may leave around a value.
fn padding() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", " ", "\t", "\u{A0}", "  \u{2009}"])
}

/// Line ends in `text`: LF, CR LF and a lone CR each count one.
fn line_ends(text: &str) -> u64 {
    (text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count()) as u64
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_bytes_are_a_list_or_a_reason(bytes in hostile_bytes()) {
        let line_count = bytes.iter().filter(|b| **b == b'\n' || **b == b'\r').count() as u64 + 1;
        match WorklistFile::parse(&bytes, br()) {
            Ok(file) => {
                prop_assert!(!file.leads.is_empty());
                for lead in &file.leads {
                    prop_assert!(lead.line >= 1 && lead.line <= line_count, "{:?}", lead);
                    if let Some(first) = lead.duplicate_of {
                        prop_assert!(first < file.leads.len());
                    }
                }
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn identifiers_keep_their_order_and_lines_whatever_surrounds_them(
        items in proptest::collection::vec(
            (0usize..4, "[A-Z0-9]{8}", hostile_value(), padding(), padding(), line_end()),
            1..20,
        ),
    ) {
        let mut text = String::new();
        let mut expected = Vec::new();
        for (kind, uid, noise, before, after, end) in &items {
            // A line's number is one more than the line ends before it, a CR then LF being one
            // (a line ending in CR followed by an empty one ending in LF merge, as in any editor).
            let line = 1 + line_ends(&text);
            match kind {
                0 => {
                    text.push_str(&format!("{before}{uid}{after}{end}"));
                    expected.push((line, uid.clone()));
                }
                1 => text.push_str(&format!("{before}{end}")),
                2 => text.push_str(&format!("{before}# {}{end}", noise.replace(['\n', '\r'], " "))),
                _ => {
                    text.push_str(&format!("{uid}  # {}{end}", noise.replace(['\n', '\r'], " ")));
                    expected.push((line, uid.clone()));
                }
            }
        }
        match WorklistFile::parse(text.as_bytes(), None) {
            Ok(file) => {
                let found: Vec<(u64, String)> = file
                    .leads
                    .iter()
                    .map(|l| match &l.target {
                        LeadTarget::Contact(Identifier::Uid(uid)) => (l.line, uid.clone()),
                        other => (l.line, format!("{other:?}")),
                    })
                    .collect();
                prop_assert_eq!(found, expected);
            }
            Err(WorklistFileError::Empty) => prop_assert!(expected.is_empty()),
            Err(other) => prop_assert!(false, "{}", other),
        }
    }

    #[test]
    fn csv_quoting_and_delimiters_do_not_move_a_lead(
        rows in proptest::collection::vec(("[A-Z0-9]{8}", hostile_value()), 1..12),
        delimiter in proptest::sample::select(vec![b',', b';', b'\t']),
        crlf in any::<bool>(),
    ) {
        let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        writer.write_record(["notes", "uid", "name"]).expect("header");
        let mut expected_lines = Vec::new();
        let mut line = 2u64;
        for (uid, note) in &rows {
            expected_lines.push(line);
            // A quoted cell spanning lines pushes the next record down.
            line += 1 + line_ends(note);
            writer.write_record([note.as_str(), uid.as_str(), "Ana"]).expect("row");
        }
        let bytes = writer.into_inner().expect("bytes");
        let file = WorklistFile::parse(&bytes, None).expect("a worklist");
        let uids: Vec<LeadTarget> = file.leads.iter().map(|l| l.target.clone()).collect();
        let expected: Vec<LeadTarget> = rows.iter().map(|(u, _)| uid(u)).collect();
        // A row whose notes cell starts with # is a comment, as a plain list's would be.
        let kept: Vec<usize> = (0..rows.len())
            .filter(|&i| !rows[i].1.trim_start().starts_with('#'))
            .collect();
        let expected: Vec<LeadTarget> = kept.iter().map(|&i| expected[i].clone()).collect();
        let expected_lines: Vec<u64> = kept.iter().map(|&i| expected_lines[i]).collect();
        if expected.is_empty() {
            return Ok(());
        }
        prop_assert_eq!(uids, expected);
        let lines: Vec<u64> = file.leads.iter().map(|l| l.line).collect();
        prop_assert_eq!(lines, expected_lines);
    }
}
