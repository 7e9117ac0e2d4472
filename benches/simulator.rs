//! The simulator under load, over real HTTP against `genius serve` processes: GET by uid, email and
//! phone at 1k, 100k and 1M contacts; throughput at 32 concurrent connections, the demo account
//! against 100k contacts; a small lookup while another connection keeps fetching a 7 MB contact;
//! and a write (a note) with `--state` at 100k contacts. With
//! `GENIUS_BEFORE_BIN=path/to/an/older/genius`, the same measurements at 100k and of the demo are
//! taken from that binary too, side by side in the same run. Speed goals live here and in
//! BENCHMARKS.md, never in timed tests.
//!
//! Accounts are generated in-process (deterministic) and cached as files under
//! `target/bench-accounts/`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use futures_util::StreamExt;
use genius::sim::demo::{Account, AccountFile, ContactRecord, Plan, TeamMember};

const BENCH_TOKEN: &str = "bench-token";
const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (100_000, "100k"), (1_000_000, "1M")];
const CONCURRENCY: usize = 32;

/// A `genius serve` process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(bin: &Path, data: Option<&Path>, state: Option<&Path>) -> Server {
        let mut command = Command::new(bin);
        command.args(["serve", "--addr", "127.0.0.1:0"]);
        if let Some(data) = data {
            command.arg("--data").arg(data);
        }
        if let Some(state) = state {
            command.arg("--state").arg(state);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("genius serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("genius serve says where it listens");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        Server { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An 8-character uid for contact `n`.
fn uid(n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut value = n + 36usize.pow(7); // never all-'A', never the demo's
    (0..8)
        .map(|_| {
            let c = ALPHABET[value % 36];
            value /= 36;
            char::from(c)
        })
        .collect()
}

fn email(n: usize) -> String {
    format!("lead{n}@bench.example.com")
}

fn phone(n: usize) -> String {
    format!("+55 11 9{:04}-{:04}", n / 10_000, n % 10_000)
}

/// The notes of the one very long history some measurements add (about 7 MB as the API shows it).
const HUGE_NOTES: usize = 60_000;

/// A generated account of `count` contacts, each with a unique uid, email and phone and two notes;
/// with `huge`, the first one has [`HUGE_NOTES`] notes instead.
fn generated_account(count: usize, huge: bool) -> AccountFile {
    let epoch: DateTime<Utc> = "2024-01-01T12:00:00Z".parse().expect("a date");
    let stages: Vec<String> = ["New Lead", "Contacted", "Qualified", "Won", "Lost"]
        .map(String::from)
        .into();
    let mut contacts: Vec<ContactRecord> = (0..count)
        .map(|n| {
            let at = epoch + TimeDelta::minutes(n as i64);
            ContactRecord {
                uid: uid(n),
                email: Some(email(n)),
                phone: Some(phone(n)),
                first_name: Some(format!("Lead{n}")),
                last_name: Some("Souza".to_string()),
                business_name: Some(format!("Empresa {n} Ltda")),
                city: Some("São Paulo".to_string()),
                stage_name: Some(stages[n % stages.len()].clone()),
                owner_email: Some("sales@bench.example.com".to_string()),
                notes: vec![
                    (
                        at,
                        "First call: interested in the premium plan.".to_string(),
                    ),
                    (at + TimeDelta::days(2), "Sent the proposal.".to_string()),
                ],
                tags: vec!["Bench".to_string()],
                created: at,
                last_update: at + TimeDelta::days(2),
                ..ContactRecord::default()
            }
        })
        .collect();
    if huge {
        contacts[0].notes = (0..HUGE_NOTES)
            .map(|i| {
                let at = epoch + TimeDelta::hours(i as i64);
                (at, format!("Call {i}: went through the proposal line by line, agreed on next steps and a date."))
            })
            .collect();
    }
    AccountFile {
        accounts: vec![Account {
            token: BENCH_TOKEN.to_string(),
            plan: Plan::Business,
            name: "Bench".to_string(),
            time_zone: "America/Sao_Paulo".to_string(),
            stages,
            qualities: vec!["High".to_string(), "Low".to_string()],
            team: vec![TeamMember {
                email: "sales@bench.example.com".to_string(),
                name: "Bench Seller".to_string(),
            }],
            tags: vec!["Bench".to_string()],
            contacts,
        }],
        journal_generation: 0,
    }
}

/// The account file of `count` generated contacts (`huge`: the first with a very long history),
/// written once and reused.
fn account_file(count: usize, huge: bool) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-accounts");
    std::fs::create_dir_all(&dir).expect("a directory for bench accounts");
    let name = format!("accounts-{count}{}.json", if huge { "-huge" } else { "" });
    let path = dir.join(&name);
    if !path.exists() {
        let temp = dir.join(format!("{name}.partial"));
        let file = std::fs::File::create(&temp).expect("a bench account file");
        serde_json::to_writer(
            std::io::BufWriter::new(file),
            &generated_account(count, huge),
        )
        .expect("written");
        std::fs::rename(&temp, &path).expect("renamed");
    }
    path
}

/// Query strings for lookups spread over the whole account (a fixed pseudo-random sample).
fn lookups(count: usize, field: &str) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(7);
    (0..4096)
        .map(|_| {
            let n = rng.usize(..count);
            match field {
                "uid" => format!("uid={}", uid(n)),
                "email" => format!("email={}", email(n)),
                _ => format!("phone={}", phone(n).replace('+', "%2B").replace(' ', "%20")),
            }
        })
        .collect()
}

