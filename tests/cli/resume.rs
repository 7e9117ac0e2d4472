//! The import that is killed part-way, twice, and resumed: 2,000 leads, `genius import` and
//! `genius serve --rate-limit 100 --control` both real child processes, each kill a SIGKILL at a
//! moment chosen by the journal's length (requests are in flight). In the end every lead exists
//! exactly once: the simulator counts 2,000 new contacts and each email finds one contact.
//! (100/s keeps the test near 40 s; the 20/s figure is the benchmark's, scripts/bench-import.sh.)

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use genius::api::{ApiToken, Client, ClientConfig, Identifier};
use genius::scripting::bulk::pacer::Pacer;
use tokio::io::{AsyncBufReadExt, BufReader};

use super::{Genius, http, stats, wait_until};

const LEADS: usize = 2_000;
const RATE: u32 = 100;

/// `genius serve` as a child process; returns it with its base URL.
async fn serve() -> (tokio::process::Child, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--rate-limit",
            &RATE.to_string(),
            "--control",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("genius serve starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut lines = BufReader::new(stdout).lines();
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .expect("genius serve says where it listens")
        .expect("read stdout")
        .unwrap_or_default();
    let url = line
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .trim()
        .to_string();
    (child, url)
}

fn journal_lines(path: &std::path::Path) -> usize {
    std::fs::read(path)
        .map(|bytes| bytes.iter().filter(|b| **b == b'\n').count())
        .unwrap_or(0)
}

/// Starts an import and SIGKILLs it once the journal has at least `lines` lines.
async fn import_and_kill_at(url: &str, dir: &std::path::Path, lines: usize) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .args(["import", "leads.csv", "--rate-limit", &RATE.to_string()])
        .current_dir(dir)
        .env("GENIUS_BASE_URL", url)
        .env("GENIUS_TOKEN", genius::sim::DEMO_TOKEN)
        .env_remove("GENIUS_TIMEOUT")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("genius import starts");
    let journal = dir.join("leads.csv.journal");
    wait_until("the journal to grow", Duration::from_secs(60), || {
        journal_lines(&journal) >= lines
    })
    .await;
    child.kill().await.expect("SIGKILL the import");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_killed_twice_creates_every_lead_exactly_once() {
    let (_server, url) = serve().await;
    let http = http();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut csv = String::from("Name,Email,Phone,Stage,Tags\n");
    for i in 0..LEADS {
        csv.push_str(&format!(
            "Lead {i},lead{i}@resume.test,+55 11 9{i:04}-{:04},New Lead,Trade Show;Feira\n",
            i * 7 % 10_000
        ));
    }
    std::fs::write(dir.path().join("leads.csv"), &csv).expect("write leads");
    let contacts = |value: serde_json::Value| value["contacts"].as_u64().unwrap_or(0);
    let before = contacts(stats(&http, &url).await);

    import_and_kill_at(&url, dir.path(), 600).await;
    let after_first = contacts(stats(&http, &url).await) - before;
    assert!(
        after_first > 0 && after_first < LEADS as u64,
        "killed part-way: {after_first}"
    );
    import_and_kill_at(&url, dir.path(), 2_400).await;
    let after_second = contacts(stats(&http, &url).await) - before;
    assert!(
        after_second > after_first && after_second < LEADS as u64,
        "killed part-way: {after_second}"
    );

    let last = Genius::new(&url)
        .dir(dir.path())
        .run(&["import", "leads.csv", "--rate-limit", &RATE.to_string()])
        .await;
    last.expect_code(0);
    assert!(last.stdout.contains("failed    0\n"), "{}", last.stdout);
    assert_eq!(
        contacts(stats(&http, &url).await) - before,
        LEADS as u64,
        "{}",
        last.stdout
    );

    // Every lead, looked up by its email, is there exactly once.
    let client = Client::new(ClientConfig::new(
        url.clone(),
        ApiToken::new(genius::sim::DEMO_TOKEN),
    ))
    .expect("client");
    let pacer = Arc::new(Pacer::new(RATE));
    let counts: Vec<(usize, usize)> = futures_util::stream::iter(0..LEADS)
        .map(|i| {
            let (client, pacer) = (client.clone(), pacer.clone());
            async move {
                pacer.acquire().await;
                let who = Identifier::Email(format!("lead{i}@resume.test"));
                let found = client.get(&who).await.map(|l| l.len()).unwrap_or(0);
                (i, found)
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    let wrong: Vec<&(usize, usize)> = counts.iter().filter(|(_, n)| *n != 1).collect();
    assert!(
        wrong.is_empty(),
        "leads not found exactly once (lead, count): {wrong:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_after_the_requests_in_flight_and_the_rerun_finishes_the_rest() {
    let (_server, url) = serve().await;
    let http = http();
    let dir = tempfile::tempdir().expect("temp dir");
    let rows = 400;
    let mut csv = String::from("name,email\n");
    for i in 0..rows {
        csv.push_str(&format!("Interrupted {i},int{i}@resume.test\n"));
    }
    std::fs::write(dir.path().join("leads.csv"), &csv).expect("write leads");
    let contacts = |value: serde_json::Value| value["contacts"].as_u64().unwrap_or(0);
    let before = contacts(stats(&http, &url).await);

    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"))
        .args(["import", "leads.csv", "--rate-limit", &RATE.to_string()])
        .current_dir(dir.path())
        .env("GENIUS_BASE_URL", &url)
        .env("GENIUS_TOKEN", genius::sim::DEMO_TOKEN)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("genius import starts");
    let journal = dir.path().join("leads.csv.journal");
    wait_until("the journal to grow", Duration::from_secs(60), || {
        journal_lines(&journal) >= 100
    })
    .await;
    let pid = child.id().expect("a pid").to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill -INT");
    assert!(signalled.success());
    let output = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("the import stops")
        .expect("its output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("run the same command again to resume"),
        "{stderr}"
    );
    let created: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("created"))
        .and_then(|n| n.trim().parse().ok())
        .expect("the summary says how many were created");
    assert!(created > 0 && created < rows, "stopped part-way: {created}");
    // Every request in flight was answered and journaled: the server has exactly what was counted.
    assert_eq!(contacts(stats(&http, &url).await) - before, created);
    let text = std::fs::read_to_string(&journal).expect("journal");
    let mut last = std::collections::HashMap::new();
    for line in text.lines().skip(1) {
        let mut parts = line.split('\t');
        if let (Some(row), Some(state)) = (parts.next(), parts.next()) {
            last.insert(row.to_string(), state.to_string());
        }
    }
    assert!(
        last.values().all(|state| state == "created"),
        "no row left half-done"
    );

    let rest = Genius::new(&url)
        .dir(dir.path())
        .run(&["import", "leads.csv", "--rate-limit", &RATE.to_string()])
        .await;
    rest.expect_code(0);
    assert_eq!(contacts(stats(&http, &url).await) - before, rows);
}
