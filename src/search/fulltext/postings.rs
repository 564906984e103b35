//! Each term's postings: (passage, position) entries, in memory after
//! building, or in a cache file, read the first time a search uses them.
//! A common word's list is read only as far as searches reach into the
//! library: most stop in its first few windows.

use std::sync::{Arc, OnceLock};

use super::bytes::{u32_at, u64_at};
use super::chunked::Chunked;
use super::reader::Reader;

/// One term's (passage, position) entries, read from a file.
type List = Box<[(u32, u32)]>;

/// Bytes of one stored span: the list's offset, byte length, entry count
/// and hash.
pub(super) const SPAN_BYTES: usize = 8 + 4 + 4 + 8;

/// Entries from which a list is read a beginning at a time. Below, reading
/// it whole takes a tenth of a millisecond at most.
#[cfg(not(test))]
const LONG: usize = 16_384;
/// In unit tests, far fewer: the bundled library's lists then take both
/// ways, and the tests that compare a stored index with the built one
/// compare them.
#[cfg(test)]
const LONG: usize = 64;

/// How far each beginning of a long list reaches, as a fraction of the
/// library's passages: a sixteenth, then a quarter. A search's first
/// windows are a sixty-fourth of the library and double from there (see
/// `ranking`), so a word found at once ("dose") stops within the first, and
/// most common words within the second. Kept, both cost a list read whole
/// at most five-sixteenths more memory.
const BEGINNINGS: [u32; 2] = [16, 4];

/// Per term: (passage, position) in ascending order.
#[derive(Debug)]
pub(super) enum Postings {
    /// Built in this process.
    Memory(Vec<Vec<(u32, u32)>>),
    /// In a cache file: each term's list is read the first time it is used.
    File {
        reader: Arc<Reader>,
        /// Where each list starts.
        at: u64,
        /// Offset (from `at`), byte length, number of entries and hash of
        /// each term's list.
        spans: Chunked,
        loaded: Vec<OnceLock<Read>>,
        /// Entries naming a passage past this are damage and dropped.
        passages: u32,
    },
}

/// What has been read of one term's list.
#[derive(Debug)]
pub(super) enum Read {
    /// All of it.
    Whole(List),
    /// A long list: its beginnings and the whole, each read when first
    /// asked for.
    Long(Box<Long>),
}

/// The parts of a long list read so far.
#[derive(Debug, Default)]
pub(super) struct Long {
    beginnings: [OnceLock<List>; BEGINNINGS.len()],
    whole: OnceLock<List>,
}

impl Postings {
    /// How many entries the list of `term` has, without reading it.
    pub fn count(&self, term: u32) -> usize {
        match self {
            Postings::Memory(lists) => lists[term as usize].len(),
            Postings::File { spans, .. } => spans
                .get(term as usize)
                .map_or(0, |s| u32_at(s, 12) as usize),
        }
    }

    /// The list of `term`.
    pub fn get(&self, term: u32) -> &[(u32, u32)] {
        self.upto(term, u32::MAX)
    }

    /// The list of `term` from its start, holding at least its entries
    /// before passage `end` (perhaps more).
    pub fn upto(&self, term: u32, end: u32) -> &[(u32, u32)] {
        let (loaded, passages) = match self {
            Postings::Memory(lists) => return &lists[term as usize],
            Postings::File {
                loaded, passages, ..
            } => (loaded, passages),
        };
        let Some(slot) = loaded.get(term as usize) else {
            return &[];
        };
        let read = slot.get_or_init(|| {
            if self.count(term) < LONG {
                Read::Whole(self.read(term, u32::MAX))
            } else {
                Read::Long(Box::default())
            }
        });
        let long = match read {
            Read::Whole(list) => return list,
            Read::Long(long) => long,
        };
        if let Some(whole) = long.whole.get() {
            return whole;
        }
        for (beginning, part) in long.beginnings.iter().zip(BEGINNINGS) {
            let reach = passages / part;
            if end <= reach {
                return beginning.get_or_init(|| self.read(term, reach));
            }
        }
        long.whole.get_or_init(|| self.read(term, u32::MAX))
    }

    /// The entries of `term`'s stored list before passage `reach`; none,
    /// and the file marked damaged, if the list fails its checks.
    fn read(&self, term: u32, reach: u32) -> List {
        let Postings::File {
            reader,
            at,
            spans,
            passages,
            ..
        } = self
        else {
            return List::default();
        };
        let list = spans.get(term as usize).and_then(|span| {
            let offset = at.checked_add(u64_at(span, 0))?;
            let (len, count) = (u32_at(span, 8) as usize, u32_at(span, 12));
            reader.read_list(offset, (len, count), u64_at(span, 16), reach)
        });
        let list = list.unwrap_or_default();
        // Damaged data must not send a search out of bounds. (Sorted
        // entries are in bounds if the last one is.)
        let sound = list.is_sorted() && list.last().is_none_or(|&(p, _)| p < *passages);
        if !sound {
            reader.mark_damaged();
            return List::default();
        }
        list.into_boxed_slice()
    }

    /// Reads every list now: what searches would read as they went.
    pub fn load_all(&self) {
        if let Postings::File { spans, loaded, .. } = self {
            spans.load_all();
            for term in 0..loaded.len() {
                self.get(crate::narrow::to_u32(term));
            }
        }
    }
}
