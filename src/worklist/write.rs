//! Writing a worklist of uids (what `genius import … --worklist OUT` does with the contacts it
//! created): a `#` header naming where the list came from, then one uid per line; written
//! atomically with mode 0600, so a crash never leaves half a list.
#![deny(clippy::indexing_slicing)]

use std::path::Path;

use crate::api::Identifier;

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WrittenWorklist {
    /// Uids written, in order.
    pub written: usize,
    /// Texts the server gave as uids that are not uids (8 letters or digits), left out: a line
    /// break in one could otherwise write lines of its own into the list.
    pub refused: Vec<String>,
}

/// Writes `uids` to `path` as a worklist whose header comment names `origin` (e.g. "import of
/// leads.csv"). Control characters and line breaks in `origin` become spaces.
pub fn write_uid_worklist(
    path: &Path,
    origin: &str,
    uids: &[String],
) -> std::io::Result<WrittenWorklist> {
    let mut result = WrittenWorklist::default();
    let mut body = String::new();
    for uid in uids {
        match Identifier::parse(uid) {
            Ok(Identifier::Uid(clean)) if clean.eq_ignore_ascii_case(uid) => {
                body.push_str(&clean);
                body.push('\n');
                result.written += 1;
            }
            _ => result.refused.push(uid.clone()),
        }
    }
    let origin: String = origin
        .chars()
        .map(|c| {
            if c.is_control() || crate::text::is_unsafe(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let plural = if result.written == 1 { "" } else { "s" };
    let header = format!(
        "# genius worklist: {}\n# {} contact{plural}; open it with `genius work FILE`\n",
        origin.trim(),
        result.written
    );
    crate::paths::write_private_file(path, format!("{header}{body}").as_bytes())?;
    Ok(result)
}
