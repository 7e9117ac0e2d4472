//! The progress store on disk: a list worked, closed and opened again resumes on the first lead not
//! yet handled with every state kept; the journal is 0600 in a 0700 directory; a torn last line
//! (a crash mid-write) costs only that line; a journal of another list or a damaged one is never
//! taken for this list's; a second session on an open list is refused; an edited file keeps
//! progress by what its leads name — and, as a property, any session appended event by event and
//! cut anywhere in its last line reopens to the state before that line.

use std::io::Write;
use std::path::Path;

use genius::worklist::store::journal_path;
use genius::worklist::{LeadState, ProgressStore, StoreError, Worklist};
use proptest::prelude::*;

use crate::hostile::file_config;
use crate::model::{at, list};

const FOUR: &str = "ABC12345\nana@x.io\n(11) 98771-6038\nXYZ98765\n";

fn open(dir: &Path, worklist: &mut Worklist) -> ProgressStore {
    match ProgressStore::open(dir, worklist) {
        Ok((store, _)) => store,
        Err(error) => panic!("cannot open the store: {error}"),
    }
}

fn states(worklist: &Worklist) -> Vec<LeadState> {
    worklist
        .leads()
        .map(|(_, progress)| progress.state)
        .collect()
}

/// Works lead 0 (found, note, stage, done), skips lead 1, opens lead 2 — each event appended.
fn work_first_two(store: &mut ProgressStore, worklist: &mut Worklist) {
    let events = [
        worklist.open(0, at(0)),
        worklist.found(0, "ABC12345", at(0)),
        worklist.note_logged(0, at(1)),
        worklist.stage_moved(0, Some("New Lead".into()), "Contacted", at(2)),
        worklist.mark_done(0, at(3)),
        worklist.skip(1, at(4)),
        worklist.open(2, at(5)),
    ];
    for event in events {
        store
            .append(&event.expect("a change the model takes"))
            .expect("appended");
    }
}

#[test]
fn a_list_closed_and_opened_again_resumes_on_the_first_lead_not_handled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store_dir = dir.path().join("worklists");
    let mut first = list("leads.txt", FOUR);
    let (mut store, report) = ProgressStore::open(&store_dir, &mut first).expect("opened");
    assert!(!report.resumed, "nothing to resume the first time");
    work_first_two(&mut store, &mut first);
    let journal = store.path().to_path_buf();
    drop(store);

    let mut second = list("leads.txt", FOUR);
    let (_store, report) = ProgressStore::open(&store_dir, &mut second).expect("reopened");
    assert!(report.resumed);
    assert!(!report.file_changed);
    assert_eq!((report.forgotten, report.dropped_lines), (0, 0));
    assert_eq!(
        states(&second),
        [
            LeadState::Done,
            LeadState::Skipped,
            LeadState::ToDo,
            LeadState::ToDo
        ]
    );
    assert_eq!(second.resume_position(), Some(2));
    let progress = |w: &Worklist| w.leads().map(|(_, p)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        progress(&second),
        progress(&first),
        "every state, uid, note and time kept"
    );
    assert_eq!(second.position(), 2);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode(&journal), 0o600);
        assert_eq!(mode(&journal.with_extension("lock")), 0o600);
        assert_eq!(mode(&store_dir), 0o700);
    }
}

#[test]
fn a_torn_last_line_costs_only_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut worked = list("leads.txt", FOUR);
    let mut store = open(dir.path(), &mut worked);
    work_first_two(&mut store, &mut worked);
    let journal = store.path().to_path_buf();
    drop(store);
    // A crash in the middle of writing "lead 2 done".
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .expect("journal");
    file.write_all(br#"{"event":"done","lead":{"identity":"phone:55119"#)
        .expect("torn write");
    drop(file);

    let mut resumed = list("leads.txt", FOUR);
    let (_store, report) = ProgressStore::open(dir.path(), &mut resumed).expect("reopened");
    assert_eq!(report.dropped_lines, 1);
    assert_eq!(
        states(&resumed),
        [
            LeadState::Done,
            LeadState::Skipped,
            LeadState::ToDo,
            LeadState::ToDo
        ]
    );
    // Compacted on open: the journal holds no torn line any more.
    let text = std::fs::read_to_string(&journal).expect("journal");
    for line in text.lines() {
        assert!(
            serde_json::from_str::<serde_json::Value>(line).is_ok(),
            "{line:?}"
        );
    }
}

#[test]
fn a_second_session_on_an_open_list_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut first = list("leads.txt", FOUR);
    let store = open(dir.path(), &mut first);
    let mut second = list("leads.txt", FOUR);
    match ProgressStore::open(dir.path(), &mut second) {
        Err(error @ StoreError::InUse { .. }) => {
            assert!(
                error.to_string().contains("open in another genius"),
                "{error}"
            );
        }
        other => panic!("a second session was let in: {other:?}"),
    }
    // Reading for a summary is fine meanwhile.
    assert!(ProgressStore::load(dir.path(), &mut second).is_ok());
    drop(store);
    assert!(ProgressStore::open(dir.path(), &mut second).is_ok());
}

