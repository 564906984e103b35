//! Ranking: the best passage of each drug (or pane, section, passage:
//! see [`Rows`]), and the best `limit` of those.
//!
//! The rule is [`Score`]'s order, field by field; FORMAT.md states it for
//! readers with a worked example. Passages are numbered in drug-name
//! order, then pane order, and visited in that order (those of the drugs
//! the query names first: no other passage ties with them), so among
//! passages equal in every field the one seen first wins. A result can
//! therefore only displace a kept one by scoring strictly higher, and once
//! `limit` results have the best score the query allows, the rest is not
//! visited at all; and once every kept result scores as well as a passage
//! can without the query's words standing together (or without one of its
//! groups), later passages are matched only where they do stand together
//! (or hold that group). Scores come from pass one and the
//! passage's own record alone (see `matching`): no text or position is
//! read while ranking.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::ControlFlow;
use std::ops::Range;
use std::sync::PoisonError;

use super::matching::PassageMatch;
use super::passage::{Passage, Urgency};
use super::query::{Query, QueryGroup};
use super::reach::Reach;
use super::scratch::{Scratch, Scratches};
use super::{Index, MatchKind, Narrow};
use crate::narrow::to_u32;
use crate::pane::Pane;

/// How well one passage answers the query. Compared field by field, in the
/// order written, best first: this order is the ranking rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Score {
    /// The summed weights of the query's groups it matches: rare words
    /// weigh more than common ones, drug names and symptoms more than
    /// other words, a pane's name less (see `query::Meaning`).
    meaning: u32,
    /// It belongs to a drug the query names.
    named: bool,
    /// The query's own words stand next to each other in it, in order.
    adjacent: bool,
    /// How well its words match, summed over the groups: exact > synonym >
    /// prefix > typo > implied by the drug's name.
    quality: u32,
    /// It is in the pane the query asks about (by a section word, or Side
    /// Effects for a symptom).
    wanted_pane: bool,
    /// How short it is: a short passage is about what it matches, where a
    /// long one may only mention it.
    brevity: Brevity,
    /// For a query about side effects: how urgent its group is.
    urgency: Urgency,
}

/// How short a passage is, in steps: finer steps would make most results
/// differ here, and a search could then never stop early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Brevity(u8);

impl Brevity {
    const SHORTEST: Brevity = Brevity(3);
    const LONGEST: Brevity = Brevity(0);

    fn of(words: u16) -> Self {
        Brevity(match words {
            0..=3 => 3,
            4..=8 => 2,
            9..=20 => 1,
            _ => 0,
        })
    }
}

/// What one result stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows {
    /// A drug: its best passage.
    Drug,
    /// A drug's pane.
    Pane,
    /// A section of a drug's pane (each FAQ, each side-effect group).
    Section,
    /// Every passage.
    Passage,
}

/// A drug, and the pane, section or passage when results are per those.
type RunKey = (u32, Option<Pane>, Option<u32>, Option<u32>);

impl Rows {
    fn key(self, p: &Passage, passage: u32) -> RunKey {
        match self {
            Rows::Drug => (p.drug, None, None, None),
            Rows::Pane => (p.drug, Some(p.pane), None, None),
            Rows::Section => (p.drug, Some(p.pane), p.section, None),
            Rows::Passage => (p.drug, Some(p.pane), p.section, Some(passage)),
        }
    }
}

/// The passages of one result so far, and the best of them.
struct Run {
    key: RunKey,
    best: Option<(Score, u32)>,
}

/// How many results a search chooses before ordering them, whatever it
/// shows: brevity and urgency order the chosen ones (see [`ceiling`]), so
/// every limit up to this one shows the first rows of the same list.
pub const SELECTION: usize = 200;

/// Passages shortest at the start of a search, where the best results
/// of a common query are usually all found.
const FIRST_WINDOW: u32 = 4096;

/// The state of ranking, passage by passage.
struct Walk<'q> {
    query: &'q Query,
    rows: Rows,
    /// The best score the query allows.
    ceiling: Score,
    /// The best score of a passage where one of the groups that match
    /// somewhere does not, if at least two do.
    one_fewer: Option<Score>,
    /// The heaviest of those groups, and the best score of a passage
    /// without it.
    without_heaviest: Option<(usize, Score)>,
    best: Best,
    run: Option<Run>,
    /// Whether the passages of the drugs the query names are still being
    /// visited: they come first, and only they can be [`Score::named`].
    among_named: bool,
    /// How far each alternative of the query reaches, found once a search
    /// reads past its first window.
    reach: Option<Reach>,
    /// How many alternatives the bounds already leave out.
    ended: usize,
}

