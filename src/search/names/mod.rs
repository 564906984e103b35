//! The drug-list filter: fuzzy matching over generic names, brands, aliases
//! and classes, typo-tolerant, with the matched characters for highlighting.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use rustc_hash::FxHashMap;

use crate::model::Monograph;
use crate::narrow::{to_i64, to_u32};

mod candidate;
mod matching;

use candidate::{Candidate, char_mask};
use matching::{Misspelt, brief_match, in_order, is_brief, is_short, word_start_match};

/// Which name of a drug matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The generic name.
    Name,
    /// A brand name.
    Brand,
    /// Another spelling.
    Alias,
    /// The drug class.
    Class,
}

/// A drug that matched the filter. The matched name and the characters to
/// highlight come from [`NameIndex::highlight`], asked only for the rows on
/// screen: a one-letter filter matches nearly every drug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// Index of the drug in the slice the index was built from.
    pub drug: usize,
    /// Higher is better.
    pub score: i64,
    /// Which name matched.
    pub field: Field,
    candidate: usize,
}

/// Prebuilt names of every drug.
pub struct NameIndex {
    candidates: Vec<Candidate>,
    /// Candidates by the first and by the second letter of each of their
    /// words: one- and two-letter filters match word starts, and a typo
    /// rarely hits both of a word's first two letters, so both paths look
    /// at a small share of the names.
    by_first: FxHashMap<char, Vec<u32>>,
    by_second: FxHashMap<char, Vec<u32>>,
    /// Each drug's generic-name candidate.
    name_candidates: Vec<usize>,
    drugs: usize,
    matcher: SkimMatcherV2,
    /// Whether long filters may be scored on two threads.
    two_cores: bool,
}

/// Fewer candidates than this are scored on one thread: starting another
/// costs about as much as scoring a few dozen.
const SHARED_FROM: usize = 256;

impl Default for NameIndex {
    fn default() -> Self {
        Self::new([])
    }
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("candidates", &self.candidates.len())
            .finish()
    }
}

/// Field bonus so that, at equal quality, a generic name beats a brand,
/// a brand beats an alias, and an alias beats a class.
fn field_bonus(field: Field) -> i64 {
    match field {
        Field::Name => 30,
        Field::Brand => 20,
        Field::Alias => 10,
        Field::Class => 0,
    }
}

