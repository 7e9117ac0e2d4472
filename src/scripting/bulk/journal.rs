//! The journal of a bulk run: an append-only text file, one line per event, each written and synced
//! to disk before the run goes on, so a run that is killed at any instant can be resumed exactly.
//!
//! ```text
//! # genius journal v1 import bytes=1234 fnv=9f3a…
//! 2<TAB>started
//! 2<TAB>created<TAB>ABC12345
//! 3<TAB>rejected<TAB>no email or phone (one of them is needed)
//! ```
//! A row is keyed by the line it starts on. Before a write that must not happen twice (a create, a note)
//! its row is marked `started`; a row still `started` (or `uncertain`, after a timeout) when a run
//! resumes may have been applied, so it is looked up before it is sent again.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The last thing recorded for a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowState {
    /// A write was about to be sent; it may or may not have been applied.
    Started,
    /// A write timed out or broke off: it may or may not have been applied.
    Uncertain,
    /// The row is done: created, updated, or found already there.
    Done { outcome: Done, uid: String },
    /// The data was refused (by the checks or the server).
    Rejected(String),
    /// The request failed (network, server); a rerun tries again.
    Failed(String),
}

/// How a row was completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// A new contact was created.
    Created,
    /// An existing contact was changed.
    Updated,
    /// An earlier, interrupted run had already created it (found by looking it up).
    Existing,
}

impl Done {
    fn word(self) -> &'static str {
        match self {
            Done::Created => "created",
            Done::Updated => "updated",
            Done::Existing => "existing",
        }
    }
}

impl RowState {
    /// True when the row needs nothing more.
    pub fn is_done(&self) -> bool {
        matches!(self, RowState::Done { .. })
    }

    /// True when a write of this row may have been applied without an answer saying so.
    pub fn is_uncertain(&self) -> bool {
        matches!(self, RowState::Started | RowState::Uncertain)
    }

    fn parse(word: &str, detail: &str) -> Option<RowState> {
        let detail = detail.to_string();
        Some(match word {
            "started" => RowState::Started,
            "uncertain" => RowState::Uncertain,
            "created" => RowState::Done {
                outcome: Done::Created,
                uid: detail,
            },
            "updated" => RowState::Done {
                outcome: Done::Updated,
                uid: detail,
            },
            "existing" => RowState::Done {
                outcome: Done::Existing,
                uid: detail,
            },
            "rejected" => RowState::Rejected(detail),
            "failed" => RowState::Failed(detail),
            _ => return None,
        })
    }

    fn line(&self, row: u64) -> String {
        let (word, detail) = match self {
            RowState::Started => ("started", ""),
            RowState::Uncertain => ("uncertain", ""),
            RowState::Done { outcome, uid } => (outcome.word(), uid.as_str()),
            RowState::Rejected(reason) => ("rejected", reason.as_str()),
            RowState::Failed(reason) => ("failed", reason.as_str()),
        };
        let detail: String = detail
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string();
        if detail.is_empty() {
            format!("{row}\t{word}\n")
        } else {
            format!("{row}\t{word}\t{detail}\n")
        }
    }
}

/// An open journal, safe to record into from many tasks.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Mutex<File>,
}

/// The uids of the contacts an import's journal at `path` says it created (or found created by an
/// earlier, interrupted run), in the order of their rows. Reads only; a missing journal has none.
pub fn created_uids(path: &Path) -> Result<Vec<String>, String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(format!(
                "cannot read the journal {}: {error}",
                path.display()
            ));
        }
    };
    let mut rows: std::collections::BTreeMap<u64, String> = std::collections::BTreeMap::new();
    for line in String::from_utf8_lossy(&bytes).lines().skip(1) {
        let mut parts = line.splitn(3, '\t');
        let (Some(row), Some(word), detail) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Ok(row) = row.parse::<u64>() else {
            continue;
        };
        // The last event of a row is its state.
        match RowState::parse(word, detail.unwrap_or("")) {
            Some(RowState::Done {
                outcome: Done::Created | Done::Existing,
                uid,
            }) => {
                rows.insert(row, uid);
            }
            Some(_) => {
                rows.remove(&row);
            }
            None => {}
        }
    }
    Ok(rows.into_values().collect())
}

/// The header naming the run's kind and the input it belongs to.
pub fn header(kind: &str, input: &[u8]) -> String {
    format!(
        "# genius journal v1 {kind} bytes={} fnv={:016x}",
        input.len(),
        fnv1a(input)
    )
}

