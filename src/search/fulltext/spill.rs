//! Postings set aside in a scratch file while an index is built for a file,
//! so the build holds a bounded share of them in memory however large the
//! library: each term's postings are the largest thing a build makes, and a
//! first start would otherwise hold them all beside the library itself.
//! Other parts written late (the texts' table) can be parked there too.
//!
//! Each time the build's lists reach the budget, their entries are written
//! out as one *segment*: for each term with entries, in term order, its id,
//! its entry count, its byte length and its [`Compact`] bytes. Segments
//! follow one another, so a term's runs, read segment by segment, come in
//! passage order; writing the index reads all segments side by side, term
//! by term.

use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use super::compact::{Compact, put_varint};
use crate::narrow::{to_u32, to_usize};

/// Bytes each segment reads at a time when the segments are merged.
const READ_AHEAD: usize = 8 << 10;

/// The segments written so far, in `scratch`.
pub(super) struct Spill<S> {
    scratch: S,
    /// Start and end of each segment of postings.
    segments: Vec<(u64, u64)>,
    end: u64,
}

impl<S: Read + Write + Seek> Spill<S> {
    pub fn new(scratch: S) -> Self {
        Spill {
            scratch,
            segments: Vec::new(),
            end: 0,
        }
    }

    /// Writes every list's entries as one segment, emptying each list as it
    /// goes, so memory falls while the segment is written.
    pub fn segment(&mut self, lists: &mut [Compact]) -> io::Result<()> {
        let start = self.end;
        self.scratch.seek(SeekFrom::Start(start))?;
        let mut out = BufWriter::new(&mut self.scratch);
        let mut written = 0u64;
        let mut head = Vec::with_capacity(15);
        for (term, list) in lists.iter_mut().enumerate() {
            if list.len() == 0 {
                continue;
            }
            let list = std::mem::take(list);
            head.clear();
            put_varint(&mut head, to_u32(term));
            put_varint(&mut head, to_u32(list.len()));
            put_varint(&mut head, to_u32(list.bytes().len()));
            let (passage, position) = list.last();
            put_varint(&mut head, passage);
            put_varint(&mut head, position);
            out.write_all(&head)?;
            out.write_all(list.bytes())?;
            written += (head.len() + list.bytes().len()) as u64;
        }
        out.flush()?;
        self.end = start + written;
        self.segments.push((start, self.end));
        Ok(())
    }

    /// Appends `bytes` to the scratch file, to be written out later with
    /// [`Spill::copy`]; returns where they are.
    pub fn park(&mut self, bytes: &[u8]) -> io::Result<(u64, u64)> {
        let start = self.end;
        self.scratch.seek(SeekFrom::Start(start))?;
        self.scratch.write_all(bytes)?;
        self.end = start + bytes.len() as u64;
        Ok((start, self.end))
    }

    /// Writes the parked bytes at `span` to `out`.
    pub fn copy(&mut self, (start, end): (u64, u64), out: &mut impl Write) -> io::Result<()> {
        self.scratch.seek(SeekFrom::Start(start))?;
        let copied = io::copy(&mut (&mut self.scratch).take(end - start), out)?;
        if copied < end - start {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "parked bytes end early",
            ));
        }
        Ok(())
    }

    /// The segments, to be read term by term.
    pub fn runs(self) -> io::Result<Runs<S>> {
        let mut runs = Runs {
            scratch: self.scratch,
            segments: self.segments.into_iter().map(Segment::new).collect(),
            bytes: Vec::new(),
        };
        for s in 0..runs.segments.len() {
            runs.advance(s)?;
        }
        Ok(runs)
    }
}

/// Every segment's next run, read in term order.
pub(super) struct Runs<S> {
    scratch: S,
    segments: Vec<Segment>,
    /// The run being decoded.
    bytes: Vec<u8>,
}

impl<S: Read + Seek> Runs<S> {
    /// Appends the set-aside entries of `term` to `list`, in order, their
    /// bytes as they were set aside. Terms must be asked for in ascending
    /// order.
    pub fn append_to(&mut self, term: u32, list: &mut Compact) -> io::Result<()> {
        for s in 0..self.segments.len() {
            if self.segments[s].next != Some(term) {
                continue;
            }
            let mut varint = || self.segments[s].varint(&mut self.scratch);
            let (count, len) = (varint()?, varint()? as usize);
            let last = (varint()?, varint()?);
            self.bytes.clear();
            self.segments[s].read(&mut self.scratch, len, &mut self.bytes)?;
            list.append_encoded(&self.bytes, count, last);
            self.advance(s)?;
        }
        Ok(())
    }

