//! The contacts log as bytes: a 16-byte header (magic, version, generation) and then records,
//! each a little-endian `u32` length, the CRC-32 of the payload and the payload. Records are
//! read one at a time through one buffer, never the log whole. Reading stops
//! at a record cut short (a crash mid-append, or one still being written by another process)
//! and skips a whole record whose checksum is wrong, so damage reads as absent and never as
//! wrong data. A compaction writes a new log under a new generation, which tells every reader
//! that the positions it knew are gone.

use std::io::{BufReader, Read, Seek, SeekFrom};
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

/// The records of a log read one at a time from a buffered reader, through one payload buffer
/// reused for all: reading a log's tail holds one record at a time, never the tail. The log's
/// length when it was opened bounds every record, so a damaged length field reads as a record
/// cut short instead of asking for gigabytes.
pub struct Records<R> {
    reader: BufReader<R>,
    /// Where the next record starts, once the previous one was read whole.
    at: u64,
    /// The log's length when it was opened: nothing past it is read.
    length: u64,
    payload: Vec<u8>,
    /// True once a record cut short (or the end) was met: nothing more is read.
    ended: bool,
}

impl<R: Read> Records<R> {
    /// The records of a log `length` bytes long, read from `reader`, which stands at `offset`.
    pub fn new(reader: R, offset: u64, length: u64) -> Self {
        Records {
            reader: BufReader::new(reader),
            at: offset,
            length,
            payload: Vec::new(),
            ended: false,
        }
    }

    /// The next record; `None` at the end of the log or at a record cut short (where the
    /// readable part ends). A record whose checksum is wrong is returned without its payload.
    pub fn next_record(&mut self) -> std::io::Result<Option<Found<'_>>> {
        if self.ended {
            return Ok(None);
        }
        let Some((length, checksum)) = self.read_frame()? else {
            self.ended = true;
            return Ok(None);
        };
        let size = u64::try_from(length)
            .ok()
            .and_then(|length| length.checked_add(FRAME_LEN));
        let whole = size
            .and_then(|size| self.at.checked_add(size))
            .is_some_and(|end| end <= self.length);
        let Some(size) = size.filter(|_| whole) else {
            // Past the log's end: a record cut short, or a length damaged into nonsense.
            self.ended = true;
            return Ok(None);
        };
        self.payload.clear();
        self.payload.resize(length, 0);
        if !read_whole(&mut self.reader, &mut self.payload)? {
            // The log was cut while being read (another process mending it).
            self.ended = true;
            return Ok(None);
        }
        let offset = self.at;
        self.at += size;
        let intact = crc32fast::hash(&self.payload) == checksum;
        Ok(Some(Found {
            offset,
            size,
            payload: intact.then_some(self.payload.as_slice()),
        }))
    }

    /// Where the readable part ends so far: the start of the next record, or of the record cut
    /// short that ended the reading.
    pub fn end(&self) -> u64 {
        self.at
    }

    /// The length and checksum of the next record's frame; `None` when there is no whole frame.
    fn read_frame(&mut self) -> std::io::Result<Option<(usize, u32)>> {
        if self.at.saturating_add(FRAME_LEN) > self.length {
            return Ok(None);
        }
        let mut frame = [0u8; 8];
        if !read_whole(&mut self.reader, &mut frame)? {
            return Ok(None);
        }
        Ok(frame_of(&frame).map(|(length, checksum, _)| (length, checksum)))
    }

    /// The capacity of the payload buffer, to show a damaged length allocates nothing.
    #[cfg(test)]
    fn buffer_capacity(&self) -> usize {
        self.payload.capacity()
    }
}

/// Fills `buffer`; false when the reader ends first.
fn read_whole(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<bool> {
    match reader.read_exact(buffer) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(error) => Err(error),
    }
}

fn frame_of(bytes: &[u8]) -> Option<(usize, u32, &[u8])> {
    let length = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    let checksum = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    Some((usize::try_from(length).ok()?, checksum, bytes.get(8..)?))
}

