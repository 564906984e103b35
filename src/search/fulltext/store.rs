//! Where the index's bulky parts live: in memory after building, or in a
//! cache file, of which a search reads only the postings of its own terms
//! and the text of the passages it returns.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::passage::{Passage, PassageKind, Urgency};
use crate::hash::Fnv;
use crate::pane::Pane;

/// A file read at offsets, shared by the lazily read parts.
#[derive(Debug)]
pub(super) struct Reader {
    file: Mutex<File>,
    len: u64,
    /// Set when something read failed its check: the caller should not
    /// trust this search and rebuild.
    damaged: AtomicBool,
}

impl Reader {
    pub fn new(file: File) -> std::io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(Self {
            file: Mutex::new(file),
            len,
            damaged: AtomicBool::new(false),
        })
    }

    /// The file's length when opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether anything read so far was damaged.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// `len` bytes at `offset` whose hash is `hash`; `None`, and the file
    /// marked damaged, otherwise.
    pub fn read_checked(&self, offset: u64, len: usize, hash: u64) -> Option<Vec<u8>> {
        self.noting_damage(self.read(offset, len).filter(|b| hash_of(b) == hash))
    }

    /// `read`, with the file marked damaged if it is `None`.
    fn noting_damage<T>(&self, read: Option<T>) -> Option<T> {
        if read.is_none() {
            self.damaged.store(true, Ordering::Relaxed);
        }
        read
    }

    /// The `count` postings at `offset`, if their hash is `hash`; `None`,
    /// and the file marked damaged, otherwise. Read a piece at a time and
    /// decoded as they come: a common word's list is megabytes, and a copy
    /// of its bytes beside the list would double what its first use costs.
    pub fn read_list(&self, offset: u64, count: u32, hash: u64) -> Option<Vec<(u32, u32)>> {
        self.noting_damage(self.try_read_list(offset, count, hash))
    }

    fn try_read_list(&self, offset: u64, count: u32, hash: u64) -> Option<Vec<(u32, u32)>> {
        let len = count as usize * 8;
        if offset.checked_add(len as u64)? > self.len {
            return None;
        }
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut list = Vec::with_capacity(count as usize);
        let mut checksum = Checksum::new(len);
        let mut piece = vec![0; LIST_PIECE.min(len)];
        let mut left = len;
        while left > 0 {
            let bytes = &mut piece[..LIST_PIECE.min(left)];
            file.read_exact(bytes).ok()?;
            left -= bytes.len();
            let rest = checksum.blocks(bytes);
            if left == 0 {
                if checksum.finish(rest) != hash {
                    return None;
                }
            } else if !rest.is_empty() {
                return None;
            }
            list.extend(bytes.chunks_exact(8).map(|e| (u32_at(e, 0), u32_at(e, 4))));
        }
        Some(list)
    }

    /// `len` bytes at `offset`, or `None` if the file is shorter (a damaged
    /// or truncated cache).
    pub fn read(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        if offset.checked_add(len as u64)? > self.len {
            return None;
        }
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }
}

/// Each passage's drug, pane, kind, urgency, length, section and first
/// mark, packed as a cache file stores them (17 bytes, not the 24 of a
/// [`Passage`]) and decoded one at a time: a library has a passage for
/// every paragraph and bullet.
#[derive(Debug, Default)]
pub(super) struct Passages(Vec<u8>);

/// Bytes of one stored passage: drug, pane, kind, urgency, words, section,
/// first mark.
pub(super) const PASSAGE_BYTES: usize = 4 + 1 + 1 + 1 + 2 + 4 + 4;

impl Passages {
    /// Passages as a cache file stores them; the caller has checked them
    /// with [`Passages::entry_is_sound`].
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Passages(bytes)
    }

    /// Whether one stored entry decodes: its drug and first mark in range,
    /// its pane, kind and urgency known.
    pub fn entry_is_sound(entry: &[u8], drugs: u32, marks: usize) -> bool {
        u32_at(entry, 0) < drugs
            && usize::from(entry[4]) < Pane::ALL.len()
            && PassageKind::from_code(entry[5]).is_some()
            && Urgency::from_code(entry[6]).is_some()
            && (u32_at(entry, 13) as usize) <= marks
    }

    /// The packed bytes, as a cache file stores them.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Adds a passage.
    pub fn push(&mut self, p: Passage) {
        self.0.extend_from_slice(&p.drug.to_le_bytes());
        self.0
            .push(u8::try_from(p.pane.index()).expect("a drug has fewer than 256 panes"));
        self.0.push(p.kind.code());
        self.0.push(p.urgency.code());
        self.0.extend_from_slice(&p.words.to_le_bytes());
        self.0
            .extend_from_slice(&p.section.unwrap_or(u32::MAX).to_le_bytes());
        self.0.extend_from_slice(&p.first_mark.to_le_bytes());
    }

    /// Returns growth slack.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// Passage `p`.
    pub fn get(&self, p: u32) -> Passage {
        let entry = &self.0[p as usize * PASSAGE_BYTES..][..PASSAGE_BYTES];
        // Codes were checked when the file was opened.
        Passage {
            drug: u32_at(entry, 0),
            pane: Pane::ALL[usize::from(entry[4]) % Pane::ALL.len()],
            kind: PassageKind::from_code(entry[5]).unwrap_or(PassageKind::Text),
            urgency: Urgency::from_code(entry[6]).unwrap_or(Urgency::None),
            words: u16::from_le_bytes([entry[7], entry[8]]),
            section: Some(u32_at(entry, 9)).filter(|s| *s != u32::MAX),
            first_mark: u32_at(entry, 13),
        }
    }

    /// Number of passages.
    pub fn len(&self) -> usize {
        self.0.len() / PASSAGE_BYTES
    }
}