impl NameIndex {
    /// Indexes the names of `drugs`, in order.
    pub fn new<'a>(drugs: impl IntoIterator<Item = &'a Monograph>) -> Self {
        let mut candidates = Vec::new();
        let mut name_candidates = Vec::new();
        for (i, m) in drugs.into_iter().enumerate() {
            name_candidates.push(candidates.len());
            let fields = std::iter::once((Field::Name, &m.name))
                .chain(m.brands.iter().map(|b| (Field::Brand, b)))
                .chain(m.aliases.iter().map(|a| (Field::Alias, a)))
                .chain(m.related_brands.iter().map(|b| (Field::Alias, &b.name)))
                .chain(std::iter::once((Field::Class, &m.drug_class)));
            for (field, text) in fields {
                candidates.push(Candidate::new(i, field, text));
            }
        }
        let (mut by_first, mut by_second) = (FxHashMap::default(), FxHashMap::default());
        for (i, c) in candidates.iter().enumerate() {
            for (_, word) in c.words() {
                let mut chars = word.chars();
                for (map, letter) in [
                    (&mut by_first, chars.next()),
                    (&mut by_second, chars.next()),
                ] {
                    if let Some(letter) = letter {
                        let list: &mut Vec<u32> = map.entry(letter).or_default();
                        if list.last() != Some(&to_u32(i)) {
                            list.push(to_u32(i));
                        }
                    }
                }
            }
        }
        Self {
            candidates,
            by_first,
            by_second,
            drugs: name_candidates.len(),
            name_candidates,
            matcher: SkimMatcherV2::default().ignore_case(),
            two_cores: crate::parallel::two_cores(),
        }
    }

    /// Drugs matching `query`, best first; every drug, in order, for a blank query.
    pub fn filter(&self, query: &str) -> Vec<NameMatch> {
        let query = normalise(query);
        if query.is_empty() {
            return (0..self.drugs)
                .map(|drug| NameMatch {
                    drug,
                    score: 0,
                    field: Field::Name,
                    candidate: self.name_candidates[drug],
                })
                .collect();
        }
        // Best (score, candidate) per drug.
        let mut best: Vec<Option<(i64, usize)>> = vec![None; self.drugs];
        if is_short(&query) {
            for i in self.starting_with(query.chars().next()) {
                let c = &self.candidates[i];
                if let Some((score, _)) = word_start_match(c, &query) {
                    offer(&mut best[c.drug], score + field_bonus(c.field), i);
                }
            }
        } else if is_brief(&query) {
            let qmask = char_mask(&query);
            for (i, c) in self.candidates.iter().enumerate() {
                if c.mask & qmask != qmask {
                    continue;
                }
                if let Some((score, _)) = brief_match(c, &query) {
                    offer(&mut best[c.drug], score + field_bonus(c.field), i);
                }
            }
        } else {
            let survivors = self.fuzzy_candidates(&query);
            for (i, score) in self.fuzzy_scores(&survivors, &query) {
                let c = &self.candidates[i];
                offer(&mut best[c.drug], score + field_bonus(c.field), i);
            }
        }
        if best.iter().all(Option::is_none) {
            self.typo_matches(&query, &mut best);
        }
        let mut matches: Vec<NameMatch> = best
            .into_iter()
            .flatten()
            .map(|(score, candidate)| {
                let c = &self.candidates[candidate];
                NameMatch {
                    drug: c.drug,
                    score,
                    field: c.field,
                    candidate,
                }
            })
            .collect();
        matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.drug.cmp(&b.drug)));
        matches
    }

    /// Candidates that may match a filter of four characters or more: the
    /// fuzzy matcher only matches names holding its letters in order, which
    /// is far cheaper to check first.
    fn fuzzy_candidates(&self, query: &str) -> Vec<usize> {
        let letters = query.replace(' ', "");
        let qmask = char_mask(&letters);
        let words: Vec<(&str, u64)> = query.split(' ').map(|w| (w, char_mask(w))).collect();
        let may_match = |c: &Candidate| {
            // A class is a phrase of several words, where a filter's
            // letters scattered are noise: each of its words must be
            // there whole.
            let whole = |&(w, mask): &(&str, u64)| {
                let in_a_word = c.words.iter().any(|word| word.mask & mask == mask);
                // Only a filter word of letters and digits need be
                // inside one word of the class.
                (in_a_word || mask >> 63 != 0) && c.lower.contains(w)
            };
            c.mask & qmask == qmask
                && (c.field != Field::Class || words.iter().all(whole))
                && in_order(&c.lower, &letters)
        };
        self.candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| may_match(c))
            .map(|(i, _)| i)
            .collect()
    }

    /// The fuzzy scores of the candidates that match. Scoring is nearly all
    /// of a long filter's time, so many candidates are shared between two
    /// threads where there are cores for them.
    fn fuzzy_scores(&self, ids: &[usize], query: &str) -> Vec<(usize, i64)> {
        let score = |ids: &[usize]| -> Vec<(usize, i64)> {
            ids.iter()
                .filter_map(|&i| {
                    let score = self.matcher.fuzzy_match(&self.candidates[i].lower, query)?;
                    Some((i, score))
                })
                .collect()
        };
        crate::parallel::in_halves(ids, ids.len() >= SHARED_FROM && self.two_cores, score)
    }

    /// The name a match was found in, and the character positions in it
    /// that `query` matched.
    pub fn highlight(&self, m: &NameMatch, query: &str) -> (&str, Vec<usize>) {
        let c = &self.candidates[m.candidate];
        let query = normalise(query);
        let positions = if query.is_empty() {
            Vec::new()
        } else if is_short(&query) {
            word_start_match(c, &query).map_or_else(Vec::new, |(_, p)| p)
        } else if is_brief(&query) {
            brief_match(c, &query).map_or_else(Vec::new, |(_, p)| p)
        } else if let Some((_, positions)) = self.matcher.fuzzy_indices(&c.lower, &query) {
            positions
        } else {
            Misspelt::new(&query)
                .find_in(c)
                .map_or_else(Vec::new, |(_, p)| p)
        };
        (&c.text, c.positions_in_text(positions))
    }

    /// Words of any name within a few edits of the query's words; scored below
    /// every fuzzy match so they only show when nothing else does.
    fn typo_matches(&self, query: &str, best: &mut [Option<(i64, usize)>]) {
        let misspelt = Misspelt::new(query);
        let Some(first) = misspelt.words.first() else {
            return;
        };
        // Every candidate must have a word near the query's first word, so
        // one starting like it (see `Misspelt::find_in`).
        let [a, b] = first.first_two;
        let near = merged(
            with_letter(&self.by_first, a),
            with_letter(&self.by_second, b),
        );
        for i in near {
            let c = &self.candidates[i];
            // A name missing more of the word's letters than it may get
            // wrong has no word near it: skipped before its words are read.
            if (first.mask & !c.mask).count_ones() as usize > first.limit {
                continue;
            }
            if let Some((edits, _)) = misspelt.find_in(c) {
                let score = -10 * to_i64(edits) + field_bonus(c.field) / 10 - 1000;
                offer(&mut best[c.drug], score, i);
            }
        }
    }

    /// Candidates with a word beginning with `letter`.
    fn starting_with(&self, letter: Option<char>) -> impl Iterator<Item = usize> + '_ {
        with_letter(&self.by_first, letter)
            .iter()
            .map(|&i| i as usize)
    }
}

/// The candidates `map` lists under `letter`, ascending.
fn with_letter(map: &FxHashMap<char, Vec<u32>>, letter: Option<char>) -> &[u32] {
    letter.and_then(|l| map.get(&l)).map_or(&[], Vec::as_slice)
}

/// The candidates of two ascending lists, ascending, each once.
fn merged(a: &[u32], b: &[u32]) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    std::iter::from_fn(move || {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x < y => a.next(),
            (Some(x), Some(y)) if y < x => b.next(),
            (Some(_), Some(_)) => {
                b.next();
                a.next()
            }
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        next.map(|&i| i as usize)
    })
}

/// Keeps the better of two matches for the same drug.
fn offer(slot: &mut Option<(i64, usize)>, score: i64, candidate: usize) {
    if slot.is_none_or(|(best, _)| score > best) {
        *slot = Some((score, candidate));
    }
}

/// How a filter is compared: trimmed and folded as names are.
fn normalise(query: &str) -> String {
    candidate::fold(query.trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};

    #[test]
    fn two_threads_find_what_one_finds() {
        let library = Library::load(&[Source::Bundled]);
        let copies = 80;
        let drugs: Vec<&Monograph> = (0..copies).flat_map(|_| library.monographs()).collect();
        let mut shared = NameIndex::new(drugs.iter().copied());
        shared.two_cores = true;
        let mut single = NameIndex::new(drugs);
        single.two_cores = false;
        for query in ["inhibitor", "tion", "olol", "warf"] {
            let many = shared.fuzzy_candidates(query).len();
            assert!(many >= SHARED_FROM, "{query:?}: only {many} to score");
            let found = shared.filter(query);
            assert_eq!(found, single.filter(query), "{query:?}");
            assert!(found.len() >= copies, "{query:?}");
        }
    }
}
