//! Progress of a bulk run on stderr: an indicatif bar with count, rate and ETA on a terminal; on a
//! pipe or in a log, a plain line every few seconds (and none at all when nothing is left to do).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

/// How often a plain progress line is printed.
const LINE_EVERY: Duration = Duration::from_secs(2);

/// The progress display of one run.
#[derive(Debug)]
pub enum Progress {
    /// A live bar (stderr is a terminal).
    Bar(ProgressBar),
    /// Periodic plain lines: the verb, the total, the start, and when the last line was printed.
    Lines {
        verb: &'static str,
        total: u64,
        started: Instant,
        last: Mutex<(Instant, u64)>,
    },
}

impl Progress {
    /// A bar on a terminal, plain lines elsewhere; `verb` says what is done ("importing").
    pub fn new(verb: &'static str, total: u64) -> Progress {
        let now = Instant::now();
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total);
            let template =
                format!("{verb} [{{bar:30}}] {{pos}}/{{len}} rows  {{rate}}  ETA {{eta}}");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                let style = style
                    .with_key(
                        "rate",
                        |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                            let _ = write!(out, "{:.1}/s", state.per_sec());
                        },
                    )
                    .progress_chars("=> ");
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(250));
            return Progress::Bar(bar);
        }
        Progress::Lines {
            verb,
            total,
            started: now,
            last: Mutex::new((now, 0)),
        }
    }

    /// One more row finished.
    pub fn advance(&self) {
        match self {
            Progress::Bar(bar) => bar.inc(1),
            Progress::Lines {
                verb,
                total,
                started,
                last,
            } => {
                let Ok(mut last) = last.lock() else { return };
                last.1 += 1;
                let now = Instant::now();
                if now.duration_since(last.0) >= LINE_EVERY && last.1 < *total {
                    last.0 = now;
                    eprintln!(
                        "{}",
                        progress_line(verb, last.1, *total, now.duration_since(*started))
                    );
                }
            }
        }
    }

    /// Says something without tearing the bar.
    pub fn println(&self, text: &str) {
        match self {
            Progress::Bar(bar) => bar.println(text),
            Progress::Lines { .. } => eprintln!("{text}"),
        }
    }

    /// Removes the bar (the summary follows).
    pub fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// "importing: 340/2000 rows (17%), 19.8 rows/s, about 1m24s left"
pub fn progress_line(verb: &str, done: u64, total: u64, elapsed: Duration) -> String {
    let rate = done as f64 / elapsed.as_secs_f64().max(0.001);
    let percent = (done * 100).checked_div(total).unwrap_or(100);
    let left = if rate > 0.0 {
        let secs = Duration::try_from_secs_f64((total.saturating_sub(done) as f64 / rate).round())
            .map_or(u64::MAX, |left| left.as_secs());
        format!(", about {}m{:02}s left", secs / 60, secs % 60)
    } else {
        String::new()
    };
    format!("{verb}: {done}/{total} rows ({percent}%), {rate:.1} rows/s{left}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_say_count_rate_and_time_left() {
        assert_eq!(
            progress_line("importing", 340, 2000, Duration::from_secs(17)),
            "importing: 340/2000 rows (17%), 20.0 rows/s, about 1m23s left"
        );
    }
}
