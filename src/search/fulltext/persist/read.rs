//! Opening a cache file: the header and head checked and read whole, the
//! texts and postings left on disk, read as searches need them.

use std::sync::{Arc, OnceLock};

use super::{HEADER_LEN, MAGIC, VERSION};
use crate::search::fulltext::Index;
use crate::search::fulltext::phrases;
use crate::search::fulltext::store::{
    PASSAGE_BYTES, Passages, Postings, Reader, Texts, hash_of, u32_at, u64_at,
};
use crate::search::fulltext::vocabulary::Vocabulary;
use crate::search::synonyms::Synonyms;

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
    let (head_at, head_len) = (u64_at(&header, 28), u64_at(&header, 36));
    let (postings_at, table_at) = (u64_at(&header, 44), u64_at(&header, 52));
    let passages_at = u64_at(&header, 60);
    let head = reader.read(head_at, usize::try_from(head_len).ok()?)?;
    let mut r = Cursor {
        bytes: &head,
        at: 0,
    };
    let extra = (0..r.u32()?)
        .map(|_| r.strings())
        .collect::<Option<Vec<_>>>()?;
    let drugs = r.u32()?;
    let count = r.u32()? as usize;
    let passages_len = count.checked_mul(PASSAGE_BYTES)?;
    let passages_hash = r.u64()?;
    if passages_at.checked_add(passages_len as u64)? != head_at {
        return None;
    }
    // Read straight into their own buffer: they are most of what is read
    // on opening, and copying them out of the head would double that.
    let passages = reader.read(passages_at, passages_len)?;
    if hash_of(&passages) != passages_hash {
        return None;
    }
    let marks = r.u32s()?;
    let terms = r.strings()?;
    let sorted = r.u32s()?;
    let by_length = (0..r.u32()?)
        .map(|_| r.u32s())
        .collect::<Option<Vec<_>>>()?;
    let spans = (0..r.u32()?)
        .map(|_| Some((postings_at.checked_add(r.u64()?)?, r.u32()?, r.u64()?)))
        .collect::<Option<Vec<_>>>()?;
    let phrases = (0..r.u32()?)
        .map(|_| r.u32s().map(Vec::into_boxed_slice))
        .collect::<Option<Vec<_>>>()?;
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
    Some((extra, index))
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
