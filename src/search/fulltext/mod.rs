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
pub(crate) mod bytes;
mod chunked;
mod compact;
mod group;
mod lists;
mod lookup;
mod matching;
mod name_lines;
mod packer;
mod passage;
pub(crate) mod persist;
mod phrases;
mod positions;
mod postings;
mod query;
mod ranking;
mod reach;
mod reader;
mod results;
mod scratch;
mod spill;
mod store;
mod to_index;
mod together;
mod vocabulary;

use crate::model::Monograph;
use crate::pane::Pane;
use crate::search::synonyms::Synonyms;
pub use passage::Urgency;
use query::{Alternative, QueryGroup, Slot};
pub use ranking::{Ranked, Rows, SELECTION};
pub use results::Totals;
pub use to_index::ToIndex;

/// A kind as pass one stores it: 1 (implied) to 5 (exact), 0 being none.
fn code(kind: MatchKind) -> u64 {
    kind as u64 + 1
}

/// The kind stored as `code`, if any.
fn decode(code: u64) -> Option<MatchKind> {
    let index = usize::try_from(code).ok()?.checked_sub(1)?;
    MatchKind::ALL.get(index).copied()
}

/// How a query word met the text. Ordered worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Not in the words at all: the passage belongs to the drug the query
    /// names ("ibuprofen pregnancy" finds ibuprofen's pregnancy advice,
    /// which need not repeat the name).
    Implied,
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
    /// Every kind, worst to best.
    const ALL: [MatchKind; 5] = [
        MatchKind::Implied,
        MatchKind::Typo,
        MatchKind::Prefix,
        MatchKind::Synonym,
        MatchKind::Exact,
    ];

    /// What a match of this kind adds to a passage's quality.
    fn weight(self) -> u32 {
        match self {
            MatchKind::Implied => 1,
            MatchKind::Typo => 2,
            MatchKind::Prefix => 3,
            MatchKind::Synonym => 4,
            MatchKind::Exact => 5,
        }
    }
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
    /// How urgent the passage's side-effect group is, if it is in one.
    pub urgency: Urgency,
    /// With one result per drug: how many more of its passages match.
    pub more: usize,
}

/// The index over a set of monographs.
#[derive(Debug)]
pub struct Index {
    passages: store::Passages,
    /// Which passages are name lines, read without the passages table.
    names: name_lines::NameLines,
    /// Term ids sorted by term text, for lookups by text and by prefix.
    sorted: Vec<u32>,
    terms: crate::text_list::TextList,
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
    /// Each passage's pane, a byte a passage, once the browser has made it
    /// (see [`Index::prepare_for_typing`]).
    panes: std::sync::OnceLock<Box<[Pane]>>,
    /// Byte offset of every [`MARK_EVERY`]th word of each passage, so a
    /// highlight deep in a long passage is found without reading it all.
    marks: store::Marks,
}

/// Testamol, the tests' fixture, its How it Works saying `text`.
#[cfg(test)]
fn testamol_saying(text: &str) -> Monograph {
    let toml = include_str!("../../../tests/fixtures/good/testamol.toml");
    let mut drug = crate::load::parse_monograph("t.toml", toml.as_bytes()).expect("valid");
    drug.how_it_works.text = text.to_string();
    drug
}

/// Words between entries of [`Index::marks`].
const MARK_EVERY: u32 = 64;

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

/// Which passages pass one still reads, once ranking knows the others
/// cannot enter the results (see `ranking::Walk::narrowing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Narrow {
    /// Where the query's words stand together.
    Together,
    /// Those, and passages of this pane holding every group's best words.
    BestInPane(Pane),
    /// Those, and passages holding a match of every group.
    AllGroups,
    /// Those, and passages holding a match of group `g` (the heaviest): a
    /// rare word beside a common one, when the common one's passages fill
    /// the results and the rare one's are too few to.
    Holding(usize),
}

impl Index {
    /// Indexes every pane of every drug, plus names, brands, aliases, class,
    /// forms and route (under Usage) and the boxed warning (under Side Effects).
    /// Drugs handed over owned are let go one by one as they are indexed.
    pub fn build<D: ToIndex>(drugs: impl IntoIterator<Item = D>, synonyms: Synonyms) -> Self {
        let mut texts = Vec::new();
        let built = builder::build(drugs, &phrases::wanted(&synonyms), true, &mut texts);
        texts.shrink_to_fit();
        Self::from_parts(built, store::Texts::Memory(texts), synonyms)
    }

