//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage).
//! Positions are then looked up by binary search in the postings only where
//! they matter: adjacency for passages that match every word, and
//! highlights for the results returned.

use std::cmp::{Ordering, Reverse};

use rustc_hash::FxHashMap;

use super::{
    Alternative, GroupMatch, Index, MatchKind, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot, snippet,
};
use crate::pane::Pane;
use crate::search::normalize::{for_each_term_while, terms};

/// Longest query considered, in words; the rest is ignored. Each word takes
/// four bits of a `u64` in pass one.
const MAX_QUERY_TERMS: usize = 16;

fn code(kind: MatchKind) -> u64 {
    kind as u64 + 1
}

fn decode(code: u64) -> Option<MatchKind> {
    match code {
        1 => Some(MatchKind::Typo),
        2 => Some(MatchKind::Prefix),
        3 => Some(MatchKind::Synonym),
        4 => Some(MatchKind::Exact),
        _ => None,
    }
}

/// How good one passage's match is; compares best-first with `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    matched: u32,
    adjacent: bool,
    quality: u32,
    side_effects: bool,
}

impl Index {
    pub(super) fn search_grouped(
        &self,
        query: &str,
        only: Option<Pane>,
        limit: usize,
        by_section: bool,
    ) -> Vec<SearchHit> {
        let mut query_terms = terms(query);
        query_terms.truncate(MAX_QUERY_TERMS);
        let groups = self.groups(&query_terms);
        if groups.is_empty() || limit == 0 {
            return Vec::new();
        }
        let symptom_like = groups.iter().any(|g| g.symptom_like);
        // Best passage per (drug, pane) or per (drug, pane, section).
        let mut best: FxHashMap<(u32, Pane, Option<u32>), (Score, u32)> = FxHashMap::default();
        for (passage, packed) in self.kinds(&groups, only) {
            let p = &self.passages[passage as usize];
            let score = self.score(
                &groups,
                passage,
                packed,
                symptom_like && p.pane == Pane::SideEffects,
            );
            let key = (p.drug, p.pane, if by_section { p.section } else { None });
            let entry = best.entry(key).or_insert((score, passage));
            if (score, Reverse(passage)) > (entry.0, Reverse(entry.1)) {
                *entry = (score, passage);
            }
        }
        let mut ranked: Vec<(Score, u32)> = best.into_values().collect();
        let order = |a: &(Score, u32), b: &(Score, u32)| self.order(a, b);
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit - 1, order);
            ranked.truncate(limit);
        }
        ranked.sort_by(order);
        ranked
            .into_iter()
            .map(|(score, passage)| {
                let slots: Vec<GroupMatch> = groups
                    .iter()
                    .map(|g| self.group_match(g, passage))
                    .collect();
                self.hit(passage, &slots, score.matched as usize, groups.len())
            })
            .collect()
    }

    /// Best first; ties by drug name, pane, then position in the text.
    fn order(&self, (sa, pa): &(Score, u32), (sb, pb): &(Score, u32)) -> Ordering {
        let (a, b) = (&self.passages[*pa as usize], &self.passages[*pb as usize]);
        sb.cmp(sa)
            .then_with(|| self.names[a.drug as usize].cmp(&self.names[b.drug as usize]))
            .then_with(|| a.pane.cmp(&b.pane))
            .then_with(|| pa.cmp(pb))
    }

    /// Pass one: for every passage matching any group, the best kind per group.
    fn kinds(&self, groups: &[QueryGroup], only: Option<Pane>) -> FxHashMap<u32, u64> {
        let mut kinds: FxHashMap<u32, u64> = FxHashMap::default();
        for (g, group) in groups.iter().enumerate() {
            let shift = 4 * g as u32;
            let mut record = |passage: u32, kind: MatchKind| {
                if only.is_some_and(|p| self.passages[passage as usize].pane != p) {
                    return;
                }
                let packed = kinds.entry(passage).or_insert(0);
                if (*packed >> shift) & 0xF < code(kind) {
                    *packed = (*packed & !(0xF << shift)) | (code(kind) << shift);
                }
            };
            for alternative in &group.alternatives {
                match alternative {
                    Alternative::Phrase(slots) if slots.len() == 1 => {
                        for &(term, kind) in &slots[0] {
                            let mut last = None;
                            for &(passage, _) in &self.postings[term as usize] {
                                if last != Some(passage) {
                                    record(passage, kind);
                                    last = Some(passage);
                                }
                            }
                        }
                    }
                    Alternative::Phrase(slots) => {
                        for &(term, kind) in &slots[0] {
                            for &(passage, position) in &self.postings[term as usize] {
                                if let Some(worst) =
                                    self.phrase_at(&slots[1..], passage, position + 1, kind)
                                {
                                    record(passage, worst);
                                }
                            }
                        }
                    }
                    Alternative::AllOf(slots) => {
                        for (passage, kind) in self.all_of(slots) {
                            record(passage, kind);
                        }
                    }
                }
            }
        }
        kinds
    }

    /// The postings of `term` in one passage.
    fn positions(&self, term: u32, passage: u32) -> &[(u32, u32)] {
        let list = &self.postings[term as usize];
        let start = list.partition_point(|&(p, _)| p < passage);
        let len = list[start..].partition_point(|&(p, _)| p == passage);
        &list[start..start + len]
    }

    /// Whether the remaining slots follow at `position` onwards; the weakest kind if so.
    fn phrase_at(
        &self,
        rest: &[Slot],
        passage: u32,
        position: u32,
        mut worst: MatchKind,
    ) -> Option<MatchKind> {
        for (offset, slot) in rest.iter().enumerate() {
            let at = position + offset as u32;
            let (_, kind) = slot.iter().find(|(t, _)| {
                self.postings[*t as usize]
                    .binary_search(&(passage, at))
                    .is_ok()
            })?;
            worst = worst.min(*kind);
        }
        Some(worst)
    }

    /// Passages holding every slot somewhere, with the weakest best kind.
    fn all_of(&self, slots: &[Slot]) -> Vec<(u32, MatchKind)> {
        let per_slot: Vec<FxHashMap<u32, MatchKind>> = slots
            .iter()
            .map(|slot| {
                let mut found: FxHashMap<u32, MatchKind> = FxHashMap::default();
                for &(term, kind) in slot {
                    for &(passage, _) in &self.postings[term as usize] {
                        let best = found.entry(passage).or_insert(kind);
                        *best = (*best).max(kind);
                    }
                }
                found
            })
            .collect();
        let Some((first, rest)) = per_slot.split_first() else {
            return Vec::new();
        };
        first
            .iter()
            .filter_map(|(passage, kind)| {
                rest.iter()
                    .try_fold(*kind, |worst, s| s.get(passage).map(|k| worst.min(*k)))
                    .map(|worst| (*passage, worst))
            })
            .collect()
    }

    fn score(&self, groups: &[QueryGroup], passage: u32, packed: u64, side_effects: bool) -> Score {
        let kinds = (0..groups.len()).filter_map(|g| decode((packed >> (4 * g)) & 0xF));
        let (matched, quality) = kinds.fold((0, 0), |(n, q), k| (n + 1, q + k.weight()));
        // Adjacency needs positions; it only matters when every group matched
        // and there is something to be adjacent (two groups, or one phrase).
        let worth_checking = matched == groups.len() && (groups.len() > 1 || groups[0].words > 1);
        let adjacent = worth_checking && {
            let slots: Vec<GroupMatch> = groups
                .iter()
                .map(|g| self.group_match(g, passage))
                .collect();
            adjacent(&slots)
        };
        Score {
            matched: matched as u32,
            adjacent,
            quality,
            side_effects,
        }
    }

    /// Where and how well one group matches one passage.
    fn group_match(&self, group: &QueryGroup, passage: u32) -> GroupMatch {
        let mut best: GroupMatch = None;
        let mut offer = |kind: MatchKind, span: (u32, u32)| match &mut best {
            Some((b, spans)) if *b == kind => spans.push(span),
            Some((b, _)) if *b > kind => {}
            slot => *slot = Some((kind, vec![span])),
        };
        for alternative in &group.alternatives {
            match alternative {
                Alternative::Phrase(slots) => {
                    for &(term, kind) in &slots[0] {
                        for &(_, position) in self.positions(term, passage) {
                            if let Some(worst) =
                                self.phrase_at(&slots[1..], passage, position + 1, kind)
                            {
                                offer(worst, (position, position + slots.len() as u32 - 1));
                            }
                        }
                    }
                }
                Alternative::AllOf(slots) => {
                    let found: Vec<Vec<(u32, MatchKind)>> = slots
                        .iter()
                        .map(|slot| {
                            slot.iter()
                                .flat_map(|&(t, k)| {
                                    self.positions(t, passage).iter().map(move |&(_, p)| (p, k))
                                })
                                .collect()
                        })
                        .collect();
                    if found.iter().all(|f| !f.is_empty()) {
                        let worst = found
                            .iter()
                            .map(|f| f.iter().map(|(_, k)| *k).max().unwrap_or(MatchKind::Typo))
                            .min()
                            .unwrap_or(MatchKind::Typo);
                        for (position, _) in found.into_iter().flatten() {
                            offer(worst, (position, position));
                        }
                    }
                }
            }
        }
        best
    }

    fn hit(&self, passage: u32, slots: &[GroupMatch], matched: usize, wanted: usize) -> SearchHit {
        let p = &self.passages[passage as usize];
        let mut positions: Vec<u32> = slots
            .iter()
            .flatten()
            .flat_map(|(_, spans)| spans.iter().flat_map(|(a, b)| *a..=*b))
            .collect();
        positions.sort_unstable();
        // Read the passage from the mark before the first match, without
        // allocating per word, keeping the byte ranges of matched positions;
        // stop past the snippet, as only highlights inside it are shown.
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let (mut index, from) = positions
            .first()
            .map_or((0, 0), |first| self.mark_before(passage, *first));
        for_each_term_while(&p.text[from..], |_, start, end| {
            let (start, end) = (start + from, end + from);
            if ranges
                .first()
                .is_some_and(|first| start > first.0 + 2 * SNIPPET_CONTEXT)
            {
                return false;
            }
            if positions.binary_search(&index).is_ok() {
                ranges.push((start, end));
            }
            index += 1;
            true
        });
        let (snippet, highlights) = snippet(&p.text, &ranges);
        SearchHit {
            drug: p.drug as usize,
            pane: p.pane,
            section: p.section.map(|s| s as usize),
            passage: p.text.clone(),
            snippet,
            highlights,
            matched,
            wanted,
        }
    }
}

/// Whether the query's words stand together: every group right after the
/// previous one somewhere, or, for a single phrase, the phrase intact.
fn adjacent(slots: &[GroupMatch]) -> bool {
    let spans: Vec<&Vec<(u32, u32)>> = slots.iter().flatten().map(|(_, s)| s).collect();
    if slots.len() == 1 {
        return spans.first().is_some_and(|s| s.iter().any(|(a, b)| b > a));
    }
    spans[0].iter().any(|&(_, mut end)| {
        spans[1..].iter().all(
            |next| match next.iter().find(|(start, _)| *start == end + 1) {
                Some(&(_, e)) => {
                    end = e;
                    true
                }
                None => false,
            },
        )
    })
}
