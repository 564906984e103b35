//! Reading a query for what it means before anything is matched: filler
//! is dropped, misspelt lay words are corrected to the synonyms table's,
//! and each remaining word or phrase becomes a [`QueryGroup`] that knows
//! what it stands for ([`Meaning`]: a drug, a pane, a symptom, a word) and
//! how much it weighs ([`QueryGroup::weight`]).

use std::ops::Range;

use super::matching::MAX_QUERY_TERMS;
use super::{Index, MatchKind};
use crate::narrow::to_u32;
use crate::pane::Pane;
use crate::search::normalize::{for_each_term, terms};
use crate::search::typo::{Pattern, allowed_typos};

/// Most vocabulary terms a prefix may expand to.
const MAX_PREFIX_TERMS: usize = 64;

/// Longest name, in words, recognised in a query ("insulin glargine").
const MAX_NAME_WORDS: usize = 3;

/// A word's postings beyond which it is too common to be looked at as a
/// drug's name: a name is rare in a library, and reading so long a list
/// for every keystroke would cost more than the lookup is worth.
const MAX_NAME_POSTINGS: usize = 50_000;

/// The terms that may stand at one position, and how well each matches.
pub(super) type Slot = Vec<(u32, MatchKind)>;

/// One way a query word or phrase can be found.
#[derive(Debug, Clone)]
pub(super) enum Alternative {
    /// The slots' terms next to each other, in order.
    Phrase(Vec<Slot>),
    /// Every slot's term somewhere in the same passage, in any order.
    AllOf(Vec<Slot>),
    /// A phrase of one term a slot that is indexed whole (see `phrases`):
    /// its own postings `list`, each entry where its first word stands.
    Whole {
        list: u32,
        kind: MatchKind,
        words: u32,
    },
}

impl Alternative {
    /// The best kind of match it can give: the weakest of its words' best.
    pub(super) fn best_kind(&self) -> Option<MatchKind> {
        let slots = match self {
            Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots,
            Alternative::Whole { kind, .. } => return Some(*kind),
        };
        slots
            .iter()
            .map(|slot| slot.iter().map(|(_, kind)| *kind).max())
            .min()
            .flatten()
    }
}

/// What a word or phrase of the query stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Meaning {
    /// An ordinary word, or a phrase of the synonyms table that is not a
    /// symptom ("missed dose", "administered").
    Word,
    /// A symptom or condition: a phrase of the synonyms table.
    Concept,
    /// A drug's name, brand or alias. Every passage of the drugs it names
    /// (each drug's passages are numbered together) matches it, by
    /// [`MatchKind::Implied`] where the text does not say the name.
    Drug { passages: Vec<Range<u32>> },
    /// A word naming where the answer is wanted ("side effects").
    Section(Pane),
}

impl Meaning {
    /// How much more than an ordinary word of the same rarity a match of
    /// this weighs, in percent: what the person asks about (a drug, a
    /// symptom) counts for more; a pane's name only says where to look.
    fn factor(&self) -> u32 {
        match self {
            Meaning::Word => 100,
            Meaning::Concept => 150,
            Meaning::Drug { .. } => 200,
            Meaning::Section(_) => 50,
        }
    }
}

/// A word or phrase of the query and the ways it can match.
#[derive(Debug, Clone)]
pub(super) struct QueryGroup {
    /// The query's own words (as typed, or by prefix or typo), if all are
    /// in the index: what must stand next to the other groups' for the
    /// query's words to stand together.
    pub literal: Option<Vec<Slot>>,
    pub alternatives: Vec<Alternative>,
    /// Each alternative's [`Alternative::best_kind`].
    pub best_kinds: Vec<Option<MatchKind>>,
    pub meaning: Meaning,
    /// Query words it spans (a synonym phrase spans several).
    pub words: usize,
    /// What a passage gains by matching it: rarer words weigh more (BM25's
    /// inverse document frequency, in hundredths), times its meaning's factor.
    pub weight: u32,
}