impl Walk<'_> {
    /// Takes in one passage's pass-one match; `Break` once nothing later
    /// can enter the results.
    fn visit(&mut self, index: &Index, passage: u32, packed: u64) -> ControlFlow<()> {
        // What pass one says bounds the score: a passage that could not
        // beat the worst kept result even at its best is passed over before
        // its record is read. (Its run is closed by the next passage
        // visited, or at the end.)
        let Some(found) = Found::of(&self.query.groups, packed) else {
            return ControlFlow::Continue(());
        };
        if !self.best.admits(found.bound(&self.ceiling)) {
            return ControlFlow::Continue(());
        }
        let p = index.passages.get(passage);
        let score = found.score(self.query, passage, &p);
        if !self.best.admits(score) {
            return ControlFlow::Continue(());
        }
        let key = self.rows.key(&p, passage);
        if let Some(done) = self.run.take_if(|r| r.key != key) {
            self.best.offer(done.best);
            if self.done() {
                return ControlFlow::Break(());
            }
        }
        let run = self.run.get_or_insert(Run { key, best: None });
        if self.best.admits(score) && run.best.is_none_or(|(b, _)| score > b) {
            run.best = Some((score, passage));
        }
        ControlFlow::Continue(())
    }

    /// Whether every kept result has the best score the query allows, so
    /// nothing later can rank higher.
    fn done(&self) -> bool {
        self.best.full_of(self.ceiling)
    }

    /// Called once the named drugs' passages are all visited: no passage
    /// left can be named, so the best any can score is lower, and the
    /// search may stop as soon as its results reach that.
    fn leave_named(&mut self) {
        if !self.among_named {
            return;
        }
        self.among_named = false;
        self.unname();
    }

    /// The bounds of passages no query can name.
    fn unname(&mut self) {
        self.ceiling.named = false;
        for score in self
            .one_fewer
            .iter_mut()
            .chain(self.without_heaviest.iter_mut().map(|(_, score)| score))
        {
            score.named = false;
        }
    }

    /// Lowers the bounds to what the passages from `from` on allow: an
    /// alternative whose lists all end before `from` (a drug's name being
    /// typed, a rare word) can raise no score there. Passages are still
    /// visited in order, so no tie is decided differently.
    fn bound_from(&mut self, index: &Index, from: u32) {
        let reach = self
            .reach
            .get_or_insert_with(|| Reach::of(index, self.query));
        let ended = reach.ended_before(from);
        if ended == self.ended {
            return;
        }
        self.ended = ended;
        let left = reach.from(self.query, from);
        self.ceiling = ceiling(&left);
        self.one_fewer = one_fewer(&left);
        self.without_heaviest = without_heaviest(&left);
        if !self.among_named {
            self.unname();
        }
    }

    /// Which passages alone could still enter the results, if not all:
    /// - only where the query's words stand together (for a lone group:
    ///   where one of its phrases of several words is found whole), when
    ///   every kept result scores as well as any other passage can;
    /// - those, or, for several groups, passages of the wanted pane where
    ///   every group matches as well as it can, when only a passage outside
    ///   it can do no better than the kept ones (a lone group's best words
    ///   are too common there for this to pay);
    /// - those where every group matches somehow, when a passage missing one
    ///   can do no better;
    /// - those holding the heaviest group, when a passage missing it can do
    ///   no better.
    ///
    /// The passages of the drugs a query names are never narrowed: they
    /// match without its words. The rest of the library is, as for any
    /// query: once the named drugs are seen, a drug's name is a word like
    /// any other (its other names, its completions while it is typed).
    fn narrowing(&self) -> Option<Narrow> {
        if self.among_named {
            return None;
        }
        let apart = Score {
            adjacent: false,
            ..self.ceiling
        };
        let groups = &self.query.groups;
        if self.best.full_of(apart) {
            Some(Narrow::Together)
        } else if let Some(pane) = self.query.wanted_pane.filter(|_| groups.len() > 1)
            && self.best.full_of(Score {
                wanted_pane: false,
                ..apart
            })
        {
            Some(Narrow::BestInPane(pane))
        } else if self.one_fewer.is_some_and(|score| self.best.full_of(score)) {
            Some(Narrow::AllGroups)
        } else {
            self.without_heaviest
                .filter(|&(_, score)| self.best.full_of(score))
                .map(|(g, _)| Narrow::Holding(g))
        }
    }

    /// The results, best first.
    fn finish(mut self) -> Vec<(Score, u32)> {
        self.best.offer(self.run.and_then(|r| r.best));
        self.best.into_sorted()
    }
}

