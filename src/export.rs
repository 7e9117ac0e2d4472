//! Contacts out of genius and into other tools: vCard 3.0 (RFC 2426, the default, what most address
//! books import best), vCard 4.0 (RFC 6350), JSON (the API's own field names) and CSV (one row per
//! contact, with a header `genius import` reads back). Used by `genius export` and the TUI's `x` key.
//!
//! Server text is untrusted: control characters other than line breaks and tabs are dropped before they
//! reach a file, and vCard values are escaped and folded so no value can break the card's structure.
//! A CSV cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is
//! written with a leading `'`, as OWASP recommends, unless raw cells are asked for; `genius import`
//! takes the `'` off again.
#![deny(clippy::indexing_slicing)]

use std::fmt;
use std::str::FromStr;

use crate::api::Contact;

/// The file formats a contact can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ExportFormat {
    /// vCard 3.0 (RFC 2426).
    #[default]
    VCard3,
    /// vCard 4.0 (RFC 6350).
    VCard4,
    /// The API's JSON field names; an array of contacts.
    Json,
    /// A header row and one row per contact.
    Csv,
}

impl ExportFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::VCard3 | ExportFormat::VCard4 => "vcf",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
        }
    }

    /// Every format and the name it is chosen by, for help texts and pickers.
    pub const ALL: [(ExportFormat, &'static str); 4] = [
        (ExportFormat::VCard3, "vcard"),
        (ExportFormat::VCard4, "vcard4"),
        (ExportFormat::Json, "json"),
        (ExportFormat::Csv, "csv"),
    ];
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = ExportFormat::ALL
            .iter()
            .find(|(format, _)| format == self)
            .map_or("vcard", |(_, name)| name);
        f.write_str(name)
    }
}

/// A format name that is not one of `vcard`, `vcard3`, `vcard4`, `json` or `csv`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: use vcard (3.0), vcard4, json or csv")]
pub struct UnknownFormat(pub String);

impl FromStr for ExportFormat {
    type Err = UnknownFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim().to_ascii_lowercase().as_str() {
            "vcard" | "vcard3" | "vcf" => Ok(ExportFormat::VCard3),
            "vcard4" => Ok(ExportFormat::VCard4),
            "json" => Ok(ExportFormat::Json),
            "csv" => Ok(ExportFormat::Csv),
            _ => Err(UnknownFormat(name.to_string())),
        }
    }
}

/// Why an export could not be produced (only the CSV and JSON writers can fail, and only on I/O).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not write the file: {0}")]
    Io(#[from] std::io::Error),
}

/// How CSV cells that a spreadsheet would take for a formula are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvCells {
    /// With a leading `'`, so `=HYPERLINK(…)` in a contact's name stays text (the default).
    #[default]
    FormulasNeutralised,
    /// Exactly as the server holds them, for tools that read values, not formulas.
    Raw,
}

/// The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet will show it as text: a `'` in front when it starts like a formula.
/// A cell that already starts with `'`s before such a character gets one more, so reading the
/// export back ([`without_formula_guard`]) gives exactly the value.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cell without the `'` that [`neutralise_formula`] put in front of it, for reading an export
/// back; any other cell as it is.
pub fn without_formula_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS) => rest,
        _ => cell,
    }
}

/// Renders contacts in a format: several vCards one after the other, a JSON array, or a CSV table
/// (formula-like cells neutralised).
pub fn export(contacts: &[Contact], format: ExportFormat) -> Result<String, ExportError> {
    export_with(contacts, format, CsvCells::default())
}

/// [`export`], choosing how CSV cells that look like formulas are written.
pub fn export_with(
    contacts: &[Contact],
    format: ExportFormat,
    cells: CsvCells,
) -> Result<String, ExportError> {
    match format {
        ExportFormat::VCard3 | ExportFormat::VCard4 => Ok(contacts
            .iter()
            .map(|contact| vcard(contact, format == ExportFormat::VCard4))
            .collect()),
        ExportFormat::Json => json(contacts),
        ExportFormat::Csv => csv_table(contacts, cells),
    }
}

