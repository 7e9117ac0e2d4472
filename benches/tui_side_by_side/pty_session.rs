//! One program running in a pseudo-terminal for the benchmark: a reader thread timestamps every
//! chunk the program writes and feeds a vt100 screen, and the measuring side waits on a condition
//! variable for "this text is on screen and nothing more came for a quiet period", always with a
//! deadline. The time reported for a burst is the arrival of its last byte, never the end of the
//! quiet period that proved it was the last. Dropping a session kills the program.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The terminal's size in columns and rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermSize {
    pub cols: u16,
    pub rows: u16,
}

impl std::str::FromStr for TermSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (cols, rows) = text
            .split_once('x')
            .ok_or_else(|| format!("{text:?} is not COLSxROWS, e.g. 100x30"))?;
        let parse = |part: &str| {
            part.trim()
                .parse::<u16>()
                .ok()
                .filter(|n| *n >= 10)
                .ok_or_else(|| format!("{part:?} in {text:?} is not a size of at least 10"))
        };
        Ok(TermSize {
            cols: parse(cols)?,
            rows: parse(rows)?,
        })
    }
}

impl std::fmt::Display for TermSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}×{}", self.cols, self.rows)
    }
}

/// What to run: the program, its arguments, and its whole environment (nothing is inherited but
/// what is listed, so the user's own settings never leak into a measurement).
#[derive(Debug, Clone)]
pub struct Launch {
    /// Short name for messages ("genius", "abook", "less").
    pub label: &'static str,
    pub program: PathBuf,
    pub args: Vec<OsString>,
    pub env: Vec<(String, OsString)>,
    pub cwd: PathBuf,
}

/// The last byte of a burst of output and how many bytes it had.
#[derive(Debug, Clone, Copy)]
pub struct Burst {
    pub last_byte_at: Instant,
    pub bytes: u64,
}

/// A key's answer: from writing the key to the last byte of the burst it caused.
#[derive(Debug, Clone, Copy)]
pub struct KeyAnswer {
    pub latency: Duration,
    pub bytes: u64,
}

struct Output {
    screen: vt100::Parser,
    bytes: u64,
    last_byte_at: Option<Instant>,
    closed: bool,
}

type Shared = Arc<(Mutex<Output>, Condvar)>;

/// A program in a pseudo-terminal.
pub struct PtySession {
    label: &'static str,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Kept open for as long as the program runs: closing it hangs the program up.
    _master: Box<dyn MasterPty + Send>,
    shared: Shared,
    pid: u32,
    /// Just before the program was spawned.
    pub spawned_at: Instant,
}

