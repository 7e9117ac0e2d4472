//! The benchmark's material: an account file (the demo account plus generated contacts to look
//! up and one huge contact), abook's addressbook made from the same demo contacts, the notes texts
//! `less` pages through, the simulator process serving the account, and the private directories
//! and environments each program runs with.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, TimeZone, Utc};
use genius::sim::demo::{Account, AccountFile, ContactRecord};

use crate::pty_session::Launch;

/// The text genius types into a lookup and abook into its search prompt: an email a salesperson
/// would paste or type.
pub const TYPED_LOOKUP: &str = "john@example.com";

/// Everything generated for one run.
pub struct Fixtures {
    pub account_file: PathBuf,
    /// Demo contacts opened once so genius starts with a full list of recent contacts.
    pub recents: Vec<String>,
    /// The demo contact with the most notes, for scrolling the timeline.
    pub timeline_uid: String,
    pub timeline_notes: usize,
    pub timeline_notes_file: PathBuf,
    /// The generated giant contact.
    pub huge_uid: String,
    pub huge_notes: usize,
    /// Its `data` as GET /api/contact answers it, in bytes.
    pub huge_json_bytes: u64,
    pub huge_notes_file: PathBuf,
    /// Generated contacts, each looked up once in the cache runs.
    pub lookups: Vec<String>,
    /// The sum of their `data` sizes: what the lookups fetch.
    pub lookups_json_bytes: u64,
    pub abook_file: PathBuf,
    pub abook_entries: usize,
    /// The name on abook's first line, to know its list is drawn.
    pub abook_first_name: String,
}

fn at(year: i32, month: u32, day: u32) -> anyhow::Result<DateTime<Utc>> {
    Utc.with_ymd_and_hms(year, month, day, 12, 0, 0)
        .single()
        .context("a valid fixed date")
}

/// The contact as the simulator shows it (what GET /api/contact answers).
fn shown(account: &Account, record: &ContactRecord) -> genius::sim::view::Shown {
    let (_, _, book) = genius::sim::book::AccountBook::from_account(account.clone());
    genius::sim::view::Shown::pick(&book, &std::sync::Arc::new(record.clone()))
}

fn api_json(account: &Account, record: &ContactRecord) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec(&genius::sim::view::contact(&shown(
        account, record,
    )))?)
}

fn api_notes(account: &Account, record: &ContactRecord) -> anyhow::Result<String> {
    let view = serde_json::to_value(genius::sim::view::contact(&shown(account, record)))?;
    Ok(view
        .get("notes")
        .and_then(|notes| notes.as_str())
        .unwrap_or_default()
        .to_string())
}