/// A query's results, ranked, whose snippets are made only when asked for
/// ([`Index::hit`]): reading texts and placing highlights costs more than
/// ranking, and a screen shows a few dozen results at most.
#[derive(Debug, Default)]
pub struct Ranked {
    pub(super) query: Query,
    /// Best first.
    pub(super) results: Vec<(Score, u32)>,
    /// What one result stands for.
    pub(super) rows: Option<Rows>,
}

impl Ranked {
    /// Number of results.
    pub fn len(&self) -> usize {
        self.results.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }
}

impl Index {
    /// Results for `query`, best first, one per [`Rows`], optionally within
    /// one pane.
    pub fn rank_rows(&self, query: &str, only: Option<Pane>, limit: usize, rows: Rows) -> Ranked {
        let mut query = self.understand(query);
        if let Some(pane) = only {
            // Within one pane, a wish for another means nothing.
            query.wanted_pane = query.wanted_pane.filter(|p| *p == pane);
        }
        let all = 0..to_u32(self.passages.len());
        let mut ranked = self.rank_within(query, only, limit.max(SELECTION), rows, all);
        ranked.results.truncate(limit);
        ranked
    }

    /// Results of an understood query among the passages `span`.
    pub(super) fn rank_within(
        &self,
        query: Query,
        only: Option<Pane>,
        limit: usize,
        rows: Rows,
        span: Range<u32>,
    ) -> Ranked {
        if query.groups.is_empty() || limit == 0 {
            return Ranked::default();
        }
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let Scratches { kinds, slots } = &mut *scratch;
        let mut walk = Walk {
            query: &query,
            rows,
            ceiling: ceiling(&query),
            one_fewer: one_fewer(&query),
            without_heaviest: without_heaviest(&query),
            best: Best::new(limit),
            run: None,
            among_named: query.names_a_drug(),
            reach: None,
            ended: 0,
        };
        // The drugs the query names first: only their passages can be
        // named, so none of the others ties with them, and the order they
        // are seen in changes no result. Once they are seen, the best the
        // rest can score is lower, and the walk may stop early as for any
        // query; a name still being typed ("uri" of "Urizol") would
        // otherwise have every keystroke read to the end of the library.
        let named = clip(&query.named_passages(), &span);
        let mut size = FIRST_WINDOW.max(to_u32(self.passages.len()) / 64);
        for (stretch, among_named) in named
            .iter()
            .map(|r| (r, true))
            .chain(gaps(&span, &named).iter().map(|r| (r, false)))
        {
            if !among_named {
                walk.leave_named();
            }
            // A named drug's passages are few: one window each.
            let mut whole = stretch.end - stretch.start;
            let size = if among_named { &mut whole } else { &mut size };
            if self
                .walk_stretch(&mut walk, (only, kinds, slots), stretch, size)
                .is_break()
            {
                break;
            }
        }
        let results = walk.finish();
        drop(scratch);
        Ranked {
            query,
            results,
            rows: Some(rows),
        }
    }

    /// Matches and visits the passages of `stretch`, a window at a time, so
    /// a query whose best results are plentiful stops early; windows
    /// double from `size` (left at the next window's size), so one that
    /// must see everything pays little for them. `Break` once nothing
    /// later can enter the results.
    fn walk_stretch(
        &self,
        walk: &mut Walk<'_>,
        (only, kinds, slots): (Option<Pane>, &mut Scratch, &mut Scratch),
        stretch: &Range<u32>,
        size: &mut u32,
    ) -> ControlFlow<()> {
        let groups = &walk.query.groups;
        let mut start = stretch.start;
        while start < stretch.end {
            // Past the first window, where a common query usually stops,
            // what the query can still match may have narrowed.
            if !walk.among_named && start >= FIRST_WINDOW {
                walk.bound_from(self, start);
            }
            if walk.done() {
                return ControlFlow::Break(());
            }
            let window = start..stretch.end.min(start.saturating_add(*size));
            let narrowing = walk
                .narrowing()
                .filter(|narrow| self.narrowing_pays(groups, *narrow, &window));
            if let Some(narrow) = narrowing {
                self.kinds_narrowed(groups, only, narrow, kinds, slots, &window);
            } else {
                self.kinds(groups, only, kinds, slots, &window);
            }
            if kinds
                .in_order(&window)
                .any(|(passage, packed)| walk.visit(self, passage, packed).is_break())
            {
                return ControlFlow::Break(());
            }
            start = window.end;
            *size = size.saturating_mul(2);
        }
        ControlFlow::Continue(())
    }
}

