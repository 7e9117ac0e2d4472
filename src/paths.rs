//! Where genius keeps its files: config, data (recents, drafts, cache) and state (logs). The
//! platform's directories come from `directories`; `GENIUS_CONFIG_DIR`, `GENIUS_DATA_DIR` and
//! `GENIUS_STATE_DIR` override them (tests and unusual setups). Private files are written with mode
//! 0600, atomically (a temporary file renamed over the old one), so a crash never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("br.com", "8M Genius", "genius")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The directory of `config.toml`.
pub fn config_dir() -> PathBuf {
    from_env("GENIUS_CONFIG_DIR")
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".genius"))
}

/// The directory of recents, drafts and the contact cache.
pub fn data_dir() -> PathBuf {
    from_env("GENIUS_DATA_DIR")
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
        .unwrap_or_else(|| PathBuf::from(".genius"))
}

/// The directory of log files.
pub fn state_dir() -> PathBuf {
    from_env("GENIUS_STATE_DIR")
        .or_else(|| project_dirs().and_then(|d| d.state_dir().map(Path::to_path_buf)))
        .unwrap_or_else(|| data_dir().join("state"))
}

/// Writes `contents` to `path` atomically with mode 0600, creating the parent directory (mode 0700).
pub fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    create_private_dir(parent)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".genius-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(parent)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Creates a directory (and its parents) readable only by the user.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_files_are_0600_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("recents.json");
        write_private_file(&path, b"first").unwrap();
        write_private_file(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
