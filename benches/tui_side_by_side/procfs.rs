//! What the benchmark reads from /proc: a process's memory (VmRSS, VmHWM), its CPU time
//! (utime + stime) and the bytes it sent to storage (write_bytes); and the machine it runs on
//! (processors, CPU model, kernel, load average).

use std::time::Duration;

use anyhow::Context;

/// A process's counters at one moment.
#[derive(Debug, Clone, Copy)]
pub struct ProcessSnapshot {
    /// Resident memory now, in kB.
    pub rss_kb: u64,
    /// The peak of resident memory so far, in kB.
    pub peak_rss_kb: u64,
    /// User plus system CPU time so far.
    pub cpu: Duration,
    /// Bytes the process caused to be written to storage so far.
    pub write_bytes: u64,
}

/// Reads the counters of process `pid`.
pub fn snapshot(pid: u32) -> anyhow::Result<ProcessSnapshot> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .with_context(|| format!("process {pid} is gone"))?;
    let field_kb = |name: &str| -> anyhow::Result<u64> {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .with_context(|| format!("/proc/{pid}/status has no {name}"))
    };
    Ok(ProcessSnapshot {
        rss_kb: field_kb("VmRSS:")?,
        peak_rss_kb: field_kb("VmHWM:")?,
        cpu: cpu_time(pid)?,
        write_bytes: write_bytes(pid)?,
    })
}

/// utime + stime of process `pid` (all its threads, live and exited).
fn cpu_time(pid: u32) -> anyhow::Result<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("process {pid} is gone"))?;
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    // Counting from the state (field 3 of proc(5)), utime is field 14 and stime field 15.
    let ticks = |index: usize| -> anyhow::Result<u64> {
        fields
            .get(index)
            .and_then(|field| field.parse().ok())
            .with_context(|| format!("/proc/{pid}/stat is not in the expected shape"))
    };
    let total = ticks(11)? + ticks(12)?;
    Ok(Duration::from_secs_f64(
        total as f64 / clock_ticks_per_second(),
    ))
}

fn write_bytes(pid: u32) -> anyhow::Result<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io"))
        .with_context(|| format!("cannot read /proc/{pid}/io"))?;
    io.lines()
        .find_map(|line| line.strip_prefix("write_bytes:"))
        .and_then(|value| value.trim().parse().ok())
        .with_context(|| format!("/proc/{pid}/io has no write_bytes"))
}

/// The kernel's clock tick (CLK_TCK), asked once of `getconf`; 100 on every common Linux.
fn clock_ticks_per_second() -> f64 {
    static TICKS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|out| String::from_utf8(out.stdout).ok())
            .and_then(|text| text.trim().parse::<f64>().ok())
            .filter(|ticks| *ticks > 0.0)
            .unwrap_or(100.0)
    })
}

/// The 1-minute load average.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

/// The machine, in one line: processors, CPU model, kernel.
pub fn machine() -> String {
    let processors = std::thread::available_parallelism().map_or(0, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|text| text.trim().to_string())
        .unwrap_or_else(|_| "unknown".to_string());
    format!("{processors} × {model}, Linux {kernel}")
}
