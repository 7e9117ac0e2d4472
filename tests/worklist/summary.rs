//! What was done on a list, counted and shown: the plain lines a terminal prints (aligned, the
//! list's name made safe) and the JSON with its stable field names — and the worklist file
//! `genius import … --worklist OUT` writes: a header naming its origin, one uid per line, 0600,
//! nothing a server's text could inject, read back as the same list.

use genius::worklist::{LeadState, WorklistFile, WorklistSummary, write_uid_worklist};

use crate::model::{at, list};

const SEVEN: &str = "ABC12345\nana@x.io\nbia@x.io\ncai@x.io\nnot a lead\nXYZ98765\nABC12345\n";

fn worked_list(name: &str) -> genius::worklist::Worklist {
    let mut worklist = list(name, SEVEN);
    worklist.found(0, "ABC12345", at(0)).expect("found");
    worklist.note_logged(0, at(1)).expect("noted");
    worklist
        .stage_moved(0, Some("New Lead".into()), "Contacted", at(2))
        .expect("moved");
    worklist.mark_done(0, at(3)).expect("done");
    worklist.found(1, "ANA00001", at(4)).expect("found");
    worklist.note_logged(1, at(5)).expect("noted");
    worklist.skip(2, at(6)).expect("skipped");
    worklist.not_found(3, at(7)).expect("not found");
    worklist
        .several(5, vec!["AAA11111".into(), "BBB22222".into()], at(8))
        .expect("several");
    worklist
}

#[test]
fn the_summary_counts_each_kind_of_outcome() {
    let summary = WorklistSummary::of(&worked_list("leads.txt"));
    assert_eq!(summary.list, "leads.txt");
    assert_eq!(summary.leads_total, 7);
    assert_eq!(
        (summary.worked, summary.done),
        (2, 1),
        "a note counts as worked"
    );
    assert_eq!((summary.notes_logged, summary.stage_moves), (2, 1));
    assert_eq!(
        (summary.skipped, summary.not_found, summary.several),
        (1, 1, 1)
    );
    assert_eq!(summary.not_recognised, 1);
    assert_eq!(
        summary.remaining, 3,
        "ana (noted, not done), the several matches, the repeat"
    );
    let repeat = &summary.leads[6];
    assert_eq!((repeat.line, repeat.repeats_line), (7, Some(1)));
    assert_eq!(
        summary.leads[0].worked_at.as_deref(),
        Some("2024-10-04T00:03:00Z")
    );
    assert_eq!(summary.leads[4].state, LeadState::NotRecognised);
}

#[test]
fn the_plain_summary_is_a_few_aligned_lines() {
    let plain = WorklistSummary::of(&worked_list("leads.txt")).render_plain();
    assert_eq!(
        plain,
        "leads.txt: 7 leads\n\
         \x20 worked           2  (1 done)\n\
         \x20 notes logged     2\n\
         \x20 stage moves      1\n\
         \x20 skipped          1\n\
         \x20 not found        1\n\
         \x20 several matches  1\n\
         \x20 not recognised   1\n\
         \x20 remaining        3\n"
    );
    let hostile = WorklistSummary::of(&worked_list("le\u{1b}[2Jads\u{7}.txt")).render_plain();
    assert!(
        !hostile.chars().any(|c| c == '\u{1b}' || c == '\u{7}'),
        "{hostile:?}"
    );
}

#[test]
fn the_json_summary_keeps_its_field_names() {
    let json = WorklistSummary::of(&worked_list("leads.txt")).to_json();
    let keys: Vec<&str> = json
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "list",
        "leads_total",
        "worked",
        "done",
        "notes_logged",
        "stage_moves",
        "skipped",
        "not_found",
        "several",
        "not_recognised",
        "remaining",
        "leads",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(json["remaining"], 3);
    assert_eq!(
        json["leads"][0],
        serde_json::json!({
            "line": 1,
            "written": "ABC12345",
            "state": "done",
            "uid": "ABC12345",
            "worked_at": "2024-10-04T00:03:00Z",
            "notes_logged": 1,
            "stage_moves": [{"from": "New Lead", "to": "Contacted"}],
        })
    );
    assert_eq!(json["leads"][4]["state"], "not_recognised");
    assert!(json["leads"][4]["reason"].is_string());
    assert_eq!(json["leads"][5]["state"], "several");
}

#[test]
fn an_import_writes_its_uids_as_a_worklist_that_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("created.txt");
    std::fs::write(&path, "an older list\n").expect("an older file");
    let uids: Vec<String> = [
        "ABC12345",
        "xyz98765",
        "BAD\nUID12",
        "ana@x.io",
        "",
        "DEF67890",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let written =
        write_uid_worklist(&path, "import of leads.csv\nABC99999", &uids).expect("written");
    assert_eq!(written.written, 3);
    assert_eq!(written.refused, ["BAD\nUID12", "ana@x.io", ""]);

    let text = std::fs::read_to_string(&path).expect("read back");
    assert_eq!(
        text,
        "# genius worklist: import of leads.csv ABC99999\n\
         # 3 contacts; open it with `genius work FILE`\n\
         ABC12345\nXYZ98765\nDEF67890\n"
    );
    let file = WorklistFile::read(&path, None).expect("a worklist");
    let raws: Vec<&str> = file.leads.iter().map(|l| l.raw.as_str()).collect();
    assert_eq!(raws, ["ABC12345", "XYZ98765", "DEF67890"]);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
