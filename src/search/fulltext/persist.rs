//! The index in a cache file. Layout, all little-endian:
//!
//! ```text
//! header   magic, version, fingerprint, total length, then the offsets of
//!          the parts below
//! head     extra strings the caller keeps, passages, marks, terms, term
//!          order and lengths, and each term's postings offset and count —
//!          read whole when the file is opened
//! postings (passage, position) pairs, read a term at a time when used
//! texts    a table of (offset, length, hash) per passage, then the texts,
//!          read a passage at a time for the results shown
//! ```
//!
//! A file of the wrong length, or whose head does not parse or agree with
//! itself, is refused. Each postings list and text carries a hash, checked
//! when it is read; a mismatch marks the index damaged
//! ([`Index::damaged`](super::Index::damaged)) so the caller can rebuild.

use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use super::Index;
use super::store::{
    PASSAGE_BYTES, Passages, Postings, Reader, TEXT_ENTRY, Texts, hash_of, u32_at, u64_at,
};
use super::vocabulary::Vocabulary;
use crate::pane::Pane;
use crate::search::synonyms::Synonyms;

const MAGIC: &[u8; 8] = b"RXDOCIDX";
/// Bumped whenever the layout or the meaning of the index changes.
const VERSION: u32 = 2;
const HEADER_LEN: usize = 8 + 4 + 8 + 8 + 8 + 8 + 8;

