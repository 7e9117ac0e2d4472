//! Journal files: appended lines read back in order, a cut-short last line dropped, damage before
//! good lines refused, generations rotated, temp files found.

use chrono::{DateTime, Utc};

use super::*;

fn note(n: usize) -> Change {
    let at: DateTime<Utc> = "2025-01-01T00:00:00Z".parse().unwrap();
    Change::AddNote {
        uid: "ABC12345".into(),
        stamp: at,
        text: format!("note {n}\nwith a line break"),
        at,
    }
}

#[test]
fn appended_changes_read_back_in_order_and_a_torn_tail_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let paths = StatePaths::new(&dir.path().join("state.json"));
    let journal = Journal::open(paths.clone(), 3, 0).unwrap();
    let mut last = None;
    for n in 0..5 {
        let (ticket, _) = journal.append(n % 2, &note(n)).unwrap();
        assert!(last < Some(ticket), "tickets grow");
        last = Some(ticket);
    }
    journal.sync(last.unwrap()).unwrap();
    let path = paths.journal(3);
    let whole = std::fs::metadata(&path).unwrap().len();
    let read = read_journal(&path).unwrap();
    assert_eq!(
        (read.entries.len(), read.valid_len, read.torn_tail),
        (5, whole, false)
    );
    assert_eq!(
        read.entries[4],
        Entry {
            account: 0,
            change: note(4)
        }
    );
    assert_eq!(read.entries[3].account, 1);

    // A line cut short by a kill, then garbage a crash left after it: both dropped.
    let mut file = OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(b"{\"account\":0,\"change\":{\"op\":\"addNo")
        .unwrap();
    let read = read_journal(&path).unwrap();
    assert_eq!(
        (read.entries.len(), read.valid_len, read.torn_tail),
        (5, whole, true)
    );
    file.write_all(b"\n\0\0\0").unwrap();
    let read = read_journal(&path).unwrap();
    assert_eq!(
        (read.entries.len(), read.valid_len, read.torn_tail),
        (5, whole, true)
    );

    // Reopening cuts the damage off, so the next line starts clean.
    drop(journal);
    let journal = Journal::open(paths.clone(), 3, whole).unwrap();
    let (ticket, _) = journal.append(0, &note(5)).unwrap();
    journal.sync(ticket).unwrap();
    let read = read_journal(&path).unwrap();
    assert_eq!((read.entries.len(), read.torn_tail), (6, false));
}

#[test]
fn damage_followed_by_good_lines_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json.journal-0");
    let good = serde_json::to_string(&EntryRef {
        account: 0,
        change: &note(1),
    })
    .unwrap();
    std::fs::write(&path, format!("{good}\nnot json\n{good}\n")).unwrap();
    let error = format!("{:#}", read_journal(&path).unwrap_err());
    assert!(error.contains("line 2 is damaged"), "{error}");
}

#[test]
fn rotation_starts_the_next_generation_and_files_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let paths = StatePaths::new(&dir.path().join("s.json"));
    let journal = Journal::open(paths.clone(), 0, 0).unwrap();
    let (first, _) = journal.append(0, &note(0)).unwrap();
    assert_eq!(journal.rotate().unwrap(), 1);
    // The rotation put the old generation on disk: its ticket needs no further sync.
    journal.sync(first).unwrap();
    let (_, bytes) = journal.append(0, &note(1)).unwrap();
    assert_eq!(bytes, std::fs::metadata(paths.journal(1)).unwrap().len());
    std::fs::write(dir.path().join("s.json.tmp-abc"), "half a snapshot").unwrap();
    std::fs::write(dir.path().join("other.json.tmp-abc"), "not ours").unwrap();
    let found: Vec<u64> = paths
        .journals()
        .unwrap()
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    assert_eq!(found, [0, 1]);
    assert_eq!(paths.remove_temp_files().unwrap(), 1);
    assert!(dir.path().join("other.json.tmp-abc").exists());
}
