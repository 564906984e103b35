//! Which passages are name lines — a drug's name, a brand or an alias —
//! and how many words each has. Recognising a drug named in a query asks
//! this of every passage a query word begins; a common word ("bleeding")
//! begins thousands, and asking the passages table would read nearly every
//! chunk of a stored index to learn that none of them is a name. A library
//! has a few name lines a drug, so the whole list is small enough to keep
//! in the head of a stored index.

/// The name lines of an index, by passage number.
#[derive(Debug, Default)]
pub(super) struct NameLines {
    /// Ascending passage numbers.
    passages: Vec<u32>,
    /// Each one's words, in the same order.
    words: Vec<u16>,
}

impl NameLines {
    /// Adds name line `passage`, numbered after every one added before.
    pub fn push(&mut self, passage: u32, words: u16) {
        debug_assert!(self.passages.last().is_none_or(|&p| p < passage));
        self.passages.push(passage);
        self.words.push(words);
    }

    /// The words of `passage` if it is a name line.
    pub fn words(&self, passage: u32) -> Option<u16> {
        let i = self.passages.binary_search(&passage).ok()?;
        self.words.get(i).copied()
    }

    /// Whether `passage` is a name line.
    pub fn contains(&self, passage: u32) -> bool {
        self.passages.binary_search(&passage).is_ok()
    }

    /// The passage numbers and word counts, as a cache file stores them.
    pub fn stored(&self) -> (&[u32], Vec<u32>) {
        (
            &self.passages,
            self.words.iter().map(|&w| u32::from(w)).collect(),
        )
    }

    /// The name lines a cache file stored, if they are sound: as many word
    /// counts as passages, each a count a passage can have, and passages
    /// ascending and below `total`.
    pub fn from_stored(passages: Vec<u32>, words: &[u32], total: usize) -> Option<Self> {
        let ascending = passages.windows(2).all(|w| w[0] < w[1]);
        let in_range = passages.last().is_none_or(|&p| (p as usize) < total);
        if passages.len() != words.len() || !ascending || !in_range {
            return None;
        }
        let words = words
            .iter()
            .map(|&w| u16::try_from(w).ok())
            .collect::<Option<_>>()?;
        Some(NameLines { passages, words })
    }

    /// Returns growth slack.
    pub fn shrink_to_fit(&mut self) {
        self.passages.shrink_to_fit();
        self.words.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines() -> NameLines {
        let mut lines = NameLines::default();
        lines.push(0, 1);
        lines.push(7, 2);
        lines.push(40, 3);
        lines
    }

    #[test]
    fn name_lines_are_found_by_passage() {
        let lines = lines();
        assert_eq!(lines.words(7), Some(2));
        assert_eq!(lines.words(8), None);
        assert!(lines.contains(40));
        assert!(!lines.contains(39));
    }

    #[test]
    fn stored_lines_read_back_and_unsound_ones_are_refused() {
        let lines = lines();
        let (passages, words) = lines.stored();
        let back = NameLines::from_stored(passages.to_vec(), &words, 41).unwrap();
        assert_eq!(back.words(40), Some(3));
        // Past the last passage, out of order, or counts missing or too big.
        assert!(NameLines::from_stored(passages.to_vec(), &words, 40).is_none());
        assert!(NameLines::from_stored(vec![7, 0, 40], &words, 41).is_none());
        assert!(NameLines::from_stored(passages.to_vec(), &words[..2], 41).is_none());
        assert!(NameLines::from_stored(vec![1], &[70_000], 41).is_none());
    }
}
