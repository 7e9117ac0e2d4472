//! Records which of genius's functions run on the way to its start screen, for the linker to put
//! them next to each other (`link/start-order.txt`, read by build.rs in release builds).
//!
//! The kernel maps 64 KB of a binary around each page a program touches. Start-up code spread
//! over 8 MB of text therefore keeps most of the text resident; laid out together it keeps about
//! its own size. genius runs under valgrind's callgrind, which names every function that ran, in
//! three runs: to the start screen; to it and through typing a lookup and moving in the list; to
//! it and into a contact, scrolling its notes. The file lists the start screen's functions first,
//! then the lookup's others, then the contact's others, so each step of a session touches code
//! laid out together. Only functions the binary defines are kept (`nm`), sorted by name within
//! each group so the file diffs well.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::fixtures;
use crate::pty_session::{PtySession, TermSize};
use crate::side_by_side::{self, Stage};

/// How long a step may take under valgrind (about 50 times slower than native).
const UNDER_VALGRIND: Duration = Duration::from_secs(120);

/// One group of the order: what a step of a session runs that the steps before it did not.
pub struct Group {
    pub name: &'static str,
    pub functions: usize,
    pub bytes: u64,
}

/// The steps recorded, in the order their code is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    StartScreen,
    Lookup,
    Contact,
}

impl Step {
    const ALL: [Step; 3] = [Step::StartScreen, Step::Lookup, Step::Contact];

    fn title(self) -> &'static str {
        match self {
            Step::StartScreen => "start screen",
            Step::Lookup => "typing a lookup, moving in the list",
            Step::Contact => "a contact and its notes",
        }
    }
}

/// Records every step's functions into `out`; returns the groups written.
pub fn record(
    stage: &Stage,
    size: TermSize,
    work: &Path,
    out: &Path,
) -> anyhow::Result<Vec<Group>> {
    let valgrind = fixtures::find_program("valgrind", "valgrind")?;
    let defined = defined_functions(&stage.genius)?;
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut groups = Vec::new();
    let mut listing = String::new();
    for step in Step::ALL {
        eprintln!("recording under callgrind: {}", step.title());
        let callgrind_out = work.join(format!("{step:?}.callgrind"));
        let ran = functions_run(stage, size, &valgrind, &callgrind_out, step)?;
        let new: Vec<String> = ran
            .into_iter()
            .filter(|name| defined.contains_key(name) && !placed.contains(name))
            .collect();
        if step == Step::StartScreen && new.is_empty() {
            bail!("callgrind named none of the binary's functions: is it stripped?");
        }
        listing.push_str(&format!("# {}\n", step.title()));
        for name in &new {
            listing.push_str(name);
            listing.push('\n');
        }
        groups.push(Group {
            name: step.title(),
            functions: new.len(),
            bytes: new.iter().map(|name| defined[name]).sum(),
        });
        placed.extend(new);
    }
    let summary: Vec<String> = groups
        .iter()
        .map(|group| {
            format!(
                "{} functions ({} kB) of the {}",
                group.functions,
                group.bytes / 1000,
                group.name
            )
        })
        .collect();
    let text = format!(
        "# The order the linker lays out genius's functions in release builds (build.rs passes it\n\
         # to lld as --symbol-ordering-file): {}. Recorded under callgrind by\n\
         # scripts/record-start-order.sh; names the binary no longer has are skipped, so a stale\n\
         # file costs memory (the start screen's peak RSS in BENCHMARKS.md), never correctness.\n{listing}",
        summary.join("; then ")
    );
    std::fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))?;
    Ok(groups)
}

/// The functions genius ran under callgrind through `step` (the start screen and, after it, the
/// step's own keys).
fn functions_run(
    stage: &Stage,
    size: TermSize,
    valgrind: &Path,
    callgrind_out: &Path,
    step: Step,
) -> anyhow::Result<BTreeSet<String>> {
    let mut launch = stage.fresh_genius()?;
    let mut args: Vec<OsString> = [
        "--tool=callgrind",
        "--demangle=no",
        "--compress-strings=no",
        "--compress-pos=no",
    ]
    .map(OsString::from)
    .to_vec();
    let mut out_arg = OsString::from("--callgrind-out-file=");
    out_arg.push(callgrind_out);
    args.push(out_arg);
    // valgrind's own messages go to a file, not over the screen being read.
    let mut log_arg = OsString::from("--log-file=");
    log_arg.push(callgrind_out.with_extension("log"));
    args.push(log_arg);
    args.push(launch.program.into_os_string());
    args.append(&mut launch.args);
    launch.program = valgrind.to_path_buf();
    launch.args = args;
    launch.label = "genius under callgrind";

    let quiet = stage.pace.quiet * 10;
    let mut session = PtySession::spawn(&launch, size)?;
    session.settle(
        0,
        "the start screen with its recent contacts",
        side_by_side::shows_home_with_recents,
        quiet,
        UNDER_VALGRIND,
    )?;
    // What the start screen does once drawn (the name index, the cache's uids) belongs to it.
    session.watch(Duration::from_secs(3));
    match step {
        Step::StartScreen => {}
        Step::Lookup => side_by_side::type_a_lookup_and_move(&mut session, quiet)?,
        Step::Contact => {
            side_by_side::open_a_contact_and_scroll(&mut session, stage, quiet, UNDER_VALGRIND)?;
        }
    }
    if !session.quit(side_by_side::CTRL_C, UNDER_VALGRIND)? {
        bail!("genius under callgrind did not quit within {UNDER_VALGRIND:?}");
    }
    let text = std::fs::read_to_string(callgrind_out)
        .with_context(|| format!("callgrind wrote no {}", callgrind_out.display()))?;
    Ok(text
        .lines()
        .filter_map(|line| line.strip_prefix("fn=").or(line.strip_prefix("cfn=")))
        .map(str::to_string)
        .collect())
}

/// How many of link/start-order.txt's functions `binary` has: fewer than all means the order is
/// stale (scripts/record-start-order.sh records it again) and the start screen holds more code.
pub fn coverage(binary: &Path) -> String {
    let recorded = match std::fs::read_to_string(START_ORDER) {
        Ok(text) => text,
        Err(error) => return format!("no {START_ORDER} ({error})"),
    };
    let recorded: BTreeSet<&str> = recorded
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    match defined_functions(binary) {
        Ok(defined) => {
            let laid_out = recorded
                .iter()
                .filter(|name| defined.contains_key(**name))
                .count();
            format!(
                "The binary lays out {laid_out} of the {} functions {START_ORDER} lists",
                recorded.len()
            )
        }
        Err(error) => format!("whether the binary follows {START_ORDER} is unknown ({error:#})"),
    }
}

/// The order file, from the project's root (where cargo runs benches).
const START_ORDER: &str = "link/start-order.txt";

/// The functions `binary` defines, with their sizes, from `nm`.
fn defined_functions(binary: &Path) -> anyhow::Result<std::collections::HashMap<String, u64>> {
    let out = std::process::Command::new("nm")
        .args(["--defined-only", "--print-size"])
        .arg(binary)
        .output()
        .context("cannot run nm (binutils)")?;
    if !out.status.success() {
        bail!("nm failed on {}", binary.display());
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_address, size, kind, name) = (
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            );
            matches!(kind, "t" | "T" | "W" | "w")
                .then(|| Some((name.to_string(), u64::from_str_radix(size, 16).ok()?)))
                .flatten()
        })
        .collect())
}
