//! The log file itself: `genius.YYYY-MM-DD.log` (UTC days) in the log directory, a new one when the
//! day turns, older ones pruned then. Every file is opened with mode 0600 whatever the umask, and
//! one that already exists is tightened to 0600: a log names the contacts a salesperson opened.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

/// A writer appending to the day's log file, switching files at midnight UTC.
#[derive(Debug)]
pub struct DailyLogFile {
    dir: PathBuf,
    day: NaiveDate,
    file: File,
}

impl DailyLogFile {
    /// Opens (or creates) today's file in `dir`, which must exist.
    pub fn open(dir: &Path) -> std::io::Result<DailyLogFile> {
        let day = Utc::now().date_naive();
        Ok(DailyLogFile {
            dir: dir.to_path_buf(),
            day,
            file: open_private_append(&dir.join(file_name(day)))?,
        })
    }

    fn current_file(&mut self) -> std::io::Result<&mut File> {
        let today = Utc::now().date_naive();
        if today != self.day {
            self.file = open_private_append(&self.dir.join(file_name(today)))?;
            self.day = today;
            super::prune_old_logs(&self.dir, today);
        }
        Ok(&mut self.file)
    }
}

impl Write for DailyLogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.current_file()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Sets every log file already in `dir` to 0600: files written by an older genius, or copied in,
/// may be readable by others. Files that are not genius logs are left alone.
pub fn tighten_existing_logs(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_log = name.starts_with(&format!("{}.", super::FILE_PREFIX))
                && name.ends_with(&format!(".{}", super::FILE_SUFFIX));
            if is_log {
                let _ =
                    std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The file name of a day's log.
pub fn file_name(day: NaiveDate) -> String {
    format!(
        "{}.{}.{}",
        super::FILE_PREFIX,
        day.format("%Y-%m-%d"),
        super::FILE_SUFFIX
    )
}

/// Opens `path` for appending, creating it with mode 0600; an existing file is set to 0600 too
/// (opening does not change the mode of a file that is already there).
#[cfg(unix)]
pub fn open_private_append(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// Opens `path` for appending, creating it (no Unix modes here).
#[cfg(not(unix))]
pub fn open_private_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}
