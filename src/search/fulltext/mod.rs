//! Search everywhere: an inverted index over every passage of every pane,
//! with exact, synonym, prefix and typo matching of query words.
//!
//! Ranking, best first:
//! 1. results that match more of the query's words (or phrases);
//! 2. results where the query's words stand next to each other, in order
//!    (for a query that is one phrase of the synonyms table, any wording
//!    of it, whole);
//! 3. better kinds of match, summed over the words: exact > synonym > prefix > typo;
//! 4. for symptom-like queries (any word or phrase found in the synonyms
//!    table), the Side Effects pane;
//! 5. drug name, then pane order.

mod builder;
mod lists;
mod matching;
pub(crate) mod persist;
mod phrases;
mod positions;
mod ranking;
mod scratch;
mod spill;
mod store;
mod together;
mod vocabulary;

use crate::model::Monograph;
use crate::pane::{Pane, document};
use crate::search::synonyms::Synonyms;
use crate::search::typo::{Pattern, allowed_typos};
use crate::text::Block;
pub use ranking::Ranked;
use vocabulary::Vocabulary;

/// How a query word met the text. Ordered worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Within a few edits ("jaundise" → jaundice).
    Typo,
    /// The word begins a longer one ("bruis" → bruising).
    Prefix,
    /// Another wording from the synonyms table.
    Synonym,
    /// The same word, after normalising.
    Exact,
}

impl MatchKind {
    fn weight(self) -> u32 {
        match self {
            MatchKind::Typo => 1,
            MatchKind::Prefix => 2,
            MatchKind::Synonym => 3,
            MatchKind::Exact => 4,
        }
    }
}

/// A paragraph, bullet or heading of one pane of one drug.
#[derive(Debug, Clone, Copy)]
struct Passage {
    drug: u32,
    pane: Pane,
    /// Index of the section in the pane's document (the FAQ number, for FAQs).
    section: Option<u32>,
    /// Where this passage's entries in [`Index::marks`] begin.
    first_mark: u32,
}

/// One search result: a drug's pane and the passage that matched best.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// Index of the drug in the slice the index was built from.
    pub drug: usize,
    /// The pane.
    pub pane: Pane,
    /// The section of the pane's document the passage is in, if any.
    pub section: Option<usize>,
    /// The whole matching passage.
    pub passage: String,
    /// A short excerpt around the match.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// How many of the query's words or phrases matched.
    pub matched: usize,
    /// How many words or phrases the query had.
    pub wanted: usize,
}

/// The index over a set of monographs.
#[derive(Debug)]
pub struct Index {
    passages: store::Passages,
    vocabulary: Vocabulary,
    /// Term ids sorted by term text, for prefix lookups.
    sorted: Vec<u32>,
    terms: Vec<String>,
    /// Per term: (passage, position) in ascending order; then, from
    /// `terms.len()` on, the same for each phrase of `phrases`.
    postings: store::Postings,
    /// Phrases indexed as wholes, by their terms' ids: the id of their
    /// postings.
    phrases: rustc_hash::FxHashMap<Box<[u32]>, u32>,
    /// Each passage's text.
    texts: store::Texts,
    /// Term ids by length in characters, for typo lookups.
    by_length: Vec<Vec<u32>>,
    synonyms: Synonyms,
    /// Working space for searches, kept between them.
    scratch: std::sync::Mutex<scratch::Scratches>,
    /// Byte offset of every [`MARK_EVERY`]th word of each passage, so a
    /// highlight deep in a long passage is found without reading it all.
    marks: Vec<u32>,
}

/// Words between entries of [`Index::marks`].
const MARK_EVERY: u32 = 64;

/// Most vocabulary terms a prefix may expand to.
const MAX_PREFIX_TERMS: usize = 64;
/// Characters of context around a match in a snippet.
pub(super) const SNIPPET_CONTEXT: usize = 70;

/// How one query word or phrase matched a passage: the best kind, if it
/// did, and the (first, last) positions where it matched that well.
#[derive(Debug, Default, Clone)]
struct Spans {
    kind: Option<MatchKind>,
    at: Vec<(u32, u32)>,
}

impl Spans {
    fn clear(&mut self) {
        self.kind = None;
        self.at.clear();
    }

    /// Keeps `span` if it matched at least as well as those kept.
    fn offer(&mut self, kind: MatchKind, span: (u32, u32)) {
        match self.kind {
            Some(best) if best > kind => {}
            Some(best) if best == kind => self.at.push(span),
            _ => {
                self.kind = Some(kind);
                self.at.clear();
                self.at.push(span);
            }
        }
    }
}

/// The terms that may stand at one position, and how well each matches.
type Slot = Vec<(u32, MatchKind)>;

