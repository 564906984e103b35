//! Where the index's bulky parts live: in memory after building, or in a
//! cache file, of which a search reads only the postings of its own terms
//! and the text of the passages it returns.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

pub(super) use super::bytes::{hash_of, u32_at, u64_at};
use super::chunked::Chunked;
use super::group;
use super::passage::{Passage, PassageKind, Urgency};
pub(super) use super::postings::{Postings, SPAN_BYTES};
use super::reader::Reader;
use crate::narrow::to_usize;
use crate::pane::Pane;

/// Each passage's drug, pane, kind, urgency, length, section and first
/// mark, packed as a cache file stores them (17 bytes, not the 24 of a
/// [`Passage`]) and decoded one at a time: a library has a passage for
/// every paragraph and bullet.
#[derive(Debug)]
pub(super) enum Passages {
    /// Built in this process.
    Memory(Vec<u8>),
    /// In a cache file, read a chunk at a time as searches reach them.
    File(Chunked),
}

impl Default for Passages {
    fn default() -> Self {
        Passages::Memory(Vec::new())
    }
}

/// Bytes of one stored passage: drug, pane, kind, urgency, words, section,
/// first mark.
pub(super) const PASSAGE_BYTES: usize = 4 + 1 + 1 + 1 + 2 + 4 + 4;

impl Passages {
    /// Whether one stored entry decodes: its drug and first mark in range,
    /// its pane, kind and urgency known.
    pub fn entry_is_sound(entry: &[u8], drugs: u32, marks: usize) -> bool {
        u32_at(entry, 0) < drugs
            && usize::from(entry[4]) < Pane::ALL.len()
            && PassageKind::from_code(entry[5]).is_some()
            && Urgency::from_code(entry[6]).is_some()
            && (u32_at(entry, 13) as usize) <= marks
    }

    /// The packed bytes of an index built in this process, as a cache file
    /// stores them.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Passages::Memory(bytes) => bytes,
            Passages::File(_) => &[],
        }
    }

    /// Adds a passage to an index being built.
    pub fn push(&mut self, p: Passage) {
        let Passages::Memory(bytes) = self else {
            unreachable!("only an index being built grows");
        };
        bytes.extend_from_slice(&p.drug.to_le_bytes());
        bytes.push(u8::try_from(p.pane.index()).expect("a drug has fewer than 256 panes"));
        bytes.push(p.kind.code());
        bytes.push(p.urgency.code());
        bytes.extend_from_slice(&p.words.to_le_bytes());
        bytes.extend_from_slice(&p.section.unwrap_or(u32::MAX).to_le_bytes());
        bytes.extend_from_slice(&p.first_mark.to_le_bytes());
    }

    /// Returns growth slack.
    pub fn shrink_to_fit(&mut self) {
        if let Passages::Memory(bytes) = self {
            bytes.shrink_to_fit();
        }
    }

    /// Passage `p`.
    pub fn get(&self, p: u32) -> Passage {
        let entry = match self {
            Passages::Memory(bytes) => bytes.get(p as usize * PASSAGE_BYTES..),
            Passages::File(chunked) => chunked.get(p as usize),
        };
        // Codes were checked when the entry was read; past the end (only
        // in a damaged file) reads as the first passage's zeros.
        let entry = entry.unwrap_or(&[0; PASSAGE_BYTES]);
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
        match self {
            Passages::Memory(bytes) => bytes.len() / PASSAGE_BYTES,
            Passages::File(chunked) => chunked.len(),
        }
    }
}

/// The byte offset of every [`super::MARK_EVERY`]th word of each passage.
#[derive(Debug)]
pub(super) enum Marks {
    /// Built in this process.
    Memory(Vec<u32>),
    /// In a cache file, read a chunk at a time as snippets need them.
    File(Chunked),
}

impl Marks {
    /// Mark `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            Marks::Memory(marks) => marks.get(i).copied(),
            Marks::File(chunked) => chunked.get(i).map(|m| u32_at(m, 0)),
        }
    }
}

