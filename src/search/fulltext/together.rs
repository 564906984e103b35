//! Finding the passages where words must appear together: every slot
//! somewhere in a passage (a conjunction), or the slots next to each other
//! in order (a phrase). Both start from the rarest list and move the others
//! forward only, galloping over long stretches.

use std::ops::Range;

use super::lists::{List, SlotKinds, SlotReader, seek_near};
use super::matching::PassageMatch;
use super::scratch::Scratch;
use super::{Index, MatchKind, Slot, code};
use crate::narrow::to_u32;

/// Most lists of a phrase's anchor merged by a stable sort (see
/// `phrase_from_rarest`).
const FEW_RUNS: usize = 4;

impl Index {
    /// Each slot's terms' postings in `window`, with their kinds, and the
    /// slot with the fewest postings (none for no slots).
    fn slot_lists(
        &self,
        slots: &[Slot],
        window: &Range<u32>,
    ) -> (Vec<Vec<(List<'_>, MatchKind)>>, Option<usize>) {
        let lists: Vec<Vec<(List, MatchKind)>> = slots
            .iter()
            .map(|slot| self.slot_within(slot, window))
            .collect();
        let postings = |i: usize| -> usize { lists[i].iter().map(|(l, _)| l.len()).sum() };
        let rarest = (0..lists.len()).min_by_key(|&i| postings(i));
        (lists, rarest)
    }

    /// Each of `slot`'s terms' postings in `window`, with its kind.
    pub(super) fn slot_within(
        &self,
        slot: &[(u32, MatchKind)],
        window: &Range<u32>,
    ) -> Vec<(List<'_>, MatchKind)> {
        slot.iter()
            .map(|&(term, kind)| (self.within(term, window), kind))
            .collect()
    }

    /// The postings of `term` in the passages of `window`.
    pub(super) fn within(&self, term: u32, window: &Range<u32>) -> &[(u32, u32)] {
        let list = self.postings.upto(term, window.end);
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
    pub(super) fn conjunction(
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
        let candidates = lists[driver].iter().map(|(l, _)| l.len()).sum();
        let mut others: Vec<SlotKinds> = lists
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i != driver)
            .map(|(_, lists)| SlotKinds::new(lists, candidates, window))
            .collect();
        'candidates: for (passage, packed) in scratch.in_order(window) {
            let Some(mut worst) = PassageMatch(packed).kind(0) else {
                continue;
            };
            // Checked before any other list is read: a search limited to
            // one pane, or to Side Effects, passes over most candidates.
            if !admit(passage) {
                continue;
            }
            for reader in &mut others {
                match reader.best_in(passage) {
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
    pub(super) fn phrase_from_rarest(
        &self,
        slots: &[Slot],
        window: &Range<u32>,
        found: &mut dyn FnMut(u32, MatchKind),
    ) {
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
        let mut readers: Vec<SlotReader> = lists
            .into_iter()
            .map(|lists| SlotReader::new(lists, occurrences))
            .collect();
        'occurrences: for (passage, position, kind) in anchors {
            let Some(start) = position.checked_sub(to_u32(anchor)) else {
                continue;
            };
            let mut worst = kind;
            for (i, reader) in readers.iter_mut().enumerate() {
                let at = start + to_u32(i);
                let here = if i == anchor {
                    Some(kind)
                } else {
                    reader.best_at(passage, at)
                };
                match here {
                    Some(kind) => worst = worst.min(kind),
                    None => continue 'occurrences,
                }
            }
            found(passage, worst);
        }
    }
}

/// Most combinations of one list per slot a phrase is looked for as (see
/// [`Index::phrase_of_lists`]); beyond, each occurrence looks in every list.
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
            .map(|i| (combination[i].1, to_u32(i)))
            .collect();
        let mut cursors = vec![0usize; others.len()];
        'occurrences: for &(passage, position) in anchor_list {
            let Some(start) = position.checked_sub(to_u32(covered.start)) else {
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
