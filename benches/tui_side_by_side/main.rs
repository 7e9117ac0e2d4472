//! The side-by-side benchmark of the TUI: genius beside abook (its list and search prompt) and
//! `less` (a notes timeline) in pseudo-terminals of the same size, in alternating rounds, plus the
//! biggest contact and a day of lookups against the contact cache. Prints BENCHMARKS.md sections
//! and, with `--update FILE`, writes them there. Run through `scripts/bench-tui.sh`, or:
//!
//! ```text
//! cargo bench --bench tui_side_by_side -- --reps 15 --sizes 100x30,80x24 --update BENCHMARKS.md
//! ```
//!
//! A bench, not a test: `cargo test` does not build or run it.
// Measurement code may unwrap what it set up itself: a panic there is the run failing, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cache_run;
mod fixtures;
mod markdown;
mod procfs;
mod pty_session;
mod report;
mod side_by_side;
mod start_order;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Parser;

use fixtures::{PrivateHome, Simulator};
use pty_session::TermSize;
use report::{BigFigures, RunInfo, SizeFigures};
use side_by_side::{Pace, Stage, Tally};

/// genius beside abook and less, in pseudo-terminals of the same size.
#[derive(Debug, Parser)]
#[command(name = "tui_side_by_side")]
struct Args {
    /// Rounds per program and size.
    #[arg(long, default_value_t = 15)]
    reps: usize,
    /// Terminal sizes, COLSxROWS; the first one also gets the idle, biggest-contact and cache runs.
    #[arg(long, value_delimiter = ',', default_values = ["100x30", "80x24"])]
    sizes: Vec<TermSize>,
    /// `j` presses per round.
    #[arg(long, default_value_t = 20)]
    keys: usize,
    /// Silence (ms) that ends a burst of output.
    #[arg(long, default_value_t = 50)]
    quiet_ms: u64,
    /// Rounds (at the first size) that also watch the program idle.
    #[arg(long, default_value_t = 3)]
    idle_reps: usize,
    /// Seconds an idle measurement (and the watch after the lookups) lasts.
    #[arg(long, default_value_t = 10)]
    idle_secs: u64,
    /// Notes of the generated biggest contact.
    #[arg(long, default_value_t = 100_000)]
    huge_notes: usize,
    /// Lookups in each cache run.
    #[arg(long, default_value_t = 2_000)]
    lookups: usize,
    /// Leave out the cache runs.
    #[arg(long)]
    skip_cache: bool,
    /// Leave out the side-by-side rounds (only the cache runs).
    #[arg(long)]
    skip_tui: bool,
    /// The genius binary (default: the one cargo built for this bench).
    #[arg(long)]
    genius: Option<PathBuf>,
    /// Where the run's temporary files go (on disk, so write_bytes counts cache writes).
    #[arg(long, default_value = "target/bench-tui")]
    work_dir: PathBuf,
    /// Keep the run's files (account, homes, caches) for inspection.
    #[arg(long)]
    keep: bool,
    /// Write the sections into this markdown file (replacing their earlier versions).
    #[arg(long, value_name = "FILE")]
    update: Option<PathBuf>,
    /// Measure even when other processes load the machine (figures are marked not final).
    #[arg(long)]
    noisy_ok: bool,
    /// The 1-minute load average above which a run is noisy.
    #[arg(long, default_value_t = 1.5)]
    max_load: f64,
    /// Wait up to this many seconds for the load to drop below --max-load before starting.
    #[arg(long, default_value_t = 0)]
    wait_quiet_secs: u64,
    /// Only record the functions genius runs to its start screen and through a little work, under
    /// valgrind's callgrind, into this file (the linker's order; scripts/record-start-order.sh).
    #[arg(long, value_name = "FILE")]
    record_start_order: Option<PathBuf>,
    /// The command line to record in the report (the wrapper script passes its own).
    #[arg(long, hide = true)]
    recorded_command: Option<String>,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

fn first_line_of(program: &Path, arg: &str) -> String {
    std::process::Command::new(program)
        .arg(arg)
        .output()
        .ok()
        .and_then(|out| {
            let text = [out.stdout, out.stderr].concat();
            String::from_utf8_lossy(&text)
                .lines()
                .find(|line| !line.trim().is_empty())
                .map(|line| line.trim().to_string())
        })
        .unwrap_or_else(|| format!("{} (version unknown)", program.display()))
}

fn commit() -> String {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
                .is_some_and(|status| !status.is_empty());
            format!(
                "commit {hash}{}",
                if dirty { " (with local changes)" } else { "" }
            )
        }
        None => "an unknown commit".to_string(),
    }
}

