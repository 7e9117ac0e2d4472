//! Runs the real `genius` binary in a pseudo-terminal against a real simulator (`genius serve`),
//! reads the screen through a vt100 parser on a reader thread, and kills both on drop. Waiting is
//! always on a condition with a deadline, never a fixed sleep.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long any wait may take before the test fails with the screen printed.
pub const DEADLINE: Duration = Duration::from_secs(10);

const POLL: Duration = Duration::from_millis(20);

fn genius_binary() -> &'static str {
    env!("CARGO_BIN_EXE_genius")
}

/// `genius serve` on a free loopback port, with the test controls on.
pub struct Simulator {
    child: Child,
    pub base_url: String,
}

impl Simulator {
    /// Starts the simulator and waits for its "listening on" line.
    pub fn start() -> Simulator {
        let mut child = Command::new(genius_binary())
            .args(["serve", "--addr", "127.0.0.1:0", "--control"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("genius serve starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (lines, found) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.trim().strip_prefix("listening on ") {
                    let _ = lines.send(url.to_string());
                }
            }
        });
        let base_url = found
            .recv_timeout(DEADLINE)
            .expect("the simulator says where it listens");
        Simulator { child, base_url }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The TUI running in an 80×24 pseudo-terminal.
pub struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Kept open (and resizable) for as long as the program runs.
    master: Box<dyn portable_pty::MasterPty + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread once the program's side of the terminal is closed.
    closed: Arc<AtomicBool>,
    _dirs: tempfile::TempDir,
}

impl Tui {
    /// Runs `genius ARGS` against `sim` with the demo token and private, empty directories.
    pub fn start(sim: &Simulator, args: &[&str]) -> Tui {
        Self::start_with_env(
            args,
            &[
                ("GENIUS_BASE_URL", &sim.base_url),
                ("GENIUS_TOKEN", "demo-token"),
            ],
        )
    }

    /// Runs `genius ARGS` with these extra environment variables.
    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Tui {
        let dirs = tempfile::tempdir().expect("a temporary directory");
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(genius_binary());
        command.args(args);
        command.env_clear();
        if let Ok(path) = std::env::var("PATH") {
            command.env("PATH", path);
        }
        command.env("TERM", "xterm-256color");
        command.env("GENIUS_DATA_DIR", dirs.path().join("data"));
        command.env("GENIUS_CONFIG_DIR", dirs.path().join("config"));
        command.env("GENIUS_STATE_DIR", dirs.path().join("state"));
        command.env("HOME", dirs.path());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pty
            .slave
            .spawn_command(command)
            .expect("genius starts in the pty");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let writer = pty.master.take_writer().expect("a pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let closed = Arc::new(AtomicBool::new(false));
        {
            let parser = Arc::clone(&parser);
            let raw = Arc::clone(&raw);
            let closed = Arc::clone(&closed);
            std::thread::spawn(move || {
                let mut buffer = [0u8; 8192];
                loop {
                    match reader.read(&mut buffer) {
                        Ok(0) | Err(_) => {
                            closed.store(true, Ordering::SeqCst);
                            break;
                        }
                        Ok(n) => {
                            if let Ok(mut parser) = parser.lock() {
                                parser.process(&buffer[..n]);
                            }
                            if let Ok(mut raw) = raw.lock() {
                                raw.extend_from_slice(&buffer[..n]);
                            }
                        }
                    }
                }
            });
        }
        Tui {
            child,
            writer,
            master: pty.master,
            parser,
            raw,
            closed,
            _dirs: dirs,
        }
    }

    /// The private directory holding the run's config, data and state directories (and HOME).
    pub fn dirs(&self) -> &std::path::Path {
        self._dirs.path()
    }

    /// Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pty resizes");
        // vt100 overflows when a double-width character arrives on a one-column screen (a frame
        // drawn for the previous size can still be in flight), so its grid keeps two columns.
        if let Ok(mut parser) = self.parser.lock() {
            parser.screen_mut().set_size(rows.max(1), cols.max(2));
        }
    }

    /// Types these bytes (use "\r" for Enter, "\x1b" for Esc).
    pub fn send_keys(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .expect("the pty accepts input");
        self.writer.flush().expect("the pty accepts input");
    }

    /// The screen as text, one line per row.
    pub fn screen_text(&self) -> String {
        self.parser
            .lock()
            .map(|parser| parser.screen().contents())
            .unwrap_or_default()
    }

    /// Everything the program wrote, once it has exited and its output has all been read.
    pub fn output_after_exit(&self) -> Vec<u8> {
        let started = Instant::now();
        while !self.closed.load(Ordering::SeqCst) {
            if started.elapsed() > DEADLINE {
                panic!("the terminal was not closed after genius exited");
            }
            std::thread::sleep(POLL);
        }
        self.raw_output()
    }

    /// Everything the program wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|raw| raw.clone()).unwrap_or_default()
    }

    /// Waits until the screen shows `text`; fails with the screen after [`DEADLINE`].
    pub fn wait_for_text(&self, text: &str) {
        self.wait_until(&format!("the screen to show {text:?}"), |screen| {
            screen.contains(text)
        });
    }

    /// Waits until `condition` holds for the screen text.
    pub fn wait_until(&self, what: &str, condition: impl Fn(&str) -> bool) {
        let started = Instant::now();
        loop {
            let screen = self.screen_text();
            if condition(&screen) {
                return;
            }
            if started.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; the screen was:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Sends SIGCONT, as `fg` would after Ctrl-Z.
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    /// Sends SIGTERM to the program, as a closing terminal or a service manager would.
    pub fn terminate(&self) {
        self.signal("-TERM");
    }

    /// Sends a signal by name (`-INT`, `-QUIT`, `-TSTP`…), as `kill` from another terminal would.
    pub fn signal(&self, which: &str) {
        let pid = self.child.process_id().expect("the child has a pid");
        let status = Command::new("kill")
            .args([which, &pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill {which} {pid} failed");
    }

    /// Waits until `condition` holds for everything the program wrote so far.
    pub fn wait_until_output(&self, what: &str, condition: impl Fn(&[u8]) -> bool) {
        let started = Instant::now();
        loop {
            let raw = self.raw_output();
            if condition(&raw) {
                return;
            }
            if started.elapsed() > DEADLINE {
                panic!(
                    "timed out waiting for {what}; the screen was:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the program to exit and returns whether it exited successfully.
    pub fn wait_for_exit(&mut self) -> bool {
        self.wait_for_exit_code() == 0
    }

    /// Waits for the program to exit and returns its exit status.
    pub fn wait_for_exit_code(&mut self) -> u32 {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if started.elapsed() > DEADLINE {
                panic!(
                    "genius did not exit; the screen was:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
