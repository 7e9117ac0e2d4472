//! The rejects file: the rows that could not go in, as they were written, after two columns saying
//! on which line of the input each was and why — ready to be fixed and imported or applied again
//! (`genius` ignores the two extra columns when reading it back).

use std::path::Path;

use super::columns::{REJECT_LINE_COLUMN, REJECT_REASON_COLUMN, Table};

/// Writes the rejected rows (by line, with their reasons); with none, removes a stale rejects file.
pub fn write(path: &Path, table: &Table, rejected: &[(u64, String)]) -> Result<(), String> {
    let shown = path.display();
    if rejected.is_empty() {
        return match std::fs::remove_file(path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(format!(
                "cannot remove the old rejects file {shown}: {error}"
            )),
            _ => Ok(()),
        };
    }
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .delimiter(table.delimiter)
        .from_writer(Vec::new());
    let fail = |error: csv::Error| format!("cannot write the rejects file {shown}: {error}");
    let mut header = vec![
        REJECT_LINE_COLUMN.to_string(),
        REJECT_REASON_COLUMN.to_string(),
    ];
    header.extend(table.columns.headers.iter().cloned());
    writer.write_record(&header).map_err(fail)?;
    for (line, reason) in rejected {
        let mut row = vec![line.to_string(), reason.clone()];
        if let Some(record) = table.records.iter().find(|r| r.line == *line) {
            row.extend(record.cells.iter().cloned());
        }
        writer.write_record(&row).map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| format!("cannot write the rejects file {shown}: {error}"))?;
    crate::paths::write_private_file(path, &bytes)
        .map_err(|error| format!("cannot write the rejects file {shown}: {error}"))
}

/// Tells stderr about the first few rejects, each with its line and reason.
pub fn report(rejected: &[(u64, String)], path: &Path) -> Vec<String> {
    const SHOWN: usize = 20;
    let mut lines: Vec<String> = rejected
        .iter()
        .take(SHOWN)
        .map(|(line, reason)| format!("line {line}: {reason}"))
        .collect();
    if rejected.len() > SHOWN {
        lines.push(format!("… and {} more", rejected.len() - SHOWN));
    }
    if !rejected.is_empty() {
        lines.push(format!("rejected rows are in {}", path.display()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::columns::{ColumnMap, Field, read_table};
    use super::*;

    #[test]
    fn rejects_keep_the_row_and_read_back_without_the_extra_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leads.rejects.csv");
        let table = read_table(b"name,email\nAna,a@x.io\n,b@x.io\n").unwrap();
        write(&path, &table, &[(3, "no name".into())]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "rejected line,rejected reason,name,email\n3,no name,,b@x.io\n"
        );
        let back = read_table(text.as_bytes()).unwrap();
        let map: &ColumnMap = &back.columns;
        assert!(map.unknown.is_empty());
        assert_eq!(map.get(&back.records[0], Field::Email), Some("b@x.io"));
        write(&path, &table, &[]).unwrap();
        assert!(!path.exists());
    }
}