/// Waits (bounded) for a quiet machine; returns the load average seen last.
fn load_before_start(args: &Args) -> f64 {
    let give_up = std::time::Instant::now() + Duration::from_secs(args.wait_quiet_secs);
    loop {
        let load = procfs::load_average();
        if load <= args.max_load || std::time::Instant::now() >= give_up {
            return load;
        }
        eprintln!(
            "load average {load:.2} > {:.1}: waiting for a quieter machine",
            args.max_load
        );
        std::thread::sleep(Duration::from_secs(5));
    }
}

/// How long opening the biggest contact, or genius's disk writes settling, may take.
const BIG_DEADLINE: Duration = Duration::from_secs(180);

/// One program's part of a round.
#[derive(Debug, Clone, Copy)]
enum Round {
    GeniusList,
    AbookList,
    GeniusTimeline,
    LessTimeline,
    GeniusBiggest,
    LessBiggest,
}

/// The pairs played in every round, genius's part first; the biggest contact only at the first size.
const ROUNDS: [(Round, Round); 3] = [
    (Round::GeniusList, Round::AbookList),
    (Round::GeniusTimeline, Round::LessTimeline),
    (Round::GeniusBiggest, Round::LessBiggest),
];

fn play(
    round: Round,
    stage: &Stage,
    size: TermSize,
    idle: bool,
    figures: &mut SizeFigures,
    big: &mut BigFigures,
) -> anyhow::Result<()> {
    let fixtures = stage.fixtures;
    match round {
        Round::GeniusList => side_by_side::genius_list(stage, size, idle, &mut figures.genius_list),
        Round::AbookList => side_by_side::abook_list(stage, size, idle, &mut figures.abook),
        Round::GeniusTimeline => {
            side_by_side::genius_timeline(stage, size, idle, &mut figures.genius_timeline)
        }
        Round::LessTimeline => side_by_side::less_pager(
            stage,
            &fixtures.timeline_notes_file,
            size,
            idle,
            stage.pace.keys,
            &mut figures.less,
        ),
        Round::GeniusBiggest => side_by_side::genius_biggest(stage, size, &mut big.genius),
        Round::LessBiggest => side_by_side::less_pager(
            stage,
            &fixtures.huge_notes_file,
            size,
            false,
            0,
            &mut big.less,
        ),
    }
}

