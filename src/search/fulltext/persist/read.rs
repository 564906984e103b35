//! Opening a cache file: the header and head checked and read whole; the
//! passages, marks, postings and texts left on disk, read (and checked) as
//! searches need them.

use std::sync::{Arc, OnceLock};

use super::{HEADER_LEN, Header, MAGIC, VERSION, layouts};
use crate::narrow::{to_u32, to_usize};
use crate::search::fulltext::Index;
use crate::search::fulltext::chunked::{Chunked, Layout};
use crate::search::fulltext::name_lines::NameLines;
use crate::search::fulltext::phrases;
use crate::search::fulltext::reader::Reader;
use crate::search::fulltext::store::{
    Marks, Passages, Postings, TEXT_ENTRY, TEXT_GROUP, Texts, hash_of, u32_at, u64_at,
};
use crate::search::synonyms::Synonyms;
use crate::text_list::TextList;

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
    /// The part read whole on opening does not match its checksum.
    #[error("it is damaged: its {0} does not match its checksum")]
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
pub type Opened = (Vec<TextList>, Index);

/// Opens a cache file written with `fingerprint`: the extra string lists and
/// the index; or why it was refused — not a regular file, another version
/// or fingerprint, or damaged. Only the header and the head are read now;
/// passages, marks, postings and texts are read as searches need them.
pub fn read(file: std::fs::File, fingerprint: u64, synonyms: Synonyms) -> Result<Opened, Refused> {
    if !file.metadata()?.is_file() {
        return Err(Refused::NotRegular);
    }
    let reader = Arc::new(Reader::new(file)?);
    let header = checked_header(&reader, fingerprint)?;
    let head = part(
        usize::try_from(header.head_len)
            .ok()
            .and_then(|len| reader.read(header.head_at, len)),
        "head",
    )?;
    if hash_of(&head) != header.head_hash {
        return Err(Refused::Checksum("head"));
    }
    let mut r = Cursor {
        bytes: &head,
        at: 0,
    };
    let extra = part(r.extra(), "extra strings")?;
    let counts = part(r.counts(), "head")?;
    let layouts = layouts(&header, counts.passages, counts.marks, counts.spans);
    let chunks = part(r.chunks(), "head")?;
    check_places(&header, &layouts, &chunks, counts.passages)?;
    let Tables {
        terms,
        sorted,
        by_length,
        phrases,
    } = part(r.tables(), "terms")?;
    let names = part(r.name_lines(counts.passages), "name lines")?;
    let sound = counts.spans == terms.len() + phrases.len()
        && phrases
            .iter()
            .flatten()
            .all(|t| (*t as usize) < terms.len())
        && sorted.len() == terms.len()
        && sorted
            .iter()
            .chain(by_length.iter().flatten())
            .all(|t| (*t as usize) < terms.len());
    if !sound {
        return Err(Refused::Malformed("terms"));
    }
    let [passages, marks, spans] = layouts;
    let [passage_chunks, mark_chunks, span_chunks] = chunks;
    let (drugs, marks_count) = (counts.drugs, counts.marks);
    let postings_len = header.spans_at - header.postings_at;
    let index = Index {
        postings: Postings::File {
            reader: Arc::clone(&reader),
            at: header.postings_at,
            spans: Chunked::new(
                Arc::clone(&reader),
                spans,
                span_chunks,
                Box::new(move |s| {
                    u64_at(s, 0)
                        .checked_add(u64::from(u32_at(s, 8)))
                        .is_some_and(|end| end <= postings_len)
                }),
            ),
            loaded: (0..counts.spans).map(|_| OnceLock::new()).collect(),
            passages: to_u32(counts.passages),
        },
        texts: Texts::File {
            reader: Arc::clone(&reader),
            table: header.table_at,
            count: to_u32(counts.passages),
            dictionary: (
                HEADER_LEN as u64,
                to_usize(header.dictionary_len),
                header.dictionary_hash,
            ),
            loaded: OnceLock::new(),
        },
        names,
        passages: Passages::File(Chunked::new(
            Arc::clone(&reader),
            passages,
            passage_chunks,
            Box::new(move |p| Passages::entry_is_sound(p, drugs, marks_count)),
        )),
        marks: Marks::File(Chunked::new(reader, marks, mark_chunks, Box::new(|_| true))),
        sorted,
        phrases: phrases::by_terms(phrases, terms.len()),
        terms,
        by_length,
        synonyms,
        scratch: Default::default(),
        panes: std::sync::OnceLock::new(),
    };
    Ok((extra, index))
}

