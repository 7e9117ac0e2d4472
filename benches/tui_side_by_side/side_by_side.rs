//! The side-by-side rounds: genius's start screen beside abook's list, genius's notes timeline
//! beside `less` on the same text, and the biggest contact. Each round starts the program afresh
//! in a pty of the same size, drives it with keys and records what it cost; the caller
//! interleaves the programs round by round.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;

use crate::fixtures::{Fixtures, PrivateHome, TYPED_LOOKUP};
use crate::procfs;
use crate::pty_session::{KeyAnswer, Launch, PtySession, TermSize};
use crate::stats::Samples;

/// On genius's start screen, and nowhere else.
pub const HOME_TITLE: &str = "Look up a contact";
/// The heading of genius's recent contacts with their count: drawn only with a non-empty list.
pub const RECENTS_HEADING: &str = "Recent contacts (";

pub const CTRL_C: &[u8] = b"\x03";
const CTRL_G: &[u8] = b"\x07";
const ESC: &[u8] = b"\x1b";
const DOWN: &[u8] = b"\x1b[B";

/// How the rounds are run.
#[derive(Debug, Clone)]
pub struct Pace {
    /// Silence that ends a burst of output.
    pub quiet: Duration,
    /// `j` presses per round.
    pub keys: usize,
    /// How long an idle measurement watches.
    pub idle_window: Duration,
    /// Deadline for ordinary screens.
    pub deadline: Duration,
    /// Deadline for opening the biggest contact.
    pub big_deadline: Duration,
}

/// What one program cost over the rounds.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Spawn → last byte of the first complete screen.
    pub first_frame_ms: Samples,
    /// Enter → last byte of the opened contact (genius's timeline and biggest contact).
    pub open_ms: Samples,
    /// Every `j`, pooled over the rounds.
    pub key_ms: Samples,
    /// Bytes per `j`, the mean of each round.
    pub key_bytes: Samples,
    /// Every character typed into the lookup (or search prompt), pooled.
    pub typed_ms: Samples,
    /// Bytes per typed character, the mean of each round.
    pub typed_bytes: Samples,
    /// Bytes of every typed character, pooled: the median key shows what a key costs once
    /// the list under the input has stopped changing.
    pub typed_key_bytes: Samples,
    /// VmHWM at the end of the round, in bytes.
    pub peak_rss: Samples,
    pub idle_bytes: Samples,
    pub idle_cpu_ms: Samples,
}

/// The programs and material every round uses.
pub struct Stage<'a> {
    pub genius: PathBuf,
    pub abook: PathBuf,
    pub less: PathBuf,
    pub base_url: String,
    pub fixtures: &'a Fixtures,
    /// genius's private home as it is after its list of recent contacts was filled; never run
    /// in, only copied.
    pub genius_pristine: PrivateHome,
    /// Where each genius round runs: a fresh copy of the pristine home.
    pub genius_home: PrivateHome,
    /// The other programs' private home.
    pub other_home: PrivateHome,
    pub pace: Pace,
}

impl Stage<'_> {
    /// genius in a fresh copy of its pristine home.
    pub fn fresh_genius(&self) -> anyhow::Result<Launch> {
        self.genius_home.reset_from(&self.genius_pristine)?;
        Ok(self.genius_home.genius(&self.genius, &self.base_url))
    }
}

/// True when genius shows the contact `uid` (its screen, not the lookup naming it).
pub fn shows_contact(screen: &str, uid: &str) -> bool {
    !screen.contains(HOME_TITLE) && screen.contains(uid)
}

pub fn shows_home_with_recents(screen: &str) -> bool {
    screen.contains(HOME_TITLE) && screen.contains(RECENTS_HEADING)
}

/// Presses `key` `count` times, recording each answer's latency, and returns the mean bytes.
fn press_repeatedly(
    session: &mut PtySession,
    key: &[u8],
    count: usize,
    quiet: Duration,
    latencies: &mut Samples,
) -> anyhow::Result<f64> {
    let mut total = 0;
    for _ in 0..count {
        let KeyAnswer { latency, bytes } = session.press(key, quiet)?;
        latencies.push_ms(latency);
        total += bytes;
    }
    Ok(total as f64 / count.max(1) as f64)
}

/// Types `text` a character at a time, recording each answer (its latency and its bytes);
/// returns the mean bytes.
fn type_text(
    session: &mut PtySession,
    text: &str,
    quiet: Duration,
    latencies: &mut Samples,
    key_bytes: &mut Samples,
) -> anyhow::Result<f64> {
    let mut total = 0;
    let mut count = 0;
    for c in text.chars() {
        let mut buffer = [0u8; 4];
        let answer = session.press(c.encode_utf8(&mut buffer).as_bytes(), quiet)?;
        latencies.push_ms(answer.latency);
        key_bytes.push(answer.bytes as f64);
        total += answer.bytes;
        count += 1;
    }
    Ok(total as f64 / f64::from(count.max(1)))
}

