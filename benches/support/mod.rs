//! What the simulator benchmarks share: `genius serve` processes, generated accounts (cached under
//! `target/bench-accounts/`), lookups spread over an account, and an HTTP client driving them.
#![allow(dead_code)] // each benchmark uses its own part

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use futures_util::StreamExt;
use genius::sim::demo::{Account, AccountFile, ContactRecord, Plan, TeamMember};

pub const BENCH_TOKEN: &str = "bench-token";
pub const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (100_000, "100k"), (1_000_000, "1M")];
pub const CONCURRENCY: usize = 32;

/// A `genius serve` process, killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
}

impl Server {
    pub fn start(bin: &Path, data: Option<&Path>, state: Option<&Path>) -> Server {
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
pub fn uid(n: usize) -> String {
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

pub fn email(n: usize) -> String {
    format!("lead{n}@bench.example.com")
}

pub fn phone(n: usize) -> String {
    format!("+55 11 9{:04}-{:04}", n / 10_000, n % 10_000)
}

/// The notes of the one very long history some measurements add (about 7 MB as the API shows it).
pub const HUGE_NOTES: usize = 60_000;

/// A generated account of `count` contacts, each with a unique uid, email and phone and two notes;
/// with `huge`, the first one has [`HUGE_NOTES`] notes instead.
pub fn generated_account(count: usize, huge: bool) -> AccountFile {
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
pub fn account_file(count: usize, huge: bool) -> PathBuf {
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
pub fn lookups(count: usize, field: &str) -> Vec<String> {
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
pub fn demo_lookups() -> Vec<String> {
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

pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub struct Load {
    pub runtime: tokio::runtime::Runtime,
    pub http: reqwest::Client,
}

impl Load {
    pub fn new() -> Load {
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

    pub async fn get(&self, server: &Server, token: &str, query: &str) {
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
    pub fn concurrent(
        &self,
        server: &Server,
        token: &str,
        queries: &[String],
        iters: u64,
    ) -> Duration {
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
pub fn binaries() -> Vec<(&'static str, PathBuf)> {
    let mut binaries = vec![("after", PathBuf::from(env!("CARGO_BIN_EXE_genius")))];
    if let Some(before) = std::env::var_os("GENIUS_BEFORE_BIN") {
        binaries.insert(0, ("before", PathBuf::from(before)));
    }
    binaries
}