fn run(args: Args) -> anyhow::Result<()> {
    if args.reps == 0 || args.keys == 0 || args.sizes.is_empty() {
        bail!("--reps, --keys and --sizes need at least one each");
    }
    if args.skip_tui && args.skip_cache {
        bail!("--skip-tui and --skip-cache together leave nothing to measure");
    }
    let load_before = load_before_start(&args);
    let noisy = load_before > args.max_load;
    if noisy && !args.noisy_ok {
        bail!(
            "the load average is {load_before:.2} (over {:.1}): other processes would skew the \
             figures. Wait for a quiet machine (--wait-quiet-secs N), or pass --noisy-ok to \
             measure anyway with the figures marked not final",
            args.max_load
        );
    }
    let genius = match &args.genius {
        Some(path) => path.clone(),
        None => PathBuf::from(env!("CARGO_BIN_EXE_genius")),
    };
    let genius = genius
        .canonicalize()
        .with_context(|| format!("no genius binary at {}", genius.display()))?;
    let recording = args.record_start_order.is_some();
    // A recording runs neither abook nor less.
    let other = |name: &str| match fixtures::find_program(name, name) {
        Err(_) if recording => Ok(PathBuf::new()),
        found => found,
    };
    let abook = other("abook")?;
    let less = other("less")?;
    eprintln!("load average {load_before:.2}; genius {}", genius.display());

    std::fs::create_dir_all(&args.work_dir)
        .with_context(|| format!("cannot create {}", args.work_dir.display()))?;
    let work = tempfile::Builder::new()
        .prefix("run-")
        .tempdir_in(&args.work_dir)?;
    let work_path = work.path().canonicalize()?;
    eprintln!(
        "generating the account ({} lookups, a {}-note contact)",
        args.lookups, args.huge_notes
    );
    let fixtures = fixtures::generate(&work_path, args.huge_notes, args.lookups)?;
    let simulator = Simulator::start(&genius, &fixtures.account_file)?;
    let primary = args.sizes[0];
    let pace = Pace {
        quiet: Duration::from_millis(args.quiet_ms),
        keys: args.keys,
        idle_window: Duration::from_secs(args.idle_secs),
        deadline: Duration::from_secs(15),
        big_deadline: BIG_DEADLINE,
    };
    let genius_pristine = PrivateHome::create(work_path.join("genius-pristine"))?;
    eprintln!(
        "filling genius's recent contacts ({} lookups)",
        fixtures.recents.len()
    );
    if !args.skip_tui {
        side_by_side::fill_recents(
            &genius,
            &simulator.base_url,
            &genius_pristine,
            &fixtures.recents,
            primary,
            pace.deadline,
        )?;
    }
    let stage = Stage {
        genius: genius.clone(),
        abook: abook.clone(),
        less: less.clone(),
        base_url: simulator.base_url.clone(),
        fixtures: &fixtures,
        genius_home: PrivateHome {
            root: work_path.join("genius"),
        },
        genius_pristine,
        other_home: PrivateHome::create(work_path.join("others"))?,
        pace,
    };

    if let Some(out) = &args.record_start_order {
        let groups = start_order::record(&stage, primary, &work_path, out)?;
        for group in groups {
            eprintln!(
                "{}: {} functions ({} kB)",
                group.name,
                group.functions,
                group.bytes / 1000
            );
        }
        eprintln!(
            "wrote {}; `cargo build --release` lays the functions out in its order",
            out.display()
        );
        return Ok(());
    }

    let mut sizes = Vec::new();
    let mut big = BigFigures::default();
    let tui_sizes = if args.skip_tui {
        &[][..]
    } else {
        &args.sizes[..]
    };
    for (index, &size) in tui_sizes.iter().enumerate() {
        let mut figures = SizeFigures {
            size,
            genius_list: Tally::default(),
            abook: Tally::default(),
            genius_timeline: Tally::default(),
            less: Tally::default(),
        };
        for rep in 0..args.reps {
            eprintln!("{size}: round {}/{}", rep + 1, args.reps);
            let idle = index == 0 && rep < args.idle_reps;
            let genius_first = rep % 2 == 0;
            let pairs = if index == 0 { ROUNDS.len() } else { 2 };
            for &(genius_round, other_round) in ROUNDS.iter().take(pairs) {
                let order = if genius_first {
                    [genius_round, other_round]
                } else {
                    [other_round, genius_round]
                };
                for round in order {
                    play(round, &stage, size, idle, &mut figures, &mut big)?;
                }
            }
        }
        sizes.push(figures);
    }

    let cache = if args.skip_cache {
        None
    } else {
        Some(cache_run::measure(&stage, &work_path, primary, args.reps)?)
    };
    drop(simulator);

    let info = RunInfo {
        date: chrono::Local::now().format("%Y-%m-%d %H:%M %Z").to_string(),
        command: args.recorded_command.clone().unwrap_or_else(|| {
            let given: Vec<String> = std::env::args()
                .skip(1)
                .filter(|a| a != "--bench")
                .collect();
            format!(
                "cargo bench --bench tui_side_by_side -- {}",
                given.join(" ")
            )
        }),
        commit: commit(),
        machine: procfs::machine(),
        load_before,
        load_after: procfs::load_average(),
        noisy,
        max_load: args.max_load,
        versions: format!(
            "{}; {}",
            first_line_of(&abook, "--help"),
            first_line_of(&less, "--version")
        ),
        start_order: start_order::coverage(&genius),
        reps: args.reps,
        keys: args.keys,
        quiet_ms: args.quiet_ms,
        idle_reps: args.idle_reps.min(args.reps),
        idle_secs: args.idle_secs,
        write_watch_secs: BIG_DEADLINE.as_secs(),
    };
    let mut sections = Vec::new();
    if !args.skip_tui {
        sections.push((
            report::TUI_HEADING,
            report::tui_section(&sizes, &big, &fixtures, &info),
        ));
    }
    if let Some(cache) = &cache {
        sections.push((
            report::CACHE_HEADING,
            report::cache_section(cache, &fixtures, &info),
        ));
    }
    for (_, section) in &sections {
        println!("{section}");
    }
    if let Some(path) = &args.update {
        markdown::update_file(path, &sections)?;
        eprintln!("wrote the sections into {}", path.display());
    }
    if args.keep {
        eprintln!("kept the run's files in {}", work.keep().display());
    }
    Ok(())
}

fn main() {
    let args = Args::parse();
    if let Err(error) = run(args) {
        eprintln!("tui_side_by_side: {error:#}");
        std::process::exit(1);
    }
}
