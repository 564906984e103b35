//! Ranking: the best passage of each drug's pane (or section), and the
//! best `limit` of those.
//!
//! Passages are numbered in drug-name order, then pane order, and visited
//! in that order, so among equal scores the one seen first wins. A result
//! can therefore only displace a kept one by scoring strictly higher, and
//! once `limit` results have the best score the query allows, the rest is
//! not visited at all; and once every kept result scores as well as a
//! passage can without the query's words standing together, later passages
//! are matched only where they do stand together. Scores come from pass one
//! alone (see `matching`): no positions are read while ranking.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::ControlFlow;
use std::sync::PoisonError;

use super::lists::Lookup;
use super::matching::{LONE_PHRASE_SHIFT, MAX_QUERY_TERMS, TOGETHER_SHIFT, decode};
use super::scratch::Scratches;
use super::{Index, MatchKind, Narrow, QueryGroup, SearchHit, Spans};
use crate::pane::Pane;
use crate::search::normalize::terms;

/// How good one passage's match is; compares best-first with `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    matched: u32,
    adjacent: bool,
    quality: u32,
    side_effects: bool,
}

/// A drug and pane (and section, when results are per section).
type RunKey = (u32, Pane, Option<u32>);

/// The passages of one drug's pane (or section) so far, and the best of them.
struct Run {
    key: RunKey,
    best: Option<(Score, u32)>,
}

/// Passages shortest at the start of a search, where the best results
/// of a common query are usually all found.
const FIRST_WINDOW: u32 = 4096;

/// The state of ranking, passage by passage.
struct Walk<'q> {
    groups: &'q [QueryGroup],
    by_section: bool,
    symptom_like: bool,
    /// The best score the query allows.
    ceiling: Score,
    /// The best score of a passage where one of the groups that match
    /// somewhere does not, if at least two do.
    one_fewer: Option<Score>,
    best: Best,
    run: Option<Run>,
}

