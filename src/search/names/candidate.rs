//! A name prepared for filtering: folded (lower case, compatibility forms
//! such as "ﬁ" and full-width letters as their plain letters), split into
//! words, with the letters it holds as bit masks for cheap rejection.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Field;
use crate::narrow::to_u32;

/// One searchable name.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) drug: usize,
    pub(super) field: Field,
    pub(super) text: String,
    /// `text` folded by [`fold`]: what filters are compared with.
    pub(super) lower: String,
    /// For each character of `lower`, the character of `text` it came
    /// from; `None` when they correspond one to one, as nearly always.
    origin: Option<Box<[u32]>>,
    /// Bit per letter/digit present, to skip candidates that cannot match.
    pub(super) mask: u64,
    /// The words of `lower`, split once rather than on every keystroke.
    pub(super) words: Box<[Word]>,
}

/// A word of a lower-cased name.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Byte range in the name.
    pub(super) bytes: std::ops::Range<usize>,
    /// Index of its first character in the name.
    pub(super) start: usize,
    /// Its length in characters.
    pub(super) chars: usize,
    /// Its letters, as in [`Candidate::mask`].
    pub(super) mask: u64,
    /// Its first two characters.
    pub(super) first_two: [Option<char>; 2],
}

impl Candidate {
    /// `text`, a name of `drug`, prepared.
    pub(super) fn new(drug: usize, field: Field, text: &str) -> Self {
        let (lower, origin) = fold_mapped(text);
        Self {
            drug,
            field,
            mask: char_mask(&lower),
            words: word_spans(&lower).collect(),
            text: text.to_owned(),
            lower,
            origin,
        }
    }

    /// Character positions in `lower` as positions in `text`, ascending,
    /// each once.
    pub(super) fn positions_in_text(&self, mut positions: Vec<usize>) -> Vec<usize> {
        if let Some(origin) = &self.origin {
            positions = positions
                .into_iter()
                .filter_map(|p| origin.get(p).map(|&o| o as usize))
                .collect();
            positions.dedup();
        }
        positions
    }

    pub(super) fn words(&self) -> impl Iterator<Item = (&Word, &str)> {
        self.words.iter().map(|w| (w, &self.lower[w.bytes.clone()]))
    }
}

/// How names and filters are compared: lower case, with compatibility
/// characters folded (NFKC), so "ﬁ" is "fi" and full-width "Ｚ" is "z".
pub(super) fn fold(text: &str) -> String {
    fold_mapped(text).0
}

/// [`fold`], with the character of `text` each character of the result came
/// from (`None` when they correspond one to one).
fn fold_mapped(text: &str) -> (String, Option<Box<[u32]>>) {
    if text.is_ascii() {
        return (text.to_ascii_lowercase(), None);
    }
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    let mut cluster = String::new();
    while let Some((at, c)) = chars.next() {
        // A letter and the marks on it fold together, so a decomposed "é"
        // composes as a typed one does.
        cluster.clear();
        cluster.push(c);
        while let Some((_, mark)) = chars.next_if(|(_, m)| is_combining_mark(*m)) {
            cluster.push(mark);
        }
        for c in cluster.nfkc().flat_map(char::to_lowercase) {
            folded.push(c);
            origin.push(to_u32(at));
        }
    }
    let one_to_one = origin.len() == text.chars().count()
        && origin.iter().enumerate().all(|(i, &o)| i == o as usize);
    (folded, (!one_to_one).then(|| origin.into()))
}

/// Bit per letter or digit (and one for anything else) present in `s`.
pub(super) fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 63,
        };
        mask | (1 << bit)
    })
}

/// The first two characters of `word`: a typo rarely hits both.
pub(super) fn first_two(word: &str) -> [Option<char>; 2] {
    let mut chars = word.chars();
    [chars.next(), chars.next()]
}

/// The words of `s`: runs of letters and digits.
fn word_spans(s: &str) -> impl Iterator<Item = Word> + '_ {
    let mut chars = s.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, (_, c))| !c.is_alphanumeric()).is_some() {}
        let (start, (from, _)) = chars.next()?;
        let mut count = 1;
        while chars.next_if(|(_, (_, c))| c.is_alphanumeric()).is_some() {
            count += 1;
        }
        let to = chars.peek().map_or(s.len(), |(_, (byte, _))| *byte);
        Some(Word {
            bytes: from..to,
            start,
            chars: count,
            mask: char_mask(&s[from..to]),
            first_two: first_two(&s[from..to]),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compatibility_characters_fold_and_map_back() {
        assert_eq!(fold("Zqﬁne"), "zqfine");
        assert_eq!(fold("ＺＱＦＩＮＥ ﬂu"), "zqfine flu");
        assert_eq!(fold("Cafe\u{301}"), "café");
        let c = Candidate::new(0, Field::Name, "Zqﬁne");
        assert_eq!(c.lower, "zqfine");
        // "f" and "i" both came from "ﬁ", the third character.
        assert_eq!(c.positions_in_text(vec![0, 2, 3, 4]), [0, 2, 3]);
        let plain = Candidate::new(0, Field::Name, "Café");
        assert_eq!(plain.positions_in_text(vec![3]), [3]);
        assert!(plain.origin.is_none());
    }
}