    /// The index of `built`, with its postings unpacked for searching.
    fn from_parts(built: builder::Built, texts: store::Texts, synonyms: Synonyms) -> Self {
        let builder::Built {
            terms,
            sorted,
            by_length,
            lists,
            phrases,
            passages,
            names,
            marks,
            ..
        } = built;
        let lists = lists
            .into_iter()
            .map(|list| list.entries().collect())
            .collect();
        Index {
            passages,
            names,
            sorted,
            phrases: phrases::by_terms(phrases, terms.len()),
            terms: terms.iter().map(String::as_str).collect(),
            postings: store::Postings::Memory(lists),
            texts,
            by_length,
            synonyms,
            scratch: Default::default(),
            panes: std::sync::OnceLock::new(),
            marks: store::Marks::Memory(marks),
        }
    }

    /// The word position and byte offset of the last mark at or before
    /// `position` in `passage`: where to start reading to reach that word.
    fn mark_before(&self, passage: u32, position: u32) -> (u32, usize) {
        let mark = position / MARK_EVERY;
        let at = self.passages.get(passage).first_mark + mark;
        // A damaged cache may lack the mark: then read from the start.
        match self.marks.get(at as usize) {
            Some(offset) => (mark * MARK_EVERY, offset as usize),
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

    /// Reads now every part of a stored index that searches read as they
    /// go: an index read whole answers as one read lazily.
    pub fn read_all(&self) {
        self.postings.load_all();
        if let store::Passages::File(passages) = &self.passages {
            passages.load_all();
        }
        if let store::Marks::File(marks) = &self.marks {
            marks.load_all();
        }
    }

    /// Makes search's working space now, and reads the passages' records,
    /// so that no search typed later pays for them: the browser calls this
    /// off the input thread, before search is offered.
    pub fn prepare_for_typing(&self) {
        let mut scratch = self
            .scratch
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        scratch.kinds.take_pages(self.passages.len());
        scratch.slots.take_pages(self.passages.len());
        drop(scratch);
        // Ranking reads the record of every passage it weighs, and a query
        // found across the library ("yellow skin") reads nearly every chunk
        // of them at its first keystroke: most of that keystroke's time.
        // Read once here, they take 17 bytes a passage (15 MB at 10,000
        // monographs); the command line, which runs one query, reads only
        // the chunks it needs.
        if let store::Passages::File(passages) = &self.passages {
            passages.load_all();
        }
        // A search limited to a pane, or wanting Side Effects, asks the
        // pane of each passage its rarest word is found in, in passage
        // order but far apart: from a byte a passage (5 MB at 50,000
        // monographs) rather than from records seventeen times as wide.
        self.panes.get_or_init(|| {
            (0..crate::narrow::to_u32(self.passages.len()))
                .map(|p| self.passages.get(p).pane)
                .collect()
        });
    }

    /// The pane of `passage`.
    fn pane_of(&self, passage: u32) -> Pane {
        match self.panes.get() {
            Some(panes) => panes[passage as usize],
            None => self.passages.get(passage).pane,
        }
    }

    /// The lay-word synonyms the index expands queries with.
    pub fn synonyms(&self) -> &Synonyms {
        &self.synonyms
    }

    /// The text of `passage`, as stored.
    #[cfg(test)]
    fn text_of(&self, passage: u32) -> std::borrow::Cow<'_, str> {
        self.texts.get(passage)
    }

    /// Number of passages (paragraphs, bullets, headings) indexed.
    pub fn passages_len(&self) -> usize {
        self.passages.len()
    }

    /// Results for `query`, best first, one per drug (its best passage),
    /// optionally within one pane.
    pub fn search(&self, query: &str, only: Option<Pane>, limit: usize) -> Vec<SearchHit> {
        self.search_rows(query, only, limit, Rows::Drug)
    }

    /// Like [`Index::search`], one result per `rows`.
    pub fn search_rows(
        &self,
        query: &str,
        only: Option<Pane>,
        limit: usize,
        rows: Rows,
    ) -> Vec<SearchHit> {
        self.hits(&self.rank_rows(query, only, limit, rows))
    }

    /// Like [`Index::search`], but one result per section (each FAQ, each
    /// side-effect group) rather than per drug.
    pub fn search_sections(&self, query: &str, only: Option<Pane>, limit: usize) -> Vec<SearchHit> {
        self.search_rows(query, only, limit, Rows::Section)
    }

    /// Like [`Index::search`], without snippets yet: see [`Index::hit`].
    pub fn rank(&self, query: &str, only: Option<Pane>, limit: usize) -> Ranked {
        self.rank_rows(query, only, limit, Rows::Drug)
    }

    /// Every result of `ranked`, with snippets.
    fn hits(&self, ranked: &Ranked) -> Vec<SearchHit> {
        (0..ranked.len())
            .filter_map(|i| self.hit(ranked, i))
            .collect()
    }
}

/// Every passage of `m` as search indexes it: its pane, the section of the
/// pane's document it is in (none for the name lines, details and boxed
/// warning), and its text.
pub fn passages_of(m: &Monograph) -> Vec<(Pane, Option<usize>, String)> {
    passage::pieces(m)
        .into_iter()
        .map(|p| (p.pane, p.section.map(|s| s as usize), p.text))
        .collect()
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
