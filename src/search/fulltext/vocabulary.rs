//! Term text → term id. Indexing looks up every word of every passage, so
//! the lookup must not chase a pointer per word: terms of up to 16 bytes —
//! nearly all of them — are packed into the key itself.

use rustc_hash::FxHashMap;

/// Longest term stored inline in the key.
const INLINE: usize = 16;

/// The index's term ids by text.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
}

/// Packs a short term into an integer. Terms never contain NUL, so the zero
/// padding keeps distinct terms distinct.
fn pack(term: &str) -> Option<u128> {
    let bytes = term.as_bytes();
    (bytes.len() <= INLINE).then(|| {
        let mut buffer = [0u8; INLINE];
        buffer[..bytes.len()].copy_from_slice(bytes);
        u128::from_le_bytes(buffer)
    })
}

impl Vocabulary {
    /// The id of `term`, if indexed.
    pub(super) fn get(&self, term: &str) -> Option<u32> {
        match pack(term) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(term).copied(),
        }
    }

    /// Records `term` under `id`.
    pub(super) fn insert(&mut self, term: &str, id: u32) {
        match pack(term) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(term.to_string(), id),
        };
    }
}

/// What a plain word (ASCII letters and digits, as nearly every word is)
/// makes, by the word's own bytes before normalising: its term's id, or
/// `None` for a stopword. Libraries repeat their words, and looking a word
/// up as it stands skips lowering, the stopword check and stemming each
/// time it comes again; this was a sixth of a first build's indexing.
#[derive(Debug, Default)]
pub(super) struct PlainWords(FxHashMap<u128, Option<u32>>);

impl PlainWords {
    /// What `word` makes, if it was recorded.
    pub(super) fn get(&self, word: &str) -> Option<Option<u32>> {
        pack(word).and_then(|key| self.0.get(&key).copied())
    }

    /// Records what `word` makes; long words are not kept.
    pub(super) fn insert(&mut self, word: &str, term: Option<u32>) {
        if let Some(key) = pack(word) {
            self.0.insert(key, term);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_terms_are_found_and_kept_apart() {
        let mut vocabulary = Vocabulary::default();
        let long = "pneumonoultramicroscopic";
        vocabulary.insert("bruis", 1);
        vocabulary.insert("bruise", 2);
        vocabulary.insert("exactlysixteenby", 3);
        vocabulary.insert(long, 4);
        assert_eq!(vocabulary.get("bruis"), Some(1));
        assert_eq!(vocabulary.get("bruise"), Some(2));
        assert_eq!(vocabulary.get("exactlysixteenby"), Some(3));
        assert_eq!(vocabulary.get(long), Some(4));
        assert_eq!(vocabulary.get("brui"), None);
        assert_eq!(vocabulary.get(&long[..20]), None);
    }
}
