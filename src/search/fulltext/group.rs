//! Passage texts as a cache file stores them: a few at a time, compressed
//! together with LZ4, against a dictionary of the library's first texts
//! (kept in the file), so that even a small group finds the wording that
//! labels repeat. Before compression a group is its number of texts,
//! each text's length (little-endian `u32`s), then the texts one after
//! another.

use super::bytes::u32_at;
use crate::narrow::to_u32;

/// Texts gathered into a group, then packed.
#[derive(Debug, Default)]
pub(super) struct Group {
    lengths: Vec<u32>,
    texts: Vec<u8>,
}

impl Group {
    /// Adds a text.
    pub fn push(&mut self, text: &str) {
        self.lengths.push(to_u32(text.len()));
        self.texts.extend_from_slice(text.as_bytes());
    }

    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.lengths.len()
    }

    /// The texts held, compressed against `dictionary`, leaving the group
    /// empty.
    pub fn pack(&mut self, dictionary: &[u8]) -> Vec<u8> {
        let mut raw = Vec::with_capacity(4 + 4 * self.lengths.len() + self.texts.len());
        raw.extend_from_slice(&to_u32(self.lengths.len()).to_le_bytes());
        for len in self.lengths.drain(..) {
            raw.extend_from_slice(&len.to_le_bytes());
        }
        raw.append(&mut self.texts);
        lz4_flex::block::compress_prepend_size_with_dict(&raw, dictionary)
    }
}

/// Most a packed group may claim to hold: far beyond any real group (a
/// few dozen KB), it keeps damage from asking for a huge allocation.
const MOST_UNPACKED: usize = 64 << 20;

/// Bytes of text a dictionary holds at most. LZ4 could look back 64 KB,
/// but compressing a group first hashes its whole dictionary: at 16 KB the
/// common wording is in it, and compression costs a third of what it
/// would.
pub(super) const DICTIONARY: usize = 16 << 10;

/// Text `i` of a group packed against `dictionary`, if the group decodes
/// and has it. Kept out of line: inlined into its caller, the decoder
/// compiled slower, and snippets took a fifth longer.
#[inline(never)]
pub(super) fn text(packed: &[u8], dictionary: &[u8], i: u32) -> Option<String> {
    text_of(&unpack(packed, dictionary)?, i)
}

/// Texts `wanted` of a group packed against `dictionary`, unpacked once,
/// if the group decodes and has them all.
#[inline(never)]
pub(super) fn texts(packed: &[u8], dictionary: &[u8], wanted: &[u32]) -> Option<Vec<String>> {
    let raw = unpack(packed, dictionary)?;
    wanted.iter().map(|&i| text_of(&raw, i)).collect()
}

/// A group's bytes as packed, unpacked.
fn unpack(packed: &[u8], dictionary: &[u8]) -> Option<Vec<u8>> {
    let claimed = u32_at(packed.get(..4)?, 0) as usize;
    if claimed > MOST_UNPACKED {
        return None;
    }
    lz4_flex::block::decompress_size_prepended_with_dict(packed, dictionary).ok()
}

/// Text `i` of an unpacked group.
fn text_of(raw: &[u8], i: u32) -> Option<String> {
    let count = u32_at(raw.get(..4)?, 0) as usize;
    let lengths = raw.get(4..4 + count.checked_mul(4)?)?;
    let i = i as usize;
    if i >= count {
        return None;
    }
    let length = |k: usize| u32_at(lengths, k * 4) as usize;
    let start = 4 + lengths.len() + (0..i).map(length).sum::<usize>();
    let bytes = raw.get(start..start.checked_add(length(i))?)?;
    String::from_utf8(bytes.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn packed_texts_come_back_whole(texts in proptest::collection::vec(".{0,300}", 1..20)) {
            let mut group = Group::default();
            texts.iter().for_each(|t| group.push(t));
            prop_assert_eq!(group.len(), texts.len());
            group.pack(b"");
            let dictionary = texts.concat();
            for dictionary in [&b""[..], dictionary.as_bytes()] {
                texts.iter().for_each(|t| group.push(t));
                let packed = group.pack(dictionary);
                prop_assert_eq!(group.len(), 0);
                for (i, t) in texts.iter().enumerate() {
                    prop_assert_eq!(text(&packed, dictionary, to_u32(i)), Some(t.clone()));
                }
                let every: Vec<u32> = (0..to_u32(texts.len())).rev().collect();
                let backwards: Vec<String> = texts.iter().rev().cloned().collect();
                prop_assert_eq!(super::texts(&packed, dictionary, &every), Some(backwards));
                prop_assert_eq!(text(&packed, dictionary, to_u32(texts.len())), None);
            }
        }
    }

    #[test]
    fn repeated_wording_packs_small_and_damage_reads_as_nothing() {
        let mut group = Group::default();
        let paragraph = "Call your doctor at once if you have unusual bleeding or bruising. ";
        for _ in 0..16 {
            group.push(&paragraph.repeat(3));
        }
        let packed = group.pack(b"");
        assert!(packed.len() < 16 * paragraph.len() / 2, "{}", packed.len());
        let mut claims_too_much = packed.clone();
        claims_too_much[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(text(&claims_too_much, b"", 0), None);
        assert_eq!(text(&packed[..packed.len() / 2], b"", 0), None);
        assert_eq!(text(&[], b"", 0), None);
        // Against a dictionary that holds the wording, a group is tiny.
        group.push(paragraph);
        let against = group.pack(paragraph.as_bytes());
        assert!(against.len() < paragraph.len() / 2, "{}", against.len());
        assert_eq!(
            text(&against, paragraph.as_bytes(), 0).as_deref(),
            Some(paragraph)
        );
    }
}
