//! A name prepared for filtering: lower-cased, split into words, with the
//! letters it holds as bit masks for cheap rejection.

use super::Field;

/// One searchable name.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) drug: usize,
    pub(super) field: Field,
    pub(super) text: String,
    pub(super) lower: String,
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
        let lower = text.to_lowercase();
        Self {
            drug,
            field,
            mask: char_mask(&lower),
            words: word_spans(&lower).collect(),
            text: text.to_owned(),
            lower,
        }
    }

    pub(super) fn words(&self) -> impl Iterator<Item = (&Word, &str)> {
        self.words.iter().map(|w| (w, &self.lower[w.bytes.clone()]))
    }
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