#[test]
fn an_edited_file_keeps_progress_by_what_its_leads_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut before = list("leads.txt", FOUR);
    let mut store = open(dir.path(), &mut before);
    work_first_two(&mut store, &mut before);
    drop(store);

    // ana@x.io removed, a new lead on top, the rest moved down.
    let edited = "NEW00001\nABC12345\n(11) 98771-6038\nXYZ98765\n";
    let mut after = list("leads.txt", edited);
    let (_store, report) = ProgressStore::open(dir.path(), &mut after).expect("reopened");
    assert!(report.file_changed);
    assert_eq!(report.forgotten, 1, "the skip of the removed lead");
    assert_eq!(
        states(&after),
        [
            LeadState::ToDo,
            LeadState::Done,
            LeadState::ToDo,
            LeadState::ToDo
        ]
    );
    assert_eq!(
        after.position(),
        2,
        "still on the phone lead, now one line lower"
    );
}

#[test]
fn a_journal_of_another_list_is_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut worklist = list("leads.txt", FOUR);
    let journal = journal_path(dir.path(), worklist.source());
    let foreign =
        "{\"genius_worklist\":1,\"list\":\"/elsewhere/leads.txt\",\"content_hash\":\"0\"}\n";
    std::fs::write(&journal, foreign).expect("written");
    match ProgressStore::open(dir.path(), &mut worklist) {
        Err(error @ StoreError::OtherList { .. }) => {
            assert!(
                error.to_string().contains("/elsewhere/leads.txt"),
                "{error}"
            );
        }
        other => panic!("another list's journal was taken: {other:?}"),
    }
    assert_eq!(std::fs::read_to_string(&journal).expect("journal"), foreign);
}

#[test]
fn a_journal_damaged_from_its_first_line_starts_the_list_afresh() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut worklist = list("leads.txt", FOUR);
    let journal = journal_path(dir.path(), worklist.source());
    std::fs::write(&journal, "\u{0}\u{0}garbage\n{\"event\":\"skipped\"}\n").expect("written");
    let (_store, report) = ProgressStore::open(dir.path(), &mut worklist).expect("opened");
    assert!(!report.resumed);
    assert_eq!(report.dropped_lines, 2);
    assert_eq!(worklist.resume_position(), Some(0));
}

#[test]
fn loading_for_a_summary_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut worklist = list("leads.txt", FOUR);
    let report = ProgressStore::load(dir.path(), &mut worklist).expect("loaded");
    assert!(!report.resumed);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
}

/// A few changes a session may make; refused ones are skipped, as the TUI would.
fn session() -> impl Strategy<Value = Vec<(u8, usize)>> {
    proptest::collection::vec((0u8..6, 0usize..4), 1..20)
}

fn play(
    worklist: &mut Worklist,
    kind: u8,
    index: usize,
    minute: i64,
) -> Option<genius::worklist::ProgressEvent> {
    let t = at(minute);
    let result = match kind {
        0 => worklist.open(index, t),
        1 => worklist.found(index, &format!("UID0000{index}"), t),
        2 => worklist.note_logged(index, t),
        3 => worklist.mark_done(index, t),
        4 => worklist.skip(index, t),
        _ => worklist.not_found(index, t),
    };
    result.ok()
}

proptest! {
    #![proptest_config(file_config())]

    #[test]
    fn a_session_cut_anywhere_in_its_last_line_reopens_to_the_state_before_it(
        steps in session(),
        cut_permille in 0usize..1000,
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut worked = list("leads.txt", FOUR);
        let mut store = open(dir.path(), &mut worked);
        let mut before_last = worked.clone();
        let mut last = None;
        for (minute, (kind, index)) in steps.into_iter().enumerate() {
            let snapshot = worked.clone();
            if let Some(event) = play(&mut worked, kind, index, minute as i64) {
                store.append(&event).expect("appended");
                before_last = snapshot;
                last = Some(event);
            }
        }
        let journal = store.path().to_path_buf();
        drop(store);
        let progress = |w: &Worklist| w.leads().map(|(_, p)| p.clone()).collect::<Vec<_>>();

        // Whole: reopened exactly as worked.
        let mut whole = list("leads.txt", FOUR);
        ProgressStore::load(dir.path(), &mut whole).expect("loaded");
        prop_assert_eq!(progress(&whole), progress(&worked));

        // Cut inside its last line (never the whole line): as before that event.
        if let Some(event) = last {
            let bytes = std::fs::read(&journal).expect("journal");
            let line_len = serde_json::to_vec(&event).expect("json").len() + 1;
            let start = bytes.len() - line_len;
            let keep = start + 1 + cut_permille * (line_len - 2) / 1000;
            std::fs::write(&journal, &bytes[..keep]).expect("cut");
            let mut cut = list("leads.txt", FOUR);
            let report = ProgressStore::load(dir.path(), &mut cut).expect("loaded");
            prop_assert_eq!(report.dropped_lines, 1);
            prop_assert_eq!(progress(&cut), progress(&before_last));
        }
    }
}