    /// Reads which term segment `s` holds next, if any.
    fn advance(&mut self, s: usize) -> io::Result<()> {
        let segment = &mut self.segments[s];
        segment.next = if segment.is_done() {
            None
        } else {
            Some(segment.varint(&mut self.scratch)?)
        };
        Ok(())
    }
}

/// One segment being read, a little at a time.
struct Segment {
    /// Where the next read from the scratch file starts, and where the
    /// segment ends.
    at: u64,
    end: u64,
    buffer: Vec<u8>,
    /// Bytes of `buffer` already used.
    used: usize,
    /// The term of the segment's next run.
    next: Option<u32>,
}

impl Segment {
    fn new((start, end): (u64, u64)) -> Self {
        Segment {
            at: start,
            end,
            buffer: Vec::new(),
            used: 0,
            next: None,
        }
    }

    fn is_done(&self) -> bool {
        self.used == self.buffer.len() && self.at == self.end
    }

    /// Appends the segment's next `len` bytes to `out`.
    fn read(
        &mut self,
        scratch: &mut (impl Read + Seek),
        len: usize,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        while out.len() < len {
            if self.used == self.buffer.len() {
                self.fill(scratch)?;
            }
            let take = (len - out.len()).min(self.buffer.len() - self.used);
            out.extend_from_slice(&self.buffer[self.used..self.used + take]);
            self.used += take;
        }
        Ok(())
    }

    fn varint(&mut self, scratch: &mut (impl Read + Seek)) -> io::Result<u32> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            if self.used == self.buffer.len() {
                self.fill(scratch)?;
            }
            let byte = self.buffer[self.used];
            self.used += 1;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                break;
            }
        }
        Ok(value)
    }

    fn fill(&mut self, scratch: &mut (impl Read + Seek)) -> io::Result<()> {
        let len = to_usize((self.end - self.at).min(READ_AHEAD as u64));
        if len == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "set-aside postings end early",
            ));
        }
        self.buffer.resize(len, 0);
        scratch.seek(SeekFrom::Start(self.at))?;
        scratch.read_exact(&mut self.buffer)?;
        self.at += len as u64;
        self.used = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The set-aside entries of `term`.
    fn entries_of<S: Read + Seek>(runs: &mut Runs<S>, term: u32) -> io::Result<Vec<(u32, u32)>> {
        let mut list = Compact::default();
        runs.append_to(term, &mut list)?;
        Ok(list.entries().collect())
    }

    fn list(entries: &[(u32, u32)]) -> Compact {
        let mut list = Compact::default();
        for &(passage, position) in entries {
            list.push(passage, position);
        }
        list
    }

    #[test]
    fn runs_come_back_term_by_term_in_segment_order() {
        let mut spill = Spill::new(io::Cursor::new(Vec::new()));
        let mut first = vec![list(&[(0, 1), (0, 5)]), Compact::default(), list(&[(1, 0)])];
        spill.segment(&mut first).unwrap();
        assert!(
            first.iter().all(|l| l.len() == 0),
            "set-aside lists are emptied"
        );
        // Long enough to take several reads.
        let long: Vec<(u32, u32)> = (0..5_000).map(|i| (2 + i / 7, i % 7 * 300)).collect();
        let mut second = vec![Compact::default(), list(&long), list(&[(9, 9)])];
        spill.segment(&mut second).unwrap();
        let mut runs = spill.runs().unwrap();
        let mut got = Vec::new();
        for term in 0..3 {
            got.push(entries_of(&mut runs, term).unwrap());
        }
        assert_eq!(got[0], [(0, 1), (0, 5)]);
        assert_eq!(got[1], long);
        assert_eq!(got[2], [(1, 0), (9, 9)]);
    }

    #[test]
    fn parked_bytes_come_back_between_segments() {
        let mut spill = Spill::new(io::Cursor::new(Vec::new()));
        let first = spill.park(b"table part one ").unwrap();
        spill.segment(&mut [list(&[(4, 2)])]).unwrap();
        let second = spill.park(b"and two").unwrap();
        let mut out = Vec::new();
        spill.copy(first, &mut out).unwrap();
        spill.copy(second, &mut out).unwrap();
        assert_eq!(out, b"table part one and two");
        let mut runs = spill.runs().unwrap();
        assert_eq!(entries_of(&mut runs, 0).unwrap(), [(4, 2)]);
    }

    #[test]
    fn a_truncated_scratch_file_is_an_error() {
        let mut spill = Spill::new(io::Cursor::new(Vec::new()));
        spill.segment(&mut [list(&[(0, 1), (3, 4)])]).unwrap();
        spill.scratch.get_mut().truncate(4);
        let read = spill.runs().and_then(|mut runs| entries_of(&mut runs, 0));
        assert!(read.is_err());
    }
}