fn display_name(record: &ContactRecord) -> String {
    let name = [record.first_name.as_deref(), record.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    [
        Some(name),
        record.business_name.clone(),
        record.email.clone(),
    ]
    .into_iter()
    .flatten()
    .find(|text| !text.trim().is_empty())
    .unwrap_or_else(|| record.uid.clone())
}

/// abook's addressbook format: an `[N]` section per contact, `key=value` lines.
fn abook_addressbook(contacts: &[ContactRecord]) -> String {
    let one_line = |text: &str| text.replace(['\n', '\r'], " ");
    let mut book =
        String::from("# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n");
    for (index, contact) in contacts.iter().enumerate() {
        book.push_str(&format!(
            "\n[{index}]\nname={}\n",
            one_line(&display_name(contact))
        ));
        if let Some(email) = &contact.email {
            book.push_str(&format!("email={}\n", one_line(email)));
        }
        if let Some(phone) = &contact.phone {
            book.push_str(&format!("phone={}\n", one_line(phone)));
        }
    }
    book
}

/// Generates the run's files in `dir`.
pub fn generate(dir: &Path, huge_notes: usize, lookups: usize) -> anyhow::Result<Fixtures> {
    let mut file = AccountFile::demo()?;
    let account = file
        .accounts
        .iter_mut()
        .find(|account| account.token == genius::sim::DEMO_TOKEN)
        .context("the demo has no account for the demo token")?;
    let demo_contacts = account.contacts.clone();
    let timeline = demo_contacts
        .iter()
        .max_by_key(|contact| contact.notes.len())
        .context("the demo account has no contacts")?
        .clone();
    let recents: Vec<String> = demo_contacts
        .iter()
        .filter(|contact| contact.uid != timeline.uid)
        .take(genius::tui::model::recents::MAX_RECENTS)
        .map(|contact| contact.uid.clone())
        .collect();

    let created = at(2024, 1, 15)?;
    let first_note = at(2014, 1, 6)?;
    let huge = ContactRecord {
        uid: "HUGE0001".to_string(),
        email: Some("giant.history@bench.test".to_string()),
        phone: Some("+55 11 90000-0001".to_string()),
        first_name: Some("Giant".to_string()),
        last_name: Some("History".to_string()),
        business_name: Some("Bench Holdings".to_string()),
        notes: (0..huge_notes)
            .map(|i| {
                let minute = chrono::Duration::minutes(i as i64 * 47);
                (
                    first_note + minute,
                    format!(
                        "Call {}: talked pricing, the pilot and the next steps.",
                        i + 1
                    ),
                )
            })
            .collect(),
        created,
        last_update: created,
        ..ContactRecord::default()
    };
    let generated: Vec<ContactRecord> = (1..=lookups)
        .map(|i| ContactRecord {
            uid: format!("L{i:07}"),
            email: Some(format!("lead{i}@bench.test")),
            phone: Some(format!("+55 11 9{:04}-{:04}", i % 10_000, (i * 7) % 10_000)),
            first_name: Some("Lead".to_string()),
            last_name: Some(format!("Number {i}")),
            business_name: Some(format!("Bench Company {}", i % 97)),
            city: Some("São Paulo".to_string()),
            notes: (0..3)
                .map(|n| {
                    (
                        created + chrono::Duration::days(n * 9 + (i as i64 % 30)),
                        format!(
                            "Follow-up {}: sent the proposal, waiting for the buyer.",
                            n + 1
                        ),
                    )
                })
                .collect(),
            created,
            last_update: created,
            ..ContactRecord::default()
        })
        .collect();
    let generated_shape = |uid: &str| {
        uid == huge.uid
            || uid
                .strip_prefix('L')
                .is_some_and(|digits| digits.parse::<u32>().is_ok())
    };
    if demo_contacts.iter().any(|c| generated_shape(&c.uid)) {
        bail!("the demo account already uses a uid the benchmark generates");
    }
    account.contacts.push(huge.clone());
    account.contacts.extend(generated.iter().cloned());

    let account = &*account;
    let huge_json_bytes = api_json(account, &huge)?.len() as u64;
    let mut lookups_json_bytes = 0;
    for contact in &generated {
        lookups_json_bytes += api_json(account, contact)?.len() as u64;
    }
    let timeline_notes_file = dir.join("timeline-notes.txt");
    std::fs::write(&timeline_notes_file, api_notes(account, &timeline)?)?;
    let huge_notes_file = dir.join("huge-notes.txt");
    std::fs::write(&huge_notes_file, api_notes(account, &huge)?)?;
    let abook_file = dir.join("addressbook");
    std::fs::write(&abook_file, abook_addressbook(&demo_contacts))?;
    let abook_first_name = demo_contacts
        .first()
        .map(display_name)
        .context("the demo account has no contacts")?;

    let account_file = dir.join("account.json");
    std::fs::write(&account_file, serde_json::to_vec(&file)?)?;
    Ok(Fixtures {
        account_file,
        recents,
        timeline_uid: timeline.uid.clone(),
        timeline_notes: timeline.notes.len(),
        timeline_notes_file,
        huge_uid: huge.uid.clone(),
        huge_notes,
        huge_json_bytes,
        huge_notes_file,
        lookups: generated.iter().map(|c| c.uid.clone()).collect(),
        lookups_json_bytes,
        abook_file,
        abook_entries: demo_contacts.len(),
        abook_first_name,
    })
}

/// `genius serve` with the run's account file, killed on drop.
pub struct Simulator {
    child: Child,
    pub base_url: String,
}

impl Simulator {
    /// Starts the simulator and waits (with a deadline) for the address it listens on.
    pub fn start(genius: &Path, account_file: &Path) -> anyhow::Result<Simulator> {
        let mut child = Command::new(genius)
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(account_file)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {} serve", genius.display()))?;
        let stdout = child.stdout.take().context("the simulator's stdout")?;
        let (found, address) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.trim().strip_prefix("listening on ") {
                    let _ = found.send(url.to_string());
                }
            }
        });
        let simulator = match address.recv_timeout(Duration::from_secs(60)) {
            Ok(base_url) => Simulator { child, base_url },
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                bail!("the simulator did not say where it listens within 60 s");
            }
        };
        Ok(simulator)
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A program found on PATH, or a message saying how to get it.
pub fn find_program(name: &str, package: &str) -> anyhow::Result<PathBuf> {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .with_context(|| {
            format!(
                "{name} is not installed; scripts/bench-tui.sh installs it, or run `apt-get install -y {package}`"
            )
        })
}

