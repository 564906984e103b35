//! Running a query. Pass one records, per passage, only the best kind of
//! match of each query word (four bits a word, no allocation per passage)
//! and whether the query's words stand together there, which is all that
//! ranking needs; once ranking narrows what it still needs, only those
//! passages are matched. Finding words that must appear together is in
//! `together`; looking at one passage at a time, in `positions`.

use std::ops::Range;

use super::lists::ASK_COST;
use super::lookup::Lookup;
use super::scratch::Scratch;
use super::{Alternative, Index, MatchKind, Narrow, QueryGroup, Slot, code, decode};
use crate::narrow::to_u32;
use crate::pane::Pane;

/// Longest query considered, in words; the rest is ignored. Each word takes
/// four bits of a `u64` in pass one.
pub(super) const MAX_QUERY_TERMS: usize = 16;

// What pass one records of a passage is one `u64`, so that a search
// allocates nothing per passage: four bits a group, group `g` at bit `4g`,
// holding its best kind of match ([`code`]; 0 for none). Two fields share
// the word with them, where they are free:
// - with one group, bits 4–7 ([`LONE_PHRASE_SHIFT`]) hold its best kind
//   among whole phrases of several words;
// - with several, bits 60–63 ([`TOGETHER_SHIFT`]) are set where the query's
//   own words stand together.
// [`PassageMatch`] reads it back by name.

/// Where pass one keeps a lone group's best whole-phrase kind.
pub(super) const LONE_PHRASE_SHIFT: u32 = 4;

/// Where pass one marks, for a query of several groups, passages where the
/// query's own words stand together, in order: the last four bits, free
/// unless the query has [`MAX_QUERY_TERMS`] groups (then it is not looked for).
pub(super) const TOGETHER_SHIFT: u32 = 60;

/// What pass one recorded of one passage, read by name.
#[derive(Debug, Clone, Copy)]
pub(super) struct PassageMatch(pub u64);

impl PassageMatch {
    /// The best kind group `g` matched with here, if it did.
    pub fn kind(self, g: usize) -> Option<MatchKind> {
        decode((self.0 >> (4 * g)) & 0xF)
    }

    /// For a query of one group: its best kind among whole phrases of
    /// several words.
    pub fn lone_phrase(self) -> Option<MatchKind> {
        decode((self.0 >> LONE_PHRASE_SHIFT) & 0xF)
    }

