//! Opening a cache file: the header and head checked and read whole, the
//! texts and postings left on disk, read as searches need them.

use std::sync::{Arc, OnceLock};

use super::{HEADER_LEN, MAGIC, VERSION};
use crate::narrow::to_u32;
use crate::search::fulltext::Index;
use crate::search::fulltext::phrases;
use crate::search::fulltext::store::{
    PASSAGE_BYTES, Passages, Postings, Reader, Texts, hash_of, u32_at, u64_at,
};
use crate::search::fulltext::vocabulary::Vocabulary;
use crate::search::synonyms::Synonyms;

/// Why a cache file was not used.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// It could not be read.
    #[error("it cannot be read: {0}")]
    Io(#[from] std::io::Error),
    /// A FIFO, device or directory, which is never read.
    #[error("it is not a regular file")]
    NotRegular,
    /// It is not an index at all.
    #[error("it is not an rxdoc index")]
    Magic,
    /// It was written by another version of rxdoc.
    #[error("it is of format {found}, and this rxdoc reads format {expected}")]
    Version {
        /// The file's version.
        found: u32,
        /// The version this build reads and writes.
        expected: u32,
    },
    /// It indexes files that have changed since.
    #[error("the files it indexes have changed since it was made")]
    Fingerprint,
    /// It is not as long as its header says: cut short or added to.
    #[error("it is {file} bytes long, and its header says {header}")]
    Length {
        /// The length in its header.
        header: u64,
        /// Its length on disk.
        file: u64,
    },
    /// A part read whole on opening does not match its checksum.
    #[error("it is damaged: its {0} fail their checksum")]
    Checksum(&'static str),
    /// A part read whole on opening does not parse or does not agree with
    /// the rest.
    #[error("it is damaged (in its {0})")]
    Malformed(&'static str),
}

/// `value`, or that `part` is damaged.
fn part<T>(value: Option<T>, part: &'static str) -> Result<T, Refused> {
    value.ok_or(Refused::Malformed(part))
}

/// The extra string lists and the index read from a cache file.
pub type Opened = (Vec<Vec<String>>, Index);

/// Opens a cache file written with `fingerprint`: the extra string lists and
/// the index; or why it was refused — not a regular file, another version
/// or fingerprint, or damaged.
pub fn read(file: std::fs::File, fingerprint: u64, synonyms: Synonyms) -> Result<Opened, Refused> {
    if !file.metadata()?.is_file() {
        return Err(Refused::NotRegular);
    }
    let reader = Arc::new(Reader::new(file)?);
    let header = part(reader.read(0, HEADER_LEN), "header")?;
    if &header[..8] != MAGIC {
        return Err(Refused::Magic);
    }
    let version = u32_at(&header, 8);
    if version != VERSION {
        return Err(Refused::Version {
            found: version,
            expected: VERSION,
        });
    }
    if u64_at(&header, 12) != fingerprint {
        return Err(Refused::Fingerprint);
    }
    if u64_at(&header, 20) != reader.len() {
        return Err(Refused::Length {
            header: u64_at(&header, 20),
            file: reader.len(),
        });
    }
    let (head_at, head_len) = (u64_at(&header, 28), u64_at(&header, 36));
    let (postings_at, table_at) = (u64_at(&header, 44), u64_at(&header, 52));
    let passages_at = u64_at(&header, 60);
    let head = part(
        usize::try_from(head_len)
            .ok()
            .and_then(|len| reader.read(head_at, len)),
        "head",
    )?;
    let mut r = Cursor {
        bytes: &head,
        at: 0,
    };
    let extra = part(r.extra(), "extra strings")?;
    let (drugs, count, passages_hash) = part(r.counts(), "head")?;
    let passages_len = part(count.checked_mul(PASSAGE_BYTES), "passages")?;
    if passages_at.checked_add(passages_len as u64) != Some(head_at) {
        return Err(Refused::Malformed("passages"));
    }
    // Read straight into their own buffer: they are most of what is read
    // on opening, and copying them out of the head would double that.
    let passages = part(reader.read(passages_at, passages_len), "passages")?;
    if hash_of(&passages) != passages_hash {
        return Err(Refused::Checksum("passages"));
    }
    let Tables {
        marks,
        terms,
        sorted,
        by_length,
        spans,
        phrases,
    } = part(r.tables(postings_at), "terms")?;
    let sound = spans.len() == terms.len() + phrases.len()
        && phrases
            .iter()
            .flatten()
            .all(|t| (*t as usize) < terms.len())
        && passages
            .chunks_exact(PASSAGE_BYTES)
            .all(|p| Passages::entry_is_sound(p, drugs, marks.len()))
        && sorted.len() == terms.len()
        && sorted
            .iter()
            .chain(by_length.iter().flatten())
            .all(|t| (*t as usize) < terms.len());
    if !sound {
        return Err(Refused::Malformed("terms"));
    }
    let mut vocabulary = Vocabulary::default();
    for (id, term) in terms.iter().enumerate() {
        vocabulary.insert(term, to_u32(id));
    }
    let index = Index {
        postings: Postings::File {
            reader: Arc::clone(&reader),
            loaded: (0..spans.len()).map(|_| OnceLock::new()).collect(),
            spans,
            passages: to_u32(count),
        },
        texts: Texts::File {
            reader,
            table: table_at,
            count: to_u32(count),
        },
        passages: Passages::from_bytes(passages),
        vocabulary,
        sorted,
        phrases: phrases::by_terms(phrases, terms.len()),
        terms,
        by_length,
        synonyms,
        scratch: Default::default(),
        marks,
    };
    Ok((extra, index))
}

/// The head's tables after the passages' count and hash.
struct Tables {
    marks: Vec<u32>,
    terms: Vec<String>,
    sorted: Vec<u32>,
    by_length: Vec<Vec<u32>>,
    spans: Vec<(u64, u32, u64)>,
    phrases: Vec<Box<[u32]>>,
}

/// Reads the head, refusing to run past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// The caller's string lists.
    fn extra(&mut self) -> Option<Vec<Vec<String>>> {
        (0..self.u32()?).map(|_| self.strings()).collect()
    }

    /// Drugs, passages and the passages' hash.
    fn counts(&mut self) -> Option<(u32, usize, u64)> {
        Some((self.u32()?, self.u32()? as usize, self.u64()?))
    }

    /// The rest of the head; postings offsets made absolute from
    /// `postings_at`.
    fn tables(&mut self, postings_at: u64) -> Option<Tables> {
        let marks = self.u32s()?;
        let terms = self.strings()?;
        let sorted = self.u32s()?;
        let by_length = (0..self.u32()?)
            .map(|_| self.u32s())
            .collect::<Option<_>>()?;
        let spans = (0..self.u32()?)
            .map(|_| {
                Some((
                    postings_at.checked_add(self.u64()?)?,
                    self.u32()?,
                    self.u64()?,
                ))
            })
            .collect::<Option<_>>()?;
        let phrases = (0..self.u32()?)
            .map(|_| self.u32s().map(Vec::into_boxed_slice))
            .collect::<Option<_>>()?;
        Some(Tables {
            marks,
            terms,
            sorted,
            by_length,
            spans,
            phrases,
        })
    }

    fn take(&mut self, len: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(len)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32_at(self.take(4)?, 0))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64_at(self.take(8)?, 0))
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        // A damaged count must not ask for more memory than the file holds.
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(bytes.chunks_exact(4).map(|w| u32_at(w, 0)).collect())
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.at {
            return None;
        }
        (0..n)
            .map(|_| {
                let len = self.u32()? as usize;
                String::from_utf8(self.take(len)?.to_vec()).ok()
            })
            .collect()
    }
}