fn lock(shared: &Shared) -> MutexGuard<'_, Output> {
    // A reader thread that panicked mid-update leaves counters that are still meaningful.
    shared
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl PtySession {
    /// Starts `launch` in a fresh pseudo-terminal of `size`.
    pub fn spawn(launch: &Launch, size: TermSize) -> anyhow::Result<PtySession> {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: size.rows,
                cols: size.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .context("cannot open a pseudo-terminal")?;
        let mut command = CommandBuilder::new(&launch.program);
        command.args(&launch.args);
        command.env_clear();
        for (name, value) in &launch.env {
            command.env(name, value);
        }
        command.cwd(&launch.cwd);
        let mut reader = pty.master.try_clone_reader()?;
        let writer = pty.master.take_writer()?;
        let shared: Shared = Arc::new((
            Mutex::new(Output {
                screen: vt100::Parser::new(size.rows, size.cols, 0),
                bytes: 0,
                last_byte_at: None,
                closed: false,
            }),
            Condvar::new(),
        ));
        let spawned_at = Instant::now();
        let child = pty
            .slave
            .spawn_command(command)
            .with_context(|| format!("cannot start {}", launch.program.display()))?;
        drop(pty.slave);
        let pid = child
            .process_id()
            .with_context(|| format!("{} has no process id", launch.label))?;
        let feed = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                let read = reader.read(&mut buffer);
                let now = Instant::now();
                let mut output = lock(&feed);
                match read {
                    Ok(0) | Err(_) => {
                        output.closed = true;
                        feed.1.notify_all();
                        return;
                    }
                    Ok(n) => {
                        output.bytes += n as u64;
                        output.last_byte_at = Some(now);
                        output.screen.process(&buffer[..n]);
                        feed.1.notify_all();
                    }
                }
            }
        });
        Ok(PtySession {
            label: launch.label,
            child,
            writer,
            _master: pty.master,
            shared,
            pid,
            spawned_at,
        })
    }

    /// The program's process id (for /proc).
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Bytes the program has written to the terminal so far.
    pub fn bytes_so_far(&self) -> u64 {
        lock(&self.shared).bytes
    }

    /// Writes `keys` to the program's terminal, as typing them would.
    pub fn type_keys(&mut self, keys: &[u8]) -> anyhow::Result<()> {
        self.writer
            .write_all(keys)
            .and_then(|()| self.writer.flush())
            .with_context(|| format!("{} no longer reads its terminal", self.label))
    }

    /// Waits until more than `since` bytes have arrived, the screen satisfies `ready`, and then
    /// nothing more arrives for `quiet`; returns the burst's last byte. Fails after `deadline`
    /// with the screen as it was.
    pub fn settle(
        &self,
        since: u64,
        what: &str,
        ready: impl Fn(&str) -> bool,
        quiet: Duration,
        deadline: Duration,
    ) -> anyhow::Result<Burst> {
        let give_up = Instant::now() + deadline;
        let (_, changed) = &*self.shared;
        let mut output = lock(&self.shared);
        loop {
            let now = Instant::now();
            let shown = output.bytes > since && ready(&output.screen.screen().contents());
            match (shown, output.last_byte_at) {
                (true, Some(last)) if now.duration_since(last) >= quiet => {
                    return Ok(Burst {
                        last_byte_at: last,
                        bytes: output.bytes - since,
                    });
                }
                _ if output.closed => {
                    let screen = output.screen.screen().contents();
                    bail!(
                        "{} exited while waiting for {what}; its screen was:\n{screen}",
                        self.label
                    );
                }
                _ if now >= give_up => {
                    let screen = output.screen.screen().contents();
                    bail!(
                        "{} did not show {what} within {deadline:?}; its screen was:\n{screen}",
                        self.label
                    );
                }
                (true, Some(last)) => {
                    let wait = (last + quiet).min(give_up).saturating_duration_since(now);
                    output = wait_on(changed, output, wait);
                }
                _ => {
                    output = wait_on(changed, output, give_up.saturating_duration_since(now));
                }
            }
        }
    }

    /// Waits until the screen satisfies `ready` (no quiet period: for driving, not measuring).
    pub fn wait_for(
        &self,
        what: &str,
        ready: impl Fn(&str) -> bool,
        deadline: Duration,
    ) -> anyhow::Result<()> {
        self.settle(0, what, ready, Duration::ZERO, deadline)
            .map(drop)
    }

    /// Types `keys` and measures the answer: the time to the last byte of the burst it caused and
    /// the burst's size. A key that causes no output at all is an error (the scenario is wrong).
    pub fn press(&mut self, keys: &[u8], quiet: Duration) -> anyhow::Result<KeyAnswer> {
        let since = self.bytes_so_far();
        let pressed_at = Instant::now();
        self.type_keys(keys)?;
        let burst = self.settle(
            since,
            &format!("an answer to {:?}", String::from_utf8_lossy(keys)),
            |_| true,
            quiet,
            Duration::from_secs(10),
        )?;
        Ok(KeyAnswer {
            latency: burst.last_byte_at.saturating_duration_since(pressed_at),
            bytes: burst.bytes,
        })
    }

    /// Watches the terminal for `window` without touching the program; returns the bytes it wrote
    /// meanwhile. This is a measuring window, not a wait for something to happen.
    pub fn watch(&self, window: Duration) -> u64 {
        let end = Instant::now() + window;
        let (_, changed) = &*self.shared;
        let mut output = lock(&self.shared);
        let before = output.bytes;
        loop {
            let now = Instant::now();
            if now >= end || output.closed {
                return output.bytes - before;
            }
            output = wait_on(changed, output, end - now);
        }
    }

    /// Types `keys` (a quit command) and waits for the program to exit; kills it after
    /// `deadline`. Returns whether it exited by itself.
    pub fn quit(&mut self, keys: &[u8], deadline: Duration) -> anyhow::Result<bool> {
        // A program that already left cannot read its quit key; that is not a failure.
        let _ = self.type_keys(keys);
        let give_up = Instant::now() + deadline;
        let (_, changed) = &*self.shared;
        loop {
            if let Some(_status) = self.child.try_wait()? {
                return Ok(true);
            }
            let now = Instant::now();
            if now >= give_up {
                self.kill();
                return Ok(false);
            }
            // The terminal closes when the program exits: wake on that, check the process
            // again at least every 50 ms in case a grandchild still holds the terminal.
            let output = lock(&self.shared);
            let wait = (give_up - now).min(Duration::from_millis(50));
            drop(wait_on(changed, output, wait));
        }
    }

    fn kill(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn wait_on<'a>(
    changed: &Condvar,
    output: MutexGuard<'a, Output>,
    wait: Duration,
) -> MutexGuard<'a, Output> {
    match changed.wait_timeout(output, wait) {
        Ok((output, _)) => output,
        Err(poisoned) => poisoned.into_inner().0,
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        self.kill();
    }
}
