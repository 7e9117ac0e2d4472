//! `genius work FILE --summary [--json]`: what was done on a list, read from the progress kept in
//! the data directory (and nothing written); a list that cannot be read is exit 1 with the reason.

use genius::worklist::{ProgressStore, Worklist};

use crate::Genius;

/// A list of four leads with some progress: lead 1 noted, moved and done, lead 2 skipped, lead 3
/// not found. Returns the data directory and the list's path.
fn list_with_progress() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("morning.txt");
    std::fs::write(
        &list,
        "ABC12345\nana@example.com\n+55 11 98771-6038\nXYZ67890\n",
    )
    .unwrap();
    let mut worklist = Worklist::open_file(&list, None).unwrap();
    let (mut store, _) =
        ProgressStore::open(&dir.path().join("data").join("worklists"), &mut worklist).unwrap();
    let at = chrono::Utc::now();
    let events = [
        worklist.found(0, "ABC12345", at),
        worklist.note_logged(0, at),
        worklist.stage_moved(0, Some("New Lead".into()), "Contacted", at),
        worklist.mark_done(0, at),
        worklist.skip(1, at),
        worklist.not_found(2, at),
    ];
    for event in events {
        store.append(&event.unwrap()).unwrap();
    }
    (dir, list)
}

fn genius(data: &std::path::Path) -> Genius {
    Genius::new("http://127.0.0.1:9").env("GENIUS_DATA_DIR", Some(&data.to_string_lossy()))
}

#[tokio::test]
async fn the_summary_counts_what_was_done_in_words_and_in_json() {
    let (dir, list) = list_with_progress();
    let data = dir.path().join("data");
    let list = list.to_string_lossy().into_owned();
    let plain = genius(&data).run(&["work", &list, "--summary"]).await;
    plain.expect_code(0);
    let line = |label: &str| {
        plain
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} line in {}", plain.stdout))
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert!(
        plain.stdout.starts_with("morning.txt: 4 leads"),
        "{}",
        plain.stdout
    );
    assert_eq!(line("notes logged"), "1");
    assert_eq!(line("stage moves"), "1");
    assert_eq!(line("skipped"), "1");
    assert_eq!(line("not found"), "1");
    assert_eq!(line("remaining"), "1");

    let json = genius(&data)
        .run(&["work", &list, "--summary", "--json"])
        .await;
    json.expect_code(0);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["leads_total"], 4);
    assert_eq!(value["done"], 1);
    assert_eq!(value["notes_logged"], 1);
    assert_eq!(value["stage_moves"], 1);
    assert_eq!(value["remaining"], 1);
}

#[tokio::test]
async fn a_missing_list_is_an_error_and_json_needs_summary() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt").to_string_lossy().into_owned();
    let run = genius(dir.path())
        .run(&["work", &missing, "--summary"])
        .await;
    run.expect_code(1);
    assert!(
        run.stderr.contains("cannot read the worklist"),
        "{}",
        run.stderr
    );
    let run = genius(dir.path()).run(&["work", &missing, "--json"]).await;
    run.expect_code(1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_national_phone_is_read_in_the_profiles_region() {
    let sim = crate::Sim::start(None).await;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "default_profile = \"br\"\n[profiles.br]\ndefault_phone_region = \"BR\"\n",
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    let run = Genius::new(&sim.url)
        .env("GENIUS_CONFIG", Some(&config))
        .run(&["get", "--phone", "(11) 98771-6038", "--json"])
        .await;
    run.expect_code(0);
    assert!(run.stdout.contains("98771-6038"), "{}", run.stdout);
    // Without the region the national number names no contact.
    let run = Genius::new(&sim.url)
        .run(&["get", "--phone", "(11) 98771-6038", "--json"])
        .await;
    run.expect_code(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_writes_the_uids_it_created_as_a_worklist_to_work() {
    let sim = crate::Sim::start(None).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("new.csv"),
        "First Name,Last Name,Email\nAna,Lima,ana@worklist.test\nBruno,Melo,bruno@worklist.test\n",
    )
    .unwrap();
    let run = Genius::new(&sim.url)
        .dir(dir.path())
        .env(
            "GENIUS_DATA_DIR",
            Some(&dir.path().join("data").to_string_lossy()),
        )
        .run(&[
            "import",
            "new.csv",
            "--worklist",
            "todo.txt",
            "--rate-limit",
            "50",
        ])
        .await;
    run.expect_code(0);
    assert!(
        run.stderr.contains("worklist: 2 contacts in todo.txt"),
        "{}",
        run.stderr
    );
    let list = std::fs::read_to_string(dir.path().join("todo.txt")).unwrap();
    let uids: Vec<&str> = list.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(uids.len(), 2);
    // Each line is a contact the import created, in the order of the file.
    let first: serde_json::Value = sim.data(&format!("uid={}", uids[0])).await;
    let first = if first.is_array() {
        first[0].clone()
    } else {
        first
    };
    assert_eq!(first["email"], "ana@worklist.test");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join("todo.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // And it is a list `genius work` reads: two leads to do.
    let summary = genius(&dir.path().join("data"))
        .run(&[
            "work",
            &dir.path().join("todo.txt").to_string_lossy(),
            "--summary",
            "--json",
        ])
        .await;
    summary.expect_code(0);
    let value: serde_json::Value = serde_json::from_str(&summary.stdout).unwrap();
    assert_eq!(value["remaining"], 2);
}