/// Writes one contact's export into `dir` as [`file_name`] says, privately (mode 0600, atomically),
/// and returns the path: what the TUI's export key does.
pub fn save(
    contact: &Contact,
    format: ExportFormat,
    dir: &std::path::Path,
) -> Result<std::path::PathBuf, ExportError> {
    let path = dir.join(file_name(contact, format));
    let text = export(std::slice::from_ref(contact), format)?;
    crate::paths::write_private_file(&path, text.as_bytes())?;
    Ok(path)
}

/// A file name for one contact's export: "john-doe-ABC12345.vcf" (letters and digits of the name,
/// lower case; never a path separator, a dot file or an empty stem).
pub fn file_name(contact: &Contact, format: ExportFormat) -> String {
    let mut slug = String::new();
    for c in contact.display_name().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let uid: String = contact
        .uid
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let stem = [slug.trim_end_matches('-'), uid.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() {
        "contact".to_string()
    } else {
        stem
    };
    format!("{stem}.{}", format.extension())
}

/// One contact as a vCard 3.0 (`version4 == false`) or 4.0, CRLF line endings, folded at 75 octets.
pub fn vcard(contact: &Contact, version4: bool) -> String {
    let text = |value: &Option<String>| value.as_deref().map(clean).filter(|v| !v.is_empty());
    let mut lines: Vec<String> = vec![
        "BEGIN:VCARD".into(),
        format!("VERSION:{}", if version4 { "4.0" } else { "3.0" }),
    ];
    lines.push(format!("FN:{}", escape(&clean(&contact.display_name()))));
    let family = text(&contact.last_name).unwrap_or_default();
    let given = text(&contact.first_name).unwrap_or_default();
    lines.push(format!("N:{};{};;;", escape(&family), escape(&given)));
    if !contact.uid.is_empty() {
        let uid = escape(&clean(&contact.uid));
        lines.push(if version4 {
            format!("UID;VALUE=text:{uid}")
        } else {
            format!("UID:{uid}")
        });
    }
    if let Some(org) = text(&contact.business_name) {
        lines.push(format!("ORG:{}", escape(&org)));
    }
    if let Some(email) = text(&contact.email) {
        let kind = if version4 { "" } else { ";TYPE=INTERNET" };
        lines.push(format!("EMAIL{kind}:{}", escape(&email)));
    }
    if let Some(phone) = text(&contact.phone) {
        lines.push(format!("TEL;TYPE=CELL:{}", escape(&phone)));
    }
    let address = [
        &contact.address,
        &contact.city,
        &contact.state,
        &contact.zipcode,
    ];
    if address.iter().any(|part| text(part).is_some()) {
        let [street, city, region, code] =
            address.map(|part| escape(&text(part).unwrap_or_default()));
        lines.push(format!("ADR;TYPE=WORK:;;{street};{city};{region};{code};"));
    }
    if let Some(birthday) = text(&contact.birthday) {
        lines.push(format!("BDAY:{}", escape(&vcard_date(&birthday, version4))));
    }
    if let Some(zone) = text(&contact.time_zone) {
        lines.push(format!("TZ;VALUE=text:{}", escape(&zone)));
    }
    let tags: Vec<String> = contact.tags.iter().map(|t| escape(&clean(t))).collect();
    if !tags.is_empty() {
        lines.push(format!("CATEGORIES:{}", tags.join(",")));
    }
    if let Some(notes) = text(&contact.notes) {
        lines.push(format!("NOTE:{}", escape(&notes)));
    }
    let extensions = [
        ("X-GENIUS-STAGE", &contact.stage_name),
        ("X-GENIUS-QUALITY", &contact.quality_name),
        ("X-GENIUS-VALUE", &contact.value),
        ("X-GENIUS-OWNER", &contact.owner_email),
        ("X-GENIUS-SNAPSHOT", &contact.snapshot),
    ];
    for (name, value) in extensions {
        if let Some(value) = text(value) {
            lines.push(format!("{name}:{}", escape(&value)));
        }
    }
    if let Some(revised) = text(&contact.last_update) {
        lines.push(format!(
            "REV:{}",
            escape(&vcard_timestamp(&revised, version4))
        ));
    }
    lines.push("END:VCARD".into());
    lines.iter().map(|line| fold(line)).collect()
}

/// A `YYYY-MM-DD` date as vCard 4.0 wants it (`YYYYMMDD`, RFC 6350 §4.3.1); 3.0 takes it as it is.
/// Anything that is not such a date is passed on unchanged.
fn vcard_date(date: &str, version4: bool) -> String {
    match chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(day) if version4 => day.format("%Y%m%d").to_string(),
        _ => date.to_string(),
    }
}

