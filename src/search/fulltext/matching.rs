//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage).
//! Positions are then looked up by binary search in the postings only where
//! they matter: adjacency for passages that match every word, and
//! highlights for the results returned.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::scratch::Scratch;
use super::{
    Alternative, GroupMatch, Index, MatchKind, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot,
    snippet,
};
use crate::pane::Pane;
use crate::search::normalize::for_each_term_while;

/// Longest query considered, in words; the rest is ignored. Each word takes
/// four bits of a `u64` in pass one.
pub(super) const MAX_QUERY_TERMS: usize = 16;

pub(super) fn code(kind: MatchKind) -> u64 {
    kind as u64 + 1
}

pub(super) fn decode(code: u64) -> Option<MatchKind> {
    match code {
        1 => Some(MatchKind::Typo),
        2 => Some(MatchKind::Prefix),
        3 => Some(MatchKind::Synonym),
        4 => Some(MatchKind::Exact),
        _ => None,
    }
}

/// Where pass one keeps a lone group's best whole-phrase kind.
pub(super) const LONE_PHRASE_SHIFT: u32 = 4;

/// A term's postings: (passage, position) pairs, ascending.
type List<'a> = &'a [(u32, u32)];

/// Where in one passage a slot's terms stand, and how well each matched.
type Positions = Vec<(u32, MatchKind)>;

