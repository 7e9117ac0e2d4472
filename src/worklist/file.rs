//! Reading a worklist file: one uid, email or phone per line (blank lines and `#` comments
//! ignored; a BOM, CRLF or lone CR line ends and surrounding spaces tolerated), or a CSV whose
//! header names a `uid`, `email` or `phone` column, matched as `genius import` matches columns.
//! Every line that names something becomes a lead that keeps its line number and text; a line that
//! is not an identifier is a lead "not recognised" with the reason, never dropped.
#![deny(clippy::indexing_slicing)]

use std::collections::HashMap;
use std::path::Path;

use crate::api::{Identifier, Region};
use crate::scripting::bulk::columns::{self, Field, Record};

use super::LeadKey;

/// The largest worklist file read: far beyond any list a person works, small enough to hold.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One line of the list: what it names, where it is, what it said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// The line of the file it is on (1 is the first; a CSV record's first line).
    pub line: u64,
    /// The identifier as written (the line, or the CSV cell), trimmed.
    pub raw: String,
    /// What the lead names, or why it names nothing.
    pub target: LeadTarget,
    /// A name the CSV gives for the lead (its name, first and last name or business columns),
    /// shown before the contact is fetched.
    pub name_hint: Option<String>,
    /// The index of an earlier lead naming the same contact, when this one repeats it.
    pub duplicate_of: Option<usize>,
    /// How the lead's progress is filed (survives edits of the file that move it).
    pub key: LeadKey,
}

/// What a lead names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadTarget {
    /// A uid, email or phone to look up.
    Contact(Identifier),
    /// Nothing genius can look up, and why.
    NotRecognised(String),
}

/// Which shape the file had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileShape {
    /// One identifier per line.
    Lines,
    /// A CSV: the header's columns used, as written.
    Csv { columns: Vec<String> },
}

/// A worklist file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorklistFile {
    pub leads: Vec<Lead>,
    pub shape: FileShape,
    /// A fingerprint of the file's bytes, to notice an edit between two sessions.
    pub content_hash: String,
}

/// Why a file cannot be a worklist at all (a bad line only makes a lead "not recognised").
#[derive(Debug, thiserror::Error)]
pub enum WorklistFileError {
    #[error("cannot read the worklist {path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("the worklist {path} is {size} bytes; a worklist is at most 32 MiB")]
    TooLarge { path: String, size: u64 },
    #[error(
        "the list holds no uid, email or phone: only blank lines and # comments (one uid, email or phone per line, or a CSV with a uid, email or phone column)"
    )]
    Empty,
    #[error(
        "the CSV header names no uid, email or phone column (its columns: {columns}); rename the column that holds them"
    )]
    NoIdentifierColumn { columns: String },
}

impl WorklistFile {
    /// Reads and parses the file at `path`. Phones in national format are read in `region`.
    pub fn read(path: &Path, region: Option<Region>) -> Result<WorklistFile, WorklistFileError> {
        let shown = path.display().to_string();
        let unreadable = |source| WorklistFileError::Unreadable {
            path: shown.clone(),
            source,
        };
        let size = std::fs::metadata(path).map_err(unreadable)?.len();
        if size > MAX_FILE_BYTES {
            return Err(WorklistFileError::TooLarge { path: shown, size });
        }
        let bytes = std::fs::read(path).map_err(unreadable)?;
        WorklistFile::parse(&bytes, region)
    }

    /// Parses a worklist from the file's bytes.
    pub fn parse(bytes: &[u8], region: Option<Region>) -> Result<WorklistFile, WorklistFileError> {
        let content_hash = content_hash(bytes);
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let lines = split_lines(bytes);
        let first = lines
            .iter()
            .position(|line| !is_blank_or_comment(line.text));
        let Some(first) = first else {
            return Err(WorklistFileError::Empty);
        };
        let header = lines.get(first).map(|line| line.text).unwrap_or_default();
        let (mut leads, shape) = match csv_header(header)? {
            Some(columns) => {
                let start = lines.get(first).map_or(0, |line| line.start);
                let offset = lines.get(first).map_or(0, |line| line.number - 1);
                let body = bytes.get(start..).unwrap_or_default();
                (csv_leads(body, offset, region), FileShape::Csv { columns })
            }
            None => (line_leads(&lines, region), FileShape::Lines),
        };
        if leads.is_empty() {
            return Err(WorklistFileError::Empty);
        }
        mark_duplicates(&mut leads);
        Ok(WorklistFile {
            leads,
            shape,
            content_hash,
        })
    }
}