/// An RFC 3339 timestamp as vCard 4.0 wants it (`YYYYMMDDTHHMMSSZ`, in UTC); 3.0 takes it as it is.
fn vcard_timestamp(timestamp: &str, version4: bool) -> String {
    match chrono::DateTime::parse_from_rfc3339(timestamp.trim()) {
        Ok(at) if version4 => at
            .with_timezone(&chrono::Utc)
            .format("%Y%m%dT%H%M%SZ")
            .to_string(),
        _ => timestamp.to_string(),
    }
}

/// Escapes a vCard text value: backslash, comma, semicolon and line breaks (RFC 2426 §4, RFC 6350 §3.4).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// Folds one content line into chunks of at most 75 octets, continuation lines starting with a space,
/// never splitting a UTF-8 character; each physical line ends with CRLF.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Drops control characters other than line breaks and tabs (server text is untrusted). The
/// Unicode line and paragraph separators are text in a file, and stay.
fn clean(value: &str) -> String {
    value
        .chars()
        .filter(|c| {
            matches!(c, '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}') || !crate::text::is_unsafe(*c)
        })
        .collect()
}

/// Contacts as a pretty JSON array with the API's field names.
pub fn json(contacts: &[Contact]) -> Result<String, ExportError> {
    let mut text = json_for_terminal(&serde_json::to_string_pretty(contacts)?);
    text.push('\n');
    Ok(text)
}

/// Serialized JSON with the characters serde_json leaves raw but a terminal may act on (C1 controls,
/// DEL, bidi overrides) written as `\uXXXX` escapes: the same JSON value, safe to print. They can
/// only occur inside strings, where such an escape means exactly the character.
pub fn json_for_terminal(serialized: &str) -> String {
    let mut out = String::with_capacity(serialized.len());
    for c in serialized.chars() {
        // Raw C0 characters here are the layout's own newlines: serde_json escapes those in strings.
        if u32::from(c) >= 0x7f && crate::text::is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The columns of the CSV export, named as the API names them (so `genius import` maps them back).
pub const CSV_COLUMNS: [&str; 22] = [
    "uid",
    "firstName",
    "lastName",
    "email",
    "phone",
    "businessName",
    "birthday",
    "address",
    "city",
    "state",
    "zipcode",
    "timeZone",
    "value",
    "stageName",
    "qualityName",
    "ownerEmail",
    "ownerName",
    "snapshot",
    "tags",
    "notes",
    "created",
    "lastUpdate",
];

/// Contacts as CSV: the [`CSV_COLUMNS`] header, then one row per contact; tags joined with `;`.
pub fn csv_table(contacts: &[Contact], cells: CsvCells) -> Result<String, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_COLUMNS)?;
    for contact in contacts {
        let row = csv_row(contact);
        match cells {
            CsvCells::Raw => writer.write_record(&row)?,
            CsvCells::FormulasNeutralised => {
                writer.write_record(row.iter().map(|cell| neutralise_formula(cell).into_owned()))?
            }
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(csv::IntoInnerError::into_error)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One contact's cells, in [`CSV_COLUMNS`] order, control characters dropped.
fn csv_row(contact: &Contact) -> [String; 22] {
    let field = |value: &Option<String>| clean(value.as_deref().unwrap_or(""));
    let tags: Vec<String> = contact.tags.iter().map(|t| clean(t)).collect();
    [
        clean(&contact.uid),
        field(&contact.first_name),
        field(&contact.last_name),
        field(&contact.email),
        field(&contact.phone),
        field(&contact.business_name),
        field(&contact.birthday),
        field(&contact.address),
        field(&contact.city),
        field(&contact.state),
        field(&contact.zipcode),
        field(&contact.time_zone),
        field(&contact.value),
        field(&contact.stage_name),
        field(&contact.quality_name),
        field(&contact.owner_email),
        field(&contact.owner_name),
        field(&contact.snapshot),
        tags.join(";"),
        field(&contact.notes),
        field(&contact.created),
        field(&contact.last_update),
    ]
}

#[cfg(test)]
mod tests;