/// Phone lookups of the demo account's ordinary contacts (one match, a short history), like the
/// generated ones.
fn demo_lookups() -> Vec<String> {
    let demo = AccountFile::demo().expect("the demo account");
    let account = &demo.accounts[0];
    let phones: Vec<String> = account
        .contacts
        .iter()
        .filter(|c| c.notes.len() <= 20)
        .filter_map(|c| c.phone.clone())
        .filter(|p| {
            let digits = genius::sim::input::phone_digits(p);
            account
                .contacts
                .iter()
                .filter(|c| {
                    c.phone.as_deref().map(genius::sim::input::phone_digits) == Some(digits.clone())
                })
                .count()
                == 1
        })
        .collect();
    phones
        .iter()
        .map(|p| format!("phone={}", urlencode(p)))
        .collect()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

struct Load {
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
}

impl Load {
    fn new() -> Load {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Load {
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime"),
            http: reqwest::Client::builder()
                .pool_max_idle_per_host(CONCURRENCY)
                .build()
                .expect("a client"),
        }
    }

    async fn get(&self, server: &Server, token: &str, query: &str) {
        let response = self
            .http
            .get(format!("{}/api/contact?{query}", server.url))
            .bearer_auth(token)
            .send()
            .await
            .expect("an answer");
        assert!(
            response.status().is_success(),
            "{query}: {}",
            response.status()
        );
        response.bytes().await.expect("a body");
    }

    /// The time `iters` lookups take, `CONCURRENCY` at a time.
    fn concurrent(&self, server: &Server, token: &str, queries: &[String], iters: u64) -> Duration {
        self.runtime.block_on(async {
            let started = Instant::now();
            futures_util::stream::iter(0..iters as usize)
                .map(|i| self.get(server, token, &queries[i % queries.len()]))
                .buffer_unordered(CONCURRENCY)
                .collect::<Vec<()>>()
                .await;
            started.elapsed()
        })
    }
}

/// The binaries to measure: this one, and an older one when `GENIUS_BEFORE_BIN` names it.
fn binaries() -> Vec<(&'static str, PathBuf)> {
    let mut binaries = vec![("after", PathBuf::from(env!("CARGO_BIN_EXE_genius")))];
    if let Some(before) = std::env::var_os("GENIUS_BEFORE_BIN") {
        binaries.insert(0, ("before", PathBuf::from(before)));
    }
    binaries
}

fn lookup_cost(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("lookup");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(4));
    for (label, bin) in binaries() {
        for (count, size) in SIZES {
            // The older simulator scans every contact: at a million that is minutes per run.
            if label == "before" && count != 100_000 {
                continue;
            }
            let server = Server::start(&bin, Some(&account_file(count, false)), None);
            for field in ["uid", "email", "phone"] {
                let queries = lookups(count, field);
                let mut next = 0;
                group.bench_function(BenchmarkId::new(format!("{label}/{field}"), size), |b| {
                    b.iter(|| {
                        next = (next + 1) % queries.len();
                        load.runtime
                            .block_on(load.get(&server, BENCH_TOKEN, &queries[next]))
                    })
                });
            }
        }
    }
    group.finish();
}