/// One line of the file: its number, where it starts, and its bytes without the line end.
struct Line<'a> {
    number: u64,
    start: usize,
    text: &'a [u8],
}

/// Splits at `\n`, `\r\n` or a lone `\r`, keeping each line's number and offset.
fn split_lines(bytes: &[u8]) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes.get(index) {
            Some(b'\n') | Some(b'\r') => {
                let text = bytes.get(start..index).unwrap_or_default();
                let crlf = bytes.get(index) == Some(&b'\r') && bytes.get(index + 1) == Some(&b'\n');
                lines.push(Line {
                    number: lines.len() as u64 + 1,
                    start,
                    text,
                });
                index += if crlf { 2 } else { 1 };
                start = index;
            }
            _ => index += 1,
        }
    }
    if start < bytes.len() {
        lines.push(Line {
            number: lines.len() as u64 + 1,
            start,
            text: bytes.get(start..).unwrap_or_default(),
        });
    }
    lines
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    let trimmed = text.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

/// The columns of a CSV header line, when the line is one: split by the delimiter it uses most,
/// it names a column genius knows. `Err` when it is a header (two or more cells, one a known
/// column) without a uid, email or phone column.
fn csv_header(line: &[u8]) -> Result<Option<Vec<String>>, WorklistFileError> {
    let delimiter = columns::sniff_delimiter(line);
    let text = String::from_utf8_lossy(line);
    let cells: Vec<String> = text
        .split(char::from(delimiter))
        .map(|cell| cell.trim().trim_matches('"').trim().to_string())
        .collect();
    let fields: Vec<Field> = cells.iter().filter_map(|c| columns::field_of(c)).collect();
    let identifies = |f: &Field| matches!(f, Field::Uid | Field::Email | Field::Phone);
    if fields.iter().any(identifies) {
        let used = cells
            .iter()
            .filter(|cell| columns::field_of(cell).is_some_and(|f| identifies(&f)))
            .cloned()
            .collect();
        return Ok(Some(used));
    }
    if cells.len() >= 2 && !fields.is_empty() {
        return Err(WorklistFileError::NoIdentifierColumn {
            columns: cells.join(", "),
        });
    }
    Ok(None)
}