/// One way a query word or phrase can be found.
#[derive(Debug)]
enum Alternative {
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
    fn best_kind(&self) -> Option<MatchKind> {
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

impl QueryGroup {
    /// The best kind of match any of its alternatives can give; `None` for
    /// a group found nowhere.
    fn best_kind(&self) -> Option<MatchKind> {
        self.best_kinds.iter().flatten().max().copied()
    }
}

/// Which passages pass one still reads, once ranking knows the others
/// cannot enter the results (see `ranking::Walk::narrowing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Narrow {
    /// Where the query's words stand together.
    Together,
    /// Those, and Side Effects passages holding every group's best words.
    BestInSideEffects,
    /// Those, and passages holding a match of every group.
    AllGroups,
}

/// A word or phrase of the query and the ways it can match.
#[derive(Debug)]
struct QueryGroup {
    /// The query's own words (as typed, or by prefix or typo), if all are
    /// in the index: what must stand next to the other groups' for the
    /// query's words to stand together.
    literal: Option<Vec<Slot>>,
    alternatives: Vec<Alternative>,
    /// Each alternative's [`Alternative::best_kind`].
    best_kinds: Vec<Option<MatchKind>>,
    symptom_like: bool,
    /// Query words it spans (a synonym phrase spans several).
    words: usize,
}

impl Index {
    /// Indexes every pane of every drug, plus names, brands, aliases, class,
    /// forms and route (under Usage) and the boxed warning (under Side Effects).
    pub fn build<'a>(drugs: impl IntoIterator<Item = &'a Monograph>, synonyms: Synonyms) -> Self {
        let mut texts = Vec::new();
        let built = builder::build(drugs, &phrases::wanted(&synonyms), &mut texts);
        texts.shrink_to_fit();
        Self::from_parts(built, store::Texts::Memory(texts), synonyms)
    }

    /// The index of `built`, with its postings unpacked for searching.
    fn from_parts(built: builder::Built, texts: store::Texts, synonyms: Synonyms) -> Self {
        let builder::Built {
            vocabulary,
            terms,
            sorted,
            by_length,
            lists,
            phrases,
            passages,
            marks,
            ..
        } = built;
        let lists = lists
            .into_iter()
            .map(|list| list.entries().collect())
            .collect();
        Index {
            passages,
            vocabulary,
            sorted,
            phrases: phrases::by_terms(phrases, terms.len()),
            terms,
            postings: store::Postings::Memory(lists),
            texts,
            by_length,
            synonyms,
            scratch: Default::default(),
            marks,
        }
    }

    /// The word position and byte offset of the last mark at or before
    /// `position` in `passage`: where to start reading to reach that word.
    fn mark_before(&self, passage: u32, position: u32) -> (u32, usize) {
        let mark = position / MARK_EVERY;
        let at = self.passages.get(passage).first_mark + mark;
        // A damaged cache may lack the mark: then read from the start.
        match self.marks.get(at as usize) {
            Some(&offset) => (mark * MARK_EVERY, offset as usize),
            None => (0, 0),
        }
    }

    /// Number of distinct terms.
    pub fn vocabulary_len(&self) -> usize {
        self.terms.len()
    }

    /// Whether a search read damaged data from a cache file; its results
    /// should not be trusted, and the index should be rebuilt.
    pub fn damaged(&self) -> bool {
        match &self.postings {
            store::Postings::Memory(_) => false,
            store::Postings::File { reader, .. } => reader.damaged(),
        }
    }

    /// Makes search's working space now, so that no search typed later
    /// pays for it: the browser calls this off the input thread, before
    /// search is offered.
    pub fn prepare_for_typing(&self) {
        let mut scratch = self
            .scratch
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        scratch.kinds.take_pages(self.passages.len());
        scratch.slots.take_pages(self.passages.len());
    }

    /// The lay-word synonyms the index expands queries with.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// Number of passages (paragraphs, bullets, headings) indexed.
    pub fn passages_len(&self) -> usize {
        self.passages.len()
    }

    /// Results for `query`, best first, one per drug and pane, optionally
    /// within one pane.
    pub fn search(&self, query: &str, only: Option<Pane>, limit: usize) -> Vec<SearchHit> {
        self.hits(&self.rank(query, only, limit))
    }

    /// Like [`Index::search`], but one result per section (each FAQ, each
    /// side-effect group) rather than per pane.
    pub fn search_sections(&self, query: &str, only: Option<Pane>, limit: usize) -> Vec<SearchHit> {
        self.hits(&self.rank_grouped(query, only, limit, true))
    }

    /// Like [`Index::search`], without snippets yet: see [`Index::hit`].
    pub fn rank(&self, query: &str, only: Option<Pane>, limit: usize) -> Ranked {
        self.rank_grouped(query, only, limit, false)
    }

