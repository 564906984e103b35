//! Building an index: every passage of every drug, in drug-name order, with
//! each term's postings kept compact while they grow. A first start indexes
//! a whole library at once, and postings as 8-byte pairs (with the slack of
//! growing vectors) would cost more memory than the library itself.

use super::MARK_EVERY;
use super::compact::Compact;
use super::name_lines::NameLines;
use super::passage::{Passage, PassageKind, Piece, pieces};
use super::phrases::Finder;
use super::store::Passages;
use super::vocabulary::{PlainWords, Vocabulary};
use crate::model::Monograph;
use crate::narrow::to_u32;
use crate::search::fulltext::ToIndex;
use crate::search::normalize::{for_each_word_while, term_of};

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
    pub names: NameLines,
    pub marks: Vec<u32>,
    pub drugs: u32,
    finder: Finder,
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

/// Drugs whose terms the tokenising thread may have found ahead of
/// indexing: enough to ride out an uneven drug, few enough to hold little.
const AHEAD: usize = 16;

/// Libraries smaller than this are indexed on one thread: a thread costs
/// more than it saves.
const SHARED_FROM: usize = 64;

/// Indexes `drugs`, and where `phrases` occur in them, handing `sink` what
/// it takes: an index in memory keeps everything, one bound for a file
/// writes texts out at once and sets postings aside as they pile up.
/// Where there are two cores (and `share` allows), a helper thread splits
/// the texts into terms and finds their ids while this one indexes them;
/// the index is the same either way.
pub(super) fn build<D: ToIndex>(
    drugs: impl IntoIterator<Item = D>,
    phrases: &[Vec<String>],
    share: bool,
    sink: &mut impl Sink,
) -> Built {
    let mut built = Built {
        finder: Finder::new(phrases),
        ..Built::default()
    };
    // Passages are numbered in drug-name order, then pane order, so a
    // passage's number breaks ties in ranking, and a search can stop
    // early once enough of the best possible results are found.
    // Each drug is let go once split into terms: handed over owned (as a
    // first start does), the library is freed as its index grows.
    let mut drugs: Vec<Option<D>> = drugs.into_iter().map(Some).collect();
    let total = drugs.len();
    let names: Vec<String> = drugs
        .iter()
        .flatten()
        .map(|m| m.name().to_lowercase())
        .collect();
    let mut by_name: Vec<usize> = (0..total).collect();
    by_name.sort_by(|a, b| names[*a].cmp(&names[*b]).then(a.cmp(b)));
    drop(names);
    let budget = sink.budget();
    let share = share && total >= SHARED_FROM && crate::parallel::two_cores();
    let mut done = 0;
    let order = &by_name;
    let tokenise = move |hand_on: &mut dyn FnMut(DrugTerms)| {
        let mut tokeniser = Tokeniser::default();
        for &d in order {
            if let Some(drug) = drugs[d].take() {
                hand_on(tokeniser.drug(drug.monograph()));
            }
        }
        tokeniser.vocabulary
    };
    built.vocabulary = crate::parallel::pipeline(share, AHEAD, tokenise, |terms| {
        let d = by_name[done];
        sink.indexed(done, total);
        done += 1;
        built.add_terms(terms.new);
        // Cut into passages once, by the tokeniser: the allocator frees
        // what another thread allocated cheaply, and cutting again cost
        // a twentieth of a build.
        for (k, piece) in terms.pieces.into_iter().enumerate() {
            let ids = &terms.ids[range(&terms.ends, k)];
            let marks = &terms.marks[range(&terms.mark_ends, k)];
            built.add_passage(to_u32(d), &piece, ids, marks);
            sink.text(piece.text);
            if built.held >= budget {
                sink.set_aside(&mut built.lists);
                built.held = 0;
            }
        }
    });
    sink.indexed(total, total);
    built.drugs = to_u32(total);
    built.finish();
    built
}

/// The range of part `k` of a list cut where `ends` say.
fn range(ends: &[u32], k: usize) -> std::ops::Range<usize> {
    let start = k.checked_sub(1).map_or(0, |before| ends[before] as usize);
    start..ends[k] as usize
}

/// One drug's passages, and the same split into terms, passage after
/// passage: their terms' ids, the byte offset in its passage of every [`MARK_EVERY`]th
/// term, where each passage's ids and marks end, and the terms the drug
/// is the first to use, in the order of their ids.
#[derive(Default)]
struct DrugTerms {
    pieces: Vec<Piece>,
    ids: Vec<u32>,
    ends: Vec<u32>,
    marks: Vec<u32>,
    mark_ends: Vec<u32>,
    new: Vec<String>,
}

/// Splits passages into terms and numbers each term the first time it
/// occurs: the half of indexing that needs nothing but the vocabulary.
#[derive(Default)]
struct Tokeniser {
    vocabulary: Vocabulary,
    plain: PlainWords,
    terms: u32,
    buffer: String,
}

impl Tokeniser {
    fn drug(&mut self, drug: &Monograph) -> DrugTerms {
        let mut out = DrugTerms {
            pieces: pieces(drug),
            ..DrugTerms::default()
        };
        for piece in &out.pieces {
            let first = out.ids.len();
            let text = piece.text.as_str();
            for_each_word_while(text, |start, end, plain| {
                let word = &text[start..end];
                let known = if plain { self.plain.get(word) } else { None };
                let term = known.unwrap_or_else(|| {
                    let term = self.term(word, plain, &mut out.new);
                    if plain {
                        self.plain.insert(word, term);
                    }
                    term
                });
                if let Some(id) = term {
                    if to_u32(out.ids.len() - first).is_multiple_of(MARK_EVERY) {
                        out.marks.push(to_u32(start));
                    }
                    out.ids.push(id);
                }
                true
            });
            out.ends.push(to_u32(out.ids.len()));
            out.mark_ends.push(to_u32(out.marks.len()));
        }
        out
    }