/// The header of the file `reader` reads, if it is an index of this format,
/// written with `fingerprint`, as long as it says.
fn checked_header(reader: &Reader, fingerprint: u64) -> Result<Header, Refused> {
    let bytes = part(reader.read(0, HEADER_LEN), "header")?;
    if &bytes[..8] != MAGIC {
        return Err(Refused::Magic);
    }
    let version = u32_at(&bytes, 8);
    if version != VERSION {
        return Err(Refused::Version {
            found: version,
            expected: VERSION,
        });
    }
    let header = Header::from_bytes(&bytes[12..]);
    if header.fingerprint != fingerprint {
        return Err(Refused::Fingerprint);
    }
    if header.total != reader.len() {
        return Err(Refused::Length {
            header: header.total,
            file: reader.len(),
        });
    }
    Ok(header)
}

/// Refuses a file whose parts do not follow one another as the layout
/// says, each part's end the next one's start, or whose chunks do not
/// match its tables: then every lazily read part lies within the file.
fn check_places(
    header: &Header,
    layouts: &[Layout; 3],
    chunks: &[Vec<(u64, u64)>; 3],
    passages: usize,
) -> Result<(), Refused> {
    let groups = passages.div_ceil(TEXT_GROUP as usize) as u64;
    let follows = |from: u64, bytes: Option<u64>, to: u64| {
        bytes.and_then(|b| from.checked_add(b)) == Some(to)
    };
    // Each table's chunks end in order, the last where the next part
    // begins.
    let ends = [header.marks_at, header.head_at, header.passages_at];
    let tables_fit = layouts
        .iter()
        .zip(chunks)
        .zip(ends)
        .all(|((layout, chunks), end)| {
            layout.chunks() == chunks.len()
                && chunks.windows(2).all(|w| w[0].0 <= w[1].0)
                && end.checked_sub(layout.at) == Some(chunks.last().map_or(0, |c| c.0))
        });
    let in_place = (HEADER_LEN as u64)
        .checked_add(header.dictionary_len)
        .is_some_and(|end| end <= header.table_at)
        && follows(
            header.table_at,
            groups.checked_mul(TEXT_ENTRY),
            header.postings_at,
        )
        && header.postings_at <= header.spans_at
        && header.spans_at <= header.passages_at
        && header.passages_at <= header.marks_at
        && header.marks_at <= header.head_at
        && follows(header.head_at, Some(header.head_len), header.total)
        && tables_fit;
    if in_place {
        Ok(())
    } else {
        Err(Refused::Malformed("layout"))
    }
}

/// The counts at the start of the head.
struct Counts {
    drugs: u32,
    passages: usize,
    marks: usize,
    spans: usize,
}

/// The head's tables after the counts and hashes.
struct Tables {
    terms: TextList,
    sorted: Vec<u32>,
    by_length: Vec<Vec<u32>>,
    phrases: Vec<Box<[u32]>>,
}

/// Reads the head, refusing to run past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// The caller's string lists.
    fn extra(&mut self) -> Option<Vec<TextList>> {
        (0..self.u32()?).map(|_| self.text_list()).collect()
    }

    /// Drugs, passages, marks and postings lists.
    fn counts(&mut self) -> Option<Counts> {
        Some(Counts {
            drugs: self.u32()?,
            passages: self.u32()? as usize,
            marks: self.u32()? as usize,
            spans: self.u32()? as usize,
        })
    }

    /// The end and hash of each chunk of the passages, the marks and the
    /// spans.
    fn chunks(&mut self) -> Option<[Vec<(u64, u64)>; 3]> {
        let mut part = || {
            let n = self.u32()? as usize;
            let bytes = self.take(n.checked_mul(16)?)?;
            let chunks = bytes.chunks_exact(16);
            Some(chunks.map(|c| (u64_at(c, 0), u64_at(c, 8))).collect())
        };
        Some([part()?, part()?, part()?])
    }

    /// The rest of the head.
    fn tables(&mut self) -> Option<Tables> {
        let terms = self.text_list()?;
        let sorted = self.u32s()?;
        let by_length = (0..self.u32()?)
            .map(|_| self.u32s())
            .collect::<Option<_>>()?;
        let phrases = (0..self.u32()?)
            .map(|_| self.u32s().map(Vec::into_boxed_slice))
            .collect::<Option<_>>()?;
        Some(Tables {
            terms,
            sorted,
            by_length,
            phrases,
        })
    }

    /// The name lines of an index of `passages` passages.
    fn name_lines(&mut self, passages: usize) -> Option<NameLines> {
        let lines = self.u32s()?;
        NameLines::from_stored(lines, &self.u32s()?, passages)
    }

    /// A count, then each string's length and bytes.
    fn text_list(&mut self) -> Option<TextList> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.at {
            return None;
        }
        let (mut text, mut ends) = (Vec::new(), Vec::with_capacity(n));
        for _ in 0..n {
            let len = self.u32()? as usize;
            text.extend_from_slice(self.take(len)?);
            ends.push(u32::try_from(text.len()).ok()?);
        }
        TextList::from_parts(text, ends)
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

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        // A damaged count must not ask for more memory than the file holds.
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(bytes.chunks_exact(4).map(|w| u32_at(w, 0)).collect())
    }
}
