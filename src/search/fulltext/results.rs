//! What a ranked query gives a reader: each result with its snippet, how
//! many more of its drug's passages match, the totals a cut list is out
//! of, and a drug's other passages when its row is opened out.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::PoisonError;

use super::lookup::Lookup;
use super::matching::PassageMatch;
use super::query::QueryGroup;
use super::ranking::{Ranked, Rows};
use super::scratch::Scratches;
use super::{Index, MatchKind, SearchHit, Spans};
use crate::narrow::to_u32;
use crate::pane::Pane;

/// How many drugs and passages a query matches in all, however many are
/// shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Drugs with at least one matching passage.
    pub drugs: usize,
    /// Matching passages.
    pub passages: usize,
}

impl Index {
    /// Result `rank` of `ranked` (0 is the best), with its snippet.
    pub fn hit(&self, ranked: &Ranked, rank: usize) -> Option<SearchHit> {
        let &(_, passage) = ranked.results.get(rank)?;
        let mut lookup = Lookup::new(self);
        let groups = &ranked.query.groups;
        let named = ranked.query.named(passage);
        let slots: Vec<Spans> = groups
            .iter()
            .map(|g| {
                let mut spans = Spans::default();
                Index::group_match(g, passage, &mut lookup, &mut spans);
                if spans.kind.is_none() && named && !g.implied().is_empty() {
                    spans.kind = Some(MatchKind::Implied);
                }
                spans
            })
            .collect();
        let matched = slots.iter().filter(|s| s.kind.is_some()).count();
        let mut hit = self.make_hit(passage, &slots, matched, groups.len());
        hit.urgency = self.passages.get(passage).urgency;
        if ranked.rows == Some(Rows::Drug) {
            let drug = self.drug_passages(passage);
            hit.more = self.matching_in(groups, drug).saturating_sub(1);
        }
        Some(hit)
    }

    /// How many passages of `span` hold any of the query's words: those
    /// holding the rarest part of one of a group's alternatives are read
    /// from the postings, then each is checked, in passage order, by a
    /// lookup that reads the lists of `span` forward (a drug's few dozen
    /// passages, where a word being typed may have dozens of terms).
    fn matching_in(&self, groups: &[QueryGroup], span: Range<u32>) -> usize {
        let mut candidates: Vec<u32> = Vec::new();
        for alternative in groups.iter().flat_map(|g| &g.alternatives) {
            for (term, _) in self.rarest_part(alternative) {
                candidates.extend(self.within(term, &span).iter().map(|&(p, _)| p));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut lookup = Lookup::forward(self, &span, candidates.len());
        candidates
            .into_iter()
            .filter(|&passage| {
                groups
                    .iter()
                    .any(|g| Self::group_kind(g, passage, None, &mut lookup, &[]).is_some())
            })
            .count()
    }

    /// How many drugs and passages hold any of the words of `query`
    /// (within `only`, if given). Unlike ranking, this reads every list to
    /// its end: the command line asks once, the browser not per keystroke.
    pub fn totals(&self, query: &str, only: Option<Pane>) -> Totals {
        let query = self.understand(query);
        if query.groups.is_empty() {
            return Totals::default();
        }
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let Scratches { kinds, slots } = &mut *scratch;
        let all = 0..to_u32(self.passages.len());
        self.kinds(&query.groups, only, kinds, slots, &all);
        let mut drugs = HashSet::new();
        let mut passages = 0;
        for (passage, packed) in kinds.in_order(&all) {
            let found = PassageMatch(packed);
            let by_words = (0..query.groups.len())
                .filter_map(|g| found.kind(g))
                .any(|kind| kind != MatchKind::Implied);
            if by_words {
                passages += 1;
                drugs.insert(self.passages.get(passage).drug);
            }
        }
        Totals {
            drugs: drugs.len(),
            passages,
        }
    }

    /// The other matching passages of the drug of result `rank`, best
    /// first: what its row's "+N more" stands for.
    pub fn rank_more(&self, ranked: &Ranked, rank: usize, limit: usize) -> Ranked {
        let Some(&(_, shown)) = ranked.results.get(rank) else {
            return Ranked::default();
        };
        let drug = self.drug_passages(shown);
        let query = ranked.query.clone();
        let mut more = self.rank_within(query, None, limit.saturating_add(1), Rows::Passage, drug);
        more.results.retain(|&(_, passage)| passage != shown);
        more.results.truncate(limit);
        more
    }

    /// The FAQs that answer `query`, as (drug, FAQ number), best first:
    /// those matching as many of its words or phrases as the best one does.
    /// The FAQ search of the browser and of `rxdoc faq`.
    pub fn faqs(&self, query: &str) -> Vec<(usize, usize)> {
        let hits = self.search_sections(query, Some(Pane::Faqs), usize::MAX);
        let best = hits.iter().map(|h| h.matched).max().unwrap_or(0);
        hits.iter()
            .filter(|h| h.matched == best)
            .filter_map(|h| Some((h.drug, h.section?)))
            .collect()
    }
}