    /// The id of the term `word` makes, numbering it (and adding it to
    /// `new`) if it is the first; `None` for a stopword.
    fn term(&mut self, word: &str, plain: bool, new: &mut Vec<String>) -> Option<u32> {
        if !term_of(word, plain, &mut self.buffer) {
            return None;
        }
        let term = self.buffer.as_str();
        Some(self.vocabulary.get(term).unwrap_or_else(|| {
            let id = self.terms;
            self.vocabulary.insert(term, id);
            self.terms += 1;
            new.push(term.to_string());
            id
        }))
    }
}

impl Built {
    /// Numbers `new` terms, in order, after those known.
    fn add_terms(&mut self, new: Vec<String>) {
        for term in new {
            let id = to_u32(self.terms.len());
            self.finder.term_added(&term, id);
            self.terms.push(term);
            self.lists.push(Compact::default());
        }
    }

    /// Adds `piece`, a passage of `drug` whose terms are `ids`, with
    /// `marks`, to the lists.
    fn add_passage(&mut self, drug: u32, piece: &Piece, ids: &[u32], marks: &[u32]) {
        let passage = to_u32(self.passages.len());
        let first_mark = to_u32(self.marks.len());
        self.marks.extend_from_slice(marks);
        for (position, &id) in ids.iter().enumerate() {
            self.lists[id as usize].push(passage, to_u32(position));
        }
        self.held += ids.len();
        self.finder.passage(passage, ids);
        let words = u16::try_from(ids.len()).unwrap_or(u16::MAX);
        if piece.kind == PassageKind::Name {
            self.names.push(passage, words);
        }
        self.passages.push(Passage {
            drug,
            pane: piece.pane,
            section: piece.section,
            kind: piece.kind,
            urgency: piece.urgency,
            words,
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
        self.passages.shrink_to_fit();
        self.names.shrink_to_fit();
        self.marks.shrink_to_fit();
        let mut sorted: Vec<u32> = (0..to_u32(self.terms.len())).collect();
        sorted.sort_by(|a, b| self.terms[*a as usize].cmp(&self.terms[*b as usize]));
        self.sorted = sorted;
        for (id, term) in self.terms.iter().enumerate() {
            let len = term.chars().count();
            if self.by_length.len() <= len {
                self.by_length.resize(len + 1, Vec::new());
            }
            self.by_length[len].push(to_u32(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::testamol_saying;
    use crate::search::normalize::for_each_term;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The terms of `drug` as its passages give them, each word normalised
    /// afresh: what a tokeniser that remembers words must agree with.
    fn terms_afresh(drug: &Monograph) -> Vec<String> {
        let mut out = Vec::new();
        for piece in pieces(drug) {
            for_each_term(&piece.text, |term, _, _| out.push(term.to_string()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn remembered_words_make_the_terms_fresh_ones_do(
            texts in proptest::collection::vec("[a-zA-Z0-9'’ éﬁ.,-]{0,60}", 1..4)
        ) {
            let mut tokeniser = Tokeniser::default();
            for text in &texts {
                let drug = testamol_saying(text);
                let found = tokeniser.drug(&drug);
                let fresh: Vec<Option<u32>> = terms_afresh(&drug)
                    .iter()
                    .map(|term| tokeniser.vocabulary.get(term))
                    .collect();
                let remembered: Vec<Option<u32>> = found.ids.iter().copied().map(Some).collect();
                proptest::prop_assert_eq!(remembered, fresh);
            }
        }
    }

    /// A drug that counts, when let go, how many of its kind have been.
    struct Counted<'a> {
        drug: Monograph,
        gone: &'a AtomicUsize,
    }

    impl ToIndex for Counted<'_> {
        fn id(&self) -> &str {
            &self.drug.id
        }

        fn name(&self) -> &str {
            &self.drug.name
        }

        fn monograph(&self) -> &Monograph {
            &self.drug
        }
    }

    impl Drop for Counted<'_> {
        fn drop(&mut self) {
            self.gone.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts the drugs gone each time a drug is indexed.
    struct Watching<'a> {
        gone: &'a AtomicUsize,
        seen: Vec<(usize, usize)>,
    }

    impl Sink for Watching<'_> {
        fn text(&mut self, _: String) {}
        fn indexed(&mut self, done: usize, _: usize) {
            self.seen.push((done, self.gone.load(Ordering::Relaxed)));
        }
    }

    #[test]
    fn drugs_handed_over_are_let_go_as_they_are_indexed() {
        let gone = AtomicUsize::new(0);
        let drugs: Vec<Counted> = ["Zeta", "Alpha", "Mu", "Beta"]
            .iter()
            .map(|name| {
                let mut drug = testamol_saying("Blocks the enzyme that makes it.");
                drug.name = (*name).to_string();
                Counted { drug, gone: &gone }
            })
            .collect();
        let mut sink = Watching {
            gone: &gone,
            seen: Vec::new(),
        };
        // On one thread (`share` false): each drug is let go before the
        // next is taken.
        let built = build(drugs.iter().map(|d| &d.drug), &[], false, &mut sink);
        assert_eq!(built.drugs, 4);
        assert_eq!(gone.load(Ordering::Relaxed), 0, "lent, kept");
        sink.seen.clear();
        let built = build(drugs, &[], false, &mut sink);
        assert_eq!(built.drugs, 4);
        assert_eq!(sink.seen, [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]);
    }
}