    /// For a query of several groups: whether its own words stand together.
    pub fn together(self) -> bool {
        (self.0 >> TOGETHER_SHIFT) & 0xF != 0
    }
}

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
            let shift = 4 * to_u32(g);
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
                    Alternative::AllOf(slots) => self.conjunction(
                        slots,
                        slots_scratch,
                        window,
                        &|p| self.in_pane(p, only),
                        &mut |p, k| record(p, k, false),
                    ),
                    _ => self.read_in_order(alternative, window, &mut record),
                }
            }
            // A drug's own passages match its name, said or not.
            for range in group.implied() {
                let from = range.start.max(window.start);
                for passage in from..range.end.min(window.end) {
                    record(passage, MatchKind::Implied, false);
                }
            }
        }
        self.mark_together(groups, only, kinds, window);
    }

    /// Every passage of `window` where a phrase or whole-phrase
    /// `alternative` matches, with its kind and whether it is a phrase of
    /// several words found whole, read from its lists in passage order
    /// (a passage may come more than once). An [`Alternative::AllOf`] needs
    /// a scratch space, and is left to [`Index::conjunction`].
    fn read_in_order(
        &self,
        alternative: &Alternative,
        window: &Range<u32>,
        record: &mut dyn FnMut(u32, MatchKind, bool),
    ) {
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
                self.phrase_from_rarest(slots, window, &mut |p, k| record(p, k, true));
            }
            &Alternative::Whole { list, kind, .. } => {
                for &(passage, _) in self.within(list, window) {
                    record(passage, kind, true);
                }
            }
            Alternative::AllOf(_) => {}
        }
    }

    /// Postings of `alternative`'s rarest part in `window`: about what
    /// reading it there costs; `None` for an [`Alternative::AllOf`].
    fn postings_within(&self, alternative: &Alternative, window: &Range<u32>) -> Option<usize> {
        match alternative {
            Alternative::Phrase(slots) => slots
                .iter()
                .map(|slot| {
                    slot.iter()
                        .map(|&(term, _)| self.within(term, window).len())
                        .sum()
                })
                .min(),
            &Alternative::Whole { list, .. } => Some(self.within(list, window).len()),
            Alternative::AllOf(_) => None,
        }
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
        only.is_none_or(|p| self.pane_of(passage) == p)
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
                            self.phrase_from_rarest(slots, window, &mut record);
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
            Narrow::BestInPane(pane) => Some((self.necessary_words(groups, true), Some(pane))),
            Narrow::AllGroups => Some((self.necessary_words(groups, false), None)),
            Narrow::Holding(g) => Some((self.necessary_words(&groups[g..=g], false), None)),
        };
        if let Some((words, wanted)) = others {
            self.conjunction(
                &words,
                slots_scratch,
                window,
                &|passage| {
                    wanted.is_none_or(|pane| self.pane_of(passage) == pane)
                        && self.in_pane(passage, only)
                },
                &mut |passage, _| found.push(passage),
            );
            // Both parts are in passage order; a passage may be in both.
            found.sort_unstable();
            found.dedup();
        }
        let read = self.read_for(&found, groups, kinds, slots_scratch, window);
        let mut lookup = Lookup::forward(self, window, found.len());
        for passage in found {
            // A lone group's whole phrase found here is a match already
            // known, and often the best the group can do.
            let lone = match groups {
                [_] => PassageMatch(kinds.get(passage)).lone_phrase(),
                _ => None,
            };
            for (g, group) in groups.iter().enumerate() {
                let known = lone.max(PassageMatch(kinds.get(passage)).kind(g));
                if let Some(kind) = Self::group_kind(group, passage, known, &mut lookup, &read[g]) {
                    kinds.raise(passage, 4 * to_u32(g), code(kind));
                }
            }
        }
    }

    /// Records in `kinds`, for the `candidates` alone, each alternative
    /// whose lists hold fewer entries in `window` than asking about every
    /// candidate would cost, reading those lists in order; returns, per
    /// group and alternative, whether it was read. A drug's other names
    /// are many, each rare: asked about at every candidate, they cost more
    /// than the candidates' own words. (`members` marks the candidates.)
    fn read_for(
        &self,
        candidates: &[u32],
        groups: &[QueryGroup],
        kinds: &mut Scratch,
        members: &mut Scratch,
        window: &Range<u32>,
    ) -> Vec<Vec<bool>> {
        let asks = candidates.len().saturating_mul(ASK_COST);
        members.reset(self.passages.len());
        for &passage in candidates {
            members.raise(passage, 0, 1);
        }
        let mut read = Vec::with_capacity(groups.len());
        for (g, group) in groups.iter().enumerate() {
            let shift = 4 * to_u32(g);
            let mut of_group = Vec::with_capacity(group.alternatives.len());
            for alternative in &group.alternatives {
                let cheap = self
                    .postings_within(alternative, window)
                    .is_some_and(|entries| entries < asks);
                if cheap {
                    self.read_in_order(alternative, window, &mut |passage, kind, _| {
                        if members.get(passage) != 0 {
                            kinds.raise(passage, shift, code(kind));
                        }
                    });
                }
                of_group.push(cheap);
            }
            read.push(of_group);
        }
        read
    }

    /// Whether matching only the passages `narrow` leaves in `window` can
    /// cost less than matching all of them. Those passages are found from
    /// the rarest group that must be there (for [`Narrow::Holding`], that
    /// group), and each is then looked up group by group: that pays when
    /// the group is rare beside the others ("blood" beside "u…"), not when
    /// it is about as common as the rest (a drug's name being typed, whose
    /// completions are common words), when reading every list once costs
    /// less. Where the query's words stand together, the passages are few
    /// and it always pays.
    pub(super) fn narrowing_pays(
        &self,
        groups: &[QueryGroup],
        narrow: Narrow,
        window: &Range<u32>,
    ) -> bool {
        if narrow == Narrow::Together {
            return true;
        }
        // Each group's postings in the window, counted once.
        let postings: Vec<usize> = groups
            .iter()
            .map(|group| {
                group
                    .alternatives
                    .iter()
                    .filter_map(|alternative| self.postings_within(alternative, window))
                    .sum()
            })
            .collect();
        let found_from = match narrow {
            Narrow::Holding(g) => postings[g],
            _ => postings.iter().copied().min().unwrap_or(0),
        };
        found_from.saturating_mul(ASK_COST) < postings.iter().sum()
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
                let best = group.best_kind()?;
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
    pub(super) fn rarest_part(&self, alternative: &Alternative) -> Slot {
        let slots = match alternative {
            Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots,
            &Alternative::Whole { list, kind, .. } => return vec![(list, kind)],
        };
        let postings =
            |slot: &&Slot| -> usize { slot.iter().map(|&(id, _)| self.postings.count(id)).sum() };
        slots
            .iter()
            .min_by_key(postings)
            .cloned()
            .unwrap_or_default()
    }
}

