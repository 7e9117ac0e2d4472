//! `--state` under stress: `genius serve` killed with SIGKILL in the middle of a storm of writes
//! (with compactions running) keeps every write it acknowledged; a cut-short last journal line and a
//! half-written snapshot left by a kill are cleaned up at start; compaction folds the journals into
//! the snapshot.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use genius::sim::DEMO_TOKEN;
use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};

use super::{call, http_client, start_with, wait_until};

/// `genius serve --state STATE` as a real process, and the URL it listens on.
async fn serve(state: &Path, extra: &[&str]) -> (tokio::process::Child, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .args(["serve", "--addr", "127.0.0.1:0", "--state"])
        .arg(state)
        .args(extra)
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("genius starts");
    let stdout = child.stdout.take().expect("stdout");
    let line = tokio::time::timeout(Duration::from_secs(60), async {
        BufReader::new(stdout).lines().next_line().await
    })
    .await
    .expect("it says where it listens within 60 s")
    .expect("stdout readable")
    .expect("a first line");
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (child, url)
}

/// The journals beside `state`, by generation.
fn journals(state: &Path) -> Vec<(u64, PathBuf)> {
    let name = state.file_name().unwrap().to_str().unwrap().to_string();
    let mut found: Vec<(u64, PathBuf)> = std::fs::read_dir(state.parent().unwrap())
        .unwrap()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let file = entry.file_name().into_string().ok()?;
            let generation = file
                .strip_prefix(&format!("{name}.journal-"))?
                .parse()
                .ok()?;
            Some((generation, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// What the storm got acknowledged: for each contact created, the notes added to it.
type Acknowledged = Arc<Mutex<BTreeMap<String, Vec<String>>>>;

async fn post(http: &reqwest::Client, url: &str, path: &str, body: Value) -> Option<Value> {
    let response = http
        .post(format!("{url}{path}"))
        .bearer_auth(DEMO_TOKEN)
        .json(&body)
        .send()
        .await
        .ok()?;
    if !response.status().is_success() {
        return None;
    }
    // Only an answer read whole is an acknowledgement.
    response.json::<Value>().await.ok()
}

/// One writer of the storm: creates a contact, then adds notes to it, until the server dies.
async fn writer(url: String, id: usize, acknowledged: Acknowledged) {
    let http = http_client();
    for round in 0.. {
        let body = json!({"name": format!("Storm {id}-{round}"), "phone": format!("+1 555 {id:03} {round:04}")});
        let Some(created) = post(&http, &url, "/api/contact", body).await else {
            return;
        };
        let Some(uid) = created["data"]["uid"].as_str().map(str::to_string) else {
            return;
        };
        acknowledged.lock().unwrap().insert(uid.clone(), Vec::new());
        for n in 0..5 {
            let note = format!("storm note {id}-{round}-{n}");
            let body = json!({"uid": uid, "note": note});
            if post(&http, &url, "/api/contact/note/add", body)
                .await
                .is_none()
            {
                return;
            }
            acknowledged
                .lock()
                .unwrap()
                .entry(uid.clone())
                .or_default()
                .push(note);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_sigkill_during_a_storm() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("sim-state.json");
    // A small journal limit: compactions run all through the storm, so the kill can land in one.
    let (mut child, url) = serve(&state, &["--compact-after", "30000"]).await;
    let acknowledged: Acknowledged = Arc::default();
    let writers: Vec<_> = (0..6)
        .map(|id| tokio::spawn(writer(url.clone(), id, acknowledged.clone())))
        .collect();
    let count = || {
        let acknowledged = acknowledged.clone();
        async move {
            acknowledged
                .lock()
                .unwrap()
                .values()
                .map(|n| n.len() + 1)
                .sum::<usize>()
        }
    };
    wait_until("a few compactions and 600 acknowledged writes", || {
        let count = count();
        let state = state.clone();
        async move { count.await >= 600 && journals(&state).last().is_some_and(|(g, _)| *g >= 3) }
    })
    .await;
    child.start_kill().expect("SIGKILL");
    child.wait().await.unwrap();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 100, "{} contacts", acknowledged.len());

    let sim = start_with(|o| o.state = Some(state.clone())).await;
    for (uid, notes) in &acknowledged {
        let answer = call(Method::GET, &format!("/api/contact?uid={uid}"))
            .send(&sim)
            .await;
        assert_eq!(answer.status, 200, "acknowledged contact {uid} is lost");
        let text = answer.data()["notes"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let kept = genius::api::NoteTimeline::parse(&text);
        let texts: Vec<&str> = kept
            .entries
            .iter()
            .map(genius::api::NoteEntry::body)
            .collect();
        for note in notes {
            assert!(
                texts.contains(&note.as_str()),
                "acknowledged note {note:?} of {uid} is lost"
            );
        }
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_cut_short_journal_line_and_a_half_written_snapshot_are_cleaned_up_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let first = start_with(|o| o.state = Some(state.clone())).await;
    let note = call(Method::POST, "/api/contact/note/add")
        .json(&json!({"uid": "ABC12345", "note": "before the crash"}))
        .send(&first)
        .await;
    assert_eq!(note.status, 200);
    first.shutdown().await;

    // What a kill can leave: the last journal line half-written, a snapshot half-written.
    let (_, journal) = journals(&state).pop().expect("a journal");
    let whole = std::fs::read(&journal).unwrap();
    let mut torn = whole.clone();
    torn.extend_from_slice(br#"{"account":0,"change":{"op":"addNote","uid":"ABC1"#);
    std::fs::write(&journal, &torn).unwrap();
    let leftover = dir.path().join("state.json.tmp-Xy12Ab34Cd56");
    std::fs::write(&leftover, "{\"accounts\": [").unwrap();

    let second = start_with(|o| o.state = Some(state.clone())).await;
    assert!(!leftover.exists(), "the half-written snapshot is removed");
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        whole,
        "the cut-short line is cut off"
    );
    let after = call(Method::POST, "/api/contact/note/add")
        .json(&json!({"uid": "ABC12345", "note": "after the crash"}))
        .send(&second)
        .await;
    assert_eq!(after.status, 200);
    second.shutdown().await;

    let third = start_with(|o| o.state = Some(state.clone())).await;
    let contact = call(Method::GET, "/api/contact?uid=ABC12345")
        .send(&third)
        .await;
    let notes = contact.data()["notes"].as_str().unwrap();
    assert!(notes.contains(" before the crash\n\n"), "{notes}");
    assert!(notes.ends_with(" after the crash"), "{notes}");
    third.shutdown().await;
}

#[tokio::test]
async fn a_damaged_line_before_good_ones_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let sim = start_with(|o| o.state = Some(state.clone())).await;
    for text in ["one", "two"] {
        let answer = call(Method::POST, "/api/contact/note/add")
            .json(&json!({"uid": "ABC12345", "note": text}))
            .send(&sim)
            .await;
        assert_eq!(answer.status, 200);
    }
    sim.shutdown().await;
    let (_, journal) = journals(&state).pop().unwrap();
    let text = std::fs::read_to_string(&journal).unwrap();
    std::fs::write(&journal, text.replacen("addNote", "addNo\"te", 1)).unwrap();
    let error = genius::sim::spawn(genius::sim::SimOptions {
        state: Some(state.clone()),
        ..genius::sim::SimOptions::demo()
    })
    .await
    .unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("line 1 is damaged"), "{message}");
    assert!(
        message.contains(journal.file_name().unwrap().to_str().unwrap()),
        "{message}"
    );
}

#[tokio::test]
async fn compaction_folds_the_journals_into_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let sim = start_with(|o| {
        o.state = Some(state.clone());
        o.compact_after = Some(2_000);
    })
    .await;
    let mut uids = Vec::new();
    for n in 0..40 {
        let created = call(Method::POST, "/api/contact")
            .json(&json!({"name": format!("Folded {n}"), "email": format!("folded{n}@example.com"), "tags": ["Folded"]}))
            .send(&sim)
            .await;
        uids.push(created.data()["uid"].as_str().unwrap().to_string());
    }
    call(Method::DELETE, &format!("/api/contact?uid={}", uids[0]))
        .send(&sim)
        .await;
    wait_until("a compaction to finish", || {
        let state = state.clone();
        async move {
            let present = journals(&state);
            let snapshot: Value = std::fs::read(&state)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or(Value::Null);
            let generation = snapshot["journalGeneration"].as_u64().unwrap_or(0);
            generation >= 1 && present.first().is_some_and(|(g, _)| *g == generation)
        }
    })
    .await;
    sim.shutdown().await;

    let again = start_with(|o| o.state = Some(state.clone())).await;
    for uid in &uids[1..] {
        let answer = call(Method::GET, &format!("/api/contact?uid={uid}"))
            .send(&again)
            .await;
        assert_eq!(answer.data()["tags"], json!(["Folded"]));
    }
    let deleted = call(Method::GET, &format!("/api/contact?uid={}", uids[0]))
        .send(&again)
        .await;
    assert_eq!(deleted.status, 404);
    again.shutdown().await;
}
