//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage).
//! Positions are then looked up by binary search in the postings only where
//! they matter: adjacency for passages that match every word, and
//! highlights for the results returned.

use std::ops::Range;

use super::lists::{List, Lookup, Merge, Positions, seek, seek_entry};
use super::scratch::Scratch;
use super::{
    Alternative, Index, MatchKind, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot, Spans, snippet,
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
        anywhere: Option<&mut dyn FnMut(u32, MatchKind)>,
        in_order: Option<&mut dyn FnMut(u32, MatchKind)>,
    ) {
        // A phrase is best found from each occurrence of its rarest word,
        // looking beside it for the others, when that word is one term.
        let postings = |slot: &Slot| -> usize {
            slot.iter()
                .map(|(t, _)| self.within(*t, window).len())
                .sum()
        };
        let anchor = (0..slots.len())
            .min_by_key(|&i| postings(&slots[i]))
            .filter(|&i| slots[i].len() == 1);
        match (in_order, anchor) {
            (Some(in_order), Some(anchor)) => {
                self.phrase_from(slots, anchor, window, in_order);
                if let Some(anywhere) = anywhere {
                    self.conjunction(slots, scratch, window, false, &mut |p, worst, _| {
                        anywhere(p, worst)
                    });
                }
            }
            (mut in_order, _) => {
                let mut anywhere = anywhere;
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
        }
    }

    /// Passages where the slots stand in order, from each occurrence of the
    /// single term of slot `anchor`: the other slots are looked for beside
    /// it, each list read forward once.
    fn phrase_from(
        &self,
        slots: &[Slot],
        anchor: usize,
        window: &Range<u32>,
        found: &mut dyn FnMut(u32, MatchKind),
    ) {
        enum Reader<'a> {
            Term(List<'a>, MatchKind, usize),
            Terms(Merge<'a>),
        }
        let mut readers: Vec<Reader> = slots
            .iter()
            .map(|slot| match slot.as_slice() {
                [(term, kind)] => Reader::Term(self.within(*term, window), *kind, 0),
                _ => Reader::Terms(Merge::new(self, slot)),
            })
            .collect();
        let (term, kind) = slots[anchor][0];
        'occurrences: for &(passage, position) in self.within(term, window) {
            let Some(start) = position.checked_sub(anchor as u32) else {
                continue;
            };
            let mut worst = kind;
            for (i, reader) in readers.iter_mut().enumerate() {
                let at = start + i as u32;
                let here = match reader {
                    _ if i == anchor => Some(kind),
                    Reader::Term(list, kind, cursor) => {
                        seek_entry(list, cursor, (passage, at)).then_some(*kind)
                    }
                    Reader::Terms(merge) => merge
                        .at(passage)
                        .iter()
                        .filter(|(p, _)| *p == at)
                        .map(|(_, kind)| *kind)
                        .max(),
                };
                match here {
                    Some(kind) => worst = worst.min(kind),
                    None => continue 'occurrences,
                }
            }
            found(passage, worst);
        }
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
        out: &mut Spans,
    ) {
        out.clear();
        let reachable = group
            .alternatives
            .iter()
            .zip(&group.best_kinds)
            .filter(|(_, best)| best.is_some_and(|k| k >= floor))
            .map(|(a, _)| a);
        for alternative in reachable {
            match alternative {
                Alternative::Phrase(slots) => {
                    let mut first = lookup.take_spare();
                    first.extend_from_slice(lookup.slot(&slots[0], passage));
                    for &(position, kind) in &first {
                        if let Some(worst) =
                            Self::phrase_at(&slots[1..], passage, position + 1, kind, lookup)
                        {
                            out.offer(worst, (position, position + slots.len() as u32 - 1));
                        }
                    }
                    lookup.give_spare(first);
                }
                Alternative::AllOf(slots) => {
                    // Every slot's best kind first; then, if all are there,
                    // every position of each.
                    let worst = slots.iter().try_fold(MatchKind::Exact, |worst, slot| {
                        let best = lookup.slot(slot, passage).iter().map(|(_, k)| *k).max()?;
                        Some(worst.min(best))
                    });
                    let Some(worst) = worst else {
                        continue;
                    };
                    for slot in slots {
                        let mut here = lookup.take_spare();
                        here.extend_from_slice(lookup.slot(slot, passage));
                        for &(position, _) in &here {
                            out.offer(worst, (position, position));
                        }
                        lookup.give_spare(here);
                    }
                }
            }
        }
    }

    pub(super) fn make_hit(
        &self,
        passage: u32,
        slots: &[Spans],
        matched: usize,
        wanted: usize,
    ) -> SearchHit {
        let p = self.passages.get(passage);
        let mut positions: Vec<u32> = slots
            .iter()
            .flat_map(|spans| spans.at.iter().flat_map(|(a, b)| *a..=*b))
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
