//! The figures as BENCHMARKS.md sections: one table per group with genius, abook or less, the
//! ratio, the goal and whether it is met, under a line saying when, how and where they
//! were measured (`markdown` puts them into the file).

use crate::cache_run::{CacheFigures, LookupDay, WritesEnded};
use crate::fixtures::{Fixtures, TYPED_LOOKUP};
use crate::markdown::Table;
use crate::pty_session::TermSize;
use crate::side_by_side::Tally;
use crate::stats::{Samples, bytes, megabytes, ms, ratio, size, thousands, times, verdict};

pub const TUI_HEADING: &str = "## The TUI beside abook and less";
pub const CACHE_HEADING: &str = "## The contact cache";

/// The rounds of one terminal size.
#[derive(Debug, Clone)]
pub struct SizeFigures {
    pub size: TermSize,
    pub genius_list: Tally,
    pub abook: Tally,
    pub genius_timeline: Tally,
    pub less: Tally,
}

/// The biggest contact (measured at the first size).
#[derive(Debug, Clone, Default)]
pub struct BigFigures {
    pub genius: Tally,
    pub less: Tally,
}

/// When, how and where.
#[derive(Debug, Clone)]
pub struct RunInfo {
    pub date: String,
    pub command: String,
    pub commit: String,
    pub machine: String,
    pub load_before: f64,
    pub load_after: f64,
    pub noisy: bool,
    pub max_load: f64,
    pub versions: String,
    /// How much of link/start-order.txt the measured binary lays out (it goes stale as code moves).
    pub start_order: String,
    pub reps: usize,
    pub keys: usize,
    pub quiet_ms: u64,
    pub idle_reps: usize,
    pub idle_secs: u64,
    /// The longest watch for genius's disk writes to stop.
    pub write_watch_secs: u64,
}

fn min_median(samples: &Samples, show: fn(Option<f64>) -> String) -> String {
    if samples.is_empty() {
        return "—".to_string();
    }
    format!("{} / {}", show(samples.min()), show(samples.median()))
}

fn goal_ratio(value: Option<f64>, at_most: f64) -> Option<bool> {
    value.map(|v| v <= at_most)
}

/// A row comparing medians: (what, genius, other, goal text, largest ratio that meets it).
fn compare(
    table: &mut Table,
    what: String,
    genius: &Samples,
    other: &Samples,
    show: fn(Option<f64>) -> String,
    goal: Option<(&str, f64)>,
) {
    let r = ratio(genius.median(), other.median());
    table.row(vec![
        what,
        min_median(genius, show),
        min_median(other, show),
        times(r),
        goal.map_or("—".to_string(), |(text, _)| text.to_string()),
        verdict(goal.and_then(|(_, at_most)| goal_ratio(r, at_most))),
    ]);
}

fn latency_rows(table: &mut Table, what: &str, genius: &Samples, other: &Samples, goal: bool) {
    let p50 = ratio(genius.median(), other.median());
    let p95 = ratio(genius.p95(), other.p95());
    table.row(vec![
        format!("{what} p50 ({} keys)", genius.len()),
        ms(genius.median()),
        ms(other.median()),
        times(p50),
        if goal { "≤ 2× the other" } else { "—" }.to_string(),
        verdict(if goal { goal_ratio(p50, 2.0) } else { None }),
    ]);
    table.row(vec![
        format!("{what} p95"),
        ms(genius.p95()),
        ms(other.p95()),
        times(p95),
        "—".to_string(),
        verdict(None),
    ]);
}

fn idle_row(table: &mut Table, what: &str, genius: &Tally, other: &Tally, idle_secs: u64) {
    if genius.idle_bytes.is_empty() {
        return;
    }
    let cell = |tally: &Tally| {
        format!(
            "{} / {} CPU",
            bytes(tally.idle_bytes.median()),
            ms(tally.idle_cpu_ms.median())
        )
    };
    let met = genius.idle_bytes.median().zip(genius.idle_cpu_ms.median());
    table.row(vec![
        format!(
            "idle {idle_secs} s, {what}: bytes / CPU (median of {})",
            genius.idle_bytes.len()
        ),
        cell(genius),
        cell(other),
        "—".to_string(),
        "0 B, ≤ 10 ms CPU".to_string(),
        verdict(met.map(|(b, cpu)| b == 0.0 && cpu <= 10.0)),
    ]);
}

