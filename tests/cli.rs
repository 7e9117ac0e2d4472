//! The scripting commands as a user runs them: the real `genius` binary as a child process against
//! the simulator (in-process, or `genius serve` as a child for the kill-and-resume import), checking
//! output formats, every exit code, bulk import/apply with rejects and journal, and completions.
//! Modules: `single` (one-contact commands), `errors` (exit codes), `claims` (no success printed
//! for a write a misbehaving server did not confirm), `bulk` (import/apply), `resume` (the
//! 2,000-row import killed twice), `outside_text` (accented, CJK and NBSP input), `matches` (the
//! documented shapes: several matches as summaries, times in one zone, no undocumented fields).
// Test code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "cli/bulk.rs"]
mod bulk;
#[path = "cli/claims.rs"]
mod claims;
#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/matches.rs"]
mod matches;
#[path = "cli/outside_text.rs"]
mod outside_text;
#[allow(dead_code)] // the pty harness of the end-to-end tests; this binary uses a part of it
#[path = "support/pty.rs"]
mod pty;
#[path = "cli/resume.rs"]
mod resume;
#[path = "cli/single.rs"]
mod single;
#[path = "cli/worklist.rs"]
mod worklist;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use genius::sim::{self, RunningSimulator, SimOptions};
use serde_json::Value;
use tokio::io::AsyncWriteExt;

/// A simulator in this process, with its test controls on.
pub struct Sim {
    pub running: RunningSimulator,
    pub url: String,
    http: reqwest::Client,
}

impl Sim {
    /// A fresh demo simulator on a free port.
    pub async fn start(rate_limit: Option<u32>) -> Sim {
        let running = sim::spawn(SimOptions {
            rate_limit,
            control: true,
            ..SimOptions::demo()
        })
        .await
        .expect("the simulator starts");
        let url = running.base_url();
        Sim {
            running,
            url,
            http: http(),
        }
    }

    /// `/__sim/stats` of the demo account.
    pub async fn stats(&self) -> Value {
        stats(&self.http, &self.url).await
    }

    /// Sets a fault on every API answer (`none`, `error500`, `hang`), optionally only on writes.
    pub async fn fault(&self, mode: &str, writes_only: bool) {
        let answer = self
            .http
            .post(format!("{}/__sim/fault", self.url))
            .json(&serde_json::json!({ "mode": mode, "writes_only": writes_only }))
            .send()
            .await
            .expect("fault request");
        assert!(answer.status().is_success(), "fault {mode} was not set");
    }

    /// The API's `data` for a GET, straight from the simulator.
    pub async fn data(&self, query: &str) -> Value {
        let body: Value = self
            .http
            .get(format!("{}/api/contact?{query}", self.url))
            .bearer_auth(sim::DEMO_TOKEN)
            .send()
            .await
            .expect("lookup")
            .json()
            .await
            .expect("JSON");
        body["data"].clone()
    }

    /// Runs `genius ARGS` against this simulator.
    pub async fn genius(&self, args: &[&str]) -> Run {
        Genius::new(&self.url).run(args).await
    }
}

/// A plain HTTP client for the test's own requests (reqwest is built without a default TLS provider).
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// `/__sim/stats` of a simulator at `url`.
pub async fn stats(http: &reqwest::Client, url: &str) -> Value {
    http.get(format!("{url}/__sim/stats"))
        .send()
        .await
        .expect("stats request")
        .json()
        .await
        .expect("stats JSON")
}

/// What a finished `genius` run left.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A `genius` command line being put together.
pub struct Genius {
    command: tokio::process::Command,
    stdin: Option<String>,
}

impl Genius {
    /// `genius` talking to `url` with the demo token, no colour, config dirs of its own, and São
    /// Paulo's clock (no daylight saving since 2019, so times and their label are the same year
    /// round; the demo account writes its notes in that zone too).
    pub fn new(url: &str) -> Genius {
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_genius"));
        let home = std::env::temp_dir().join("genius-cli-tests");
        command
            .env("GENIUS_BASE_URL", url)
            .env("GENIUS_TOKEN", sim::DEMO_TOKEN)
            .env("NO_COLOR", "1")
            .env("TZ", "America/Sao_Paulo")
            .env("GENIUS_CONFIG_DIR", home.join("config"))
            .env("GENIUS_DATA_DIR", home.join("data"))
            .env("GENIUS_STATE_DIR", home.join("state"))
            .env_remove("GENIUS_PROFILE")
            .env_remove("GENIUS_CONFIG")
            .env_remove("GENIUS_RATE_LIMIT")
            .env_remove("GENIUS_TIMEOUT")
            .env_remove("GENIUS_MAX_WAIT")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        Genius {
            command,
            stdin: None,
        }
    }

    /// Sets (or with `None`, removes) an environment variable.
    pub fn env(mut self, name: &str, value: Option<&str>) -> Genius {
        match value {
            Some(value) => self.command.env(name, value),
            None => self.command.env_remove(name),
        };
        self
    }

    /// Feeds this text on standard input.
    pub fn stdin(mut self, text: &str) -> Genius {
        self.stdin = Some(text.to_string());
        self.command.stdin(Stdio::piped());
        self
    }

    /// Runs in this directory.
    pub fn dir(mut self, dir: &Path) -> Genius {
        self.command.current_dir(dir);
        self
    }

    /// Runs to the end (at most two minutes) and collects the output.
    pub async fn run(mut self, args: &[&str]) -> Run {
        let mut child = self.command.args(args).spawn().expect("genius starts");
        if let (Some(text), Some(mut stdin)) = (self.stdin.take(), child.stdin.take()) {
            stdin.write_all(text.as_bytes()).await.expect("write stdin");
        }
        let output = tokio::time::timeout(Duration::from_secs(120), child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("genius {args:?} did not finish in 2 minutes"))
            .expect("genius output");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// Polls `condition` every 20 ms until it holds, failing after `limit`.
pub async fn wait_until(what: &str, limit: Duration, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