impl Index {
    /// Pass one: for every passage in `window` matching any group, the best
    /// kind per group.
    pub(super) fn kinds(
        &self,
        groups: &[QueryGroup],
        only: Option<Pane>,
        kinds: &mut Scratch,
        slots_scratch: &mut Scratch,
        window: &Range<u32>,
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
                            window,
                            Some(&mut |p, k| (record.borrow_mut())(p, k, false)),
                            Some(&mut |p, k| (record.borrow_mut())(p, k, true)),
                        );
                    }
                    Alternative::Phrase(slots) if slots.len() == 1 => {
                        for &(term, kind) in &slots[0] {
                            let mut last = None;
                            for &(passage, _) in self.within(term, window) {
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
                        window,
                        None,
                        Some(&mut |p, k| record(p, k, true)),
                    ),
                    Alternative::AllOf(slots) => {
                        self.all_of(slots, slots_scratch, window, &mut |p, k| {
                            record(p, k, false)
                        })
                    }
                }
            }
        }
    }

    /// The postings of `term` in the passages of `window`.
    fn within(&self, term: u32, window: &Range<u32>) -> &[(u32, u32)] {
        let list = self.postings.get(term);
        let start = list.partition_point(|&(p, _)| p < window.start);
        let len = list[start..].partition_point(|&(p, _)| p < window.end);
        &list[start..start + len]
    }

    /// Passages holding every slot (`anywhere`) and passages where the slots
    /// stand in order (`in_order`), each with the weakest kind.
    fn words(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        window: &Range<u32>,
        mut anywhere: Option<&mut dyn FnMut(u32, MatchKind)>,
        mut in_order: Option<&mut dyn FnMut(u32, MatchKind)>,
    ) {
        let with_positions = in_order.is_some();
        self.conjunction(
            slots,
            scratch,
            window,
            with_positions,
            &mut |passage, worst, here| {
                if let Some(found) = anywhere.as_mut() {
                    found(passage, worst);
                }
                if let Some(found) = in_order.as_mut()
                    && let Some(kind) = phrase_among(here)
                {
                    found(passage, kind);
                }
            },
        );
    }

    /// Passages holding every slot somewhere, with the weakest best kind.
    fn all_of(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        window: &Range<u32>,
        found: &mut impl FnMut(u32, MatchKind),
    ) {
        self.conjunction(slots, scratch, window, false, &mut |passage, worst, _| {
            found(passage, worst)
        });
    }

    /// Passages holding every slot, in passage order, with the weakest of
    /// the slots' best kinds and, if asked, each slot's positions there.
    ///
    /// Candidates come from the rarest slot; the others are checked by
    /// galloping forward through their lists, so a common word's long list
    /// is skipped through rather than read whole.
    fn conjunction(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        window: &Range<u32>,
        with_positions: bool,
        found: &mut dyn FnMut(u32, MatchKind, &[Positions]),
    ) {
        let lists: Vec<Vec<&[(u32, u32)]>> = slots
            .iter()
            .map(|slot| slot.iter().map(|(t, _)| self.within(*t, window)).collect())
            .collect();
        let postings = |i: usize| -> usize { lists[i].iter().map(|l| l.len()).sum() };
        let Some(driver) = (0..slots.len()).min_by_key(|&i| postings(i)) else {
            return;
        };
        scratch.reset(self.passages.len());
        for (&(_, kind), list) in slots[driver].iter().zip(&lists[driver]) {
            for &(passage, _) in *list {
                scratch.raise(passage, 0, code(kind));
            }
        }
        let mut cursors: Vec<Vec<usize>> = slots.iter().map(|s| vec![0; s.len()]).collect();
        let mut here: Vec<Positions> = vec![Vec::new(); slots.len()];
        'candidates: for (passage, packed) in scratch.in_order(window) {
            let Some(mut worst) = decode(packed & 0xF) else {
                continue;
            };
            for (i, slot) in slots.iter().enumerate() {
                if i == driver && !with_positions {
                    continue;
                }
                here[i].clear();
                let mut best = None;
                for ((&(_, kind), list), cursor) in slot.iter().zip(&lists[i]).zip(&mut cursors[i])
                {
                    let at = seek(list, cursor, passage);
                    if !at.is_empty() {
                        best = best.max(Some(kind));
                        if with_positions {
                            here[i].extend(at.iter().map(|&(_, position)| (position, kind)));
                        }
                    }
                }
                match best {
                    Some(kind) => worst = worst.min(kind),
                    None => continue 'candidates,
                }
            }
            found(passage, worst, &here);
        }
    }

    /// Whether the remaining slots follow at `position` onwards; the
    /// weakest kind if so. (A position holds one term, so at most one of a
    /// slot's terms is found there, barring a term listed twice: then the
    /// better kind counts.)
    fn phrase_at(
        rest: &[Slot],
        passage: u32,
        position: u32,
        mut worst: MatchKind,
        lookup: &mut Lookup,
    ) -> Option<MatchKind> {
        for (offset, slot) in rest.iter().enumerate() {
            let at = position + offset as u32;
            let kind = lookup
                .slot(slot, passage)
                .iter()
                .filter(|(p, _)| *p == at)
                .map(|(_, kind)| *kind)
                .max()?;
            worst = worst.min(kind);
        }
        Some(worst)
    }

    /// Where and how well one group matches one passage.
    /// Alternatives that cannot match as well as `floor` are skipped: only
    /// the best kind's spans are kept.
    pub(super) fn group_match(
        group: &QueryGroup,
        passage: u32,
        floor: MatchKind,
        lookup: &mut Lookup,
    ) -> GroupMatch {
        let mut best: GroupMatch = None;
        let mut offer = |kind: MatchKind, span: (u32, u32)| match &mut best {
            Some((b, spans)) if *b == kind => spans.push(span),
            Some((b, _)) if *b > kind => {}
            slot => *slot = Some((kind, vec![span])),
        };
        let reachable = group
            .alternatives
            .iter()
            .filter(|a| a.best_kind().is_some_and(|k| k >= floor));
        for alternative in reachable {
            match alternative {
                Alternative::Phrase(slots) => {
                    for (position, kind) in lookup.slot(&slots[0], passage).to_vec() {
                        if let Some(worst) =
                            Self::phrase_at(&slots[1..], passage, position + 1, kind, lookup)
                        {
                            offer(worst, (position, position + slots.len() as u32 - 1));
                        }
                    }
                }
                Alternative::AllOf(slots) => {
                    let found: Vec<Positions> = slots
                        .iter()
                        .map(|slot| lookup.slot(slot, passage).to_vec())
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

    pub(super) fn make_hit(
        &self,
        passage: u32,
        slots: &[GroupMatch],
        matched: usize,
        wanted: usize,
    ) -> SearchHit {
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

/// Finds where a slot's terms stand in one passage: by binary search in
/// each term's list, or, when passages are asked for in ascending order, by
/// merging the slot's lists as the passages go, so that a slot of many
/// terms (a prefix's) costs only for the terms actually passed.
pub(super) struct Lookup<'a> {
    index: &'a Index,
    /// Per slot, its merge; `None` for binary search. Slots are known by
    /// address: they stay in place in the query for the whole search.
    merges: Option<FxHashMap<usize, Merge<'a>>>,
    /// The answer, when found by binary search.
    found: Positions,
}

impl<'a> Lookup<'a> {
    /// For passages asked for in any order.
    pub fn any_order(index: &'a Index) -> Self {
        Lookup {
            index,
            merges: None,
            found: Vec::new(),
        }
    }

    /// For passages asked for in ascending order only.
    pub fn ascending(index: &'a Index) -> Self {
        Lookup {
            merges: Some(FxHashMap::default()),
            ..Lookup::any_order(index)
        }
    }

    /// The positions of `slot`'s terms in `passage`, each with its kind.
    pub fn slot(&mut self, slot: &Slot, passage: u32) -> &[(u32, MatchKind)] {
        let index = self.index;
        match &mut self.merges {
            Some(merges) => merges
                .entry(slot.as_ptr() as usize)
                .or_insert_with(|| Merge::new(index, slot))
                .at(passage),
            None => {
                self.found.clear();
                for &(term, kind) in slot {
                    let list = index.postings.get(term);
                    let start = list.partition_point(|&(p, _)| p < passage);
                    let len = list[start..].partition_point(|&(p, _)| p == passage);
                    let here = &list[start..start + len];
                    self.found.extend(here.iter().map(|&(_, at)| (at, kind)));
                }
                &self.found
            }
        }
    }
}

/// The lists of one slot's terms, read together in passage order.
struct Merge<'a> {
    /// Per term: its list, its kind, and how far it has been read.
    lists: Vec<(List<'a>, MatchKind, usize)>,
    /// Each unfinished list's next passage, soonest first.
    next: BinaryHeap<Reverse<(u32, usize)>>,
    /// The passage asked for last, and the positions found there.
    last: Option<u32>,
    here: Positions,
}

impl<'a> Merge<'a> {
    fn new(index: &'a Index, slot: &Slot) -> Self {
        let lists: Vec<_> = slot
            .iter()
            .map(|&(term, kind)| (index.postings.get(term), kind, 0))
            .collect();
        let next = lists
            .iter()
            .enumerate()
            .filter_map(|(i, (list, _, _))| Some(Reverse((list.first()?.0, i))))
            .collect();
        Merge {
            lists,
            next,
            last: None,
            here: Vec::new(),
        }
    }

    /// The positions in `passage`, which is not before the one asked last.
    fn at(&mut self, passage: u32) -> &[(u32, MatchKind)] {
        if self.last == Some(passage) {
            return &self.here;
        }
        self.last = Some(passage);
        self.here.clear();
        while let Some(&Reverse((next, i))) = self.next.peek() {
            if next > passage {
                break;
            }
            self.next.pop();
            let (list, kind, cursor) = &mut self.lists[i];
            let found = seek(list, cursor, passage);
            self.here.extend(found.iter().map(|&(_, at)| (at, *kind)));
            *cursor += found.len();
            if let Some(&(p, _)) = list.get(*cursor) {
                self.next.push(Reverse((p, i)));
            }
        }
        &self.here
    }
}

/// The postings of `passage` in `list`, moving `cursor` forward to them:
/// in doubling steps, then by binary search, so a short hop costs a few
/// comparisons and a long one a logarithm.
fn seek<'a>(list: &'a [(u32, u32)], cursor: &mut usize, passage: u32) -> &'a [(u32, u32)] {
    let before = |&(p, _): &(u32, u32)| p < passage;
    if list.get(*cursor).is_some_and(before) {
        let mut low = *cursor;
        let mut step = 1;
        while list.get(low + step).is_some_and(before) {
            low += step;
            step *= 2;
        }
        let high = (low + step).min(list.len());
        *cursor = low + 1 + list[low + 1..high].partition_point(before);
    }
    let len = list[*cursor..]
        .iter()
        .take_while(|&&(p, _)| p == passage)
        .count();
    &list[*cursor..*cursor + len]
}

/// The best kind with which one position from each slot's list (positions
/// in one passage, in slot-term order) stands in order next to the others.
/// As in [`Index::phrase_at`], a later slot takes its first term found there.
fn phrase_among(slots: &[Positions]) -> Option<MatchKind> {
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

#[cfg(test)]
mod tests {
    use super::seek;

    #[test]
    fn seek_finds_each_passage_postings_moving_only_forward() {
        let list: Vec<(u32, u32)> = [(1, 0), (1, 4), (2, 1), (5, 0), (9, 2), (9, 3), (40, 0)]
            .into_iter()
            .chain((41..200).map(|p| (p, 0)))
            .collect();
        let mut cursor = 0;
        assert_eq!(seek(&list, &mut cursor, 1), &[(1, 0), (1, 4)]);
        assert_eq!(seek(&list, &mut cursor, 3), &[]);
        assert_eq!(seek(&list, &mut cursor, 9), &[(9, 2), (9, 3)]);
        assert_eq!(cursor, 4);
        // A long hop gallops, and lands exactly.
        assert_eq!(seek(&list, &mut cursor, 150), &[(150, 0)]);
        assert_eq!(list[cursor], (150, 0));
        assert_eq!(seek(&list, &mut cursor, 500), &[]);
        assert_eq!(cursor, list.len());
        // An earlier passage than the cursor's is not looked for again.
        assert_eq!(seek(&list, &mut cursor, 1), &[]);
    }
}