impl QueryGroup {
    /// The best kind of match any of its alternatives can give; `None` for
    /// a group found nowhere.
    pub(super) fn best_kind(&self) -> Option<MatchKind> {
        let implied = matches!(&self.meaning, Meaning::Drug { passages } if !passages.is_empty());
        let words = self.best_kinds.iter().flatten().max().copied();
        words.or(implied.then_some(MatchKind::Implied))
    }

    /// The passages of the drugs it names, if it names any.
    pub(super) fn implied(&self) -> &[Range<u32>] {
        match &self.meaning {
            Meaning::Drug { passages } => passages,
            _ => &[],
        }
    }

    /// Whether it is a symptom or condition.
    pub(super) fn is_concept(&self) -> bool {
        self.meaning == Meaning::Concept
    }
}

/// A query as understood: its groups and the pane it asks about, if any.
#[derive(Debug, Default, Clone)]
pub(super) struct Query {
    pub groups: Vec<QueryGroup>,
    /// Where results are wanted first: the pane a section word names, else
    /// Side Effects for a query about a symptom.
    pub wanted_pane: Option<Pane>,
}

impl Query {
    /// Whether any group names a drug.
    pub(super) fn names_a_drug(&self) -> bool {
        self.groups.iter().any(|g| !g.implied().is_empty())
    }

    /// The passages of the drugs the query names, as ascending ranges that
    /// do not overlap (two groups may name the same drug).
    pub(super) fn named_passages(&self) -> Vec<Range<u32>> {
        let mut ranges: Vec<Range<u32>> = self
            .groups
            .iter()
            .flat_map(QueryGroup::implied)
            .cloned()
            .collect();
        ranges.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<u32>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// Whether `passage` belongs to a drug the query names.
    pub(super) fn named(&self, passage: u32) -> bool {
        self.groups
            .iter()
            .flat_map(QueryGroup::implied)
            .any(|range| range.contains(&passage))
    }
}

impl Index {
    /// Reads `query`: corrects, drops filler, and groups the words.
    pub(super) fn understand(&self, query: &str) -> Query {
        let mut words = terms(query);
        words.truncate(MAX_QUERY_TERMS);
        let finished = ends_in_a_finished_word(query);
        // Filler first: a word like "wont" is no typo of "want".
        let mut words = self.without_filler(words);
        self.correct(&mut words, finished);
        let mut groups = Vec::new();
        let mut section = None;
        let mut i = 0;
        while i < words.len() {
            let last = |len: usize| i + len == words.len() && !finished;
            let group = if let Some((len, passages)) = self.name_at(&words[i..], last) {
                let names = self.other_names(&passages, &words[i..i + len]);
                let meaning = Meaning::Drug { passages };
                self.group(&words[i..i + len], last(len), meaning, &names)
            } else if let Some(found) = self.synonyms.words().section_at(&words[i..]) {
                section = section.or(Some(found.pane));
                let (len, meaning) = (found.len, Meaning::Section(found.pane));
                self.group(&words[i..i + len], last(len), meaning, &found.others)
            } else {
                self.lay_group(&words[i..], last)
            };
            i += group.words;
            groups.push(group);
        }
        let concept = groups.iter().any(QueryGroup::is_concept);
        Query {
            wanted_pane: section.or(concept.then_some(Pane::SideEffects)),
            groups,
        }
    }

    /// Replaces each word that is neither in the index nor in the synonyms
    /// table by the table's closest word, so "jaundise" finds all that
    /// "jaundice" does. A last word that begins indexed words is left as
    /// it is: it may still be being typed — unless it is `finished`.
    fn correct(&self, words: &mut [String], finished: bool) {
        let count = words.len();
        for (i, word) in words.iter_mut().enumerate() {
            let typing = i + 1 == count && !finished;
            if self.term_id(word).is_some() || (typing && self.begins_a_term(word)) {
                continue;
            }
            if let Some(better) = self.synonyms.correct(word) {
                *word = better.to_string();
            }
        }
    }

    /// Whether some indexed term begins with `prefix` (and is longer).
    fn begins_a_term(&self, prefix: &str) -> bool {
        let start = self.terms.partition(&self.sorted, prefix, true);
        self.sorted
            .get(start)
            .is_some_and(|id| self.terms.get(*id).starts_with(prefix))
    }

