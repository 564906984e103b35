//! One passage at a time, by lookup: how well a group matches there, where
//! (for highlights), and a result's snippet. Positions are looked up by
//! binary search, or with cursors that only move forward, for the few
//! passages ranking still needs and the results shown.

use super::lookup::Lookup;
use super::passage::Urgency;
use super::{
    Alternative, Index, MatchKind, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot, Spans, snippet,
};
use crate::narrow::to_u32;
use crate::search::normalize::for_each_term_while;

impl Index {
    /// How well `group` matches `passage` (at least `known`, if given):
    /// only alternatives that could do better are read, and reading stops
    /// at the best the group can do. Alternatives marked in `known_from`
    /// are already counted in `known`.
    pub(super) fn group_kind(
        group: &QueryGroup,
        passage: u32,
        known: Option<MatchKind>,
        lookup: &mut Lookup,
        known_from: &[bool],
    ) -> Option<MatchKind> {
        let ceiling = group.best_kind();
        let mut best = known;
        for (i, (alternative, &could)) in
            group.alternatives.iter().zip(&group.best_kinds).enumerate()
        {
            if best >= ceiling {
                break;
            }
            if could <= best || known_from.get(i).copied().unwrap_or(false) {
                continue;
            }
            let kind = match alternative {
                // One word: where it stands does not matter.
                Alternative::Phrase(slots) if slots.len() == 1 => {
                    lookup.best_in(&slots[0], passage)
                }
                Alternative::Phrase(slots) => Self::phrase_kind(slots, passage, could, lookup),
                Alternative::AllOf(slots) => Self::all_of_kind(slots, passage, lookup),
                &Alternative::Whole { list, kind, .. } => {
                    (!lookup.list(list, kind, passage).is_empty()).then_some(kind)
                }
            };
            best = best.max(kind);
        }
        best
    }

    /// The best kind the phrase `slots` stands in `passage` with, reading no
    /// further once it reaches `enough`.
    fn phrase_kind(
        slots: &[Slot],
        passage: u32,
        enough: Option<MatchKind>,
        lookup: &mut Lookup,
    ) -> Option<MatchKind> {
        let mut first = lookup.take_spare();
        first.extend_from_slice(lookup.slot(&slots[0], passage));
        let mut best = None;
        for &(position, kind) in &first {
            best = best.max(Self::phrase_at(
                &slots[1..],
                passage,
                position + 1,
                kind,
                lookup,
            ));
            if best >= enough {
                break;
            }
        }
        lookup.give_spare(first);
        best
    }

    /// The weakest of the slots' best kinds in `passage`, if it holds them all.
    fn all_of_kind(slots: &[Slot], passage: u32, lookup: &mut Lookup) -> Option<MatchKind> {
        slots.iter().try_fold(MatchKind::Exact, |worst, slot| {
            Some(worst.min(lookup.best_in(slot, passage)?))
        })
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
            let at = position + to_u32(offset);
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
    pub(super) fn group_match(
        group: &QueryGroup,
        passage: u32,
        lookup: &mut Lookup,
        out: &mut Spans,
    ) {
        out.clear();
        for alternative in &group.alternatives {
            match alternative {
                Alternative::Phrase(slots) => {
                    let mut first = lookup.take_spare();
                    first.extend_from_slice(lookup.slot(&slots[0], passage));
                    for &(position, kind) in &first {
                        if let Some(worst) =
                            Self::phrase_at(&slots[1..], passage, position + 1, kind, lookup)
                        {
                            out.offer(worst, (position, position + to_u32(slots.len()) - 1));
                        }
                    }
                    lookup.give_spare(first);
                }
                &Alternative::Whole { list, kind, words } => {
                    let mut starts = lookup.take_spare();
                    starts.extend_from_slice(lookup.list(list, kind, passage));
                    for &(position, _) in &starts {
                        out.offer(kind, (position, position + words - 1));
                    }
                    lookup.give_spare(starts);
                }
                Alternative::AllOf(slots) => {
                    // Every slot's best kind first; then, if all are there,
                    // every position of each.
                    let Some(worst) = Self::all_of_kind(slots, passage, lookup) else {
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
            urgency: Urgency::None,
            more: 0,
        }
    }
}