/// The parts of `ranges` (ascending, apart) within `span`.
fn clip(ranges: &[Range<u32>], span: &Range<u32>) -> Vec<Range<u32>> {
    ranges
        .iter()
        .map(|r| r.start.max(span.start)..r.end.min(span.end))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The parts of `span` outside `ranges` (ascending, apart, within it).
fn gaps(span: &Range<u32>, ranges: &[Range<u32>]) -> Vec<Range<u32>> {
    let mut gaps = Vec::with_capacity(ranges.len() + 1);
    let mut start = span.start;
    for range in ranges {
        gaps.push(start..range.start);
        start = range.end;
    }
    gaps.push(start..span.end);
    gaps.retain(|g| !g.is_empty());
    gaps
}

/// What pass one found in a passage, summed over the query's groups.
struct Found {
    /// How many groups match.
    matched: usize,
    /// Their summed weights.
    meaning: u32,
    /// Their summed kinds, each as found.
    quality: u32,
    /// The same, a drug name's own kind counted as implied.
    quality_in_named: u32,
    adjacent: bool,
}

impl Found {
    /// The sums of one passage's pass-one record; `None` if none of the
    /// query's words are in it (a named drug's other passages are part of
    /// the drug, not answers).
    fn of(groups: &[QueryGroup], packed: u64) -> Option<Self> {
        let record = PassageMatch(packed);
        let mut found = Found {
            matched: 0,
            meaning: 0,
            quality: 0,
            quality_in_named: 0,
            adjacent: false,
        };
        let mut by_words = false;
        for (g, group) in groups.iter().enumerate() {
            let Some(kind) = record.kind(g) else {
                continue;
            };
            by_words |= kind != MatchKind::Implied;
            found.matched += 1;
            found.meaning += group.weight;
            found.quality += kind.weight();
            // In a named drug's own passages, saying its name is no better
            // than not: what else the passage says decides.
            found.quality_in_named += match group.implied() {
                [] => kind.weight(),
                _ => MatchKind::Implied.weight(),
            };
        }
        found.adjacent = if let [lone] = groups {
            // A lone phrase stands together when its best match was a whole
            // phrase (see `kinds`).
            lone.words > 1 && record.kind(0).is_some() && record.lone_phrase() == record.kind(0)
        } else {
            found.matched == groups.len() && record.together()
        };
        by_words.then_some(found)
    }

    /// The best score a passage with these matches can have, wherever it is.
    fn bound(&self, ceiling: &Score) -> Score {
        Score {
            meaning: self.meaning,
            adjacent: self.adjacent,
            quality: self.quality,
            brevity: Brevity::SHORTEST,
            urgency: Urgency::Emergency,
            ..*ceiling
        }
    }

    /// The score of `passage`, whose record is `p`.
    fn score(&self, query: &Query, passage: u32, p: &Passage) -> Score {
        let named = query.names_a_drug() && query.named(passage);
        let wanted_pane = query.wanted_pane == Some(p.pane);
        Score {
            meaning: self.meaning,
            named,
            adjacent: self.adjacent,
            quality: if named {
                self.quality_in_named
            } else {
                self.quality
            },
            wanted_pane,
            brevity: Brevity::of(p.words),
            urgency: if wanted_pane && p.pane == Pane::SideEffects {
                p.urgency
            } else {
                Urgency::None
            },
        }
    }
}

/// Each group's best kind of match, for the groups that match somewhere,
/// with the group.
fn best_kinds(groups: &[QueryGroup]) -> Vec<(MatchKind, &QueryGroup)> {
    groups
        .iter()
        .filter_map(|g| Some((g.best_kind()?, g)))
        .collect()
}

/// The best score of a passage missing one of the groups that match
/// somewhere (the lightest, at best), if at least two do: their words
/// cannot stand together there. Meaning and quality are bounded apart, so
/// the bound is never below what such a passage can score.
fn one_fewer(query: &Query) -> Option<Score> {
    let best = best_kinds(&query.groups);
    (best.len() > 1).then(|| {
        let lightest = best.iter().map(|(_, g)| g.weight).min().unwrap_or(0);
        let weakest = best.iter().map(|(k, _)| k.weight()).min().unwrap_or(0);
        apart_without(query, lightest, weakest)
    })
}

/// The heaviest of the groups that match somewhere, if at least two do,
/// and the best score of a passage without it: the others all matched as
/// well as they can, standing apart.
fn without_heaviest(query: &Query) -> Option<(usize, Score)> {
    let found = || {
        query
            .groups
            .iter()
            .enumerate()
            .filter_map(|(g, group)| Some((g, group.best_kind()?, group)))
    };
    let (heaviest, kind, group) = found().max_by_key(|(_, _, group)| group.weight)?;
    (found().count() > 1).then(|| (heaviest, apart_without(query, group.weight, kind.weight())))
}

/// The ceiling less `meaning` and `quality`, the query's words apart: the
/// best a passage can score without a group that would add them.
fn apart_without(query: &Query, meaning: u32, quality: u32) -> Score {
    let top = ceiling(query);
    Score {
        meaning: top.meaning - meaning,
        adjacent: false,
        quality: top.quality - quality,
        ..top
    }
}

/// The best score any passage could reach for this query: every group
/// matched as well as its terms allow, standing together, in the drug the
/// query names and the pane it wants, as urgent and short as can be.
fn ceiling(query: &Query) -> Score {
    let groups = &query.groups;
    let best = best_kinds(groups);
    // A word found nowhere (one still being typed, too short to complete)
    // can match no passage: the others' best is the best there is, and
    // they cannot stand together with it.
    let all_found = best.len() == groups.len();
    let wanted_pane = query.wanted_pane.is_some();
    Score {
        meaning: best.iter().map(|(_, g)| g.weight).sum(),
        named: query.names_a_drug(),
        adjacent: all_found && (groups.len() > 1 || groups.iter().any(|g| g.words > 1)),
        quality: best.iter().map(|(k, _)| k.weight()).sum(),
        wanted_pane,
        // Brevity and urgency order the results kept, but a search does
        // not read on for a shorter or more urgent one once it has enough
        // that are best in every other way: a common word would otherwise
        // be read to the end of the library on every keystroke.
        brevity: Brevity::LONGEST,
        urgency: Urgency::None,
    }
}

/// The best results so far: at most `limit`, the worst on top.
struct Best {
    limit: usize,
    /// Worst first: lowest score, then the latest passage.
    heap: BinaryHeap<(Reverse<Score>, u32)>,
}

impl Best {
    fn new(limit: usize) -> Self {
        Best {
            limit,
            heap: BinaryHeap::new(),
        }
    }

    /// Whether a passage later than every one kept, scoring `score`, would
    /// be kept: there is room, or it beats the worst.
    fn admits(&self, score: Score) -> bool {
        self.heap.len() < self.limit || self.heap.peek().is_some_and(|(Reverse(w), _)| score > *w)
    }

    /// Keeps a run's best passage if it ranks among the best.
    fn offer(&mut self, result: Option<(Score, u32)>) {
        let Some((score, passage)) = result.filter(|(score, _)| self.admits(*score)) else {
            return;
        };
        self.heap.push((Reverse(score), passage));
        if self.heap.len() > self.limit {
            self.heap.pop();
        }
    }

    /// Whether every kept result scores `ceiling`: nothing later can rank higher.
    fn full_of(&self, ceiling: Score) -> bool {
        self.heap.len() == self.limit
            && self
                .heap
                .peek()
                .is_some_and(|(Reverse(w), _)| *w >= ceiling)
    }

    /// The results, best first.
    fn into_sorted(self) -> Vec<(Score, u32)> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|(Reverse(score), passage)| (score, passage))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::Synonyms;

    fn score(meaning: u32, quality: u32) -> Score {
        Score {
            meaning,
            named: false,
            adjacent: false,
            quality,
            wanted_pane: false,
            urgency: Urgency::None,
            brevity: Brevity(0),
        }
    }

    /// Drug `i` of a library, named so that libraries sort as numbered,
    /// whose How it Works says `text`.
    fn drug_saying(i: usize, text: &str) -> crate::model::Monograph {
        let mut drug = super::super::testamol_saying(text);
        drug.id = format!("d{i:03}");
        drug.name = format!("Drug{i:03}");
        drug.brands.clear();
        drug.aliases.clear();
        drug
    }

    /// The order results are chosen in, brevity and urgency aside: a search
    /// stops once its results are best in every other way.
    fn chosen_by(score: Score) -> Score {
        Score {
            brevity: Brevity::LONGEST,
            urgency: Urgency::None,
            ..score
        }
    }

    #[test]
    fn past_a_rare_words_last_passage_the_best_allowed_is_lower() {
        // "rasp" is said once, early; "raspy", which it begins, only at
        // the end, and "walks" everywhere. The query's best is "rasp"
        // matched exactly, which no passage after the early one can give:
        // from there the search is bounded as for "walks raspy", and what
        // it did not read must still rank no higher than what it chose.
        let drugs: Vec<_> = (0..400)
            .map(|i| {
                let text = match i {
                    7 => "A rasp follows. Take it after evening walks.",
                    370.. => "A raspy voice follows. Take it after evening walks.",
                    _ => "A mild chill follows. Take it after evening walks.",
                };
                drug_saying(i, text)
            })
            .collect();
        let index = Index::build(&drugs, Synonyms::default());
        assert!(index.passages_len() > 2 * FIRST_WINDOW as usize);
        let all = index
            .rank_rows("walks rasp", None, usize::MAX, Rows::Drug)
            .results;
        let chosen = index
            .rank_rows("walks rasp", None, SELECTION, Rows::Drug)
            .results;
        assert_eq!(chosen.len(), SELECTION);
        let worst = chosen.iter().map(|&(s, _)| chosen_by(s)).min();
        for (score, passage) in &all {
            if !chosen.iter().any(|(_, p)| p == passage) {
                assert!(
                    Some(chosen_by(*score)) <= worst,
                    "passage {passage} outranks"
                );
            }
        }
        // Both words: the early drug and the thirty at the end, first.
        let drug = |passage: u32| index.passages.get(passage).drug as usize;
        let both: Vec<usize> = chosen[..31].iter().map(|&(_, p)| drug(p)).collect();
        assert!(both.contains(&7) && both.contains(&399), "{both:?}");
    }

    #[test]
    fn keeps_the_best_with_earlier_passages_winning_ties() {
        let mut best = Best::new(2);
        best.offer(Some((score(1, 2), 10)));
        best.offer(Some((score(1, 4), 20)));
        assert!(
            !best.admits(score(1, 2)),
            "a tie with a kept result, seen later, loses"
        );
        best.offer(Some((score(1, 2), 30)));
        assert!(best.admits(score(1, 3)));
        best.offer(Some((score(1, 3), 40)));
        best.offer(None);
        assert_eq!(
            best.into_sorted(),
            vec![(score(1, 4), 20), (score(1, 3), 40)]
        );
    }

    #[test]
    fn named_stretches_and_the_gaps_between_them_cover_a_span_once() {
        let named = clip(&[2..5, 8..12, 20..30], &(4..22));
        assert_eq!(named, vec![4..5, 8..12, 20..22]);
        assert_eq!(gaps(&(4..22), &named), vec![5..8, 12..20]);
        assert_eq!(gaps(&(0..10), &[]), vec![0..10]);
        let whole = std::iter::once(0..10).collect::<Vec<_>>();
        assert_eq!(gaps(&(0..10), &whole), Vec::<Range<u32>>::new());
        assert!(clip(&whole, &(10..19)).is_empty());
    }

    #[test]
    fn is_full_only_when_every_result_reaches_the_ceiling() {
        let mut best = Best::new(2);
        best.offer(Some((score(2, 8), 1)));
        assert!(!best.full_of(score(2, 8)), "room is left");
        best.offer(Some((score(2, 7), 2)));
        assert!(!best.full_of(score(2, 8)));
        best.offer(Some((score(2, 8), 3)));
        assert!(best.full_of(score(2, 8)));
    }
}