/// Each passage's text.
#[derive(Debug)]
pub(super) enum Texts {
    /// Built in this process.
    Memory(Vec<String>),
    /// In a cache file: a table of (offset, length, hash) at `table`, one
    /// entry per group of [`TEXT_GROUP`] texts, each group compressed
    /// ([`group`]) against the dictionary at `dictionary`.
    File {
        reader: Arc<Reader>,
        table: u64,
        count: u32,
        /// Offset, length and hash of the dictionary.
        dictionary: (u64, usize, u64),
        /// The dictionary once read.
        loaded: OnceLock<Option<Box<[u8]>>>,
    },
}

impl Texts {
    /// The text of `passage`; empty if a cache file is damaged.
    pub fn get(&self, passage: u32) -> Cow<'_, str> {
        match self {
            Texts::Memory(texts) => Cow::Borrowed(texts[passage as usize].as_str()),
            Texts::File { .. } => Cow::Owned(
                self.unpacked(passage / TEXT_GROUP, |packed, dictionary| {
                    group::text(packed, dictionary, passage % TEXT_GROUP)
                })
                .unwrap_or_default(),
            ),
        }
    }

    /// The texts of `passages`, in ascending order, each group of a cache
    /// file read and unpacked once for all of them (a drug's name lines
    /// stand together); empty where a cache file is damaged.
    pub fn get_all(&self, passages: &[u32]) -> Vec<Cow<'_, str>> {
        if let Texts::Memory(_) = self {
            return passages.iter().map(|&p| self.get(p)).collect();
        }
        let mut all = Vec::with_capacity(passages.len());
        for run in passages.chunk_by(|a, b| a / TEXT_GROUP == b / TEXT_GROUP) {
            let within: Vec<u32> = run.iter().map(|p| p % TEXT_GROUP).collect();
            let texts = self
                .unpacked(run[0] / TEXT_GROUP, |packed, dictionary| {
                    group::texts(packed, dictionary, &within)
                })
                .unwrap_or_else(|| vec![String::new(); run.len()]);
            all.extend(texts.into_iter().map(Cow::Owned));
        }
        all
    }

    /// `unpack` of text group `number` as a cache file holds it, with the
    /// dictionary; `None`, the file marked damaged, if either cannot be
    /// read or `unpack` finds the group unsound. Memory holds no groups.
    fn unpacked<T>(
        &self,
        number: u32,
        unpack: impl FnOnce(&[u8], &[u8]) -> Option<T>,
    ) -> Option<T> {
        let Texts::File {
            reader,
            table,
            count,
            dictionary,
            loaded,
        } = self
        else {
            return None;
        };
        let read = || {
            if number >= count.div_ceil(TEXT_GROUP) {
                return None;
            }
            let at = table + u64::from(number) * TEXT_ENTRY;
            let entry = reader.read(at, to_usize(TEXT_ENTRY))?;
            let (offset, len) = (u64_at(&entry, 0), u32_at(&entry, 8) as usize);
            let packed = reader.read_checked(offset, len, u64_at(&entry, 12))?;
            let dictionary = loaded.get_or_init(|| {
                let (at, len, hash) = *dictionary;
                let bytes = reader.read_checked(at, len, hash)?;
                Some(bytes.into_boxed_slice())
            });
            unpack(&packed, dictionary.as_deref()?)
        };
        let unpacked = read();
        if unpacked.is_none() {
            reader.mark_damaged();
        }
        unpacked
    }
}

/// Texts compressed together: enough for LZ4 to find the repeats within
/// a pane's paragraphs, few enough that a snippet decompresses a few KB.
pub(super) const TEXT_GROUP: u32 = 64;

/// Bytes in each entry of the texts table (one per group): offset,
/// compressed length, hash.
pub(super) const TEXT_ENTRY: u64 = 20;