fn line_leads(lines: &[Line<'_>], region: Option<Region>) -> Vec<Lead> {
    lines
        .iter()
        .filter(|line| !is_blank_or_comment(line.text))
        .map(|line| {
            let Ok(text) = std::str::from_utf8(line.text) else {
                let raw = String::from_utf8_lossy(line.text).trim().to_string();
                return not_recognised(line.number, raw, NOT_UTF8.to_string());
            };
            let raw = without_trailing_comment(text).trim().to_string();
            let target = match Identifier::parse_with_region(&raw, region) {
                Ok(identifier) => LeadTarget::Contact(identifier),
                Err(error) => LeadTarget::NotRecognised(error.to_string()),
            };
            lead(line.number, raw, target, None)
        })
        .collect()
}

const NOT_UTF8: &str = "not UTF-8 text (save the file as UTF-8)";

/// `ABC12345   # called twice` names ABC12345: a `#` after a space starts a comment.
fn without_trailing_comment(text: &str) -> &str {
    let mut previous_blank = false;
    for (index, c) in text.char_indices() {
        if c == '#' && previous_blank {
            return text.get(..index).unwrap_or(text);
        }
        previous_blank = c.is_whitespace();
    }
    text
}

fn csv_leads(body: &[u8], line_offset: u64, region: Option<Region>) -> Vec<Lead> {
    // The CSV reader counts lines by line feeds and, after a CRLF, dates a record from the line
    // before; with every line end made a line feed its lines are the ones a plain list counts.
    let body = with_line_feeds(body);
    let Ok(table) = columns::read_table(&body) else {
        return Vec::new();
    };
    table
        .records
        .iter()
        .filter(|record| !is_comment_record(record))
        .map(|record| {
            let line = record.line + line_offset;
            if let Some(problem) = &record.unreadable {
                let raw = record.cells.join(",").trim().to_string();
                return not_recognised(line, raw, problem.clone());
            }
            let cell = |field| table.columns.get(record, field);
            let name_hint = name_hint(&cell);
            let chosen = [Field::Uid, Field::Email, Field::Phone]
                .into_iter()
                .find_map(|field| cell(field).map(|text| (field, text)));
            let Some((field, text)) = chosen else {
                let raw = record.cells.join(",").trim().to_string();
                let reason = "this row has no uid, email or phone".to_string();
                return Lead {
                    name_hint,
                    ..not_recognised(line, raw, reason)
                };
            };
            lead(
                line,
                text.to_string(),
                cell_target(field, text, region),
                name_hint,
            )
        })
        .collect()
}

/// The bytes with CRLF and lone CR line ends turned into LF (inside quoted cells too, where only
/// a name hint could hold one).
fn with_line_feeds(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut previous_cr = false;
    for &byte in bytes {
        match byte {
            b'\r' => out.push(b'\n'),
            b'\n' if previous_cr => {}
            other => out.push(other),
        }
        previous_cr = byte == b'\r';
    }
    out
}

/// A CSV row whose first cell starts with `#` is a comment, as in a plain list.
fn is_comment_record(record: &Record) -> bool {
    record
        .cells
        .first()
        .is_some_and(|cell| cell.trim_start().starts_with('#'))
}

/// What a cell of the uid, email or phone column names: that kind of identifier, or nothing.
fn cell_target(field: Field, text: &str, region: Option<Region>) -> LeadTarget {
    let parsed = Identifier::parse_with_region(text, region);
    let expected = match field {
        Field::Uid => "a uid is 8 letters or digits",
        Field::Email => "an email contains @",
        _ => "a phone is digits with + ( ) - . or spaces",
    };
    match (field, parsed) {
        (Field::Uid, Ok(id @ Identifier::Uid(_)))
        | (Field::Email, Ok(id @ Identifier::Email(_)))
        | (Field::Phone, Ok(id @ Identifier::Phone(_))) => LeadTarget::Contact(id),
        _ => LeadTarget::NotRecognised(format!("not recognised: {expected}")),
    }
}

fn name_hint<'r>(cell: &dyn Fn(Field) -> Option<&'r str>) -> Option<String> {
    let full = cell(Field::Name).map(str::to_string).or_else(|| {
        let parts: Vec<&str> = [Field::FirstName, Field::LastName]
            .into_iter()
            .filter_map(cell)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    full.or_else(|| cell(Field::BusinessName).map(str::to_string))
}

fn lead(line: u64, raw: String, target: LeadTarget, name_hint: Option<String>) -> Lead {
    let key = LeadKey::for_target(&target, &raw);
    Lead {
        line,
        raw,
        target,
        name_hint,
        duplicate_of: None,
        key,
    }
}

fn not_recognised(line: u64, raw: String, reason: String) -> Lead {
    lead(line, raw, LeadTarget::NotRecognised(reason), None)
}

/// Numbers repeated identities (`occurrence`) and points each repeat at the first lead.
fn mark_duplicates(leads: &mut [Lead]) {
    let mut first_seen: HashMap<String, (usize, u32)> = HashMap::new();
    for (index, lead) in leads.iter_mut().enumerate() {
        let entry = first_seen
            .entry(lead.key.identity.clone())
            .or_insert((index, 0));
        if entry.0 != index {
            entry.1 += 1;
            lead.key.occurrence = entry.1;
            if matches!(lead.target, LeadTarget::Contact(_)) {
                lead.duplicate_of = Some(entry.0);
            }
        }
    }
}

/// FNV-1a over the bytes, in hex: stable across builds and platforms, which `std`'s hasher is not
/// promised to be; collisions only cost a "the file changed" note.
fn content_hash(bytes: &[u8]) -> String {
    use std::hash::Hasher;
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(bytes);
    format!("{:016x}", hasher.finish())
}
