//! The machinery every bulk run shares: the paced, counted request, the per-row outcome and its
//! journal entry, concurrency bounded by the rate limit, Ctrl-C that stops after the requests in
//! flight, and the summary with its exit code.

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

use crate::api::client::decode_data;
use crate::api::{ApiError, ApiRequest, Client, Documented, ErrorKind, RetryPolicy, RetryWait};
use crate::text::safe_line;

use super::super::failure::{Exit, Failure};
use super::journal::{Done, Journal, RowState};
use super::pacer::Pacer;
use super::progress::Progress;

/// After this many failures in a row (and no success), the server is taken to be down and the run stops.
const FAILURES_BEFORE_GIVING_UP: u64 = 20;

/// How one row ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowResult {
    /// Created, updated, or found already there.
    Done { outcome: Done, uid: String },
    /// Bad data, said by the server (a 400) or found by a lookup; goes to the rejects file.
    Rejected(String),
    /// The request failed; a rerun tries again. The exit code says how.
    Failed { exit: Exit, reason: String },
    /// Nothing more can succeed (token rejected, journal unwritable): the run stops.
    Fatal(Failure),
}

impl RowResult {
    /// The result of an API failure: bad data is a reject, a rejected token ends the run.
    pub fn from_error(error: &ApiError) -> RowResult {
        // Server text is untrusted: it reaches the terminal and the rejects file only made safe.
        let said = |text: &str| safe_line(text).into_owned();
        match error.kind() {
            ErrorKind::BadRequest => RowResult::Rejected(format!(
                "the server refused it: {}",
                said(error.server_message().unwrap_or("bad request"))
            )),
            ErrorKind::Unauthorized | ErrorKind::Forbidden => {
                RowResult::Fatal(Failure::new(Exit::Auth, said(&error.to_string())))
            }
            _ => RowResult::Failed {
                exit: Exit::of(error),
                reason: said(&error.to_string()),
            },
        }
    }
}

/// Running totals of a run.
#[derive(Debug, Default)]
pub struct Counts {
    pub created: AtomicU64,
    pub updated: AtomicU64,
    /// Rows an earlier run had finished (or had created before being interrupted).
    pub skipped: AtomicU64,
    pub rejected: AtomicU64,
    pub failed: AtomicU64,
    /// HTTP requests sent, retries included.
    pub requests: AtomicU64,
    failures_in_a_row: AtomicU64,
}

/// What every worker of a run shares.
pub struct Context {
    pub client: Client,
    pub pacer: Pacer,
    pub journal: Journal,
    pub counts: Counts,
    pub progress: Progress,
    stop: AtomicBool,
    stopped: Notify,
    interrupted: AtomicBool,
    fatal: Mutex<Option<Failure>>,
    worst_failure: Mutex<Option<Exit>>,
    rejects: Mutex<Vec<(u64, String)>>,
}

impl Context {
    /// A context for one run.
    pub fn new(client: Client, rate_limit: u32, journal: Journal, progress: Progress) -> Context {
        Context {
            // A run's waits on the rate limit are the pacer's to absorb, not a one-shot command's
            // to bound: a long import that keeps progressing must not be cut off by their sum.
            client: client.with_retry_policy(RetryPolicy::default()),
            pacer: Pacer::new(rate_limit),
            journal,
            counts: Counts::default(),
            progress,
            stop: AtomicBool::new(false),
            stopped: Notify::new(),
            interrupted: AtomicBool::new(false),
            fatal: Mutex::new(None),
            worst_failure: Mutex::new(None),
            rejects: Mutex::new(Vec::new()),
        }
    }

    /// Sends one request in its paced slot, counting it and every retry, and slowing the pace on 429.
    pub async fn send<T: Documented>(&self, request: &ApiRequest) -> Result<T, ApiError> {
        self.pacer.acquire().await;
        self.counts.requests.fetch_add(1, Ordering::Relaxed);
        let observe = |wait: RetryWait| {
            self.counts.requests.fetch_add(1, Ordering::Relaxed);
            self.pacer.throttled(wait.wait);
        };
        let answer = self.client.send(request, Some(&observe)).await;
        if let Some(limit) = advertised_limit(&self.client.rate_limit_headers()) {
            self.pacer.advertised(limit);
        }
        let success = answer?;
        self.pacer.succeeded();
        decode_data(success.data)
    }

