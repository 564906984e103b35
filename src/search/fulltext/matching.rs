//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage).
//! Positions are then looked up by binary search in the postings only where
//! they matter: adjacency for passages that match every word, and
//! highlights for the results returned.

use std::sync::PoisonError;

use super::scratch::{Scratch, Scratches};
use super::{
    Alternative, GroupMatch, Index, MatchKind, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot,
    snippet,
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

/// Where pass one keeps a lone group's best whole-phrase kind.
const LONE_PHRASE_SHIFT: u32 = 4;

/// A drug and pane (and section, when results are per section).
type RunKey = (u32, Pane, Option<u32>);

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
        let mut scratch = self.scratch.lock().unwrap_or_else(PoisonError::into_inner);
        let Scratches { kinds, slots } = &mut *scratch;
        self.kinds(&groups, only, kinds, slots);
        // Passages of one drug's pane (or section) come together: keep the
        // best of each run.
        let mut ranked: Vec<(Score, u32)> = Vec::new();
        let mut run: Option<(RunKey, Score, u32)> = None;
        for (passage, packed) in kinds.in_order() {
            let p = self.passages.get(passage);
            let key = (p.drug, p.pane, if by_section { p.section } else { None });
            let side_effects = symptom_like && p.pane == Pane::SideEffects;
            let (low, may_adjoin) = self.bounds(&groups, packed, side_effects);
            let high = Score {
                adjacent: low.adjacent || may_adjoin,
                ..low
            };
            match &mut run {
                // Positions are only looked up when the passage could beat
                // the best of its run so far.
                Some((k, best, best_passage)) if *k == key => {
                    if high > *best {
                        let score = self.settle(&groups, passage, low, high);
                        if score > *best {
                            (*best, *best_passage) = (score, passage);
                        }
                    }
                }
                _ => {
                    ranked.extend(run.take().map(|(_, score, p)| (score, p)));
                    run = Some((key, self.settle(&groups, passage, low, high), passage));
                }
            }
        }
        ranked.extend(run.map(|(_, score, p)| (score, p)));
        drop(scratch);
        let mut ranked: Vec<(u128, Score, u32)> = ranked
            .into_iter()
            .map(|(score, passage)| (self.rank_key(score, passage), score, passage))
            .collect();
        if ranked.len() > limit {
            ranked.select_nth_unstable_by_key(limit - 1, |r| r.0);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by_key(|r| r.0);
        ranked
            .into_iter()
            .map(|(_, score, passage)| {
                let slots: Vec<GroupMatch> = groups
                    .iter()
                    .map(|g| self.group_match(g, passage))
                    .collect();
                self.hit(passage, &slots, score.matched as usize, groups.len())
            })
            .collect()
    }

    /// Sorts best first; ties by drug name, pane, then position in the
    /// text. One integer, so ranking thousands of candidates compares no
    /// strings.
    fn rank_key(&self, score: Score, passage: u32) -> u128 {
        let p = self.passages.get(passage);
        let Score {
            matched,
            adjacent,
            quality,
            side_effects,
        } = score;
        // Fields in `Score`'s order of importance; quality is at most 4 per
        // query word, so 7 bits.
        let packed =
            (matched << 9) | (u32::from(adjacent) << 8) | (quality << 1) | u32::from(side_effects);
        (u128::from(u32::MAX - packed) << 96)
            | (u128::from(self.name_rank[p.drug as usize]) << 64)
            | ((p.pane.index() as u128) << 32)
            | u128::from(passage)
    }

    /// Pass one: for every passage matching any group, the best kind per group.
    fn kinds(
        &self,
        groups: &[QueryGroup],
        only: Option<Pane>,
        kinds: &mut Scratch,
        slots_scratch: &mut Scratch,
    ) {
        kinds.reset(self.passages.len());
        // With one group, the next four bits are free: they keep the best
        // kind among whole phrases of several words, which is what
        // adjacency means for a lone phrase, so it needs no positions later.
        let lone = groups.len() == 1;
        for (g, group) in groups.iter().enumerate() {
            let shift = 4 * g as u32;
            let mut record = |passage: u32, kind: MatchKind, phrase: bool| {
                if only.is_none_or(|p| self.passages.get(passage).pane == p) {
                    kinds.raise(passage, shift, code(kind));
                    if phrase && lone {
                        kinds.raise(passage, LONE_PHRASE_SHIFT, code(kind));
                    }
                }
            };
            let mut alternatives = group.alternatives.iter().peekable();
            while let Some(alternative) = alternatives.next() {
                match alternative {
                    // The literal words, anywhere and as a phrase: one pass
                    // over their lists serves both.
                    Alternative::AllOf(slots)
                        if alternatives.peek().is_some_and(
                            |next| matches!(next, Alternative::Phrase(p) if p == slots),
                        ) =>
                    {
                        alternatives.next();
                        let record = std::cell::RefCell::new(&mut record);
                        self.words(
                            slots,
                            slots_scratch,
                            Some(&mut |p, k| (record.borrow_mut())(p, k, false)),
                            Some(&mut |p, k| (record.borrow_mut())(p, k, true)),
                        );
                    }
                    Alternative::Phrase(slots) if slots.len() == 1 => {
                        for &(term, kind) in &slots[0] {
                            let mut last = None;
                            for &(passage, _) in self.postings.get(term) {
                                if last != Some(passage) {
                                    record(passage, kind, false);
                                    last = Some(passage);
                                }
                            }
                        }
                    }
                    Alternative::Phrase(slots) => self.words(
                        slots,
                        slots_scratch,
                        None,
                        Some(&mut |p, k| record(p, k, true)),
                    ),
                    Alternative::AllOf(slots) => {
                        self.all_of(slots, slots_scratch, &mut |p, k| record(p, k, false))
                    }
                }
            }
        }
    }

    /// The postings of `term` in one passage.
    fn positions(&self, term: u32, passage: u32) -> &[(u32, u32)] {
        let list = self.postings.get(term);
        let start = list.partition_point(|&(p, _)| p < passage);
        let len = list[start..].partition_point(|&(p, _)| p == passage);
        &list[start..start + len]
    }

    /// Passages holding every slot (`anywhere`) and passages where the slots
    /// stand in order (`in_order`), each with the weakest kind. Phrases are
    /// found whichever way reads less: from each occurrence of the rarest
    /// word, checking the others around it by binary search; or, when every
    /// word is common, in one pass that also serves `anywhere`.
    fn words(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        mut anywhere: Option<&mut dyn FnMut(u32, MatchKind)>,
        mut in_order: Option<&mut dyn FnMut(u32, MatchKind)>,
    ) {
        let counts: Vec<usize> = slots
            .iter()
            .map(|slot| slot.iter().map(|(t, _)| self.postings.get(*t).len()).sum())
            .collect();
        let Some((rarest, &fewest)) = counts.iter().enumerate().min_by_key(|(_, n)| **n) else {
            return;
        };
        let most = counts.iter().max().copied().unwrap_or(0);
        let by_search = fewest * (most.max(2).ilog2() as usize + 1);
        let by_scan = counts.iter().sum::<usize>() + self.passages.len() / 16;
        if let Some(found) = in_order.as_mut().filter(|_| by_search <= by_scan) {
            self.phrase_around(slots, rarest, found);
            in_order = None;
        }
        if anywhere.is_none() && in_order.is_none() {
            return;
        }
        // Candidates come in passage order, so each word's list is read
        // once, front to back, instead of searched per candidate.
        let mut cursors: Vec<Vec<usize>> = slots.iter().map(|s| vec![0; s.len()]).collect();
        let mut here: Vec<Vec<(u32, MatchKind)>> = vec![Vec::new(); slots.len()];
        self.all_of(slots, scratch, &mut |passage, worst| {
            if let Some(found) = anywhere.as_mut() {
                found(passage, worst);
            }
            let Some(found) = in_order.as_mut() else {
                return;
            };
            for ((slot, cursors), here) in slots.iter().zip(&mut cursors).zip(&mut here) {
                here.clear();
                for (&(term, kind), cursor) in slot.iter().zip(cursors.iter_mut()) {
                    let list = self.postings.get(term);
                    while list.get(*cursor).is_some_and(|&(p, _)| p < passage) {
                        *cursor += 1;
                    }
                    let from = *cursor;
                    while list.get(*cursor).is_some_and(|&(p, _)| p == passage) {
                        *cursor += 1;
                    }
                    here.extend(list[from..*cursor].iter().map(|&(_, at)| (at, kind)));
                }
            }
            if let Some(kind) = phrase_among(&here) {
                found(passage, kind);
            }
        });
    }

    /// Phrases found from each occurrence of slot `anchor`'s words.
    fn phrase_around(&self, slots: &[Slot], anchor: usize, found: &mut dyn FnMut(u32, MatchKind)) {
        for &(term, kind) in &slots[anchor] {
            for &(passage, position) in self.postings.get(term) {
                let Some(start) = position.checked_sub(anchor as u32) else {
                    continue;
                };
                let worst = self
                    .phrase_at(&slots[..anchor], passage, start, kind)
                    .and_then(|w| self.phrase_at(&slots[anchor + 1..], passage, position + 1, w));
                if let Some(worst) = worst {
                    found(passage, worst);
                }
            }
        }
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
            let (_, kind) = slot
                .iter()
                .find(|(t, _)| self.postings.get(*t).binary_search(&(passage, at)).is_ok())?;
            worst = worst.min(*kind);
        }
        Some(worst)
    }

    /// Passages holding every slot somewhere, with the weakest best kind.
    fn all_of(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        found: &mut impl FnMut(u32, MatchKind),
    ) {
        scratch.reset(self.passages.len());
        let slots = &slots[..slots.len().min(MAX_QUERY_TERMS)];
        for (i, slot) in slots.iter().enumerate() {
            for &(term, kind) in slot {
                for &(passage, _) in self.postings.get(term) {
                    scratch.raise(passage, 4 * i as u32, code(kind));
                }
            }
        }
        for (passage, packed) in scratch.in_order() {
            let worst = (0..slots.len()).try_fold(MatchKind::Exact, |worst, i| {
                decode((packed >> (4 * i)) & 0xF).map(|kind| worst.min(kind))
            });
            if let Some(worst) = worst {
                found(passage, worst);
            }
        }
    }

    /// A passage's score as far as pass one knows it, and whether adjacency,
    /// which needs positions, could still raise it: when several groups all
    /// matched. (A lone phrase's adjacency is known already.)
    fn bounds(&self, groups: &[QueryGroup], packed: u64, side_effects: bool) -> (Score, bool) {
        let kinds = (0..groups.len()).filter_map(|g| decode((packed >> (4 * g)) & 0xF));
        let (matched, quality) = kinds.fold((0, 0), |(n, q), k| (n + 1, q + k.weight()));
        let mut score = Score {
            matched: matched as u32,
            adjacent: false,
            quality,
            side_effects,
        };
        if groups.len() == 1 {
            // A lone phrase stands together when its best match was a whole
            // phrase (see `kinds`).
            let best = packed & 0xF;
            score.adjacent =
                groups[0].words > 1 && best != 0 && (packed >> LONE_PHRASE_SHIFT) & 0xF == best;
            return (score, false);
        }
        (score, matched == groups.len())
    }

    /// `high` if the query's words stand together in the passage, else `low`.
    fn settle(&self, groups: &[QueryGroup], passage: u32, low: Score, high: Score) -> Score {
        if high == low {
            return low;
        }
        let slots: Vec<GroupMatch> = groups
            .iter()
            .map(|g| self.group_match(g, passage))
            .collect();
        if adjacent(&slots) { high } else { low }
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
        let p = self.passages.get(passage);
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
        let text = self.texts.get(passage);
        let from = if text.is_char_boundary(from) { from } else { 0 };
        for_each_term_while(&text[from..], |_, start, end| {
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
        let (snippet, highlights) = snippet(&text, &ranges);
        SearchHit {
            drug: p.drug as usize,
            pane: p.pane,
            section: p.section.map(|s| s as usize),
            passage: text.into_owned(),
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

/// The best kind with which one position from each slot's list (positions
/// in one passage, in slot-term order) stands in order next to the others.
/// As in [`Index::phrase_at`], a later slot takes its first term found there.
fn phrase_among(slots: &[Vec<(u32, MatchKind)>]) -> Option<MatchKind> {
    let (first, rest) = slots.split_first()?;
    first
        .iter()
        .filter_map(|&(start, kind)| {
            rest.iter()
                .enumerate()
                .try_fold(kind, |worst, (offset, slot)| {
                    let at = start + offset as u32 + 1;
                    slot.iter()
                        .find(|(p, _)| *p == at)
                        .map(|(_, k)| worst.min(*k))
                })
        })
        .max()
}