/// Watches an untouched program for the idle window: bytes written and CPU used.
fn measure_idle(session: &PtySession, window: Duration, tally: &mut Tally) -> anyhow::Result<()> {
    let before = procfs::snapshot(session.pid())?;
    let bytes = session.watch(window);
    let after = procfs::snapshot(session.pid())?;
    tally.idle_bytes.push(bytes as f64);
    tally
        .idle_cpu_ms
        .push_ms(after.cpu.saturating_sub(before.cpu));
    Ok(())
}

fn record_peak(session: &PtySession, tally: &mut Tally) -> anyhow::Result<()> {
    let snapshot = procfs::snapshot(session.pid())?;
    tally.peak_rss.push(snapshot.peak_rss_kb as f64 * 1024.0);
    Ok(())
}

fn finish(mut session: PtySession, quit_keys: &[u8]) -> anyhow::Result<()> {
    if !session.quit(quit_keys, Duration::from_secs(10))? {
        eprintln!("  (a program did not quit within 10 s and was killed)");
    }
    Ok(())
}

/// Opens `uid` from genius's start screen; returns Enter → last byte of the contact's screen.
fn open_contact(
    session: &mut PtySession,
    uid: &str,
    quiet: Duration,
    deadline: Duration,
) -> anyhow::Result<Duration> {
    session.type_keys(uid.as_bytes())?;
    let since = session.bytes_so_far();
    let pressed_at = std::time::Instant::now();
    session.type_keys(b"\r")?;
    let burst = session.settle(
        since,
        &format!("the contact {uid}"),
        |screen| shows_contact(screen, uid),
        quiet,
        deadline,
    )?;
    Ok(burst.last_byte_at.saturating_duration_since(pressed_at))
}

/// The lookup as the list round uses it, for recording which code it runs: type the lookup a
/// character at a time, empty it, then move down the recent contacts.
pub fn type_a_lookup_and_move(session: &mut PtySession, quiet: Duration) -> anyhow::Result<()> {
    let mut ignored = Samples::default();
    type_text(
        session,
        TYPED_LOOKUP,
        quiet,
        &mut ignored,
        &mut Samples::default(),
    )?;
    session.press(ESC, quiet)?;
    session.press(DOWN, quiet)?;
    press_repeatedly(session, b"j", 5, quiet, &mut ignored)?;
    Ok(())
}

/// A contact as the timeline round uses it, for recording which code it runs: open the contact
/// with the most notes, scroll them, and go back to the start screen.
pub fn open_a_contact_and_scroll(
    session: &mut PtySession,
    stage: &Stage,
    quiet: Duration,
    deadline: Duration,
) -> anyhow::Result<()> {
    open_contact(session, &stage.fixtures.timeline_uid, quiet, deadline)?;
    press_repeatedly(session, b"j", 5, quiet, &mut Samples::default())?;
    session.type_keys(ESC)?;
    session.wait_for("the start screen", shows_home_with_recents, deadline)
}

/// Fills genius's recent contacts by opening each of `uids` once, as a user would.
pub fn fill_recents(
    genius: &Path,
    base_url: &str,
    home: &PrivateHome,
    uids: &[String],
    size: TermSize,
    deadline: Duration,
) -> anyhow::Result<()> {
    let mut session = PtySession::spawn(&home.genius(genius, base_url), size)?;
    session.wait_for("the start screen", |s| s.contains(HOME_TITLE), deadline)?;
    for uid in uids {
        session.type_keys(format!("{uid}\r").as_bytes())?;
        session.wait_for(
            &format!("the contact {uid}"),
            |s| shows_contact(s, uid),
            deadline,
        )?;
        session.type_keys(ESC)?;
        session.wait_for("the start screen", |s| s.contains(HOME_TITLE), deadline)?;
    }
    session.wait_for("the recent contacts", shows_home_with_recents, deadline)?;
    finish(session, CTRL_C)
}

