//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage)
//! and whether the query's words stand together there, which is all that
//! ranking needs. Positions are looked up by binary search only for the
//! highlights of the results shown.

use std::ops::Range;

use super::lists::{List, Lookup, Merge, seek, seek_entry, seek_near};
use super::scratch::Scratch;
use super::{
    Alternative, Index, MatchKind, Narrow, QueryGroup, SNIPPET_CONTEXT, SearchHit, Slot, Spans,
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

/// Most lists of a phrase's anchor merged by a stable sort (see
/// `phrase_from_rarest`).
const FEW_RUNS: usize = 4;

/// Where pass one keeps a lone group's best whole-phrase kind.
pub(super) const LONE_PHRASE_SHIFT: u32 = 4;

/// Where pass one marks, for a query of several groups, passages where the
/// query's own words stand together, in order: the last four bits, free
/// unless the query has [`MAX_QUERY_TERMS`] groups (then it is not looked for).
pub(super) const TOGETHER_SHIFT: u32 = 60;

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
                if self.in_pane(passage, only) {
                    kinds.raise(passage, shift, code(kind));
                    if phrase && lone {
                        kinds.raise(passage, LONE_PHRASE_SHIFT, code(kind));
                    }
                }
            };
            for alternative in &group.alternatives {
                match alternative {
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
                    Alternative::Phrase(slots) => {
                        self.phrase_from_rarest(slots, window, &mut |p, k| record(p, k, true))
                    }
                    Alternative::AllOf(slots) => self.conjunction(
                        slots,
                        slots_scratch,
                        window,
                        &|p| self.in_pane(p, only),
                        &mut |p, k| record(p, k, false),
                    ),
                    &Alternative::Whole { list, kind, .. } => {
                        for &(passage, _) in self.within(list, window) {
                            record(passage, kind, true);
                        }
                    }
                }
            }
        }
        self.mark_together(groups, only, kinds, window);
    }

    /// Marks, for a query of several groups, the passages of `window` where
    /// the query's own words stand together.
    fn mark_together(
        &self,
        groups: &[QueryGroup],
        only: Option<Pane>,
        kinds: &mut Scratch,
        window: &Range<u32>,
    ) {
        if let Some(slots) = together(groups) {
            self.phrase_from_rarest(&slots, window, &mut |passage, _| {
                if self.in_pane(passage, only) {
                    kinds.raise(passage, TOGETHER_SHIFT, 1);
                }
            });
        }
    }

    /// Whether `passage` is in the pane a search is limited to, if any.
    fn in_pane(&self, passage: u32, only: Option<Pane>) -> bool {
        only.is_none_or(|p| self.passages.get(passage).pane == p)
    }

    /// Pass one over only the passages of `window` that ranking still
    /// needs (see [`Narrow`]). The same codes as [`Index::kinds`], for
    /// those passages: each group's best kind is found there by lookup.
    pub(super) fn kinds_narrowed(
        &self,
        groups: &[QueryGroup],
        only: Option<Pane>,
        narrow: Narrow,
        kinds: &mut Scratch,
        slots_scratch: &mut Scratch,
        window: &Range<u32>,
    ) {
        kinds.reset(self.passages.len());
        match groups {
            [lone] => {
                let mut record = |passage: u32, kind: MatchKind| {
                    if self.in_pane(passage, only) {
                        kinds.raise(passage, LONE_PHRASE_SHIFT, code(kind));
                    }
                };
                for alternative in &lone.alternatives {
                    match alternative {
                        Alternative::Phrase(slots) if slots.len() > 1 => {
                            self.phrase_from_rarest(slots, window, &mut record)
                        }
                        &Alternative::Whole { list, kind, .. } => {
                            for &(passage, _) in self.within(list, window) {
                                record(passage, kind);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => self.mark_together(groups, only, kinds, window),
        }
        let mut found: Vec<u32> = kinds.in_order(window).map(|(passage, _)| passage).collect();
        let others = match narrow {
            Narrow::Together => None,
            Narrow::BestInSideEffects => Some((self.necessary_words(groups, true), true)),
            Narrow::AllGroups => Some((self.necessary_words(groups, false), false)),
        };
        if let Some((words, side_effects_only)) = others {
            self.conjunction(
                &words,
                slots_scratch,
                window,
                &|passage| {
                    (!side_effects_only || self.passages.get(passage).pane == Pane::SideEffects)
                        && self.in_pane(passage, only)
                },
                &mut |passage, _| found.push(passage),
            );
            // Both parts are in passage order; a passage may be in both.
            found.sort_unstable();
            found.dedup();
        }
        let mut lookup = Lookup::forward(self);
        for passage in found {
            for (g, group) in groups.iter().enumerate() {
                // A lone group's whole phrase found here is a match already
                // known, and often the best the group can do.
                let known = match groups {
                    [_] => decode((kinds.get(passage) >> LONE_PHRASE_SHIFT) & 0xF),
                    _ => None,
                };
                if let Some(kind) = Self::group_kind(group, passage, known, &mut lookup) {
                    kinds.raise(passage, 4 * g as u32, code(kind));
                }
            }
        }
    }

    /// How well `group` matches `passage` (at least `known`, if given):
    /// only alternatives that could do better are read, and reading stops
    /// at the best the group can do.
    fn group_kind(
        group: &QueryGroup,
        passage: u32,
        known: Option<MatchKind>,
        lookup: &mut Lookup,
    ) -> Option<MatchKind> {
        let ceiling = group.best_kinds.iter().flatten().max().copied();
        let mut best = known;
        for (alternative, &could) in group.alternatives.iter().zip(&group.best_kinds) {
            if best >= ceiling {
                break;
            }
            if could <= best {
                continue;
            }
            let kind = match alternative {
                Alternative::Phrase(slots) => Self::phrase_kind(slots, passage, could, lookup),
                Alternative::AllOf(slots) => Self::all_of_kind(slots, passage, lookup),
                &Alternative::Whole { list, kind, .. } => {
                    (!lookup.slot(&[(list, kind)], passage).is_empty()).then_some(kind)
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
            let best = lookup.slot(slot, passage).iter().map(|(_, k)| *k).max()?;
            Some(worst.min(best))
        })
    }

    /// One slot per group that matches somewhere, of which a passage must
    /// hold a word for the group to match there (to match as well as it
    /// can, with `best_only`): the rarest part of each of its alternatives
    /// (that can). A passage where every group matches holds all the
    /// slots, so [`Index::conjunction`] finds it (and maybe others).
    fn necessary_words(&self, groups: &[QueryGroup], best_only: bool) -> Vec<Slot> {
        groups
            .iter()
            .filter_map(|group| {
                let best = group.best_kinds.iter().flatten().max().copied()?;
                let slot = group
                    .alternatives
                    .iter()
                    .zip(&group.best_kinds)
                    .filter(|(_, kind)| kind.is_some_and(|k| !best_only || k == best))
                    .flat_map(|(alternative, _)| self.rarest_part(alternative))
                    .collect();
                Some(slot)
            })
            .collect()
    }

    /// The part of `alternative` with the fewest postings that a passage
    /// must hold for it to match: one of its slots, or a phrase's own list.
    /// (Its entries are postings ids, kinds aside.)
    fn rarest_part(&self, alternative: &Alternative) -> Slot {
        let slots = match alternative {
            Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots,
            &Alternative::Whole { list, kind, .. } => return vec![(list, kind)],
        };
        let postings = |slot: &&Slot| -> usize {
            slot.iter()
                .map(|&(id, _)| self.postings.get(id).len())
                .sum()
        };
        slots
            .iter()
            .min_by_key(postings)
            .cloned()
            .unwrap_or_default()
    }

    /// Each slot's terms' postings in `window`, with their kinds, and the
    /// slot with the fewest postings (none for no slots).
    fn slot_lists(
        &self,
        slots: &[Slot],
        window: &Range<u32>,
    ) -> (Vec<Vec<(List<'_>, MatchKind)>>, Option<usize>) {
        let lists: Vec<Vec<(List, MatchKind)>> = slots
            .iter()
            .map(|slot| {
                slot.iter()
                    .map(|&(t, k)| (self.within(t, window), k))
                    .collect()
            })
            .collect();
        let postings = |i: usize| -> usize { lists[i].iter().map(|(l, _)| l.len()).sum() };
        let rarest = (0..lists.len()).min_by_key(|&i| postings(i));
        (lists, rarest)
    }

    /// The postings of `term` in the passages of `window`.
    fn within(&self, term: u32, window: &Range<u32>) -> &[(u32, u32)] {
        let list = self.postings.get(term);
        let start = list.partition_point(|&(p, _)| p < window.start);
        let len = list[start..].partition_point(|&(p, _)| p < window.end);
        &list[start..start + len]
    }

    /// Passages holding every slot somewhere, in passage order, with the
    /// weakest of the slots' best kinds.
    ///
    /// Candidates come from the rarest slot; the others are checked by
    /// galloping forward through their lists, so a common word's long list
    /// is skipped through rather than read whole.
    fn conjunction(
        &self,
        slots: &[Slot],
        scratch: &mut Scratch,
        window: &Range<u32>,
        admit: &dyn Fn(u32) -> bool,
        found: &mut dyn FnMut(u32, MatchKind),
    ) {
        let (lists, Some(driver)) = self.slot_lists(slots, window) else {
            return;
        };
        scratch.reset(self.passages.len());
        for &(list, kind) in &lists[driver] {
            for &(passage, _) in list {
                scratch.raise(passage, 0, code(kind));
            }
        }
        let mut cursors: Vec<Vec<usize>> = slots.iter().map(|s| vec![0; s.len()]).collect();
        'candidates: for (passage, packed) in scratch.in_order(window) {
            let Some(mut worst) = decode(packed & 0xF) else {
                continue;
            };
            // Checked before any other list is read: a search limited to
            // one pane, or to Side Effects, passes over most candidates.
            if !admit(passage) {
                continue;
            }
            for (i, slot_lists) in lists.iter().enumerate().filter(|(i, _)| *i != driver) {
                let best = slot_lists
                    .iter()
                    .zip(&mut cursors[i])
                    .filter_map(|(&(list, kind), cursor)| {
                        (!seek(list, cursor, passage).is_empty()).then_some(kind)
                    })
                    .max();
                match best {
                    Some(kind) => worst = worst.min(kind),
                    None => continue 'candidates,
                }
            }
            found(passage, worst);
        }
    }

    /// Passages where the slots stand in order, found from each occurrence
    /// of the rarest slot's terms: the other slots are looked for beside
    /// it, each list read forward once.
    fn phrase_from_rarest(
        &self,
        slots: &[Slot],
        window: &Range<u32>,
        found: &mut dyn FnMut(u32, MatchKind),
    ) {
        /// How one slot is looked for beside the anchor: each of its terms
        /// at the exact position, or, when that would mean more seeks than
        /// reading all its lists once, a merge of them.
        enum Reader<'a> {
            Terms(Vec<(List<'a>, MatchKind, usize)>),
            Merged(Merge<'a>),
        }
        let (lists, Some(anchor)) = self.slot_lists(slots, window) else {
            return;
        };
        if let Some(combinations) = few_combinations(slots, &lists) {
            for combination in combinations {
                self.phrase_of_lists(&combination, window, found);
            }
            return;
        }
        // The anchor's occurrences in (passage, position) order, its terms'
        // lists merged.
        let mut anchors: Vec<(u32, u32, MatchKind)> = lists[anchor]
            .iter()
            .flat_map(|&(list, k)| list.iter().map(move |&(p, at)| (p, at, k)))
            .collect();
        let runs = lists[anchor].iter().filter(|(l, _)| !l.is_empty()).count();
        if runs > FEW_RUNS {
            anchors.sort_unstable_by_key(|&(p, at, _)| (p, at));
        } else if runs > 1 {
            // A stable sort finds a few long sorted runs and merges them,
            // where an unstable one would sort all from scratch; with many
            // short runs it is the slower.
            anchors.sort_by_key(|&(p, at, _)| (p, at));
        }
        let occurrences = anchors.len();
        let mut readers: Vec<Reader> = lists
            .into_iter()
            .map(|lists| {
                let postings: usize = lists.iter().map(|(l, _)| l.len()).sum();
                let lists: Vec<_> = lists.into_iter().map(|(l, k)| (l, k, 0)).collect();
                // A merge pays a heap step per posting passed.
                if occurrences * lists.len() > 4 * postings {
                    Reader::Merged(Merge::new(lists))
                } else {
                    Reader::Terms(lists)
                }
            })
            .collect();
        'occurrences: for (passage, position, kind) in anchors {
            let Some(start) = position.checked_sub(anchor as u32) else {
                continue;
            };
            let mut worst = kind;
            for (i, reader) in readers.iter_mut().enumerate() {
                let at = start + i as u32;
                let here = match reader {
                    _ if i == anchor => Some(kind),
                    Reader::Terms(lists) => lists
                        .iter_mut()
                        .filter_map(|(list, kind, cursor)| {
                            seek_entry(list, cursor, (passage, at)).then_some(*kind)
                        })
                        .max(),
                    Reader::Merged(merge) => merge
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
                            out.offer(worst, (position, position + slots.len() as u32 - 1));
                        }
                    }
                    lookup.give_spare(first);
                }
                &Alternative::Whole { list, kind, words } => {
                    let mut starts = lookup.take_spare();
                    starts.extend_from_slice(lookup.slot(&[(list, kind)], passage));
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
        }
    }
}

/// For a query of several groups, the query's own words in order, as one
/// phrase; `None` when the query is too long to mark it, or when a group's
/// own words are not all in the index (it can then match only through a
/// synonym, and the query's words never stand together).
fn together(groups: &[QueryGroup]) -> Option<Vec<Slot>> {
    if groups.len() < 2 || 4 * groups.len() as u32 > TOGETHER_SHIFT {
        return None;
    }
    let mut slots = Vec::new();
    for group in groups {
        slots.extend(group.literal.as_ref()?.iter().cloned());
    }
    Some(slots)
}

/// Most combinations of one list per slot a phrase is looked for as (see
/// [`phrase_of_lists`]); beyond, each occurrence looks in every list.
const FEW_COMBINATIONS: usize = 64;

/// Every way of taking one term from each slot, with its list, if there
/// are few: most phrases are a word or two of one term each, plus perhaps a
/// few rare completions of the last. Terms found nowhere in the window are
/// left out.
fn few_combinations<'a>(
    slots: &[Slot],
    lists: &[Vec<(List<'a>, MatchKind)>],
) -> Option<Vec<Vec<Choice<'a>>>> {
    let mut combinations = vec![Vec::new()];
    for (slot, lists) in slots.iter().zip(lists) {
        let present: Vec<Choice> = slot
            .iter()
            .zip(lists)
            .filter(|(_, (list, _))| !list.is_empty())
            .map(|(&(term, _), &(list, kind))| (term, list, kind))
            .collect();
        if combinations.len() * present.len() > FEW_COMBINATIONS {
            return None;
        }
        combinations = combinations
            .iter()
            .flat_map(|c| {
                present.iter().map(move |&choice| {
                    let mut c = c.clone();
                    c.push(choice);
                    c
                })
            })
            .collect();
    }
    Some(combinations)
}

/// One slot's term, its postings and how well it matches.
type Choice<'a> = (u32, List<'a>, MatchKind);

impl Index {
    /// Passages where the combination's terms stand in order, with the
    /// weakest kind: a tight loop over the shortest list — a term's, or a
    /// stored phrase's covering several slots — each other list read
    /// forward once (a step at a time while its next entries are near,
    /// galloping otherwise). Not in passage order when called for several
    /// combinations, which is all pass one needs.
    fn phrase_of_lists(
        &self,
        combination: &[Choice],
        window: &Range<u32>,
        found: &mut dyn FnMut(u32, MatchKind),
    ) {
        let Some(worst) = combination.iter().map(|&(_, _, kind)| kind).min() else {
            return;
        };
        let (anchor_list, covered) = self.anchor(combination, window);
        let others: Vec<(List, u32)> = (0..combination.len())
            .filter(|i| !covered.contains(i))
            .map(|i| (combination[i].1, i as u32))
            .collect();
        let mut cursors = vec![0usize; others.len()];
        'occurrences: for &(passage, position) in anchor_list {
            let Some(start) = position.checked_sub(covered.start as u32) else {
                continue;
            };
            for ((list, offset), cursor) in others.iter().zip(&mut cursors) {
                if !seek_near(list, cursor, (passage, start + offset)) {
                    continue 'occurrences;
                }
            }
            found(passage, worst);
        }
    }

    /// The shortest list to find a phrase from, within `window`, and the
    /// slots it covers: one term's, or a stored phrase's (see `phrases`).
    fn anchor<'a>(
        &'a self,
        combination: &[Choice<'a>],
        window: &Range<u32>,
    ) -> (List<'a>, Range<usize>) {
        let mut best = (0..combination.len())
            .min_by_key(|&i| combination[i].1.len())
            .map_or((&[][..], 0..0), |i| (combination[i].1, i..i + 1));
        if self.phrases.is_empty() {
            return best;
        }
        let terms: Vec<u32> = combination.iter().map(|&(term, _, _)| term).collect();
        for start in 0..terms.len() {
            for end in start + 2..=terms.len() {
                if let Some(&id) = self.phrases.get(&terms[start..end]) {
                    let list = self.within(id, window);
                    if list.len() < best.0.len()
                        || (list.len() == best.0.len() && end - start > best.1.len())
                    {
                        best = (list, start..end);
                    }
                }
            }
        }
        best
    }
}
