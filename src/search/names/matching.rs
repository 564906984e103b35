//! How a filter is matched against one name: by word start, inside a word,
//! letters in order, or within a few typos.

use super::candidate::{Candidate, char_mask, first_two};
use crate::narrow::to_i64;
use crate::search::typo::{Pattern, allowed_typos};

/// One or two letters match the start of a word rather than anywhere: "n"
/// should list drugs whose names begin with n, not every name with an n in it
/// (and scoring every name fuzzily for a single letter is slow at scale).
pub(super) fn is_short(query: &str) -> bool {
    query.chars().count() <= 2
}

/// Score and character positions when a word of the name starts with
/// `query`; earlier words score higher.
pub(super) fn word_start_match(c: &Candidate, query: &str) -> Option<(i64, Vec<usize>)> {
    let (index, (word, _)) = c
        .words()
        .enumerate()
        // The first byte alone rules out nearly every word, without a call.
        .find(|(_, (_, text))| {
            text.as_bytes().first() == query.as_bytes().first() && text.starts_with(query)
        })?;
    let score = 100 - 10 * to_i64(index.min(9));
    Some((
        score,
        (word.start..word.start + query.chars().count()).collect(),
    ))
}

/// Three characters match a word start, or else anywhere in a word, but
/// together: scattered, three letters would match most names.
pub(super) fn is_brief(query: &str) -> bool {
    query.chars().count() == 3 && !query.contains(' ')
}

/// Score and character positions for a three-character filter: a word
/// starting with it (as [`word_start_match`]), else a word holding it.
pub(super) fn brief_match(c: &Candidate, query: &str) -> Option<(i64, Vec<usize>)> {
    if let Some(found) = word_start_match(c, query) {
        return Some(found);
    }
    let mask = char_mask(query);
    let (index, word, offset) = c.words().enumerate().find_map(|(index, (word, text))| {
        if word.mask & mask != mask {
            return None;
        }
        let byte = find_bytes(text.as_bytes(), query.as_bytes())?;
        Some((index, word, text[..byte].chars().count()))
    })?;
    let start = word.start + offset;
    let score = 40 - 5 * to_i64(index.min(7));
    Some((score, (start..start + 3).collect()))
}

/// Where `needle` first appears in `hay`. Names' words are a few letters
/// long, where a plain scan beats the library's searcher, which is built
/// for long texts and calls `memcmp` at every likely spot.
pub(super) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last_start = hay.len().checked_sub(needle.len())?;
    (0..=last_start)
        .find(|&at| hay[at] == first && hay[at + 1..].iter().zip(rest).all(|(a, b)| a == b))
}

/// Whether `letters` appear in `text` in this order (not necessarily
/// together). Compared as bytes, which is much faster than decoding
/// characters; for letters beyond ASCII it may also say yes when they do
/// not appear (never the other way round), which the fuzzy matcher after
/// it then settles.
pub(super) fn in_order(text: &str, letters: &str) -> bool {
    let mut rest = text.as_bytes();
    for &letter in letters.as_bytes() {
        match rest.iter().position(|&b| b == letter) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// A filter's words, prepared for comparing with every name's words.
pub(super) struct Misspelt<'a> {
    pub(super) words: Vec<MisspeltWord<'a>>,
}

/// One word of a filter, with what rules out a name's word cheaply (as in
/// [`super::candidate::Word`]) and its pattern for the edit distance.
pub(super) struct MisspeltWord<'a> {
    pub(super) chars: usize,
    pub(super) limit: usize,
    pub(super) mask: u64,
    pub(super) first_two: [Option<char>; 2],
    pub(super) pattern: Pattern<'a>,
}

impl<'a> Misspelt<'a> {
    /// Prepares the words of `query`.
    pub(super) fn new(query: &'a str) -> Self {
        let words = query
            .split_whitespace()
            .map(|q| {
                let chars = q.chars().count();
                MisspeltWord {
                    chars,
                    limit: allowed_typos(chars),
                    mask: char_mask(q),
                    first_two: first_two(q),
                    pattern: Pattern::new(q),
                }
            })
            .collect();
        Self { words }
    }

    /// Total edits and matched character positions when every word of
    /// the filter is within a few edits of some word of the name.
    pub(super) fn find_in(&self, c: &Candidate) -> Option<(usize, Vec<usize>)> {
        let mut edits = 0;
        let mut positions = Vec::new();
        for q in &self.words {
            let (d, word) = c
                .words()
                // A typo rarely hits both of the first two letters, and each
                // edit loses at most one of the query's letters: both checks
                // skip most words before the edit distance is computed.
                .filter(|(w, _)| {
                    w.chars.abs_diff(q.chars) <= q.limit
                        && (w.first_two[0] == q.first_two[0] || w.first_two[1] == q.first_two[1])
                        && (q.mask & !w.mask).count_ones() as usize <= q.limit
                })
                .filter_map(|(w, text)| Some((q.pattern.distance_within(text, q.limit)?, w)))
                .min_by_key(|(d, _)| *d)?;
            edits += d;
            positions.extend(word.start..word.start + word.chars);
        }
        Some((edits, positions))
    }
}

#[cfg(test)]
mod tests {
    use super::find_bytes;

    #[test]
    fn find_bytes_finds_the_first_place_or_none() {
        assert_eq!(find_bytes(b"warfarin", b"arf"), Some(1));
        assert_eq!(find_bytes(b"warfarin", b"rin"), Some(5));
        assert_eq!(find_bytes(b"warfarin", b"ar"), Some(1));
        assert_eq!(find_bytes(b"warfarin", b"rim"), None);
        assert_eq!(find_bytes(b"ar", b"arf"), None);
        assert_eq!(find_bytes(b"", b""), Some(0));
        assert_eq!(find_bytes("café".as_bytes(), "fé".as_bytes()), Some(2));
    }
}