    /// Records a row's journal entry; a journal that cannot be written ends the run.
    pub fn record(&self, row: u64, state: &RowState) -> Result<(), RowResult> {
        self.journal
            .record(row, state)
            .map_err(|message| RowResult::Fatal(Failure::new(Exit::Usage, message)))
    }

    /// Counts and journals a finished row.
    pub fn finish(&self, row: u64, result: RowResult) {
        let journaled = match &result {
            RowResult::Done { outcome, uid } => Some(RowState::Done {
                outcome: *outcome,
                uid: uid.clone(),
            }),
            RowResult::Rejected(reason) => Some(RowState::Rejected(reason.clone())),
            RowResult::Failed {
                exit: Exit::MaybeApplied,
                ..
            } => Some(RowState::Uncertain),
            RowResult::Failed { reason, .. } => Some(RowState::Failed(reason.clone())),
            // The server refused the token: the write was not applied. (A journal that cannot be
            // written fails here again, harmlessly.)
            RowResult::Fatal(failure) => Some(RowState::Failed(failure.message.clone())),
        };
        let result = match journaled.map(|state| self.record(row, &state)) {
            Some(Err(fatal)) => fatal,
            _ => result,
        };
        let counts = &self.counts;
        match result {
            RowResult::Done { outcome, .. } => {
                counts.failures_in_a_row.store(0, Ordering::Relaxed);
                let counter = match outcome {
                    Done::Created => &counts.created,
                    Done::Updated => &counts.updated,
                    Done::Existing => &counts.skipped,
                };
                counter.fetch_add(1, Ordering::Relaxed);
            }
            RowResult::Rejected(reason) => {
                counts.failures_in_a_row.store(0, Ordering::Relaxed);
                self.reject(row, reason);
            }
            RowResult::Failed { exit, reason } => {
                counts.failed.fetch_add(1, Ordering::Relaxed);
                self.progress
                    .println(&format!("line {row}: failed: {reason}"));
                if let Ok(mut worst) = self.worst_failure.lock() {
                    *worst = Some(worst.map_or(exit, |w| w.max(exit)));
                }
                let in_a_row = counts.failures_in_a_row.fetch_add(1, Ordering::Relaxed) + 1;
                if in_a_row == FAILURES_BEFORE_GIVING_UP {
                    self.progress.println(&format!(
                        "{in_a_row} failures in a row: stopping; run the same command again to resume"
                    ));
                    self.stop_now();
                }
            }
            RowResult::Fatal(failure) => {
                if let Ok(mut fatal) = self.fatal.lock() {
                    fatal.get_or_insert(failure);
                }
                self.stop_now();
            }
        }
        self.progress.advance();
    }

    /// Counts a rejected row (from the checks or the server) for the summary and the rejects file.
    pub fn reject(&self, row: u64, reason: String) {
        self.counts.rejected.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut rejects) = self.rejects.lock() {
            rejects.push((row, reason));
        }
    }

    /// The rejected rows so far, by line.
    pub fn rejects(&self) -> Vec<(u64, String)> {
        let mut rejects = self.rejects.lock().map(|r| r.clone()).unwrap_or_default();
        rejects.sort();
        rejects
    }

    fn stop_now(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.stopped.notify_waiters();
    }

    /// True once the run is stopping (Ctrl-C, a fatal error, or a server that keeps failing).
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The exit code of the whole run, and the failure message when it ended early.
    pub fn exit(&self) -> (Exit, Option<Failure>) {
        if let Some(fatal) = self.fatal.lock().ok().and_then(|f| f.clone()) {
            return (fatal.exit, Some(fatal));
        }
        if self.interrupted.load(Ordering::SeqCst) {
            return (Exit::Interrupted, None);
        }
        if let Some(exit) = self.worst_failure.lock().ok().and_then(|w| *w) {
            return (exit, None);
        }
        if self.counts.rejected.load(Ordering::Relaxed) > 0 {
            return (Exit::Usage, None);
        }
        (Exit::Ok, None)
    }
}