/// 64-bit FNV-1a: enough to notice that the input file changed between runs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Journal {
    /// Opens (or starts) the journal at `path` for this kind of run and input; returns what earlier
    /// runs recorded, by row. A journal of another input is refused rather than misapplied.
    pub fn open(path: &Path, header: &str) -> Result<(Journal, HashMap<u64, RowState>), String> {
        let shown = path.display();
        let mut rows = HashMap::new();
        let existing = match std::fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(format!("cannot read the journal {shown}: {error}")),
        };
        let mut has_header = false;
        let torn = existing
            .as_ref()
            .is_some_and(|b| !b.is_empty() && !b.ends_with(b"\n"));
        if let Some(bytes) = existing {
            for (index, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
                if index == 0 {
                    if line != header {
                        return Err(format!(
                            "the journal {shown} belongs to another file or another kind of run \
                             (the input changed since?): delete it to start over, or pass --journal"
                        ));
                    }
                    has_header = true;
                    continue;
                }
                // A line cut short by a kill is ignored: its row is simply not recorded.
                let mut parts = line.splitn(3, '\t');
                let (Some(row), Some(word)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let detail = parts.next().unwrap_or("");
                if let (Ok(row), Some(state)) = (row.parse::<u64>(), RowState::parse(word, detail))
                {
                    rows.insert(row, state);
                }
            }
        }
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(path)
            .map_err(|error| format!("cannot write the journal {shown}: {error}"))?;
        if has_header && torn {
            // End the torn line, so the next event starts a line of its own.
            file.write_all(b"\n")
                .map_err(|error| format!("cannot write the journal {shown}: {error}"))?;
        }
        if !has_header {
            // A torn first line (killed mid-header) is replaced by starting over.
            file.set_len(0)
                .and_then(|()| file.write_all(format!("{header}\n").as_bytes()))
                .and_then(|()| file.sync_data())
                .map_err(|error| format!("cannot write the journal {shown}: {error}"))?;
            rows.clear();
        }
        Ok((
            Journal {
                path: path.to_path_buf(),
                file: Mutex::new(file),
            },
            rows,
        ))
    }

    /// Where the journal is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one event and syncs it to disk before returning.
    pub fn record(&self, row: u64, state: &RowState) -> Result<(), String> {
        let line = state.line(row);
        let mut file = self
            .file
            .lock()
            .map_err(|_| "the journal is unusable after an earlier failure".to_string())?;
        file.write_all(line.as_bytes())
            .and_then(|()| file.sync_data())
            .map_err(|error| format!("cannot write the journal {}: {error}", self.path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reopened_journal_gives_back_each_rows_last_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("leads.csv.journal");
        let header = header("import", b"name,email\n");
        let (journal, rows) = Journal::open(&path, &header).unwrap();
        assert!(rows.is_empty());
        journal.record(2, &RowState::Started).unwrap();
        journal
            .record(
                2,
                &RowState::Done {
                    outcome: Done::Created,
                    uid: "ABC12345".into(),
                },
            )
            .unwrap();
        journal.record(3, &RowState::Started).unwrap();
        journal
            .record(4, &RowState::Rejected("bad\tdate\n".into()))
            .unwrap();
        drop(journal);
        // A kill mid-write leaves a torn last line; the next event must still be read back.
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"5\tcrea").unwrap();
        let (journal, _) = Journal::open(&path, &header).unwrap();
        journal.record(6, &RowState::Started).unwrap();
        drop(journal);
        let (_, rows) = Journal::open(&path, &header).unwrap();
        assert!(rows[&6].is_uncertain());
        assert_eq!(
            rows[&2],
            RowState::Done {
                outcome: Done::Created,
                uid: "ABC12345".into()
            }
        );
        assert!(rows[&3].is_uncertain());
        assert_eq!(rows[&4], RowState::Rejected("bad date".into()));
        assert!(!rows.contains_key(&5));
    }

    #[test]
    fn a_journal_of_another_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        Journal::open(&path, &header("import", b"a")).unwrap();
        let error = Journal::open(&path, &header("import", b"b")).unwrap_err();
        assert!(error.contains("belongs to another file"));
        assert!(Journal::open(&path, &header("apply", b"a")).is_err());
    }
}