impl Walk<'_> {
    /// Takes in one passage's pass-one match; `Break` once nothing later
    /// can enter the results.
    fn visit(&mut self, index: &Index, passage: u32, packed: u64) -> ControlFlow<()> {
        // A passage that could not beat the worst kept result even in Side
        // Effects is passed over before anything is read about it. (Its
        // run is then closed by the next passage visited, or at the end.)
        let score = index.score(self.groups, packed);
        let upper = Score {
            side_effects: self.symptom_like,
            ..score
        };
        if !self.best.admits(upper) {
            return ControlFlow::Continue(());
        }
        let p = index.passages.get(passage);
        let key = (
            p.drug,
            p.pane,
            if self.by_section { p.section } else { None },
        );
        if let Some(done) = self.run.take_if(|r| r.key != key) {
            self.best.offer(done.best);
            if self.done() {
                return ControlFlow::Break(());
            }
        }
        let run = self.run.get_or_insert(Run { key, best: None });
        let score = Score {
            side_effects: self.symptom_like && p.pane == Pane::SideEffects,
            ..score
        };
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

    /// Which passages alone could still enter the results, if not all:
    /// - only where the query's words stand together (for a lone group:
    ///   where one of its phrases of several words is found whole), when
    ///   every kept result scores as well as any other passage can;
    /// - those, or, for several groups, Side Effects passages where every
    ///   group matches as well as it can, when only a passage outside Side
    ///   Effects can do no better than the kept ones (a lone group's best
    ///   words are too common in Side Effects for this to pay);
    /// - those where every group matches somehow, when a passage missing one
    ///   can do no better.
    fn narrowing(&self) -> Option<Narrow> {
        let apart = Score {
            adjacent: false,
            ..self.ceiling
        };
        if self.best.full_of(apart) {
            Some(Narrow::Together)
        } else if apart.side_effects
            && self.groups.len() > 1
            && self.best.full_of(Score {
                side_effects: false,
                ..apart
            })
        {
            Some(Narrow::BestInSideEffects)
        } else if self.one_fewer.is_some_and(|score| self.best.full_of(score)) {
            Some(Narrow::AllGroups)
        } else {
            None
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
    groups: Vec<QueryGroup>,
    /// Best first.
    results: Vec<(Score, u32)>,
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
    /// Results for `query`, best first, one per drug and pane (or section,
    /// with `by_section`), optionally within one pane.
    pub(super) fn rank_grouped(
        &self,
        query: &str,
        only: Option<Pane>,
        limit: usize,
        by_section: bool,
    ) -> Ranked {
        let mut query_terms = terms(query);
        query_terms.truncate(MAX_QUERY_TERMS);
        let groups = self.groups(&query_terms);
        if groups.is_empty() || limit == 0 {
            return Ranked::default();
        }
        let symptom_like = groups.iter().any(|g| g.symptom_like);
        let side_effects = symptom_like && only.is_none_or(|p| p == Pane::SideEffects);
        let ceiling = ceiling(&groups, side_effects);
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let Scratches { kinds, slots } = &mut *scratch;
        // Both are made by the first search, rather than the second when
        // another first needs it (the browser has their pages taken
        // before; see `Index::prepare_for_typing`).
        slots.reset(self.passages.len());
        let mut walk = Walk {
            groups: &groups,
            by_section,
            symptom_like,
            ceiling,
            one_fewer: one_fewer(&groups, side_effects),
            best: Best::new(limit),
            run: None,
        };
        // Passages are matched a window at a time, so a query whose best
        // results are plentiful stops early; windows double, so one that
        // must see everything pays little for them.
        let total = self.passages.len() as u32;
        let mut window = 0..total.min(FIRST_WINDOW.max(total / 64));
        while !window.is_empty() && !walk.done() {
            if let Some(narrow) = walk.narrowing() {
                self.kinds_narrowed(&groups, only, narrow, kinds, slots, &window);
            } else {
                self.kinds(&groups, only, kinds, slots, &window);
            }
            if kinds
                .in_order(&window)
                .any(|(passage, packed)| walk.visit(self, passage, packed).is_break())
            {
                break;
            }
            let size = 2 * window.len() as u32;
            window = window.end..total.min(window.end.saturating_add(size));
        }
        let results = walk.finish();
        Ranked { groups, results }
    }

    /// A passage's score from pass one alone, outside Side Effects (the
    /// caller knows the pane).
    fn score(&self, groups: &[QueryGroup], packed: u64) -> Score {
        let kinds = (0..groups.len()).filter_map(|g| decode((packed >> (4 * g)) & 0xF));
        let (matched, quality) = kinds.fold((0, 0), |(n, q), k| (n + 1, q + k.weight()));
        let adjacent = if let [lone] = groups {
            // A lone phrase stands together when its best match was a whole
            // phrase (see `kinds`).
            let best = packed & 0xF;
            lone.words > 1 && best != 0 && (packed >> LONE_PHRASE_SHIFT) & 0xF == best
        } else {
            matched == groups.len() && (packed >> TOGETHER_SHIFT) & 0xF != 0
        };
        Score {
            matched: matched as u32,
            adjacent,
            quality,
            side_effects: false,
        }
    }

    /// Result `rank` of `ranked` (0 is the best), with its snippet.
    pub fn hit(&self, ranked: &Ranked, rank: usize) -> Option<SearchHit> {
        let &(score, passage) = ranked.results.get(rank)?;
        let mut lookup = Lookup::new(self);
        let slots: Vec<Spans> = ranked
            .groups
            .iter()
            .map(|g| {
                let mut spans = Spans::default();
                Index::group_match(g, passage, &mut lookup, &mut spans);
                spans
            })
            .collect();
        Some(self.make_hit(passage, &slots, score.matched as usize, ranked.groups.len()))
    }
}

/// Each group's best kind of match, for the groups that match somewhere.
fn best_kinds(groups: &[QueryGroup]) -> Vec<MatchKind> {
    groups.iter().filter_map(QueryGroup::best_kind).collect()
}

/// The best score of a passage missing one of the groups that match
/// somewhere (the weakest, at best), if at least two do: their words
/// cannot stand together there.
fn one_fewer(groups: &[QueryGroup], side_effects: bool) -> Option<Score> {
    let mut best = best_kinds(groups);
    best.sort_unstable();
    (best.len() > 1).then(|| Score {
        matched: best.len() as u32 - 1,
        adjacent: false,
        quality: best[1..].iter().map(|k| k.weight()).sum(),
        side_effects,
    })
}

/// The best score any passage could reach for this query: every group
/// matched as well as its terms allow, standing together, in Side Effects
/// if that counts.
fn ceiling(groups: &[QueryGroup], side_effects: bool) -> Score {
    let best = best_kinds(groups);
    // A word found nowhere (one still being typed, too short to complete)
    // can match no passage: the others' best is the best there is, and
    // they cannot stand together with it.
    let all_found = best.len() == groups.len();
    Score {
        matched: best.len() as u32,
        adjacent: all_found && (groups.len() > 1 || groups.iter().any(|g| g.words > 1)),
        quality: best.into_iter().map(MatchKind::weight).sum(),
        side_effects,
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

    fn score(matched: u32, quality: u32) -> Score {
        Score {
            matched,
            adjacent: false,
            quality,
            side_effects: false,
        }
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
