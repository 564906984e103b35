//! A table of fixed-size records in a cache file, read a chunk at a time
//! the first time one of its records is wanted, and checked against the
//! chunk's hash then: opening an index reads none of it, and a search
//! reads the chunks of the passages it ranks.

use std::sync::{Arc, OnceLock};

use super::reader::Reader;
use super::store::hash_of;

/// Records in a cache file, `per_chunk` to a chunk, each chunk with a hash.
pub(super) struct Chunked {
    reader: Arc<Reader>,
    /// Where the first record is.
    at: u64,
    /// Bytes of a record.
    record: usize,
    /// Records.
    count: usize,
    per_chunk: usize,
    hashes: Vec<u64>,
    loaded: Vec<OnceLock<Box<[u8]>>>,
    /// Whether a chunk's records are sound; an unsound chunk is read as
    /// zeros and the file marked damaged.
    sound: Sound,
}

/// A check of one record.
pub(super) type Sound = Box<dyn Fn(&[u8]) -> bool + Send + Sync>;

/// Where a chunked table is and how it is cut.
#[derive(Debug, Clone, Copy)]
pub(super) struct Layout {
    pub at: u64,
    pub record: usize,
    pub count: usize,
    pub per_chunk: usize,
}

impl Layout {
    /// Number of chunks.
    pub fn chunks(&self) -> usize {
        self.count.div_ceil(self.per_chunk)
    }

    /// Bytes of the whole table.
    pub fn bytes(&self) -> Option<u64> {
        (self.count as u64).checked_mul(self.record as u64)
    }

    /// The hash of each chunk of `bytes`, a table laid out as `self`.
    pub fn hashes(&self, bytes: &[u8]) -> Vec<u64> {
        bytes
            .chunks(self.per_chunk * self.record)
            .map(hash_of)
            .collect()
    }
}

impl std::fmt::Debug for Chunked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunked")
            .field("at", &self.at)
            .field("record", &self.record)
            .field("count", &self.count)
            .field("per_chunk", &self.per_chunk)
            .finish_non_exhaustive()
    }
}

impl Chunked {
    /// The table laid out as `layout` in `reader`, with a hash per chunk;
    /// each record of a chunk read must pass `sound`.
    pub fn new(reader: Arc<Reader>, layout: Layout, hashes: Vec<u64>, sound: Sound) -> Self {
        Chunked {
            reader,
            at: layout.at,
            record: layout.record,
            count: layout.count,
            per_chunk: layout.per_chunk,
            loaded: (0..hashes.len()).map(|_| OnceLock::new()).collect(),
            hashes,
            sound,
        }
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Record `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        if i >= self.count {
            return None;
        }
        let (chunk, within) = (i / self.per_chunk, i % self.per_chunk);
        let bytes = self.loaded.get(chunk)?.get_or_init(|| self.load(chunk));
        bytes.get(within * self.record..(within + 1) * self.record)
    }

    /// Reads every chunk now: what a search would read as it went.
    pub fn load_all(&self) {
        for chunk in 0..self.loaded.len() {
            self.loaded[chunk].get_or_init(|| self.load(chunk));
        }
    }

    fn load(&self, chunk: usize) -> Box<[u8]> {
        let first = chunk * self.per_chunk;
        let records = self.per_chunk.min(self.count - first);
        let len = records * self.record;
        let offset = self.at + (first * self.record) as u64;
        let read = self
            .reader
            .read_checked(offset, len, self.hashes[chunk])
            .filter(|bytes| bytes.chunks_exact(self.record).all(|r| (self.sound)(r)));
        match read {
            Some(bytes) => bytes.into_owned().into_boxed_slice(),
            None => {
                // Zeros decode as the first drug's first passage, so a
                // damaged index answers something sane until it is rebuilt.
                self.reader.mark_damaged();
                vec![0; len].into_boxed_slice()
            }
        }
    }
}