    /// Every result of `ranked`, with snippets.
    fn hits(&self, ranked: &Ranked) -> Vec<SearchHit> {
        (0..ranked.len())
            .filter_map(|i| self.hit(ranked, i))
            .collect()
    }

    /// Splits query terms into words and synonym phrases, each with its matches.
    fn groups(&self, query: &[String]) -> Vec<QueryGroup> {
        let mut groups = Vec::new();
        let mut i = 0;
        while i < query.len() {
            let (len, synonyms) = self
                .synonyms
                .longest_at(&query[i..])
                .unwrap_or((1, Vec::new()));
            let literal: Vec<Vec<(u32, MatchKind)>> = (i..i + len)
                .map(|j| self.expand(&query[j], j + 1 == query.len()))
                .collect();
            let mut alternatives = Vec::new();
            let found = literal.iter().all(|slot| !slot.is_empty());
            if found {
                if len > 1 {
                    // "black stools" should also find "black, tarry stools".
                    alternatives.push(Alternative::AllOf(literal.clone()));
                }
                alternatives.push(Alternative::Phrase(literal.clone()));
            }
            for phrase in &synonyms {
                let slots: Option<Vec<_>> = phrase
                    .iter()
                    .map(|t| {
                        self.vocabulary
                            .get(t)
                            .map(|id| vec![(id, MatchKind::Synonym)])
                    })
                    .collect();
                alternatives.extend(slots.map(Alternative::Phrase));
            }
            let alternatives = alternatives
                .into_iter()
                .map(|alternative| self.whole_if_stored(alternative))
                .collect::<Vec<_>>();
            groups.push(QueryGroup {
                literal: found.then_some(literal),
                best_kinds: alternatives.iter().map(Alternative::best_kind).collect(),
                alternatives,
                symptom_like: !synonyms.is_empty(),
                words: len,
            });
            i += len;
        }
        groups
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
                words: slots.len() as u32,
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
        let exact = self.vocabulary.get(term);
        if let Some(id) = exact {
            out.push((id, MatchKind::Exact));
        }
        if term.chars().count() >= 3 && (last || exact.is_none()) {
            let start = self
                .sorted
                .partition_point(|id| self.terms[*id as usize].as_str() < term);
            out.extend(
                self.sorted[start..]
                    .iter()
                    .take_while(|id| self.terms[**id as usize].starts_with(term))
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
                let mut candidate = self.terms[**id as usize].chars();
                let (a, b) = (candidate.next(), candidate.next());
                a == chars.first().copied() || b == chars.get(1).copied()
            })
            .filter(|id| {
                pattern
                    .distance_within(&self.terms[**id as usize], limit)
                    .is_some()
            })
            .copied()
            .collect()
    }
}

/// The passages of a monograph: (pane, section, text). Each pane's passages
/// come together, so search can take the best of each pane in one pass:
/// names, brands, aliases, class, forms and route first, under Usage; the
/// boxed warning first under Side Effects.
fn passages(m: &Monograph) -> Vec<(Pane, Option<u32>, String)> {
    let mut out = Vec::new();
    for pane in Pane::ALL {
        match pane {
            Pane::Usage => {
                let identity = std::iter::once(&m.name)
                    .chain(&m.brands)
                    .chain(&m.aliases)
                    .chain(std::iter::once(&m.drug_class))
                    .chain(&m.dosage_forms)
                    .chain(std::iter::once(&m.route));
                out.extend(identity.map(|t| (pane, None, t.clone())));
            }
            Pane::SideEffects => {
                out.extend(m.boxed_warning.iter().map(|w| (pane, None, w.clone())))
            }
            _ => {}
        }
        for (s, section) in document(m, pane).into_iter().enumerate() {
            let s = Some(s as u32);
            out.extend(section.title.map(|t| (pane, s, t)));
            for block in &section.blocks {
                out.extend(Block::pieces(block).iter().map(|p| (pane, s, p.clone())));
            }
        }
    }
    out
}

/// An excerpt of `text` around the first highlight, with highlights moved
/// into the excerpt's offsets.
fn snippet(text: &str, ranges: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let first = ranges.first().map_or(0, |r| r.0);
    let mut start = first.saturating_sub(SNIPPET_CONTEXT);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        // Begin at a word boundary.
        start = text[start..first]
            .find(' ')
            .map_or(start, |i| start + i + 1);
    }
    let mut end = (first + 2 * SNIPPET_CONTEXT).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        end = text[first..end].rfind(' ').map_or(end, |i| first + i);
    }
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let snippet = format!("{prefix}{}{suffix}", &text[start..end]);
    let shift = prefix.len();
    let highlights = ranges
        .iter()
        .filter(|(a, b)| *a >= start && *b <= end)
        .map(|(a, b)| (a - start + shift, b - start + shift))
        .collect();
    (snippet, highlights)
}