/// The request-per-second limit in `X-RateLimit-Limit` (or `RateLimit-Limit`), when there is one.
pub fn advertised_limit(headers: &[(String, String)]) -> Option<u32> {
    headers
        .iter()
        .find(|(name, _)| name == "x-ratelimit-limit" || name == "ratelimit-limit")
        .and_then(|(_, value)| {
            let digits: String = value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .filter(|limit| *limit > 0)
}

/// Runs `work` on every job, at most `concurrency` at once, until done or stopped. Ctrl-C stops
/// taking new rows and lets the requests in flight finish; a second Ctrl-C quits at once (the journal
/// is still consistent: unfinished rows are `started` and are looked up on the next run).
pub async fn run_jobs<J, F, Fut>(context: Arc<Context>, jobs: Vec<J>, concurrency: usize, work: F)
where
    J: Send + 'static,
    F: Fn(Arc<Context>, J) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    // The handler is installed before the first row starts, so an early Ctrl-C is never lost.
    let mut interrupts = Interrupts::install();
    let watcher = {
        let context = context.clone();
        tokio::spawn(async move {
            if interrupts.next().await {
                context.interrupted.store(true, Ordering::SeqCst);
                context.progress.println(
                    "stopping after the requests in flight (Ctrl-C again to quit at once)",
                );
                context.stop_now();
                if interrupts.next().await {
                    std::process::exit(Exit::Interrupted as i32);
                }
            }
        })
    };
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut tasks = JoinSet::new();
    for job in jobs {
        if context.stopping() {
            break;
        }
        let stopped = context.stopped.notified();
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = stopped => break,
        };
        if context.stopping() {
            break;
        }
        let task = work(context.clone(), job);
        tasks.spawn(async move {
            task.await;
            drop(permit);
        });
        // Reap finished tasks as we go so the set stays small.
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    watcher.abort();
    context.progress.finish();
}

/// Ctrl-C (SIGINT), listened for from the moment it is installed.
struct Interrupts {
    #[cfg(unix)]
    signal: Option<tokio::signal::unix::Signal>,
}

impl Interrupts {
    fn install() -> Interrupts {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Interrupts {
                signal: signal(SignalKind::interrupt()).ok(),
            }
        }
        #[cfg(not(unix))]
        Interrupts {}
    }

    /// Waits for the next Ctrl-C; false when none can ever come (no handler could be installed).
    async fn next(&mut self) -> bool {
        #[cfg(unix)]
        {
            match self.signal.as_mut() {
                Some(signal) => signal.recv().await.is_some(),
                None => false,
            }
        }
        #[cfg(not(unix))]
        {
            tokio::signal::ctrl_c().await.is_ok()
        }
    }
}

/// The closing summary block.
pub fn summary(counts: &Counts, elapsed: Duration, rejects_note: &str) -> String {
    let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let requests = load(&counts.requests);
    let seconds = elapsed.as_secs_f64();
    format!(
        "created   {}\nupdated   {}\nskipped   {}\nrejected  {}{rejects_note}\nfailed    {}\nelapsed   {:.1} s\nrequests  {} ({:.1}/s)\n",
        load(&counts.created),
        load(&counts.updated),
        load(&counts.skipped),
        load(&counts.rejected),
        load(&counts.failed),
        seconds,
        requests,
        requests as f64 / seconds.max(0.001),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advertised_limit_is_read_from_either_header_spelling() {
        let headers = |name: &str, value: &str| vec![(name.to_string(), value.to_string())];
        assert_eq!(
            advertised_limit(&headers("x-ratelimit-limit", "20")),
            Some(20)
        );
        assert_eq!(
            advertised_limit(&headers("ratelimit-limit", " 50, 50;w=1")),
            Some(50)
        );
        assert_eq!(advertised_limit(&headers("x-ratelimit-limit", "0")), None);
        assert_eq!(advertised_limit(&headers("retry-after", "3")), None);
    }

    #[test]
    fn api_errors_become_rejects_failures_or_the_end_of_the_run() {
        let api = |status: u16, message: &str| ApiError::Api {
            status,
            code: None,
            message: message.into(),
        };
        assert_eq!(
            RowResult::from_error(&api(400, "stageName 'X\x1b[2J' does not exist")),
            RowResult::Rejected(
                "the server refused it: stageName 'X\u{241b}[2J' does not exist".into()
            )
        );
        assert!(
            matches!(RowResult::from_error(&api(401, "no")), RowResult::Fatal(f) if f.exit == Exit::Auth)
        );
        assert!(
            matches!(RowResult::from_error(&api(403, "plan")), RowResult::Fatal(f) if f.exit == Exit::Auth)
        );
        let timeout = ApiError::Timeout {
            after: Duration::from_secs(1),
            maybe_applied: true,
        };
        assert!(matches!(
            RowResult::from_error(&timeout),
            RowResult::Failed {
                exit: Exit::MaybeApplied,
                ..
            }
        ));
        assert!(matches!(
            RowResult::from_error(&api(500, "boom")),
            RowResult::Failed {
                exit: Exit::Network,
                ..
            }
        ));
    }
}
