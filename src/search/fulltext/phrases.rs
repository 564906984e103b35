//! Word sequences indexed as wholes: the synonyms table's phrases of
//! several words, and every run of two or more words within them.
//!
//! Checking that two common words stand together ("liver damage") means
//! reading both words' long lists through the whole library, though the
//! phrase itself may occur a few dozen times; its own list holds just
//! those. What is stored is a fact of the text alone, so an index read with
//! a synonyms table changed since stays correct: a new phrase is merely
//! found the slow way.

use rustc_hash::{FxHashMap, FxHashSet};

use super::compact::Compact;
use crate::narrow::to_u32;
use crate::search::synonyms::Synonyms;

/// The phrases worth a list of their own: every run of two or more terms
/// within a phrase of the table, so a phrase still being typed ("short of
/// brea") finds its finished words' list too. Sorted, so an index is the
/// same whatever order the table's groups came in.
pub(super) fn wanted(synonyms: &Synonyms) -> Vec<Vec<String>> {
    let mut runs = FxHashSet::default();
    for phrase in synonyms.phrases() {
        for start in 0..phrase.len() {
            for end in start + 2..=phrase.len() {
                runs.insert(phrase[start..end].to_vec());
            }
        }
    }
    let mut runs: Vec<Vec<String>> = runs.into_iter().collect();
    runs.sort_unstable();
    runs
}

/// Each phrase, by its terms' ids, with the id of its postings: they follow
/// the `terms` terms' own, in order.
pub(super) fn by_terms(phrases: Vec<Box<[u32]>>, terms: usize) -> FxHashMap<Box<[u32]>, u32> {
    phrases.into_iter().zip(to_u32(terms)..).collect()
}

/// Finds the wanted phrases in each passage as it is indexed.
#[derive(Debug, Default)]
pub(super) struct Finder {
    /// Each phrase's terms' ids, once indexing has met each term.
    ids: Vec<Vec<Option<u32>>>,
    /// Where each term stands in the phrases: (phrase, slot).
    places: FxHashMap<String, Vec<(u32, u32)>>,
    /// The phrases each term begins, by term id: few terms begin one, so
    /// a map rather than a list for every term.
    starting: FxHashMap<u32, Vec<u32>>,
    /// Whether each term id begins a phrase: looked up for every word of
    /// every passage, where the map would cost a hash each.
    begins: Vec<bool>,
    lists: Vec<Compact>,
}

impl Finder {
    /// A finder of `phrases`, each of two or more terms.
    pub fn new(phrases: &[Vec<String>]) -> Self {
        let mut places: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
        for (p, phrase) in phrases.iter().enumerate() {
            for (slot, term) in phrase.iter().enumerate() {
                places
                    .entry(term.clone())
                    .or_default()
                    .push((to_u32(p), to_u32(slot)));
            }
        }
        Finder {
            ids: phrases.iter().map(|p| vec![None; p.len()]).collect(),
            places,
            starting: FxHashMap::default(),
            begins: Vec::new(),
            lists: phrases.iter().map(|_| Compact::default()).collect(),
        }
    }

    /// Learns the id of a term new to the vocabulary (ids come in order).
    pub fn term_added(&mut self, term: &str, id: u32) {
        for &(phrase, slot) in self.places.get(term).into_iter().flatten() {
            self.ids[phrase as usize][slot as usize] = Some(id);
            if slot == 0 {
                self.starting.entry(id).or_default().push(phrase);
                let at = id as usize;
                if self.begins.len() <= at {
                    self.begins.resize(at + 1, false);
                }
                self.begins[at] = true;
            }
        }
    }

    /// Records where the phrases stand in `passage`, whose terms are `ids`.
    pub fn passage(&mut self, passage: u32, ids: &[u32]) {
        for (position, &first) in ids.iter().enumerate() {
            if !self.begins.get(first as usize).copied().unwrap_or(false) {
                continue;
            }
            for &phrase in self.starting.get(&first).into_iter().flatten() {
                let words = &self.ids[phrase as usize];
                let rest = &ids[position..];
                if rest.len() >= words.len() && words.iter().zip(rest).all(|(w, t)| *w == Some(*t))
                {
                    self.lists[phrase as usize].push(passage, to_u32(position));
                }
            }
        }
    }

    /// The phrases found, as their terms' ids, each with its list.
    pub fn finish(self) -> Vec<(Box<[u32]>, Compact)> {
        self.ids
            .into_iter()
            .zip(self.lists)
            .filter(|(_, list)| list.len() > 0)
            .filter_map(|(ids, mut list)| {
                list.shrink_to_fit();
                let ids: Option<Box<[u32]>> = ids.into_iter().collect();
                Some((ids?, list))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::terms;

    #[test]
    fn every_run_of_two_or_more_words_is_wanted_once() {
        let mut synonyms = Synonyms::default();
        synonyms.add_group(&["chest pain left side", "angina"]);
        synonyms.add_group(&["chest pain", "thoracic pain"]);
        let mut expected: Vec<Vec<String>> = [
            "chest pain",
            "chest pain left",
            "chest pain left side",
            "pain left",
            "pain left side",
            "left side",
            "thoracic pain",
        ]
        .iter()
        .map(|p| terms(p))
        .collect();
        expected.sort();
        assert_eq!(wanted(&synonyms), expected);
    }

    #[test]
    fn finds_each_occurrence_and_only_whole_ones() {
        let phrases = vec![terms("liver damage"), terms("damage severe")];
        let mut finder = Finder::new(&phrases);
        let words = terms("liver damage severe");
        assert_eq!(words.len(), 3);
        for (id, term) in words.iter().enumerate() {
            finder.term_added(term, to_u32(id));
        }
        // "liver damage severe liver damage severe liver"
        finder.passage(7, &[0, 1, 2, 0, 1, 2, 0]);
        // A phrase cut off by the passage's end is not found.
        finder.passage(8, &[2, 0]);
        let found: Vec<_> = finder
            .finish()
            .into_iter()
            .map(|(ids, list)| (ids.to_vec(), list.entries().collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            found,
            [
                (vec![0, 1], vec![(7, 0), (7, 3)]),
                (vec![1, 2], vec![(7, 1), (7, 4)]),
            ]
        );
    }

    #[test]
    fn stored_phrases_change_no_result() {
        use crate::load::{Library, Source};
        use crate::search::fulltext::Index;
        let library = Library::load(&[Source::Bundled]);
        let with = Index::build(library.monographs(), library.synonyms.clone());
        let mut without = Index::build(library.monographs(), library.synonyms.clone());
        assert!(!with.phrases.is_empty(), "the bundled table has phrases");
        without.phrases.clear();
        // Whole phrases, phrases still being typed, and phrases within
        // longer queries.
        for query in [
            "short of breath",
            "short of brea",
            "shortness of breath on exertion",
            "yellow skin",
            "yellow sk",
            "blood in urine",
            "blood in u",
            "liver damage risk",
            "muscle pain and weakness",
            "throwing up blood",
        ] {
            for limit in [3, 200] {
                assert_eq!(
                    with.search(query, None, limit),
                    without.search(query, None, limit),
                    "{query:?}, limit {limit}"
                );
            }
        }
    }

    #[test]
    fn a_phrase_whose_word_never_occurs_is_left_out() {
        let mut finder = Finder::new(&[terms("liver damage")]);
        finder.term_added(&terms("liver")[0], 0);
        finder.passage(0, &[0, 0]);
        assert!(finder.finish().is_empty());
    }
}
