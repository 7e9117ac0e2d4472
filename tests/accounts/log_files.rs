//! Log files are private whatever the umask: the real binary, started by `sh` with `umask 000`,
//! creates its log directory 0700 and its log file 0600, and tightens ones that were left open.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// Runs `genius man` (no network, but it starts logging like every command) with umask 000 and
/// its state, config and data directories under `home`.
fn run_genius_with_open_umask(home: &Path) {
    let status = Command::new("sh")
        .args(["-c", "umask 000 && exec \"$0\" man >/dev/null"])
        .arg(env!("CARGO_BIN_EXE_genius"))
        .env("GENIUS_STATE_DIR", home.join("state"))
        .env("GENIUS_CONFIG_DIR", home.join("config"))
        .env("GENIUS_DATA_DIR", home.join("data"))
        .env("GENIUS_LOG", "debug")
        .status()
        .expect("sh runs genius");
    assert!(status.success(), "genius man failed: {status}");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Every file of the log directory, with its mode.
fn log_files(logs: &Path) -> Vec<(String, u32)> {
    let mut files: Vec<(String, u32)> = std::fs::read_dir(logs)
        .expect("the log directory")
        .flatten()
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, mode(&entry.path()))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_new_log_file_is_0600_under_umask_000() {
    let home = tempfile::tempdir().expect("a temporary directory");
    run_genius_with_open_umask(home.path());
    let logs = home.path().join("state").join("logs");
    assert_eq!(mode(&logs), 0o700);
    let files = log_files(&logs);
    assert!(!files.is_empty(), "no log file was written");
    for (name, file_mode) in files {
        // Exactly the name genius writes, in its case: genius.YYYY-MM-DD.log.
        let date = name
            .strip_prefix("genius.")
            .and_then(|rest| rest.strip_suffix(".log"));
        assert!(date.is_some_and(|date| date.len() == 10), "{name}");
        assert_eq!(file_mode, 0o600, "{name} is {file_mode:o}");
    }
}

#[test]
fn an_existing_world_readable_log_is_tightened() {
    let home = tempfile::tempdir().expect("a temporary directory");
    let logs = home.path().join("state").join("logs");
    std::fs::create_dir_all(&logs).expect("create the log directory");
    std::fs::set_permissions(&logs, std::fs::Permissions::from_mode(0o777)).expect("chmod dir");
    let today = chrono::Utc::now().format("genius.%Y-%m-%d.log").to_string();
    std::fs::write(logs.join(&today), "an earlier line\n").expect("an earlier log");
    std::fs::set_permissions(logs.join(&today), std::fs::Permissions::from_mode(0o666))
        .expect("chmod file");
    run_genius_with_open_umask(home.path());
    assert_eq!(mode(&logs), 0o700);
    for (name, file_mode) in log_files(&logs) {
        assert_eq!(file_mode, 0o600, "{name} is {file_mode:o}");
    }
    let kept = std::fs::read_to_string(logs.join(&today)).expect("the log");
    assert!(
        kept.starts_with("an earlier line\n"),
        "appended, not truncated: {kept}"
    );
}
