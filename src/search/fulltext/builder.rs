//! Building an index: every passage of every drug, in drug-name order, with
//! each term's postings kept compact while they grow. A first start indexes
//! a whole library at once, and postings as 8-byte pairs (with the slack of
//! growing vectors) would cost more memory than the library itself.

use super::MARK_EVERY;
use super::passage::{Passage, Piece, pieces};
use super::phrases::Finder;
use super::store::Passages;
use super::vocabulary::Vocabulary;
use crate::model::Monograph;
use crate::search::normalize::for_each_term;

/// Everything an index holds but its texts and synonyms.
#[derive(Debug, Default)]
pub(super) struct Built {
    pub vocabulary: Vocabulary,
    pub terms: Vec<String>,
    /// Term ids sorted by term text.
    pub sorted: Vec<u32>,
    /// Term ids by length in characters.
    pub by_length: Vec<Vec<u32>>,
    /// Per term, its postings; then those of each phrase in `phrases`.
    pub lists: Vec<Compact>,
    /// The phrases found (see `phrases`), as their terms' ids.
    pub phrases: Vec<Box<[u32]>>,
    pub passages: Passages,
    pub marks: Vec<u32>,
    pub drugs: u32,
    finder: Finder,
    /// The term ids of the passage being indexed.
    current: Vec<u32>,
    /// Entries in `lists` since they were last set aside.
    held: usize,
}

/// Where a build hands on what it need not hold itself.
pub(super) trait Sink {
    /// Takes each passage's text, in passage order.
    fn text(&mut self, text: String);

    /// Entries the terms' lists may hold before [`Sink::set_aside`].
    fn budget(&self) -> usize {
        usize::MAX
    }

    /// Takes the entries of every term's list, leaving the lists empty.
    fn set_aside(&mut self, _lists: &mut [Compact]) {}

    /// Learns that `done` of the `total` drugs are indexed.
    fn indexed(&mut self, _done: usize, _total: usize) {}
}

/// An index in memory keeps every text.
impl Sink for Vec<String> {
    fn text(&mut self, text: String) {
        self.push(text);
    }
}

/// Indexes `drugs`, and where `phrases` occur in them, handing `sink` what
/// it takes: an index in memory keeps everything, one bound for a file
/// writes texts out at once and sets postings aside as they pile up.
pub(super) fn build<'a>(
    drugs: impl IntoIterator<Item = &'a Monograph>,
    phrases: &[Vec<String>],
    sink: &mut impl Sink,
) -> Built {
    let mut built = Built {
        finder: Finder::new(phrases),
        ..Built::default()
    };
    // Passages are numbered in drug-name order, then pane order, so a
    // passage's number breaks ties in ranking, and a search can stop
    // early once enough of the best possible results are found.
    let drugs: Vec<&Monograph> = drugs.into_iter().collect();
    let names: Vec<String> = drugs.iter().map(|m| m.name.to_lowercase()).collect();
    let mut by_name: Vec<usize> = (0..drugs.len()).collect();
    by_name.sort_by(|a, b| names[*a].cmp(&names[*b]).then(a.cmp(b)));
    let budget = sink.budget();
    for (done, d) in by_name.into_iter().enumerate() {
        sink.indexed(done, drugs.len());
        for piece in pieces(drugs[d]) {
            built.add_passage(d as u32, &piece);
            sink.text(piece.text);
            if built.held >= budget {
                sink.set_aside(&mut built.lists);
                built.held = 0;
            }
        }
    }
    sink.indexed(drugs.len(), drugs.len());
    built.drugs = drugs.len() as u32;
    built.finish();
    built
}

impl Built {
    fn add_passage(&mut self, drug: u32, piece: &Piece) {
        let passage = self.passages.len() as u32;
        let first_mark = self.marks.len() as u32;
        let mut position = 0u32;
        self.current.clear();
        for_each_term(&piece.text, |term, start, _| {
            if position.is_multiple_of(MARK_EVERY) {
                self.marks.push(start as u32);
            }
            let id = match self.vocabulary.get(term) {
                Some(id) => id,
                None => {
                    let id = self.terms.len() as u32;
                    self.vocabulary.insert(term, id);
                    self.terms.push(term.to_string());
                    self.lists.push(Compact::default());
                    self.finder.term_added(term, id);
                    id
                }
            };
            self.lists[id as usize].push(passage, position);
            self.current.push(id);
            position += 1;
        });
        self.held += self.current.len();
        self.finder.passage(passage, &self.current);
        self.passages.push(Passage {
            drug,
            pane: piece.pane,
            section: piece.section,
            kind: piece.kind,
            urgency: piece.urgency,
            words: u16::try_from(position).unwrap_or(u16::MAX),
            first_mark,
        });
    }