fn size_table(figures: &SizeFigures, fixtures: &Fixtures, info: &RunInfo) -> String {
    let SizeFigures {
        genius_list: g,
        abook: a,
        genius_timeline: t,
        less: l,
        ..
    } = figures;
    let mut table = Table::new(&["", "genius", "abook / less", "ratio", "goal", "met"]);
    compare(
        &mut table,
        "first frame: spawn → last byte, min / median (abook)".into(),
        &g.first_frame_ms,
        &a.first_frame_ms,
        ms,
        Some(("≤ 1.5× abook", 1.5)),
    );
    latency_rows(
        &mut table,
        "`j` in the list, latency",
        &g.key_ms,
        &a.key_ms,
        true,
    );
    compare(
        &mut table,
        "bytes per `j` in the list (abook)".into(),
        &g.key_bytes,
        &a.key_bytes,
        bytes,
        Some(("≤ 1.5× abook", 1.5)),
    );
    compare(
        &mut table,
        "bytes per key typed in the lookup (abook: its `/` search prompt)".into(),
        &g.typed_bytes,
        &a.typed_bytes,
        bytes,
        Some(("≤ 1.5× abook", 1.5)),
    );
    compare(
        &mut table,
        "bytes per key typed in the lookup, min / median key of all rounds (the median: once the list under the input stops changing)".into(),
        &g.typed_key_bytes,
        &a.typed_key_bytes,
        bytes,
        Some(("≤ 1.5× abook", 1.5)),
    );
    latency_rows(
        &mut table,
        "typing in the lookup, latency",
        &g.typed_ms,
        &a.typed_ms,
        false,
    );
    compare(
        &mut table,
        format!(
            "bytes per `j` on the notes timeline ({} notes; less on the same text)",
            thousands(fixtures.timeline_notes as u64)
        ),
        &t.key_bytes,
        &l.key_bytes,
        bytes,
        Some(("≤ 3× less", 3.0)),
    );
    latency_rows(
        &mut table,
        "`j` on the notes timeline, latency",
        &t.key_ms,
        &l.key_ms,
        false,
    );
    compare(
        &mut table,
        "opening the timeline (genius: Enter → contact drawn; less: spawn → first page)".into(),
        &t.open_ms,
        &l.first_frame_ms,
        ms,
        None,
    );
    let start_peak = g.peak_rss.median();
    table.row(vec![
        "peak RSS (VmHWM), start screen (abook: its list)".into(),
        min_median(&g.peak_rss, megabytes),
        min_median(&a.peak_rss, megabytes),
        times(ratio(start_peak, a.peak_rss.median())),
        "genius ≤ 8 MB".into(),
        verdict(start_peak.map(|peak| peak <= 8e6)),
    ]);
    compare(
        &mut table,
        "peak RSS, notes timeline open (less on the same text)".into(),
        &t.peak_rss,
        &l.peak_rss,
        megabytes,
        None,
    );
    idle_row(
        &mut table,
        "start screen (abook: its list)",
        g,
        a,
        info.idle_secs,
    );
    idle_row(
        &mut table,
        "contact open (less: paging)",
        t,
        l,
        info.idle_secs,
    );
    table.markdown()
}

fn big_table(big: &BigFigures, fixtures: &Fixtures) -> String {
    let json = fixtures.huge_json_bytes as f64;
    let peak = big.genius.peak_rss.median();
    let mut table = Table::new(&["", "genius", "reference", "ratio", "goal", "met"]);
    table.row(vec![
        format!(
            "peak RSS with the biggest contact open ({} notes, its JSON {})",
            thousands(fixtures.huge_notes as u64),
            size(fixtures.huge_json_bytes)
        ),
        min_median(&big.genius.peak_rss, megabytes),
        format!("3 × its JSON = {}", megabytes(Some(3.0 * json))),
        format!("{} × its JSON", times(ratio(peak, Some(json)))),
        "≤ 3× the contact's JSON".into(),
        verdict(peak.map(|p| p <= 3.0 * json)),
    ]);
    table.row(vec![
        "opening it: Enter → last byte of the contact (less: spawn → first page)".into(),
        min_median(&big.genius.open_ms, ms),
        min_median(&big.less.first_frame_ms, ms),
        times(ratio(
            big.genius.open_ms.median(),
            big.less.first_frame_ms.median(),
        )),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        "peak RSS of less on the same notes text".into(),
        "—".into(),
        min_median(&big.less.peak_rss, megabytes),
        "—".into(),
        "—".into(),
        verdict(None),
    ]);
    table.markdown()
}

