//! Saying on stderr that a command is waiting on the API's rate limit: "rate-limited — retrying in
//! N s", one line per wait when stderr is a file or a pipe, a countdown redrawn in place on a
//! terminal. The countdown line is wiped before anything else is printed, so output never lands
//! behind it.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::api::{RetryWait, SharedRetryObserver};

/// Return to the start of the line and erase it.
const WIPE_LINE: &str = "\r\x1b[2K";

/// The countdown on screen, when one is: its number and its task. A countdown draws only while it
/// is the one here, under this lock, so a wipe by [`settle`] can never be followed by a late redraw.
static COUNTDOWN: Mutex<Option<(u64, JoinHandle<()>)>> = Mutex::new(None);

/// Numbers countdowns, so a finished one cannot draw over its successor.
static COUNTDOWNS_STARTED: AtomicU64 = AtomicU64::new(0);

/// The observer a command's client reports its rate-limit waits to.
pub fn rate_limit_notice() -> SharedRetryObserver {
    let terminal = std::io::stderr().is_terminal();
    Arc::new(move |wait: RetryWait| announce(wait.wait, terminal))
}

/// The words of one wait: "rate-limited — retrying in 3 s" (seconds rounded up, never "0 s" for a
/// wait still to come).
pub fn notice_text(left: Duration) -> String {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    format!("genius: rate-limited — retrying in {seconds} s")
}

fn announce(wait: Duration, terminal: bool) {
    let runtime = tokio::runtime::Handle::try_current();
    let (true, Ok(runtime)) = (terminal, runtime) else {
        eprintln!("{}", notice_text(wait));
        return;
    };
    settle();
    let id = COUNTDOWNS_STARTED.fetch_add(1, Ordering::Relaxed);
    let deadline = Instant::now() + wait;
    let mut slot = lock_countdown();
    let countdown = runtime.spawn(async move {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            draw_if_current(id, &notice_text(left));
            // Redraw when the shown number of seconds changes.
            let fraction = Duration::from_nanos(u64::from(left.subsec_nanos()));
            let step = if fraction.is_zero() {
                Duration::from_secs(1)
            } else {
                fraction
            };
            tokio::time::sleep(step).await;
        }
        draw_if_current(id, "");
    });
    *slot = Some((id, countdown));
}

/// Stops the countdown and wipes its line, if one is on screen. Called before anything else is
/// written to the terminal.
pub fn settle() {
    let mut slot = lock_countdown();
    if let Some((_, countdown)) = slot.take() {
        if !countdown.is_finished() {
            draw("");
        }
        countdown.abort();
    }
}

fn lock_countdown() -> MutexGuard<'static, Option<(u64, JoinHandle<()>)>> {
    // A panic while drawing leaves nothing half-done worth refusing to go on for.
    COUNTDOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn draw_if_current(id: u64, text: &str) {
    let slot = lock_countdown();
    if slot.as_ref().is_some_and(|(current, _)| *current == id) {
        draw(text);
    }
}

fn draw(text: &str) {
    let mut stderr = std::io::stderr().lock();
    // Nothing useful can be done when stderr is gone.
    let _ = write!(stderr, "{WIPE_LINE}{text}");
    let _ = stderr.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_rounds_up_so_a_pending_wait_never_reads_zero() {
        assert_eq!(
            notice_text(Duration::from_millis(2100)),
            "genius: rate-limited — retrying in 3 s"
        );
        assert_eq!(
            notice_text(Duration::from_millis(5)),
            "genius: rate-limited — retrying in 1 s"
        );
        assert_eq!(
            notice_text(Duration::from_secs(2)),
            "genius: rate-limited — retrying in 2 s"
        );
    }
}