    /// Sorts the terms for prefix and typo lookups, and returns growth slack.
    fn finish(&mut self) {
        self.lists.iter_mut().for_each(Compact::shrink_to_fit);
        for (ids, list) in std::mem::take(&mut self.finder).finish() {
            self.phrases.push(ids);
            self.lists.push(list);
        }
        self.current = Vec::new();
        self.passages.shrink_to_fit();
        self.marks.shrink_to_fit();
        let mut sorted: Vec<u32> = (0..self.terms.len() as u32).collect();
        sorted.sort_by(|a, b| self.terms[*a as usize].cmp(&self.terms[*b as usize]));
        self.sorted = sorted;
        for (id, term) in self.terms.iter().enumerate() {
            let len = term.chars().count();
            if self.by_length.len() <= len {
                self.by_length.resize(len + 1, Vec::new());
            }
            self.by_length[len].push(id as u32);
        }
    }
}

/// One term's (passage, position) entries, in ascending order, as varint
/// gaps: the gap to the entry's passage, then its position, as a gap from
/// the previous entry's when both are in the same passage. Most entries
/// take two or three bytes.
#[derive(Debug, Default)]
pub(super) struct Compact {
    bytes: Vec<u8>,
    len: u32,
    last: (u32, u32),
}

impl Compact {
    pub(super) fn push(&mut self, passage: u32, position: u32) {
        if self.bytes.capacity() - self.bytes.len() < 2 * MAX_VARINT {
            // A quarter more rather than double: across tens of thousands
            // of lists, doubling leaves a third of the memory unused.
            self.bytes
                .reserve_exact((self.bytes.capacity() / 4).max(4 * MAX_VARINT));
        }
        let (last_passage, last_position) = self.last;
        let same = self.len > 0 && passage == last_passage;
        put_varint(&mut self.bytes, passage - last_passage);
        put_varint(
            &mut self.bytes,
            if same {
                position - last_position
            } else {
                position
            },
        );
        self.last = (passage, position);
        self.len += 1;
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The entries, in order.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        Self::decode(&self.bytes, self.len)
    }

    /// The encoded entries, as [`Compact::decode`] reads them.
    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The `count` entries encoded in `bytes`.
    pub(super) fn decode(bytes: &[u8], count: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut bytes = bytes.iter().copied();
        let (mut passage, mut position) = (0u32, 0u32);
        (0..count).map(move |i| {
            let gap = take_varint(&mut bytes);
            let value = take_varint(&mut bytes);
            passage += gap;
            position = if i > 0 && gap == 0 {
                position + value
            } else {
                value
            };
            (passage, position)
        })
    }
}

/// Bytes of the longest varint of a `u32`.
const MAX_VARINT: usize = 5;

pub(super) fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The next varint of bytes written by [`put_varint`].
fn take_varint(bytes: &mut impl Iterator<Item = u8>) -> u32 {
    let mut value = 0u32;
    for (shift, byte) in (0..35).step_by(7).zip(bytes) {
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            break;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn compact_lists_give_back_what_was_pushed(
            steps in proptest::collection::vec((0u32..3, 0u32..70_000, any::<bool>()), 0..200)
        ) {
            let mut compact = Compact::default();
            let mut pushed = Vec::new();
            let (mut passage, mut position) = (0u32, 0u32);
            for (gap, jump, big) in steps {
                passage += if big { gap * 100_000 } else { gap };
                position = if gap == 0 && !pushed.is_empty() { position + 1 + jump } else { jump };
                compact.push(passage, position);
                pushed.push((passage, position));
            }
            prop_assert_eq!(compact.len(), pushed.len());
            prop_assert_eq!(compact.entries().collect::<Vec<_>>(), pushed);
        }
    }

    #[test]
    fn extreme_values_survive() {
        let mut compact = Compact::default();
        compact.push(0, 0);
        compact.push(0, u32::MAX);
        compact.push(u32::MAX, 0);
        let entries: Vec<_> = compact.entries().collect();
        assert_eq!(entries, [(0, 0), (0, u32::MAX), (u32::MAX, 0)]);
    }
}
