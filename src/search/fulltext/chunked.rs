//! A table of fixed-size records in a cache file, stored a chunk at a
//! time, each chunk compressed with LZ4; read a chunk at a time the first
//! time one of its records is wanted, and checked against the chunk's hash
//! then: opening an index reads none of it, and a search reads the chunks
//! of the passages it ranks.

use std::sync::{Arc, OnceLock};

use super::bytes::{hash_of, u32_at};
use super::reader::Reader;
use crate::narrow::to_usize;

/// Records in a cache file, `per_chunk` to a chunk, each chunk with its
/// end and hash.
pub(super) struct Chunked {
    reader: Arc<Reader>,
    /// Where the first record is.
    at: u64,
    /// Bytes of a record.
    record: usize,
    /// Records.
    count: usize,
    per_chunk: usize,
    /// Each chunk's end (from `at`) and hash, as stored.
    chunks: Vec<(u64, u64)>,
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

    /// `bytes`, a table laid out as `self`, as a file stores it: each chunk
    /// compressed; with each chunk's end and hash.
    pub fn pack(&self, bytes: &[u8]) -> (Vec<u8>, Vec<(u64, u64)>) {
        let mut stored = Vec::new();
        let mut chunks = Vec::with_capacity(self.chunks());
        for chunk in bytes.chunks(self.per_chunk * self.record) {
            let packed = lz4_flex::block::compress_prepend_size(chunk);
            stored.extend_from_slice(&packed);
            chunks.push((stored.len() as u64, hash_of(&packed)));
        }
        (stored, chunks)
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
    pub fn new(reader: Arc<Reader>, layout: Layout, chunks: Vec<(u64, u64)>, sound: Sound) -> Self {
        Chunked {
            reader,
            at: layout.at,
            record: layout.record,
            count: layout.count,
            per_chunk: layout.per_chunk,
            loaded: (0..chunks.len()).map(|_| OnceLock::new()).collect(),
            chunks,
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
        let len = self.per_chunk.min(self.count - first) * self.record;
        let start = chunk.checked_sub(1).map_or(0, |c| self.chunks[c].0);
        let (end, hash) = self.chunks[chunk];
        let read = end
            .checked_sub(start)
            .and_then(|stored| {
                self.reader
                    .read_checked(self.at + start, to_usize(stored), hash)
            })
            .filter(|packed| {
                packed
                    .get(..4)
                    .is_some_and(|size| u32_at(size, 0) as usize == len)
            })
            .and_then(|packed| lz4_flex::block::decompress_size_prepended(&packed).ok())
            .filter(|bytes| {
                bytes.len() == len && bytes.chunks_exact(self.record).all(|r| (self.sound)(r))
            });
        match read {
            Some(bytes) => bytes.into_boxed_slice(),
            None => {
                // Zeros decode as the first drug's first passage, so a
                // damaged index answers something sane until it is rebuilt.
                self.reader.mark_damaged();
                vec![0; len].into_boxed_slice()
            }
        }
    }
}