/// genius's start screen: first frame, typing the lookup, `j` through the recent contacts.
pub fn genius_list(
    stage: &Stage,
    size: TermSize,
    idle: bool,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let mut session = PtySession::spawn(&stage.fresh_genius()?, size)?;
    let frame = session.settle(
        0,
        "the start screen with its recent contacts",
        shows_home_with_recents,
        pace.quiet,
        pace.deadline,
    )?;
    tally.first_frame_ms.push_ms(
        frame
            .last_byte_at
            .saturating_duration_since(session.spawned_at),
    );
    let typed = type_text(
        &mut session,
        TYPED_LOOKUP,
        pace.quiet,
        &mut tally.typed_ms,
        &mut tally.typed_key_bytes,
    )?;
    tally.typed_bytes.push(typed);
    // Esc empties the input; Down moves into the list, on its first row.
    session.press(ESC, pace.quiet)?;
    session.press(DOWN, pace.quiet)?;
    let per_key = press_repeatedly(&mut session, b"j", pace.keys, pace.quiet, &mut tally.key_ms)?;
    tally.key_bytes.push(per_key);
    if idle {
        measure_idle(&session, pace.idle_window, tally)?;
    }
    record_peak(&session, tally)?;
    finish(session, CTRL_C)
}

/// abook's list: first frame, `j` down the list, typing into its search prompt (`/`).
pub fn abook_list(
    stage: &Stage,
    size: TermSize,
    idle: bool,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let launch = stage
        .other_home
        .abook(&stage.abook, &stage.fixtures.abook_file);
    let mut session = PtySession::spawn(&launch, size)?;
    let first_name = stage.fixtures.abook_first_name.as_str();
    let frame = session.settle(
        0,
        "abook's list",
        |s| s.contains("abook") && s.contains(first_name),
        pace.quiet,
        pace.deadline,
    )?;
    tally.first_frame_ms.push_ms(
        frame
            .last_byte_at
            .saturating_duration_since(session.spawned_at),
    );
    let per_key = press_repeatedly(&mut session, b"j", pace.keys, pace.quiet, &mut tally.key_ms)?;
    tally.key_bytes.push(per_key);
    session.press(b"/", pace.quiet)?;
    let typed = type_text(
        &mut session,
        TYPED_LOOKUP,
        pace.quiet,
        &mut tally.typed_ms,
        &mut tally.typed_key_bytes,
    )?;
    tally.typed_bytes.push(typed);
    // Ctrl-G leaves the prompt at once (Esc would wait out ncurses' escape delay).
    session.press(CTRL_G, pace.quiet)?;
    if idle {
        measure_idle(&session, pace.idle_window, tally)?;
    }
    record_peak(&session, tally)?;
    finish(session, b"q")
}

/// genius's notes timeline: open the contact with the most notes, `j` a line at a time.
pub fn genius_timeline(
    stage: &Stage,
    size: TermSize,
    idle: bool,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let mut session = PtySession::spawn(&stage.fresh_genius()?, size)?;
    session.wait_for("the start screen", shows_home_with_recents, pace.deadline)?;
    let opened = open_contact(
        &mut session,
        &stage.fixtures.timeline_uid,
        pace.quiet,
        pace.deadline,
    )?;
    tally.open_ms.push_ms(opened);
    let per_key = press_repeatedly(&mut session, b"j", pace.keys, pace.quiet, &mut tally.key_ms)?;
    tally.key_bytes.push(per_key);
    if idle {
        measure_idle(&session, pace.idle_window, tally)?;
    }
    record_peak(&session, tally)?;
    finish(session, CTRL_C)
}

fn first_line(file: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file)?;
    // Enough of the first line to be sure it is drawn, short enough to fit any width.
    Ok(text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(24)
        .collect())
}

/// `less` on a notes text: first screen, `j` a line at a time.
pub fn less_pager(
    stage: &Stage,
    file: &Path,
    size: TermSize,
    idle: bool,
    keys: usize,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let top = first_line(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut session = PtySession::spawn(&stage.other_home.less(&stage.less, file), size)?;
    let frame = session.settle(
        0,
        "the first page",
        |s| s.contains(&top),
        pace.quiet,
        pace.big_deadline,
    )?;
    tally.first_frame_ms.push_ms(
        frame
            .last_byte_at
            .saturating_duration_since(session.spawned_at),
    );
    if keys > 0 {
        let per_key = press_repeatedly(&mut session, b"j", keys, pace.quiet, &mut tally.key_ms)?;
        tally.key_bytes.push(per_key);
    }
    if idle {
        measure_idle(&session, pace.idle_window, tally)?;
    }
    record_peak(&session, tally)?;
    finish(session, b"q")
}

/// genius with the biggest contact open: Enter → drawn, and the peak RSS.
pub fn genius_biggest(stage: &Stage, size: TermSize, tally: &mut Tally) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let mut session = PtySession::spawn(&stage.fresh_genius()?, size)?;
    session.wait_for("the start screen", shows_home_with_recents, pace.deadline)?;
    let opened = open_contact(
        &mut session,
        &stage.fixtures.huge_uid,
        pace.quiet,
        pace.big_deadline,
    )?;
    tally.open_ms.push_ms(opened);
    record_peak(&session, tally)?;
    finish(session, CTRL_C)
}