/// What opening a log to read it from some offset found.
pub enum Tail {
    /// There is no log, or its header is not one this version reads.
    Missing,
    /// The log's generation, its length, and its records from the offset asked for to its end.
    Read {
        generation: u64,
        length: u64,
        records: Records<std::fs::File>,
    },
}

/// Opens the log at `path` to read its records from `offset` (none when `offset` is at or past
/// its end; never the header's bytes as a record).
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
    let offset = offset.max(HEADER_LEN);
    if offset < length {
        file.seek(SeekFrom::Start(offset))?;
    }
    Ok(Tail::Read {
        generation,
        length,
        records: Records::new(file, offset, length),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A record as the tests keep it, its payload copied out of the reader's buffer.
    #[derive(Debug)]
    struct Scanned {
        offset: u64,
        size: u64,
        payload: Option<Vec<u8>>,
    }

    /// Every record of `bytes`, which start at `offset` in a log that ends where they do, and
    /// where the readable part ends.
    fn scan(bytes: &[u8], offset: u64) -> (Vec<Scanned>, u64) {
        let length = offset + count(bytes.len());
        let mut records = Records::new(bytes, offset, length);
        let mut found = Vec::new();
        while let Some(record) = records.next_record().unwrap() {
            found.push(Scanned {
                offset: record.offset,
                size: record.size,
                payload: record.payload.map(<[u8]>::to_vec),
            });
        }
        (found, records.end())
    }

    fn count(bytes: usize) -> u64 {
        u64::try_from(bytes).unwrap()
    }

    fn framed(payloads: &[&[u8]]) -> Vec<u8> {
        payloads
            .iter()
            .flat_map(|payload| frame(payload).unwrap())
            .collect()
    }

    #[test]
    fn records_scan_back_and_damage_is_skipped_or_left() {
        let bytes = framed(&[b"one", b"two", b"three"]);
        let (found, end) = scan(&bytes, HEADER_LEN);
        assert_eq!(found.len(), 3);
        assert_eq!(end, HEADER_LEN + count(bytes.len()));
        assert_eq!(found[1].payload.as_deref(), Some(&b"two"[..]));
        assert_eq!(found[1].offset, HEADER_LEN + 11);
        // A flipped byte in the second payload: skipped, the third still read.
        let mut damaged = bytes.clone();
        damaged[8 + 3 + 8] ^= 0x20;
        let (found, _) = scan(&damaged, HEADER_LEN);
        assert_eq!(found[1].payload, None);
        assert_eq!(found[2].payload.as_deref(), Some(&b"three"[..]));
        // A record cut short ends the scan where it starts.
        let torn = &bytes[..bytes.len() - 2];
        let (found, end) = scan(torn, HEADER_LEN);
        assert_eq!(found.len(), 2);
        assert_eq!(end, HEADER_LEN + 22);
        assert_eq!(parse_header(&header(7)), Some(7));
        assert_eq!(parse_header(b"GCL\n\x02\0\0\0\0\0\0\0\0\0\0\0"), None);
    }

    #[test]
    fn every_record_says_where_it_lies_and_how_big_it_is() {
        let payloads: [&[u8]; 4] = [b"", b"a", "caf\u{e9} \u{1F600}".as_bytes(), &[0xFF; 300]];
        let bytes = framed(&payloads);
        let (found, end) = scan(&bytes, 100);
        let mut at = 100;
        for (record, payload) in found.iter().zip(payloads) {
            assert_eq!(record.offset, at);
            assert_eq!(record.size, FRAME_LEN + count(payload.len()));
            assert_eq!(record.payload.as_deref(), Some(payload));
            at += record.size;
        }
        assert_eq!(found.len(), payloads.len());
        assert_eq!(end, at);
    }

    #[test]
    fn a_flipped_byte_in_a_frame_or_payload_never_reads_as_other_data() {
        let bytes = framed(&[b"first", b"second", b"third"]);
        // The checksum of the first record damaged: it is dead, the others read on.
        let mut damaged = bytes.clone();
        damaged[5] ^= 0x01;
        let (found, end) = scan(&damaged, HEADER_LEN);
        let payloads: Vec<_> = found.iter().map(|r| r.payload.as_deref()).collect();
        assert_eq!(payloads, [None, Some(&b"second"[..]), Some(&b"third"[..])]);
        assert_eq!(found[0].size, FRAME_LEN + 5);
        assert_eq!(end, HEADER_LEN + count(bytes.len()));
    }

    #[test]
    fn a_record_cut_short_in_its_frame_ends_the_reading_where_it_starts() {
        let bytes = framed(&[b"one", b"two"]);
        for cut in 1..FRAME_LEN {
            let torn = &bytes[..bytes.len() - 3 - usize::try_from(cut).unwrap()];
            let (found, end) = scan(torn, HEADER_LEN);
            assert_eq!(found.len(), 1, "cut {cut} bytes into the frame");
            assert_eq!(end, HEADER_LEN + 11);
        }
    }

    #[test]
    fn an_absurd_length_reads_as_cut_short_and_allocates_nothing() {
        let mut bytes = framed(&[b"kept"]);
        let absurd = frame(b"gone").unwrap();
        bytes.extend_from_slice(&u32::MAX.to_le_bytes());
        bytes.extend_from_slice(absurd.get(4..).unwrap());
        bytes.extend(framed(&[b"after"]));
        let length = HEADER_LEN + count(bytes.len());
        let mut records = Records::new(&bytes[..], HEADER_LEN, length);
        let first = records
            .next_record()
            .unwrap()
            .map(|r| r.payload.map(<[u8]>::to_vec));
        assert_eq!(first, Some(Some(b"kept".to_vec())));
        assert!(records.next_record().unwrap().is_none());
        assert!(
            records.next_record().unwrap().is_none(),
            "nothing read past it"
        );
        assert_eq!(records.end(), HEADER_LEN + 12);
        assert!(
            records.buffer_capacity() < 64,
            "{}",
            records.buffer_capacity()
        );
    }

    #[test]
    fn an_empty_tail_and_an_offset_past_the_end_read_nothing() {
        let (found, end) = scan(&[], HEADER_LEN);
        assert!(found.is_empty());
        assert_eq!(end, HEADER_LEN);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.log");
        let mut log = header(9).to_vec();
        log.extend(framed(&[b"one", b"two"]));
        std::fs::write(&path, &log).unwrap();
        for offset in [count(log.len()), count(log.len()) + 1, 1 << 40] {
            let Ok(Tail::Read {
                generation,
                length,
                mut records,
            }) = read_from(&path, offset)
            else {
                panic!("the log reads");
            };
            assert_eq!((generation, length), (9, count(log.len())));
            assert!(records.next_record().unwrap().is_none());
            assert_eq!(records.end(), offset);
        }
    }

    #[test]
    fn a_log_file_reads_from_its_first_record_or_any_later_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts.log");
        assert!(matches!(read_from(&path, HEADER_LEN), Ok(Tail::Missing)));
        let mut log = header(3).to_vec();
        log.extend(framed(&[b"one", b"two", b"three"]));
        std::fs::write(&path, &log).unwrap();
        let payloads_from = |offset| {
            let Ok(Tail::Read { mut records, .. }) = read_from(&path, offset) else {
                panic!("the log reads");
            };
            let mut payloads = Vec::new();
            while let Some(record) = records.next_record().unwrap() {
                payloads.push(record.payload.map(<[u8]>::to_vec).unwrap());
            }
            (payloads, records.end())
        };
        let end = count(log.len());
        // An offset inside the header means the first record.
        assert_eq!(
            payloads_from(0),
            (
                vec![b"one".to_vec(), b"two".to_vec(), b"three".to_vec()],
                end
            )
        );
        assert_eq!(
            payloads_from(HEADER_LEN + 11),
            (vec![b"two".to_vec(), b"three".to_vec()], end)
        );
        std::fs::write(&path, b"GCL\n").unwrap();
        assert!(matches!(read_from(&path, HEADER_LEN), Ok(Tail::Missing)));
    }
}