/// One term's (passage, position) entries, read from a file.
type List = Box<[(u32, u32)]>;

/// Per term: (passage, position) in ascending order.
#[derive(Debug)]
pub(super) enum Postings {
    /// Built in this process.
    Memory(Vec<Vec<(u32, u32)>>),
    /// In a cache file: each term's list is read the first time it is used.
    File {
        reader: std::sync::Arc<Reader>,
        /// Offset, number of entries and hash of each term's list.
        spans: Vec<(u64, u32, u64)>,
        loaded: Vec<OnceLock<List>>,
        /// Entries naming a passage past this are damage and dropped.
        passages: u32,
    },
}

impl Postings {
    /// How many entries the list of `term` has, without reading it.
    pub fn count(&self, term: u32) -> usize {
        match self {
            Postings::Memory(lists) => lists[term as usize].len(),
            Postings::File { spans, .. } => spans[term as usize].1 as usize,
        }
    }

    /// The list of `term`.
    pub fn get(&self, term: u32) -> &[(u32, u32)] {
        match self {
            Postings::Memory(lists) => &lists[term as usize],
            Postings::File {
                reader,
                spans,
                loaded,
                passages,
            } => loaded[term as usize].get_or_init(|| {
                let (offset, count, hash) = spans[term as usize];
                let list = reader.read_list(offset, count, hash).unwrap_or_default();
                // Damaged data must not send a search out of bounds. (Sorted
                // entries are in bounds if the last one is.)
                let sound = list.is_sorted() && list.last().is_none_or(|&(p, _)| p < *passages);
                if !sound {
                    reader.damaged.store(true, Ordering::Relaxed);
                    return Box::default();
                }
                list.into_boxed_slice()
            }),
        }
    }
}

/// Each passage's text.
#[derive(Debug)]
pub(super) enum Texts {
    /// Built in this process.
    Memory(Vec<String>),
    /// In a cache file: a table of (offset, length, hash) at `table`, then
    /// the text.
    File {
        reader: std::sync::Arc<Reader>,
        table: u64,
        count: u32,
    },
}

impl Texts {
    /// The text of `passage`; empty if a cache file is damaged.
    pub fn get(&self, passage: u32) -> Cow<'_, str> {
        match self {
            Texts::Memory(texts) => Cow::Borrowed(texts[passage as usize].as_str()),
            Texts::File {
                reader,
                table,
                count,
            } => {
                let read = || {
                    if passage >= *count {
                        return None;
                    }
                    let entry = reader.read(table + u64::from(passage) * TEXT_ENTRY, 20)?;
                    let (offset, len) = (u64_at(&entry, 0), u32_at(&entry, 8) as usize);
                    let bytes = reader.read_checked(offset, len, u64_at(&entry, 12))?;
                    String::from_utf8(bytes).ok()
                };
                read().map_or_else(
                    || {
                        reader.damaged.store(true, Ordering::Relaxed);
                        Cow::Borrowed("")
                    },
                    Cow::Owned,
                )
            }
        }
    }
}

/// Bytes of a postings list read at a time: a multiple of both an entry
/// and a [`Checksum`] block.
const LIST_PIECE: usize = 64 * 1024;

/// Bytes in each entry of the texts table: offset, length, hash.
pub(super) const TEXT_ENTRY: u64 = 20;

/// The hash stored beside each list and text to detect damage. A common
/// word's list runs to megabytes and is checked when a search first uses
/// it, so the bytes are taken eight at a time in four independent lanes
/// rather than a multiplication per byte. Each step is a bijection of its
/// lane for a given word, so a change to any one word always changes it.
pub(super) fn hash_of(bytes: &[u8]) -> u64 {
    let mut checksum = Checksum::new(bytes.len());
    let rest = checksum.blocks(bytes);
    checksum.finish(rest)
}

/// [`hash_of`], taken a piece at a time.
struct Checksum {
    lanes: [u64; 4],
}

/// Bytes [`Checksum`] takes in a step.
const BLOCK: usize = 32;

impl Checksum {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    /// A checksum of `len` bytes to come.
    fn new(len: usize) -> Self {
        Checksum {
            lanes: [0, 16, 32, 48].map(|r| Self::K.rotate_left(r) ^ len as u64),
        }
    }

    /// Takes in the whole blocks of `bytes`, returning what is left over:
    /// only the last piece may leave any.
    fn blocks<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        let mut blocks = bytes.chunks_exact(BLOCK);
        for block in &mut blocks {
            for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
                *lane = (*lane ^ u64_at(word, 0))
                    .wrapping_mul(Self::K)
                    .rotate_left(29);
            }
        }
        blocks.remainder()
    }

    fn finish(&self, rest: &[u8]) -> u64 {
        let lanes = self.lanes.iter();
        let mut hash = Fnv(lanes.fold(0, |h, lane| {
            (h ^ lane).wrapping_mul(Self::K).rotate_left(23)
        }));
        hash.write(rest);
        hash.0
    }
}

/// The little-endian `u32` at `at`.
pub(super) fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

/// The little-endian `u64` at `at`.
pub(super) fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}
