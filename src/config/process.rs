//! Running a helper program with a deadline (a `token_command`, `tmux show-options`): stdout and
//! stderr captured on their own threads so a chatty program cannot block on a full pipe, and the
//! whole process group killed when time is up, so `sh -c 'sleep 60'` does not outlive genius.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::{Duration, Instant};

/// A program that finished in time.
#[derive(Debug)]
pub struct Finished {
    /// How it exited.
    pub status: ExitStatus,
    /// Everything it printed on stdout.
    pub stdout: Vec<u8>,
    /// What it printed on stderr, as text.
    pub stderr: String,
}

/// Why a program gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    /// It could not be started (not installed, say).
    #[error("could not start: {0}")]
    Start(String),
    /// It ran past the deadline and was stopped.
    #[error("did not finish within {} s and was stopped", .0.as_secs_f32())]
    TimedOut(Duration),
    /// Waiting for it failed.
    #[error("could not be waited for: {0}")]
    Wait(String),
}

/// Runs `command` with stdin closed and its output captured; kills it after `timeout`.
pub fn run_captured(mut command: Command, timeout: Duration) -> Result<Finished, RunError> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        // Its own process group, so a timeout can end the program's children too.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command
        .spawn()
        .map_err(|e| RunError::Start(e.to_string()))?;
    let stdout = read_in_background(child.stdout.take());
    let stderr = read_in_background(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= timeout => {
                kill_group(&mut child);
                return Err(RunError::TimedOut(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(RunError::Wait(e.to_string())),
        }
    };
    // A grandchild may still hold the pipes open; what was printed so far is enough.
    let collect = |reader: Receiver<Vec<u8>>| {
        reader
            .recv_timeout(Duration::from_millis(500))
            .unwrap_or_default()
    };
    Ok(Finished {
        status,
        stdout: collect(stdout),
        stderr: String::from_utf8_lossy(&collect(stderr)).into_owned(),
    })
}

fn read_in_background(pipe: Option<impl Read + Send + 'static>) -> Receiver<Vec<u8>> {
    let (sender, receiver) = sync_channel(1);
    if let Some(mut pipe) = pipe {
        std::thread::spawn(move || {
            let mut buffer = Vec::new();
            let _ = pipe.read_to_end(&mut buffer);
            let _ = sender.send(buffer);
        });
    }
    receiver
}

fn kill_group(child: &mut Child) {
    #[cfg(unix)]
    {
        // `kill -KILL -- -PGID` reaches every process of the group; no unsafe libc call needed.
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg("--")
            .arg(format!("-{}", child.id()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}