fn run_line(info: &RunInfo) -> String {
    let mut out = format!(
        "Measured {} with `{}` at {}: {}. Load average {:.2} before the run ({:.2} at its end, the \
         harness's own processes included). {}. {}.\n",
        info.date,
        info.command,
        info.commit,
        info.machine,
        info.load_before,
        info.load_after,
        info.versions,
        info.start_order
    );
    if info.noisy {
        out.push_str(&format!(
            "\n> **Not final:** the load average was {:.2} (over {:.1}) before the run: other \
             processes were sharing the CPU, so these figures are noisy. Re-run on a quiet machine.\n",
            info.load_before, info.max_load
        ));
    }
    out
}

/// The "TUI beside abook and less" section, heading included.
pub fn tui_section(
    sizes: &[SizeFigures],
    big: &BigFigures,
    fixtures: &Fixtures,
    info: &RunInfo,
) -> String {
    let mut out = format!("{TUI_HEADING}\n\n{}\n", run_line(info));
    out.push_str(&format!(
        "Each program runs in its own pseudo-terminal of the same size, started afresh for every \
         round; rounds alternate genius and the other program ({} rounds, genius first in every \
         other one). genius runs against a local `genius serve` (release) with the demo token and \
         private config, data, state and cache directories, its list of recent contacts filled by \
         opening {} demo contacts; abook shows the same {} demo contacts (names, emails, phones) \
         converted to its format. A burst of output ends after {} ms of silence; a time is the \
         arrival of the burst's last byte (never the silence after it). Keys: {} `j` per round; \
         the lookup typed is `{TYPED_LOOKUP}`, one character at a time (abook: into its `/` \
         search prompt, the closest thing it has to a lookup input). Idle: {} s untouched, in \
         the first {} rounds. Bytes per key are the mean of a round; min / median are over the \
         rounds (the \"median key\" row pools every typed key instead). RSS is VmHWM from /proc/PID/status; MB are 10^6 bytes.\n",
        info.reps,
        fixtures.recents.len(),
        fixtures.abook_entries,
        info.quiet_ms,
        info.keys,
        info.idle_secs,
        info.idle_reps,
    ));
    for figures in sizes {
        out.push_str(&format!(
            "\n### {} pseudo-terminal\n\n{}",
            figures.size,
            size_table(figures, fixtures, info)
        ));
    }
    if !big.genius.peak_rss.is_empty() {
        out.push_str(&format!(
            "\n### The biggest contact ({})\n\n{}",
            sizes.first().map_or(String::new(), |f| f.size.to_string()),
            big_table(big, fixtures)
        ));
    }
    out
}