/// Writes `index` with `extra` string lists (kept verbatim for the caller).
pub fn write(
    out: &mut impl Write,
    fingerprint: u64,
    extra: &[&[String]],
    index: &Index,
) -> io::Result<()> {
    let Texts::Memory(texts) = &index.texts else {
        return Err(io::Error::other("only a freshly built index is written"));
    };
    let lists = (0..index.postings.len() as u32).map(|t| index.postings.get(t));
    let mut head = Vec::new();
    put_u32(&mut head, extra.len() as u32);
    for list in extra {
        put_strings(&mut head, list);
    }
    put_u32(&mut head, index.drugs);
    put_u32(&mut head, index.passages.len() as u32);
    for p in (0..index.passages.len() as u32).map(|p| index.passages.get(p)) {
        put_u32(&mut head, p.drug);
        head.push(p.pane.index() as u8);
        put_u32(&mut head, p.section.unwrap_or(u32::MAX));
        put_u32(&mut head, p.first_mark);
    }
    put_u32s(&mut head, &index.marks);
    put_strings(&mut head, &index.terms);
    put_u32s(&mut head, &index.sorted);
    put_u32(&mut head, index.by_length.len() as u32);
    for bucket in &index.by_length {
        put_u32s(&mut head, bucket);
    }
    put_u32(&mut head, index.postings.len() as u32);
    let mut at = 0u64;
    // Each list is encoded into one reused buffer, once for its hash here and
    // again when written, rather than holding a second copy of every list.
    let mut buffer = Vec::new();
    for list in lists.clone() {
        encode(list, &mut buffer);
        put_u64(&mut head, at);
        put_u32(&mut head, list.len() as u32);
        put_u64(&mut head, hash_of(&buffer));
        at += buffer.len() as u64;
    }
    let postings_at = (HEADER_LEN + head.len()) as u64;
    let table_at = postings_at + at;
    let texts_at = table_at + texts.len() as u64 * TEXT_ENTRY;
    let total = texts_at + texts.iter().map(|t| t.len() as u64).sum::<u64>();
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    for value in [fingerprint, total, head.len() as u64, postings_at, table_at] {
        out.write_all(&value.to_le_bytes())?;
    }
    out.write_all(&head)?;
    for list in lists {
        encode(list, &mut buffer);
        out.write_all(&buffer)?;
    }
    let mut text_at = texts_at;
    for text in texts {
        out.write_all(&text_at.to_le_bytes())?;
        out.write_all(&(text.len() as u32).to_le_bytes())?;
        out.write_all(&hash_of(text.as_bytes()).to_le_bytes())?;
        text_at += text.len() as u64;
    }
    for text in texts {
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// Opens a cache file written with `fingerprint`: the extra string lists and
/// the index. `None` if the file is of another version or fingerprint, or
/// damaged.
pub fn read(
    file: std::fs::File,
    fingerprint: u64,
    synonyms: Synonyms,
) -> Option<(Vec<Vec<String>>, Index)> {
    let reader = Arc::new(Reader::new(file).ok()?);
    let header = reader.read(0, HEADER_LEN)?;
    if &header[..8] != MAGIC
        || u32_at(&header, 8) != VERSION
        || u64_at(&header, 12) != fingerprint
        || u64_at(&header, 20) != reader.len()
    {
        return None;
    }
    let head_len = usize::try_from(u64_at(&header, 28)).ok()?;
    let (postings_at, table_at) = (u64_at(&header, 36), u64_at(&header, 44));
    let head = reader.read(HEADER_LEN as u64, head_len)?;
    let mut r = Cursor {
        bytes: &head,
        at: 0,
    };
    let extra = (0..r.u32()?)
        .map(|_| r.strings())
        .collect::<Option<Vec<_>>>()?;
    let drugs = r.u32()?;
    let count = r.u32()? as usize;
    let passages = r.take(count.checked_mul(PASSAGE_BYTES)?)?.to_vec();
    let marks = r.u32s()?;
    let terms = r.strings()?;
    let sorted = r.u32s()?;
    let by_length = (0..r.u32()?)
        .map(|_| r.u32s())
        .collect::<Option<Vec<_>>>()?;
    let spans = (0..r.u32()?)
        .map(|_| Some((postings_at.checked_add(r.u64()?)?, r.u32()?, r.u64()?)))
        .collect::<Option<Vec<_>>>()?;
    let sound = spans.len() == terms.len()
        && passages.chunks_exact(PASSAGE_BYTES).all(|p| {
            u32_at(p, 0) < drugs
                && usize::from(p[4]) < Pane::ALL.len()
                && (u32_at(p, 9) as usize) <= marks.len()
        })
        && sorted.len() == terms.len()
        && sorted
            .iter()
            .chain(by_length.iter().flatten())
            .all(|t| (*t as usize) < terms.len());
    if !sound {
        return None;
    }
    let mut vocabulary = Vocabulary::default();
    for (id, term) in terms.iter().enumerate() {
        vocabulary.insert(term, id as u32);
    }
    let index = Index {
        postings: Postings::File {
            reader: Arc::clone(&reader),
            loaded: (0..spans.len()).map(|_| OnceLock::new()).collect(),
            spans,
            passages: count as u32,
        },
        texts: Texts::File {
            reader,
            table: table_at,
            count: count as u32,
        },
        passages: Passages::File(passages),
        vocabulary,
        sorted,
        terms,
        by_length,
        synonyms,
        drugs,
        scratch: Default::default(),
        marks,
    };
    Some((extra, index))
}

/// A postings list as stored: (passage, position) pairs, little-endian.
fn encode(list: &[(u32, u32)], buffer: &mut Vec<u8>) {
    buffer.clear();
    for (passage, position) in list {
        buffer.extend_from_slice(&passage.to_le_bytes());
        buffer.extend_from_slice(&position.to_le_bytes());
    }
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, value: u64) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    put_u32(out, values.len() as u32);
    values.iter().for_each(|v| put_u32(out, *v));
}

fn put_strings(out: &mut Vec<u8>, strings: &[String]) {
    put_u32(out, strings.len() as u32);
    for s in strings {
        put_u32(out, s.len() as u32);
        out.extend_from_slice(s.as_bytes());
    }
}

/// Reads the head, refusing to run past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};

    const QUERIES: [&str; 6] = [
        "bleeding",
        "yellow skin",
        "jaundise",
        "mouth sores",
        "liv",
        "x",
    ];

    fn bundled() -> (Library, Index) {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        (library, index)
    }

    fn stored(index: &Index) -> (tempfile::NamedTempFile, Vec<u8>) {
        let mut bytes = Vec::new();
        write(&mut bytes, 7, &[&["extra".to_string()]], index).unwrap();
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        (file, bytes)
    }

    #[test]
    fn a_stored_index_answers_exactly_as_the_built_one() {
        let (library, built) = bundled();
        let (file, _) = stored(&built);
        let (extra, read) = read(file.reopen().unwrap(), 7, library.synonyms.clone()).unwrap();
        assert_eq!(extra, vec![vec!["extra".to_string()]]);
        for query in QUERIES {
            assert_eq!(
                read.search(query, None, 50),
                built.search(query, None, 50),
                "{query}"
            );
            assert_eq!(
                read.search_sections(query, Some(Pane::Faqs), 50),
                built.search_sections(query, Some(Pane::Faqs), 50)
            );
        }
        assert!(!read.damaged());
        assert!(super::read(file.reopen().unwrap(), 8, Synonyms::default()).is_none());
    }

    #[test]
    fn damage_in_the_stored_lists_and_texts_is_noticed() {
        let (library, built) = bundled();
        let (_, bytes) = stored(&built);
        let head_end = HEADER_LEN + u64_at(&bytes, 28) as usize;
        let mut noticed = 0;
        for at in (head_end..bytes.len()).step_by(997) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x01;
            let mut file = tempfile::NamedTempFile::new().unwrap();
            file.write_all(&damaged).unwrap();
            let (_, read) = read(file.reopen().unwrap(), 7, library.synonyms.clone()).unwrap();
            let answers: Vec<_> = QUERIES.iter().map(|q| read.search(q, None, 500)).collect();
            if read.damaged() {
                noticed += 1;
            } else {
                // Not read by these searches, so it cannot have changed them.
                let expected: Vec<_> = QUERIES.iter().map(|q| built.search(q, None, 500)).collect();
                assert_eq!(answers, expected, "damage at {at} went unnoticed");
            }
        }
        assert!(noticed > 0);
    }
}
