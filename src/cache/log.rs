//! The contacts log as bytes: a 16-byte header (magic, version, generation) and then records,
//! each a little-endian `u32` length, the CRC-32 of the payload and the payload. Scanning stops
//! at a record cut short (a crash mid-append, or one still being written by another process)
//! and skips a whole record whose checksum is wrong, so damage reads as absent and never as
//! wrong data. A compaction writes a new log under a new generation, which tells every reader
//! that the positions it knew are gone.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The first bytes of every contacts log.
const MAGIC: &[u8; 4] = b"GCL\n";

/// The record layout and the order of a contact's fields ([`super::stored`]).
const LOG_VERSION: u32 = 1;

/// Bytes of the header.
pub const HEADER_LEN: u64 = 16;

/// Bytes before each record's payload: its length and checksum.
pub const FRAME_LEN: u64 = 8;

/// The header of a log of generation `generation`.
pub fn header(generation: u64) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    bytes[..4].copy_from_slice(MAGIC);
    bytes[4..8].copy_from_slice(&LOG_VERSION.to_le_bytes());
    bytes[8..].copy_from_slice(&generation.to_le_bytes());
    bytes
}

/// The generation a header names; `None` when it is not a header of this version.
pub fn parse_header(bytes: &[u8]) -> Option<u64> {
    let magic = bytes.get(..4)?;
    let version = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    let generation = u64::from_le_bytes(bytes.get(8..16)?.try_into().ok()?);
    (magic == MAGIC && version == LOG_VERSION).then_some(generation)
}

/// `payload` framed as a record.
pub fn frame(payload: &[u8]) -> Option<Vec<u8>> {
    let length = u32::try_from(payload.len()).ok()?;
    let mut record = Vec::with_capacity(payload.len() + 8);
    record.extend_from_slice(&length.to_le_bytes());
    record.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    record.extend_from_slice(payload);
    Some(record)
}

/// One record found by a scan.
#[derive(Debug)]
pub struct Found<'a> {
    /// Where the record starts in the log.
    pub offset: u64,
    /// Its bytes in the log, frame included.
    pub size: u64,
    /// Its payload; `None` when the checksum is wrong (the record is skipped).
    pub payload: Option<&'a [u8]>,
}

/// The records of `bytes`, which start at `offset` in the log, and where the readable part ends
/// (`offset + bytes.len()` unless the last record is cut short).
pub fn scan(bytes: &[u8], offset: u64) -> (Vec<Found<'_>>, u64) {
    let mut found = Vec::new();
    let mut rest = bytes;
    let mut at = offset;
    loop {
        let Some((length, checksum, after)) = frame_of(rest) else {
            return (found, at);
        };
        let Some(payload) = after.get(..length) else {
            return (found, at);
        };
        let size = FRAME_LEN + count(length);
        let intact = crc32fast::hash(payload) == checksum;
        found.push(Found {
            offset: at,
            size,
            payload: intact.then_some(payload),
        });
        at += size;
        rest = after.get(length..).unwrap_or_default();
    }
}

fn frame_of(bytes: &[u8]) -> Option<(usize, u32, &[u8])> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    let checksum = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    Some((usize::try_from(length).ok()?, checksum, bytes.get(8..)?))
}

/// What reading a log from some offset found.
#[derive(Debug)]
pub enum Tail {
    /// There is no log, or its header is not one this version reads.
    Missing,
    /// The log's generation, its length, and its bytes from the offset asked for to its end.
    Read {
        generation: u64,
        length: u64,
        bytes: Vec<u8>,
    },
}

/// Reads the log at `path` from `offset` to its end (nothing when `offset` is past it).
pub fn read_from(path: &Path, offset: u64) -> std::io::Result<Tail> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Tail::Missing),
        Err(error) => return Err(error),
    };
    let Some(generation) = read_generation(&mut file)? else {
        return Ok(Tail::Missing);
    };
    let length = file.metadata()?.len();
    let mut bytes = Vec::new();
    if offset < length {
        file.seek(SeekFrom::Start(offset.max(HEADER_LEN)))?;
        file.read_to_end(&mut bytes)?;
    }
    Ok(Tail::Read {
        generation,
        length,
        bytes,
    })
}

/// The generation in the header of an open log; `None` when the header is not one.
pub fn read_generation(file: &mut std::fs::File) -> std::io::Result<Option<u64>> {
    let mut header = [0u8; 16];
    file.seek(SeekFrom::Start(0))?;
    match file.read_exact(&mut header) {
        Ok(()) => Ok(parse_header(&header)),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
        Err(error) => Err(error),
    }
}

/// The frame and payload of the record at `offset` in an open log, raw (for compaction, which
/// copies records without parsing them); `None` unless it is whole and intact.
pub fn read_raw_record(file: &mut std::fs::File, offset: u64, size: u64) -> Option<Vec<u8>> {
    let size = usize::try_from(size).ok()?;
    let mut record = vec![0u8; size];
    file.seek(SeekFrom::Start(offset)).ok()?;
    file.read_exact(&mut record).ok()?;
    let (length, checksum, payload) = frame_of(&record)?;
    (payload.len() == length && crc32fast::hash(payload) == checksum).then_some(record)
}

fn count(bytes: usize) -> u64 {
    u64::try_from(bytes).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_scan_back_and_damage_is_skipped_or_left() {
        let mut bytes = Vec::new();
        for payload in [&b"one"[..], b"two", b"three"] {
            bytes.extend(frame(payload).unwrap_or_default());
        }
        let (found, end) = scan(&bytes, HEADER_LEN);
        assert_eq!(found.len(), 3);
        assert_eq!(end, HEADER_LEN + count(bytes.len()));
        assert_eq!(found[1].payload, Some(&b"two"[..]));
        assert_eq!(found[1].offset, HEADER_LEN + 11);
        // A flipped byte in the second payload: skipped, the third still read.
        let mut damaged = bytes.clone();
        damaged[8 + 3 + 8] ^= 0x20;
        let (found, _) = scan(&damaged, HEADER_LEN);
        assert_eq!(found[1].payload, None);
        assert_eq!(found[2].payload, Some(&b"three"[..]));
        // A record cut short ends the scan where it starts.
        let torn = &bytes[..bytes.len() - 2];
        let (found, end) = scan(torn, HEADER_LEN);
        assert_eq!(found.len(), 2);
        assert_eq!(end, HEADER_LEN + 22);
        assert_eq!(parse_header(&header(7)), Some(7));
        assert_eq!(parse_header(b"GCL\n\x02\0\0\0\0\0\0\0\0\0\0\0"), None);
    }
}