/// The "contact cache" section, heading included.
pub fn cache_section(cache: &CacheFigures, fixtures: &Fixtures, info: &RunInfo) -> String {
    let (on, off) = (&cache.cache_on, &cache.cache_off);
    let fetched = fixtures.lookups_json_bytes;
    let secs = |d: std::time::Duration| format!("{:.2} s", d.as_secs_f64());
    let rss = |day: &LookupDay| {
        let (before, after) = day.rss_before_and_after();
        format!(
            "{} → {} → {}",
            megabytes(Some(day.at_start.rss_kb as f64 * 1024.0)),
            megabytes(Some(before)),
            megabytes(Some(after))
        )
    };
    let (rss_before, rss_after) = on.rss_before_and_after();
    let still = |ended: &WritesEnded| {
        if ended.stopped {
            ""
        } else {
            " (still writing)"
        }
    };
    let mut table = Table::new(&["", "cache on", "cache off (`cache = false`)", "goal", "met"]);
    table.row(vec![
        "written to disk on opening the biggest contact and leaving it".into(),
        format!("{}{}", size(on.written_for_biggest()), still(&on.biggest)),
        format!("{}{}", size(off.written_for_biggest()), still(&off.biggest)),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        format!(
            "written to disk by {} lookups, until genius stopped writing (write_bytes)",
            thousands(on.lookups as u64)
        ),
        format!("{}{}", size(on.written()), still(&on.tail)),
        format!("{}{}", size(off.written()), still(&off.tail)),
        format!("≤ the contacts fetched ({})", size(fetched)),
        verdict(Some(on.written() <= fetched)),
    ]);
    table.row(vec![
        "… of which after the last lookup".into(),
        size(on.written_after()),
        size(off.written_after()),
        "—".into(),
        verdict(None),
    ]);
    let kept_writing = |ended: &WritesEnded| match (ended.last_write, ended.stopped) {
        (None, _) => "no".to_string(),
        (Some(last), true) => format!("until ~{} s after", last.as_secs()),
        (Some(last), false) => format!("still at {} s, when the watch ended", last.as_secs()),
    };
    table.row(vec![
        "still writing after the last lookup (1 s steps)".into(),
        kept_writing(&on.tail),
        kept_writing(&off.tail),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        "CPU (utime + stime) for the lookups, until genius stopped writing".into(),
        secs(on.cpu()),
        secs(off.cpu()),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        "… of which after the last lookup".into(),
        secs(on.cpu_after()),
        secs(off.cpu_after()),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        "wall time of the lookups".into(),
        secs(on.wall),
        secs(off.wall),
        "—".into(),
        verdict(None),
    ]);
    table.row(vec![
        "RSS: first frame → biggest contact opened and left → after the lookups".into(),
        rss(on),
        rss(off),
        "after within 5 MB of before the lookups".into(),
        verdict(Some((rss_after - rss_before).abs() <= 5e6)),
    ]);
    let (cached, none) = (&cache.start_cached, &cache.start_uncached);
    let first_ratio = ratio(cached.first_frame_ms.median(), none.first_frame_ms.median());
    table.row(vec![
        format!(
            "first frame the next morning, min / median ({} rounds each)",
            cached.first_frame_ms.len()
        ),
        min_median(&cached.first_frame_ms, ms),
        min_median(&none.first_frame_ms, ms),
        format!("the same as with none (≤ 1.10×): {}×", times(first_ratio)),
        verdict(goal_ratio(first_ratio, 1.10)),
    ]);
    table.row(vec![
        "peak RSS at that first frame".into(),
        min_median(&cached.peak_rss, megabytes),
        min_median(&none.peak_rss, megabytes),
        "—".into(),
        verdict(None),
    ]);
    format!(
        "{CACHE_HEADING}\n\n{}\nOne genius process, driven through its pty as a salesperson \
         would: open the biggest contact ({} notes, JSON {}) and go back, wait until genius has \
         stopped writing to disk, then type {} uids of other contacts one after another (Enter, \
         the contact drawn, Esc) and watch at least {} s more, until genius has not written for a \
         second (at most {} s). Disk writes are /proc/PID/io write_bytes: the cache, the recents \
         file and the log (with the cache off, only the last two); the contacts fetched are the sum of their JSON \
         as GET /api/contact answers it. The next morning is a fresh start on the same data \
         directory (recent contacts and cache), against the cache-off run's directory (the same \
         recent contacts, no cache), in alternating rounds.\n\n{}\nImport throughput is \
         measured by `scripts/bench-import.sh` (rows per second over a whole import against \
         `genius serve --rate-limit`; goal ≥ 95% of the limit); drawing the timeline by \
         `cargo bench --bench render`.\n",
        run_line(info),
        thousands(fixtures.huge_notes as u64),
        size(fixtures.huge_json_bytes),
        thousands(on.lookups as u64),
        info.idle_secs,
        info.write_watch_secs,
        table.markdown()
    )
}