/// Copies the directory `from` to `to`, recursively (files keep their permissions).
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// A private home for one program: HOME and every XDG directory (and genius's own directory
/// variables) point inside it, so nothing of the user's is read or touched.
#[derive(Debug, Clone)]
pub struct PrivateHome {
    pub root: PathBuf,
}

impl PrivateHome {
    /// Creates the directories under `root`.
    pub fn create(root: PathBuf) -> anyhow::Result<PrivateHome> {
        for sub in ["home", "config", "data", "state", "cache"] {
            std::fs::create_dir_all(root.join(sub))
                .with_context(|| format!("cannot create {}", root.join(sub).display()))?;
        }
        Ok(PrivateHome { root })
    }

    /// Makes this home an exact copy of `pristine`, so every round starts from the same state
    /// (a round that opens a contact adds it to the recents and the cache).
    pub fn reset_from(&self, pristine: &PrivateHome) -> anyhow::Result<()> {
        if self.root.exists() {
            std::fs::remove_dir_all(&self.root)
                .with_context(|| format!("cannot empty {}", self.root.display()))?;
        }
        copy_tree(&pristine.root, &self.root)
    }

    /// genius's config file in this home.
    pub fn config_file(&self) -> PathBuf {
        self.root.join("config").join("config.toml")
    }

    fn env(&self) -> Vec<(String, OsString)> {
        let dir = |sub: &str| self.root.join(sub).into_os_string();
        let mut env = vec![
            ("TERM".to_string(), OsString::from("xterm-256color")),
            ("LANG".to_string(), OsString::from("C.UTF-8")),
            ("HOME".to_string(), dir("home")),
            ("XDG_CONFIG_HOME".to_string(), dir("config")),
            ("XDG_DATA_HOME".to_string(), dir("data")),
            ("XDG_STATE_HOME".to_string(), dir("state")),
            ("XDG_CACHE_HOME".to_string(), dir("cache")),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            env.push(("PATH".to_string(), path));
        }
        env
    }

    /// genius (the configured-account TUI, no arguments) against `base_url` with the demo token.
    pub fn genius(&self, binary: &Path, base_url: &str) -> Launch {
        let mut env = self.env();
        env.extend([
            ("GENIUS_BASE_URL".to_string(), OsString::from(base_url)),
            (
                "GENIUS_TOKEN".to_string(),
                OsString::from(genius::sim::DEMO_TOKEN),
            ),
            (
                "GENIUS_CONFIG_DIR".to_string(),
                self.root.join("config").into_os_string(),
            ),
            (
                "GENIUS_DATA_DIR".to_string(),
                self.root.join("data").into_os_string(),
            ),
            (
                "GENIUS_STATE_DIR".to_string(),
                self.root.join("state").into_os_string(),
            ),
        ]);
        Launch {
            label: "genius",
            program: binary.to_path_buf(),
            args: Vec::new(),
            env,
            cwd: self.root.join("home"),
        }
    }

    /// abook on `book`, with no configuration file.
    pub fn abook(&self, binary: &Path, book: &Path) -> Launch {
        Launch {
            label: "abook",
            program: binary.to_path_buf(),
            args: vec![
                "-C".into(),
                "/dev/null".into(),
                "-f".into(),
                book.as_os_str().to_owned(),
            ],
            env: self.env(),
            cwd: self.root.join("home"),
        }
    }

    /// less on `file`, without a history file or the user's LESS options.
    pub fn less(&self, binary: &Path, file: &Path) -> Launch {
        let mut env = self.env();
        env.push(("LESSHISTFILE".to_string(), OsString::from("-")));
        Launch {
            label: "less",
            program: binary.to_path_buf(),
            args: vec![file.as_os_str().to_owned()],
            env,
            cwd: self.root.join("home"),
        }
    }
}