/// For a query of several groups, the query's own words in order, as one
/// phrase; `None` when the query is too long to mark it, or when a group's
/// own words are not all in the index (it can then match only through a
/// synonym, and the query's words never stand together).
fn together(groups: &[QueryGroup]) -> Option<Vec<Slot>> {
    if groups.len() < 2 || 4 * to_u32(groups.len()) > TOGETHER_SHIFT {
        return None;
    }
    let mut slots = Vec::new();
    for group in groups {
        slots.extend(group.literal.as_ref()?.iter().cloned());
    }
    Some(slots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};

    #[test]
    fn the_panes_the_browser_keeps_a_byte_a_passage_are_the_records_own() {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        let queries = [
            "bleeding",
            "yellow skin",
            "liver damage ris",
            "short of bre",
        ];
        let panes = [None, Some(Pane::SideEffects), Some(Pane::BeforeYouTake)];
        let search = |index: &Index| -> Vec<Vec<super::super::SearchHit>> {
            queries
                .iter()
                .flat_map(|q| panes.map(|only| index.search(q, only, 50)))
                .collect()
        };
        let before = search(&index);
        assert!(index.panes.get().is_none(), "made by the browser alone");
        index.prepare_for_typing();
        let kept = index.panes.get().expect("made once prepared");
        assert_eq!(kept.len(), index.passages.len());
        for passage in 0..to_u32(index.passages.len()) {
            assert_eq!(index.pane_of(passage), index.passages.get(passage).pane);
        }
        assert_eq!(search(&index), before, "the same answers either way");
    }

    #[test]
    fn matching_only_what_narrowing_leaves_agrees_with_matching_every_passage() {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        let all = 0..to_u32(index.passages.len());
        let (mut full, mut narrowed, mut slots) =
            (Scratch::default(), Scratch::default(), Scratch::default());
        for text in [
            "short of bre",
            "liver dam",
            "blood in uri",
            "bleeding gums",
            "upset stomach",
            "muscle pain",
            "dark urine liver",
        ] {
            let query = index.understand(text);
            let groups = &query.groups;
            // A named drug's passages match without its words: ranking
            // never narrows them.
            let named = query.named_passages();
            let unnamed = |p: &u32| !named.iter().any(|r| r.contains(p));
            index.kinds(groups, None, &mut full, &mut slots, &all);
            let every: Vec<u32> = full
                .in_order(&all)
                .filter(|(p, packed)| {
                    unnamed(p) && (0..groups.len()).all(|g| PassageMatch(*packed).kind(g).is_some())
                })
                .map(|(p, _)| p)
                .collect();
            assert!(!every.is_empty(), "{text}");
            for narrow in [Narrow::AllGroups, Narrow::Holding(0)] {
                index.kinds_narrowed(groups, None, narrow, &mut narrowed, &mut slots, &all);
                // Each passage is recorded as a full match records it...
                for (passage, packed) in narrowed.in_order(&all).filter(|(p, _)| unnamed(p)) {
                    assert_eq!(packed, full.get(passage), "{text} {narrow:?} {passage}");
                }
                // ...and none holding every group is left out.
                for passage in &every {
                    assert_ne!(narrowed.get(*passage), 0, "{text} {narrow:?} {passage}");
                }
            }
        }
    }

    #[test]
    fn a_result_s_more_counts_its_drug_s_other_passages_holding_any_word() {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        let all = 0..to_u32(index.passages.len());
        let (mut full, mut slots) = (Scratch::default(), Scratch::default());
        // Lay phrases stored whole ("yellow skin"), several words, and a
        // word being typed with its completions.
        for text in [
            "yellow skin",
            "jaundice",
            "dark urine liver",
            "short of bre",
            "bleed",
        ] {
            let ranked = index.rank(text, None, 20);
            let groups = &ranked.query.groups;
            index.kinds(groups, None, &mut full, &mut slots, &all);
            let by_words = |passage: u32| {
                let found = PassageMatch(full.get(passage));
                (0..groups.len()).any(|g| found.kind(g).is_some_and(|k| k != MatchKind::Implied))
            };
            assert!(!ranked.is_empty(), "{text}");
            for rank in 0..ranked.len() {
                let passage = ranked.results[rank].1;
                let hit = index.hit(&ranked, rank).unwrap();
                let matching = index
                    .drug_passages(passage)
                    .filter(|&p| by_words(p))
                    .count();
                assert_eq!(hit.more, matching.saturating_sub(1), "{text}, row {rank}");
            }
        }
    }
}