fn throughput(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("throughput");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(1));
    for (label, bin) in binaries() {
        let demo = Server::start(&bin, None, None);
        let queries = demo_lookups();
        group.bench_function(BenchmarkId::new(format!("{label}/phone"), "demo"), |b| {
            b.iter_custom(|iters| load.concurrent(&demo, genius::sim::DEMO_TOKEN, &queries, iters))
        });
        drop(demo);
        let big = Server::start(&bin, Some(&account_file(100_000, false)), None);
        let queries = lookups(100_000, "phone");
        group.bench_function(BenchmarkId::new(format!("{label}/phone"), "100k"), |b| {
            b.iter_custom(|iters| load.concurrent(&big, BENCH_TOKEN, &queries, iters))
        });
    }
    group.finish();
}

fn write_with_state(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("write_with_state");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(6));
    for (label, bin) in binaries() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = dir.path().join("state.json");
        let server = Server::start(&bin, Some(&account_file(100_000, false)), Some(&state));
        let mut rng = fastrand::Rng::with_seed(11);
        group.bench_function(BenchmarkId::new(format!("{label}/note"), "100k"), |b| {
            b.iter(|| {
                let body =
                    serde_json::json!({"uid": uid(rng.usize(..100_000)), "note": "Bench note"});
                load.runtime.block_on(async {
                    let response = load
                        .http
                        .post(format!("{}/api/contact/note/add", server.url))
                        .bearer_auth(BENCH_TOKEN)
                        .json(&body)
                        .send()
                        .await
                        .expect("an answer");
                    assert!(response.status().is_success());
                    response.bytes().await.expect("a body");
                })
            })
        });
    }
    group.finish();
}

fn lookup_beside_a_huge_reply(c: &mut Criterion) {
    let load = Load::new();
    let mut group = c.benchmark_group("beside_huge_reply");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for (label, bin) in binaries() {
        let server = Server::start(&bin, Some(&account_file(100_000, true)), None);
        let queries = lookups(100_000, "uid");
        let huge = format!("{}/api/contact?uid={}", server.url, uid(0));
        // Another client keeps asking for the 7 MB contact the whole time.
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let background = {
            let (http, stop) = (load.http.clone(), stop.clone());
            load.runtime.spawn(async move {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Ok(response) = http.get(&huge).bearer_auth(BENCH_TOKEN).send().await {
                        let _ = response.bytes().await;
                    }
                }
            })
        };
        let mut next = 0;
        group.bench_function(BenchmarkId::new(format!("{label}/uid"), "100k"), |b| {
            b.iter(|| {
                next = (next + 1) % queries.len();
                load.runtime
                    .block_on(load.get(&server, BENCH_TOKEN, &queries[next]))
            })
        });
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = load.runtime.block_on(background);
    }
    group.finish();
}

criterion_group!(
    benches,
    lookup_cost,
    throughput,
    lookup_beside_a_huge_reply,
    write_with_state
);
criterion_main!(benches);
