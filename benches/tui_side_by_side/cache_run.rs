//! The contact cache over a working day: one genius process opens the biggest contact, then looks
//! up thousands of others by typing them, as a salesperson would; what it wrote to disk, the CPU it
//! used and its memory before and after, with the cache on and off; then how fast genius starts
//! on the day's cache against no cache.

use std::time::{Duration, Instant};

use crate::fixtures::{Fixtures, PrivateHome};
use crate::procfs::{self, ProcessSnapshot};
use crate::pty_session::{PtySession, TermSize};
use crate::side_by_side::{HOME_TITLE, Stage, Tally, shows_contact, shows_home_with_recents};

/// How genius's disk writes ended after something happened.
#[derive(Debug, Clone, Copy)]
pub struct WritesEnded {
    /// When the watch ended.
    pub snapshot: ProcessSnapshot,
    /// The last second in which write_bytes still grew, counted from the start of the watch.
    pub last_write: Option<Duration>,
    /// False when genius was still writing at the deadline.
    pub stopped: bool,
}

/// What one day of lookups cost.
#[derive(Debug, Clone)]
pub struct LookupDay {
    pub lookups: usize,
    /// Right after the first frame.
    pub at_start: ProcessSnapshot,
    /// After the biggest contact was opened and left, once genius stopped writing: just before
    /// the lookups.
    pub biggest: WritesEnded,
    /// Right after the last lookup.
    pub after: ProcessSnapshot,
    pub wall: Duration,
    /// After the last lookup, watched for at least the idle window and until genius stopped
    /// writing.
    pub tail: WritesEnded,
}

impl LookupDay {
    fn before(&self) -> &ProcessSnapshot {
        &self.biggest.snapshot
    }

    /// Written from the first lookup until genius stopped writing: a writer that lags behind the
    /// lookups is still counted.
    pub fn written(&self) -> u64 {
        self.tail
            .snapshot
            .write_bytes
            .saturating_sub(self.before().write_bytes)
    }

    /// CPU from the first lookup until genius stopped writing.
    pub fn cpu(&self) -> Duration {
        self.tail.snapshot.cpu.saturating_sub(self.before().cpu)
    }

    /// Written while opening the biggest contact and until genius stopped writing.
    pub fn written_for_biggest(&self) -> u64 {
        self.before()
            .write_bytes
            .saturating_sub(self.at_start.write_bytes)
    }

    pub fn written_after(&self) -> u64 {
        self.tail
            .snapshot
            .write_bytes
            .saturating_sub(self.after.write_bytes)
    }

    pub fn cpu_after(&self) -> Duration {
        self.tail.snapshot.cpu.saturating_sub(self.after.cpu)
    }

    /// Resident memory just before the lookups and right after the last one, in bytes.
    pub fn rss_before_and_after(&self) -> (f64, f64) {
        (
            self.before().rss_kb as f64 * 1024.0,
            self.after.rss_kb as f64 * 1024.0,
        )
    }
}

/// Every cache figure.
#[derive(Debug, Clone)]
pub struct CacheFigures {
    pub cache_on: LookupDay,
    pub cache_off: LookupDay,
    /// First frame (and peak RSS) starting on the day's cache, and on the same day without one.
    pub start_cached: Tally,
    pub start_uncached: Tally,
}

const ESC: &[u8] = b"\x1b";

