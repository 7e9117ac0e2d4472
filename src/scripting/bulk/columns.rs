//! Reading a bulk CSV file: the delimiter is sniffed from the header (`,`, `;` or tab — spreadsheets
//! in Brazil save with `;`), header names map to API fields case-, space- and punctuation-insensitively
//! ("First Name", "first_name" and "firstName" are one column), and every record keeps the line number
//! it starts on, for rejects and the journal.
#![deny(clippy::indexing_slicing)]

use std::collections::HashMap;

/// A column genius understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Uid,
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    BusinessName,
    Birthday,
    Address,
    City,
    State,
    Zipcode,
    TimeZone,
    Value,
    Stage,
    Quality,
    Owner,
    Snapshot,
    Note,
    Tags,
}

/// The extra columns of a rejects file; reading a fixed rejects file back ignores them silently.
pub const REJECT_LINE_COLUMN: &str = "rejected line";
/// See [`REJECT_LINE_COLUMN`].
pub const REJECT_REASON_COLUMN: &str = "rejected reason";

/// The field a header names, if any.
pub fn field_of(header: &str) -> Option<Field> {
    let key = normalise(header);
    let field = match key.as_str() {
        "uid" | "id" | "contactuid" => Field::Uid,
        "name" | "fullname" | "contactname" => Field::Name,
        "firstname" | "first" | "givenname" => Field::FirstName,
        "lastname" | "last" | "surname" | "familyname" => Field::LastName,
        "email" | "emailaddress" | "mail" => Field::Email,
        "phone" | "phonenumber" | "mobile" | "telephone" | "tel" | "cell" | "cellphone" => {
            Field::Phone
        }
        "businessname" | "business" | "company" | "companyname" | "organization"
        | "organisation" | "org" => Field::BusinessName,
        "birthday" | "birthdate" | "dateofbirth" | "dob" => Field::Birthday,
        "address" | "street" | "streetaddress" => Field::Address,
        "city" | "town" => Field::City,
        "state" | "province" | "region" => Field::State,
        "zipcode" | "zip" | "postalcode" | "postcode" | "cep" => Field::Zipcode,
        "timezone" | "tz" => Field::TimeZone,
        "value" | "dealvalue" | "amount" => Field::Value,
        "stage" | "stagename" => Field::Stage,
        "quality" | "qualityname" => Field::Quality,
        "owner" | "owneremail" => Field::Owner,
        "snapshot" | "summary" => Field::Snapshot,
        "note" | "notes" => Field::Note,
        "tags" | "tag" => Field::Tags,
        _ => return None,
    };
    Some(field)
}

/// Lower case, without spaces, underscores, hyphens or dots.
fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which field each column feeds, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    /// The header row as it was written.
    pub headers: Vec<String>,
    /// Column index of each field found.
    pub columns: HashMap<Field, usize>,
    /// Columns that name no field (reported to the user).
    pub unknown: Vec<String>,
    /// Columns that name a field an earlier column already names (the first one wins).
    pub duplicates: Vec<String>,
}

impl ColumnMap {
    /// Maps a header row.
    pub fn new(headers: Vec<String>) -> ColumnMap {
        let mut map = ColumnMap::default();
        for (index, header) in headers.iter().enumerate() {
            let quiet = [REJECT_LINE_COLUMN, REJECT_REASON_COLUMN]
                .iter()
                .any(|c| normalise(c) == normalise(header));
            match field_of(header) {
                Some(field) if map.columns.contains_key(&field) => {
                    map.duplicates.push(header.clone())
                }
                Some(field) => {
                    map.columns.insert(field, index);
                }
                None if quiet || header.trim().is_empty() => {}
                None => map.unknown.push(header.clone()),
            }
        }
        map.headers = headers;
        map
    }

    /// The trimmed cell of `field` in a record; `None` when the column is absent or the cell empty.
    /// The `'` a CSV export puts before a formula-like cell (`'+55 11 …`) is taken off.
    pub fn get<'r>(&self, record: &'r Record, field: Field) -> Option<&'r str> {
        let index = *self.columns.get(&field)?;
        record
            .cells
            .get(index)
            .map(|cell| crate::export::without_formula_guard(cell).trim())
            .filter(|cell| !cell.is_empty())
    }
}

/// One data record of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line of the file the record starts on (the header is line 1).
    pub line: u64,
    /// The cells as written.
    pub cells: Vec<String>,
    /// Why the record could not be read (not UTF-8, say); such a record is rejected.
    pub unreadable: Option<String>,
}

/// A whole file: its columns and records.
#[derive(Debug, Clone)]
pub struct Table {
    pub columns: ColumnMap,
    pub records: Vec<Record>,
    pub delimiter: u8,
}

/// The delimiter the header line uses most: `,`, `;` or tab.
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let header = text.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (count(*d), *d == b','))
        .unwrap_or(b',')
}

/// Parses a CSV file's bytes. Fails only when there is no header row at all.
pub fn read_table(bytes: &[u8]) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let delimiter = sniff_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = Vec::new();
    let mut headers: Option<Vec<String>> = None;
    let mut raw = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut raw) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                records.push(Record {
                    line,
                    cells: Vec::new(),
                    unreadable: Some(format!("not valid CSV: {error}")),
                });
                continue;
            }
        }
        let line = raw.position().map_or(line, csv::Position::line);
        let decoded: Result<Vec<String>, _> = raw
            .iter()
            .map(|cell| String::from_utf8(cell.to_vec()))
            .collect();
        let (cells, unreadable) = match decoded {
            Ok(cells) => (cells, None),
            Err(_) => (
                raw.iter()
                    .map(|c| String::from_utf8_lossy(c).into_owned())
                    .collect(),
                Some("not UTF-8 text (save the file as CSV UTF-8)".to_string()),
            ),
        };
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if unreadable.is_none() && cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        records.push(Record {
            line,
            cells,
            unreadable,
        });
    }
    let headers = headers.ok_or("the file is empty: it needs a header row naming the columns")?;
    Ok(Table {
        columns: ColumnMap::new(headers),
        records,
        delimiter,
    })
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)] // tests index the fixtures they built
mod tests {
    use super::*;

    #[test]
    fn headers_map_whatever_their_case_and_spacing() {
        let map = ColumnMap::new(
            [
                "First Name",
                "LAST_NAME",
                "e-mail",
                "Company",
                "Favourite colour",
                "email",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(map.columns[&Field::FirstName], 0);
        assert_eq!(map.columns[&Field::LastName], 1);
        assert_eq!(map.columns[&Field::Email], 2);
        assert_eq!(map.columns[&Field::BusinessName], 3);
        assert_eq!(map.unknown, vec!["Favourite colour".to_string()]);
        assert_eq!(map.duplicates, vec!["email".to_string()]);
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let text = "\u{feff}name;email;note\nAna;a@x.io;\"two\nlines\"\n\n;;\nBia;b@x.io;ok\n";
        let table = read_table(text.as_bytes()).unwrap();
        assert_eq!(table.delimiter, b';');
        let lines: Vec<u64> = table.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 6]);
        assert_eq!(
            table.columns.get(&table.records[0], Field::Note),
            Some("two\nlines")
        );
        assert!(read_table(b"").is_err());
    }

    #[test]
    fn bad_utf8_is_reported_on_its_line() {
        let mut bytes = b"name,email\nAna,a@x.io\n".to_vec();
        bytes.extend_from_slice(b"Jo\xe3o,j@x.io\n");
        let table = read_table(&bytes).unwrap();
        assert_eq!(table.records[1].line, 3);
        assert!(table.records[1].unreadable.is_some());
    }
}