    /// The id of `term`, if it is indexed.
    fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.find(&self.sorted, term)
    }

    /// `words` without filler phrases, unless nothing else is left (then a
    /// question made only of them is searched as it is). A phrase of the
    /// synonyms table is kept whole even if a filler phrase starts there.
    fn without_filler(&self, words: Vec<String>) -> Vec<String> {
        let table = self.synonyms.words();
        let mut kept = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let rest = &words[i..];
            let synonym = self.synonyms.longest_at(rest).map_or(0, |(len, _)| len);
            match table.filler_at(rest) {
                Some(len) if len > synonym => i += len,
                _ => {
                    let len = synonym.max(1);
                    kept.extend_from_slice(&rest[..len]);
                    i += len;
                }
            }
        }
        if kept.is_empty() { words } else { kept }
    }

    /// The passages of the drugs whose name, brand or alias is the whole of
    /// the first one to [`MAX_NAME_WORDS`] words of `words` (the longest
    /// that names any), with that many words.
    fn name_at(
        &self,
        words: &[String],
        last: impl Fn(usize) -> bool,
    ) -> Option<(usize, Vec<Range<u32>>)> {
        (1..=MAX_NAME_WORDS.min(words.len())).rev().find_map(|len| {
            let slots: Vec<Slot> = (0..len)
                .map(|j| self.expand(&words[j], last(j + 1)))
                .collect();
            let passages = self.names_spelt(&slots);
            (!passages.is_empty()).then_some((len, passages))
        })
    }

    /// The passages of every drug with a name line spelt exactly by `slots`.
    fn names_spelt(&self, slots: &[Slot]) -> Vec<Range<u32>> {
        let mut drugs: Vec<Range<u32>> = Vec::new();
        let wanted = to_u32(slots.len());
        // A word being typed may be the start of a name ("warf"); a whole
        // word is not ("tired" is no start of "Tirosint").
        let whole = slots[0].iter().any(|(_, kind)| *kind == MatchKind::Exact);
        for &(term, kind) in &slots[0] {
            if whole && kind == MatchKind::Prefix {
                continue;
            }
            // Counted before it is read: a common word's list is long.
            if self.postings.count(term) > MAX_NAME_POSTINGS {
                continue;
            }
            for &(passage, position) in self.postings.get(term) {
                let spelt = position == 0
                    && self.names.words(passage).map(u32::from) == Some(wanted)
                    && slots[1..].iter().enumerate().all(|(j, slot)| {
                        slot.iter().any(|&(term, _)| {
                            self.postings
                                .upto(term, passage.saturating_add(1))
                                .binary_search(&(passage, to_u32(j) + 1))
                                .is_ok()
                        })
                    });
                if spelt && !drugs.iter().any(|r| r.contains(&passage)) {
                    drugs.push(self.drug_passages(passage));
                }
            }
        }
        drugs.sort_unstable_by_key(|r| r.start);
        drugs
    }

    /// All passages of the drug `passage` belongs to: they are numbered
    /// together, so they are found by walking out from it.
    pub(super) fn drug_passages(&self, passage: u32) -> Range<u32> {
        let drug = self.passages.get(passage).drug;
        let total = to_u32(self.passages.len());
        let same = |p: u32| self.passages.get(p).drug == drug;
        let mut start = passage;
        while start > 0 && same(start - 1) {
            start -= 1;
        }
        let mut end = passage + 1;
        while end < total && same(end) {
            end += 1;
        }
        start..end
    }

    /// The group starting at `words[0]`: a phrase of the synonyms table
    /// (with its other wordings), or the word alone.
    fn lay_group(&self, words: &[String], last: impl Fn(usize) -> bool) -> QueryGroup {
        let (len, meaning) = match self.synonyms.longest_at(words) {
            Some((len, _)) if self.synonyms.is_symptom(&words[..len]) => (len, Meaning::Concept),
            Some((len, _)) => (len, Meaning::Word),
            None => (1, Meaning::Word),
        };
        let none: &[Vec<String>] = &[];
        self.group(&words[..len], last(len), meaning, none)
    }

    /// The names, brands and aliases of the drugs in `drugs` other than
    /// `spelt`, as terms: a brand named in a query finds where other
    /// monographs mention the drug by its generic name, and so on.
    fn other_names(&self, drugs: &[Range<u32>], spelt: &[String]) -> Vec<Vec<String>> {
        let lines: Vec<u32> = drugs
            .iter()
            .flat_map(std::clone::Clone::clone)
            .filter(|&passage| self.names.contains(passage))
            .collect();
        let mut names: Vec<Vec<String>> = Vec::new();
        for text in self.texts.get_all(&lines) {
            let name = terms(&text);
            if !name.is_empty() && name[..] != spelt[..] && !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// One group of the query, `words` long, with the ways it can match:
    /// its own words, its synonyms, and `others` (other wordings of it).
    fn group(
        &self,
        words: &[String],
        ends_query: bool,
        meaning: Meaning,
        others: &[impl AsRef<[String]>],
    ) -> QueryGroup {
        let count = words.len();
        let literal: Vec<Slot> = words
            .iter()
            .enumerate()
            .map(|(j, word)| self.expand(word, ends_query && j + 1 == count))
            .collect();
        let synonyms = self
            .synonyms
            .longest_at(words)
            .filter(|(len, _)| *len == count)
            .map(|(_, phrases)| phrases)
            .unwrap_or_default();
        let mut alternatives = Vec::new();
        let found = literal.iter().all(|slot| !slot.is_empty());
        if found {
            if count > 1 {
                // "black stools" should also find "black, tarry stools".
                alternatives.push(Alternative::AllOf(literal.clone()));
            }
            alternatives.push(Alternative::Phrase(literal.clone()));
        }
        // Other wordings of one word (a named drug's other names, a synonym
        // of one word) are taken together as one slot: a word matches with
        // its kind wherever it stands, so together they match as they do
        // apart. A word being typed that begins many drugs' names has
        // dozens; apart, a passage matched by lookup was asked about each,
        // where together they are read as one merged list (`lookup::Lookup`).
        let mut one_word: Slot = Vec::new();
        let others = others.iter().map(AsRef::as_ref);
        for phrase in synonyms.iter().map(|p| &p[..]).chain(others) {
            let slots: Option<Vec<_>> = phrase
                .iter()
                .map(|t| self.term_id(t).map(|id| vec![(id, MatchKind::Synonym)]))
                .collect();
            match slots {
                Some(mut slots) if slots.len() == 1 => one_word.append(&mut slots[0]),
                Some(slots) => alternatives.push(Alternative::Phrase(slots)),
                None => {}
            }
        }
        if !one_word.is_empty() {
            alternatives.push(Alternative::Phrase(vec![one_word]));
        }
        // Weighed before stored phrases replace their words, so a stored
        // phrase changes how fast a group is found, never how it ranks.
        let weight = self.rarity(&alternatives, &meaning) * meaning.factor() / 100;
        let alternatives: Vec<Alternative> = alternatives
            .into_iter()
            .map(|alternative| self.whole_if_stored(alternative))
            .collect();
        QueryGroup {
            literal: found.then_some(literal),
            best_kinds: alternatives.iter().map(Alternative::best_kind).collect(),
            alternatives,
            meaning,
            words: count,
            weight,
        }
    }

    /// How rare a group is, as BM25's inverse document frequency in
    /// hundredths: ln(1 + (N − n + ½) / (n + ½)) for N passages of which
    /// about n hold it — n taken from its alternatives' rarest parts'
    /// postings (a close upper bound, read without loading any list), or
    /// the passages of the drugs a name names.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a rounded, positive weight: idf is at most ln(1 + 2 * passages)"
    )]
    fn rarity(&self, alternatives: &[Alternative], meaning: &Meaning) -> u32 {
        let total = self.passages.len() as f64;
        let held: usize = match meaning {
            Meaning::Drug { passages } => {
                passages.iter().map(std::iter::ExactSizeIterator::len).sum()
            }
            _ => alternatives.iter().map(|a| self.postings_of(a)).sum(),
        };
        let n = (held as f64).min(total);
        let idf = (1.0 + (total - n + 0.5) / (n + 0.5)).ln();
        (idf * 100.0).round().max(1.0) as u32
    }

    /// Postings of the rarest part of `alternative`.
    fn postings_of(&self, alternative: &Alternative) -> usize {
        let slots = match alternative {
            Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots,
            &Alternative::Whole { list, .. } => return self.postings.count(list),
        };
        slots
            .iter()
            .map(|slot| slot.iter().map(|&(t, _)| self.postings.count(t)).sum())
            .min()
            .unwrap_or(0)
    }

    /// `alternative` as a [`Alternative::Whole`] phrase, if it is a phrase
    /// of one term a slot indexed whole: it is then found from its own
    /// short list, and its words' long lists are never read.
    fn whole_if_stored(&self, alternative: Alternative) -> Alternative {
        let Alternative::Phrase(slots) = &alternative else {
            return alternative;
        };
        let terms: Option<Vec<u32>> = slots
            .iter()
            .map(|slot| match slot[..] {
                [(term, _)] => Some(term),
                _ => None,
            })
            .collect();
        let stored = terms.and_then(|terms| self.phrases.get(&terms[..]).copied());
        match (stored, alternative.best_kind()) {
            (Some(list), Some(kind)) => Alternative::Whole {
                list,
                kind,
                words: to_u32(slots.len()),
            },
            _ => alternative,
        }
    }

    /// Vocabulary terms a query term matches: itself; longer words it
    /// begins, when it is the last word (perhaps still being typed) or not
    /// itself a known word; and, only when it is not a known word, close
    /// misspellings. (A finished, known word expanded by prefix too would
    /// multiply the work of every phrase check for little gain.)
    fn expand(&self, term: &str, last: bool) -> Vec<(u32, MatchKind)> {
        let mut out = Vec::new();
        let exact = self.term_id(term);
        if let Some(id) = exact {
            out.push((id, MatchKind::Exact));
        }
        if term.chars().count() >= 3 && (last || exact.is_none()) {
            let start = self.terms.partition(&self.sorted, term, false);
            out.extend(
                self.sorted[start..]
                    .iter()
                    .take_while(|id| self.terms.get(**id).starts_with(term))
                    .filter(|id| Some(**id) != exact)
                    .take(MAX_PREFIX_TERMS)
                    .map(|id| (*id, MatchKind::Prefix)),
            );
        }
        if exact.is_none() {
            out.extend(self.typos(term).into_iter().map(|id| (id, MatchKind::Typo)));
        }
        out
    }

    fn typos(&self, term: &str) -> Vec<u32> {
        let chars: Vec<char> = term.chars().collect();
        let limit = allowed_typos(chars.len());
        if limit == 0 {
            return Vec::new();
        }
        let lengths = chars.len().saturating_sub(limit)..=chars.len() + limit;
        let pattern = Pattern::new(term);
        lengths
            .filter_map(|len| self.by_length.get(len))
            .flatten()
            .filter(|id| {
                // A typo rarely hits both of the first two letters; checking
                // them first skips most of the vocabulary cheaply.
                let mut candidate = self.terms.get(**id).chars();
                let (a, b) = (candidate.next(), candidate.next());
                a == chars.first().copied() || b == chars.get(1).copied()
            })
            .filter(|id| {
                pattern
                    .distance_within(self.terms.get(**id), limit)
                    .is_some()
            })
            .copied()
            .collect()
    }
}

/// Whether the query's last word ends as a finished word form does ("-ing",
/// "-ed"): its stem then says nothing about a longer word still being typed.
/// "bruseing" is a misspelt "bruising", not the start of "brushing", though
/// its stem "brus" begins "brush". Plural "-s" is not such an ending:
/// "drowsines" is on its way to "drowsiness".
fn ends_in_a_finished_word(query: &str) -> bool {
    let mut last = None;
    for_each_term(query, |term, start, end| {
        last = Some((term.len(), start, end));
    });
    last.is_some_and(|(stem, start, end)| {
        let typed = query[start..end].to_lowercase();
        stem < typed.len() && (typed.ends_with("ing") || typed.ends_with("ed"))
    })
}