/// One genius process: the biggest contact, then every lookup, then a quiet window.
fn lookup_day(
    stage: &Stage,
    fixtures: &Fixtures,
    home: &PrivateHome,
    size: TermSize,
) -> anyhow::Result<LookupDay> {
    let pace = &stage.pace;
    let launch = home.genius(&stage.genius, &stage.base_url);
    let mut session = PtySession::spawn(&launch, size)?;
    session.settle(
        0,
        "the start screen",
        |s| s.contains(HOME_TITLE),
        pace.quiet,
        pace.deadline,
    )?;
    let at_start = procfs::snapshot(session.pid())?;
    let huge = fixtures.huge_uid.as_str();
    session.type_keys(format!("{huge}\r").as_bytes())?;
    session.wait_for(
        "the biggest contact",
        |s| shows_contact(s, huge),
        pace.big_deadline,
    )?;
    session.type_keys(ESC)?;
    session.wait_for(
        "the start screen",
        |s| s.contains(HOME_TITLE),
        pace.deadline,
    )?;
    let biggest = until_writes_stop(&session, Duration::ZERO, pace.big_deadline)?;
    let started = Instant::now();
    for (done, uid) in fixtures.lookups.iter().enumerate() {
        session.type_keys(format!("{uid}\r").as_bytes())?;
        session.wait_for(
            &format!("the contact {uid}"),
            |s| shows_contact(s, uid),
            pace.deadline,
        )?;
        session.type_keys(ESC)?;
        session.wait_for(
            "the start screen",
            |s| s.contains(HOME_TITLE),
            pace.deadline,
        )?;
        if (done + 1) % 500 == 0 {
            eprintln!("  {} lookups", done + 1);
        }
    }
    let wall = started.elapsed();
    let after = procfs::snapshot(session.pid())?;
    let tail = until_writes_stop(&session, pace.idle_window, pace.big_deadline)?;
    if !session.quit(b"\x03", Duration::from_secs(60))? {
        eprintln!("  (genius did not quit within 60 s after the lookups and was killed)");
    }
    Ok(LookupDay {
        lookups: fixtures.lookups.len(),
        at_start,
        biggest,
        after,
        wall,
        tail,
    })
}

/// Watches genius a second at a time, for at least `min`, until its disk writes have not grown
/// for a whole second or `deadline` passed: so the biggest contact's own write is not charged to
/// the lookups, and a writer still busy after the last lookup is measured to its end.
fn until_writes_stop(
    session: &PtySession,
    min: Duration,
    deadline: Duration,
) -> anyhow::Result<WritesEnded> {
    let started = Instant::now();
    let mut last = procfs::snapshot(session.pid())?;
    let mut last_write = None;
    loop {
        session.watch(Duration::from_secs(1));
        let now = procfs::snapshot(session.pid())?;
        let elapsed = started.elapsed();
        let grew = now.write_bytes != last.write_bytes;
        if grew {
            last_write = Some(elapsed);
        }
        if !grew && elapsed >= min {
            return Ok(WritesEnded {
                snapshot: now,
                last_write,
                stopped: true,
            });
        }
        if elapsed >= deadline {
            return Ok(WritesEnded {
                snapshot: now,
                last_write,
                stopped: false,
            });
        }
        last = now;
    }
}

fn first_frame(
    stage: &Stage,
    home: &PrivateHome,
    size: TermSize,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let pace = &stage.pace;
    let mut session = PtySession::spawn(&home.genius(&stage.genius, &stage.base_url), size)?;
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
    let snapshot = procfs::snapshot(session.pid())?;
    tally.peak_rss.push(snapshot.peak_rss_kb as f64 * 1024.0);
    if !session.quit(b"\x03", Duration::from_secs(10))? {
        eprintln!("  (genius did not quit within 10 s and was killed)");
    }
    Ok(())
}

/// The whole cache measurement, in homes under `work`.
pub fn measure(
    stage: &Stage,
    work: &std::path::Path,
    size: TermSize,
    reps: usize,
) -> anyhow::Result<CacheFigures> {
    let fixtures = stage.fixtures;
    let on = PrivateHome::create(work.join("cache-on"))?;
    let off = PrivateHome::create(work.join("cache-off"))?;
    std::fs::write(off.config_file(), "cache = false\n")?;
    eprintln!(
        "cache on: the biggest contact, then {} lookups",
        fixtures.lookups.len()
    );
    let cache_on = lookup_day(stage, fixtures, &on, size)?;
    eprintln!("cache off: the same day");
    let cache_off = lookup_day(stage, fixtures, &off, size)?;
    eprintln!("first frame on the day's cache and without one, {reps} rounds");
    let mut start_cached = Tally::default();
    let mut start_uncached = Tally::default();
    for rep in 0..reps {
        if rep % 2 == 0 {
            first_frame(stage, &on, size, &mut start_cached)?;
            first_frame(stage, &off, size, &mut start_uncached)?;
        } else {
            first_frame(stage, &off, size, &mut start_uncached)?;
            first_frame(stage, &on, size, &mut start_cached)?;
        }
    }
    Ok(CacheFigures {
        cache_on,
        cache_off,
        start_cached,
        start_uncached,
    })
}
