//! The checkpoint of the index (`contacts.idx`): the summary of every contact and where its record
//! lies, as the log stood at some offset of one generation. Loading the index reads it and then
//! only the records appended after that offset, so a put writes its record and nothing else; the
//! checkpoint is rewritten whole (to a temporary file, renamed) after a compaction and once enough
//! has been appended since the last one. A missing, damaged or outdated checkpoint is ignored:
//! the log alone says everything it says.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::ContactSummary;

const CHECKPOINT_VERSION: u32 = 1;

/// The first line.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    genius_cache_checkpoint: u32,
    /// The generation of the log it describes.
    generation: u64,
    /// The log's length it describes: records from here on are not in it.
    covers: u64,
}

/// One contact, by position (the names would repeat on every line).
#[derive(Serialize)]
struct LineOut<'a>(
    u64,
    u64,
    &'a str,
    &'a str,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    DateTime<Utc>,
    u8,
);

#[derive(Deserialize)]
struct LineIn(
    u64,
    u64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    u8,
);

/// A checkpoint as read.
#[derive(Debug)]
pub struct Checkpoint {
    pub generation: u64,
    pub covers: u64,
    /// Each contact's record offset and summary (whose `size` is the record's bytes).
    pub entries: Vec<(u64, ContactSummary)>,
    /// The checkpoint's own bytes.
    pub bytes: u64,
}

/// The checkpoint of `entries` for a log of `generation` up to `covers`.
pub fn write<'a>(
    out: &mut dyn std::io::Write,
    generation: u64,
    covers: u64,
    entries: impl Iterator<Item = (u64, &'a ContactSummary)>,
) -> std::io::Result<()> {
    let header = Header {
        genius_cache_checkpoint: CHECKPOINT_VERSION,
        generation,
        covers,
    };
    serde_json::to_writer(&mut *out, &header)?;
    out.write_all(b"\n")?;
    for (offset, summary) in entries {
        let ContactSummary {
            uid,
            name,
            business,
            email,
            phone,
            stage,
            owner,
            fetched_at,
            size,
            notes_cut,
        } = summary;
        let line = LineOut(
            offset,
            *size,
            uid,
            name,
            business,
            email,
            phone,
            stage,
            owner,
            *fetched_at,
            u8::from(*notes_cut),
        );
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The checkpoint at `path`; `None` when it is missing or any line of it is unreadable.
pub fn read(path: &Path) -> Option<Checkpoint> {
    let text = std::fs::read(path).ok()?;
    let mut lines = text.split(|&byte| byte == b'\n');
    let header: Header = serde_json::from_slice(lines.next()?).ok()?;
    if header.genius_cache_checkpoint != CHECKPOINT_VERSION {
        return None;
    }
    let mut entries = Vec::new();
    for line in lines.filter(|line| !line.is_empty()) {
        let LineIn(offset, size, uid, name, business, email, phone, stage, owner, fetched_at, cut) =
            serde_json::from_slice(line).ok()?;
        entries.push((
            offset,
            ContactSummary {
                uid,
                name,
                business,
                email,
                phone,
                stage,
                owner,
                fetched_at,
                size,
                notes_cut: cut != 0,
            },
        ));
    }
    Some(Checkpoint {
        generation: header.generation,
        covers: header.covers,
        entries,
        bytes: u64::try_from(text.len()).unwrap_or(u64::MAX),
    })
}
