//! Reading postings lists: forward-only cursors that gallop, a merge of
//! several lists in passage order, and a slot's passages marked in one
//! pass; each chosen by what it costs for the asks expected.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use super::{MatchKind, code, decode};

/// What asking about one passage costs, in entries of a list read in
/// order: a lookup seeks in each of a slot's lists.
pub(super) const ASK_COST: usize = 8;

/// A term's postings: (passage, position) pairs, ascending.
pub(super) type List<'a> = &'a [(u32, u32)];

/// Where in one passage a slot's terms stand, and how well each matched.
pub(super) type Positions = Vec<(u32, MatchKind)>;

/// How one slot is looked for beside a driving one, asked about passages
/// (and positions) in ascending order: each of its terms' lists moved
/// forward on its own, or, when that would mean more seeks than reading
/// all its lists once, a merge of them (a word being typed with its many
/// completions).
pub(super) enum SlotReader<'a> {
    Terms(Vec<(List<'a>, MatchKind, usize)>),
    Merged(Merge<'a>),
}

impl<'a> SlotReader<'a> {
    /// A reader of `lists` (a slot's terms' lists within a window, with
    /// their kinds), for about `asks` passages or positions asked.
    pub fn new(lists: Vec<(List<'a>, MatchKind)>, asks: usize) -> Self {
        // Separate lists cost a seek per term per ask; a merge, about three
        // times that (a heap step besides) for each list it moves, which is
        // every list with an entry since the last ask: a common term's at
        // each ask, a rare one's seldom.
        let merged = Self::merged_cost(&lists, asks);
        let lists: Vec<_> = lists.into_iter().map(|(l, k)| (l, k, 0)).collect();
        if merged < lists.len() * asks {
            SlotReader::Merged(Merge::new(lists))
        } else {
            SlotReader::Terms(lists)
        }
    }

    /// What reading `lists` costs for `asks` asks, in seeks: separately or
    /// merged, whichever [`SlotReader::new`] would choose.
    pub fn cost(lists: &[(List<'a>, MatchKind)], asks: usize) -> usize {
        Self::merged_cost(lists, asks).min(lists.len().saturating_mul(asks))
    }

    /// What a merge of `lists` costs for `asks` asks, in seeks.
    fn merged_cost(lists: &[(List<'a>, MatchKind)], asks: usize) -> usize {
        let moved: usize = lists.iter().map(|(l, _)| l.len().min(asks)).sum();
        3 * moved
    }

    /// Every position of the slot's terms in `passage`, each with its
    /// kind, added to `out`.
    pub fn all_in(&mut self, passage: u32, out: &mut Positions) {
        match self {
            SlotReader::Terms(lists) => {
                for (list, kind, cursor) in lists {
                    out.extend(
                        seek(list, cursor, passage)
                            .iter()
                            .map(|&(_, at)| (at, *kind)),
                    );
                }
            }
            SlotReader::Merged(merge) => out.extend_from_slice(merge.at(passage)),
        }
    }

    /// The slot's best kind anywhere in `passage`.
    pub fn best_in(&mut self, passage: u32) -> Option<MatchKind> {
        match self {
            SlotReader::Terms(lists) => lists
                .iter_mut()
                .filter_map(|(list, kind, cursor)| {
                    (!seek(list, cursor, passage).is_empty()).then_some(*kind)
                })
                .max(),
            SlotReader::Merged(merge) => merge.at(passage).iter().map(|(_, kind)| *kind).max(),
        }
    }

    /// The slot's best kind at position `at` of `passage`.
    pub fn best_at(&mut self, passage: u32, at: u32) -> Option<MatchKind> {
        match self {
            SlotReader::Terms(lists) => lists
                .iter_mut()
                .filter_map(|(list, kind, cursor)| {
                    seek_entry(list, cursor, (passage, at)).then_some(*kind)
                })
                .max(),
            SlotReader::Merged(merge) => merge
                .at(passage)
                .iter()
                .filter(|(p, _)| *p == at)
                .map(|(_, kind)| *kind)
                .max(),
        }
    }
}

/// How one slot is looked for beside a driving one when only its best kind
/// in each passage asked is wanted (a conjunction), in ascending order:
/// read as [`SlotReader`] does, or, when the slot's lists hold fewer
/// entries in the window than that would cost, marked passage by passage
/// in one pass over them, so that each ask is one load. A word being typed
/// beside a common one ("short of bre") has completions common enough to
/// be found at most candidates: read, each ask moves several lists.
pub(super) enum SlotKinds<'a> {
    Read(SlotReader<'a>),
    /// Each passage's best kind from `start` on: a `code`, 0 for none.
    Marked {
        start: u32,
        best: Vec<u8>,
    },
}

impl<'a> SlotKinds<'a> {
    /// A reader of `lists` (a slot's terms' lists within `window`, with
    /// their kinds), for about `asks` passages asked.
    pub fn new(lists: Vec<(List<'a>, MatchKind)>, asks: usize, window: &Range<u32>) -> Self {
        // In seeks: marking reads each entry once, in order, and clears a
        // byte a passage (a sixteenth of an entry's cost); a seek costs
        // about `ASK_COST` entries.
        let entries: usize = lists.iter().map(|(l, _)| l.len()).sum();
        let width = usize::try_from(window.end - window.start).unwrap_or(usize::MAX);
        let marking = (entries + width / 16) / ASK_COST;
        if marking >= SlotReader::cost(&lists, asks) {
            return SlotKinds::Read(SlotReader::new(lists, asks));
        }
        let mut best = vec![0u8; width];
        for (list, kind) in lists {
            // A kind's code is at most five.
            let code = u8::try_from(code(kind)).unwrap_or(u8::MAX);
            for &(passage, _) in list {
                if let Some(mark) = best.get_mut(passage.wrapping_sub(window.start) as usize) {
                    *mark = (*mark).max(code);
                }
            }
        }
        SlotKinds::Marked {
            start: window.start,
            best,
        }
    }

    /// The slot's best kind anywhere in `passage`.
    pub fn best_in(&mut self, passage: u32) -> Option<MatchKind> {
        match self {
            SlotKinds::Read(reader) => reader.best_in(passage),
            SlotKinds::Marked { start, best } => {
                let at = passage.checked_sub(*start)? as usize;
                decode(u64::from(*best.get(at)?))
            }
        }
    }
}

/// The lists of one slot's terms, read together in passage order.
pub(super) struct Merge<'a> {
    /// Per term: its list, its kind, and how far it has been read.
    lists: Vec<(List<'a>, MatchKind, usize)>,
    /// Each unfinished list's next passage, soonest first.
    next: BinaryHeap<Reverse<(u32, usize)>>,
    /// The passage asked for last, and the positions found there.
    last: Option<u32>,
    here: Positions,
}

impl<'a> Merge<'a> {
    /// Merges `lists`: (list, kind, 0) per term.
    pub fn new(lists: Vec<(List<'a>, MatchKind, usize)>) -> Self {
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
    pub fn at(&mut self, passage: u32) -> &[(u32, MatchKind)] {
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

/// Moves `cursor` forward to the first entry of `list` for which `before`
/// is false: in doubling steps, then by binary search, so a short hop costs
/// a few comparisons and a long one a logarithm.
#[inline]
fn gallop(list: List, cursor: &mut usize, before: impl Fn(&(u32, u32)) -> bool) {
    if list.get(*cursor).is_some_and(&before) {
        let mut low = *cursor;
        let mut step = 1;
        while list.get(low + step).is_some_and(&before) {
            low += step;
            step *= 2;
        }
        let high = (low + step).min(list.len());
        *cursor = low + 1 + list[low + 1..high].partition_point(before);
    }
}

/// The postings of `passage` in `list`, moving `cursor` forward to them.
#[inline]
pub(super) fn seek<'a>(list: List<'a>, cursor: &mut usize, passage: u32) -> List<'a> {
    gallop(list, cursor, |&(p, _)| p < passage);
    let len = list[*cursor..]
        .iter()
        .take_while(|&&(p, _)| p == passage)
        .count();
    &list[*cursor..*cursor + len]
}

/// Whether `list` holds `entry`, moving `cursor` forward to it (or past
/// where it would be).
// Inlined into the phrase and conjunction loops, where it runs once per
// occurrence; left to the compiler, whether it is depends on unrelated code.
#[inline]
pub(super) fn seek_entry(list: List, cursor: &mut usize, entry: (u32, u32)) -> bool {
    gallop(list, cursor, |e| *e < entry);
    list.get(*cursor) == Some(&entry)
}

/// As [`seek_entry`], taking a few single steps first: in a list about as
/// long as the one driving the search, the entry is usually that near.
#[inline]
pub(super) fn seek_near(list: List, cursor: &mut usize, entry: (u32, u32)) -> bool {
    for _ in 0..4 {
        match list.get(*cursor) {
            Some(e) if *e < entry => *cursor += 1,
            Some(e) => return *e == entry,
            None => return false,
        }
    }
    seek_entry(list, cursor, entry)
}

#[cfg(test)]
mod tests {
    use super::{Merge, SlotKinds, SlotReader, seek, seek_entry, seek_near};
    use crate::search::fulltext::MatchKind;

    #[test]
    fn a_slot_read_merged_answers_as_its_lists_read_apart() {
        // A common term, a rare one and one found nowhere, each its kind.
        let common: Vec<(u32, u32)> = (0..400).map(|i| (i / 2, i % 2 * 4)).collect();
        let rare = [(3, 1), (50, 4), (51, 0), (199, 6)];
        let lists = || {
            vec![
                (&common[..], MatchKind::Prefix, 0),
                (&rare[..], MatchKind::Exact, 0),
                (&[][..], MatchKind::Synonym, 0),
            ]
        };
        let mut apart = SlotReader::Terms(lists());
        let mut merged = SlotReader::Merged(Merge::new(lists()));
        let (mut apart_at, mut merged_at) = (
            SlotReader::Terms(lists()),
            SlotReader::Merged(Merge::new(lists())),
        );
        // A passage may be asked again; positions, only in ascending order.
        for passage in [0, 3, 3, 4, 50, 51, 120, 199, 200, 400] {
            assert_eq!(apart.best_in(passage), merged.best_in(passage), "{passage}");
        }
        for passage in [0, 3, 4, 50, 51, 120, 199, 200, 400] {
            for at in [0, 1, 4, 6] {
                assert_eq!(
                    apart_at.best_at(passage, at),
                    merged_at.best_at(passage, at),
                    "{passage} {at}"
                );
            }
        }
        let mut reader = SlotReader::Merged(Merge::new(lists()));
        assert_eq!(reader.best_in(3), Some(MatchKind::Exact));
        assert_eq!(reader.best_in(4), Some(MatchKind::Prefix));
        assert_eq!(reader.best_in(300), None);
    }

    #[test]
    fn a_slot_marked_answers_as_its_lists_read() {
        // A window from passage 100: a rare term, a common one of a weaker
        // kind sharing a passage with it, and one found nowhere.
        let window = 100..400;
        let common: Vec<(u32, u32)> = (100..300).map(|p| (p, p % 3)).collect();
        let rare = [(150, 2), (150, 7), (350, 0)];
        let lists = || {
            vec![
                (&rare[..], MatchKind::Exact),
                (&common[..], MatchKind::Prefix),
                (&[][..], MatchKind::Synonym),
            ]
        };
        // Asked at most passages, the lists are marked; asked at few, read.
        let mut marked = SlotKinds::new(lists(), 200, &window);
        assert!(matches!(marked, SlotKinds::Marked { .. }));
        assert!(matches!(
            SlotKinds::new(lists(), 2, &window),
            SlotKinds::Read(_)
        ));
        let mut read = SlotReader::Terms(lists().into_iter().map(|(l, k)| (l, k, 0)).collect());
        for passage in [100, 101, 150, 150, 151, 299, 300, 350, 399] {
            assert_eq!(marked.best_in(passage), read.best_in(passage), "{passage}");
        }
        assert_eq!(marked.best_in(150), Some(MatchKind::Exact));
        assert_eq!(marked.best_in(151), Some(MatchKind::Prefix));
        assert_eq!(marked.best_in(300), None);
        // Outside the window: nothing, and no panic.
        assert_eq!(marked.best_in(99), None);
        assert_eq!(marked.best_in(400), None);
    }

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

    #[test]
    fn seek_entry_finds_exact_pairs_in_order() {
        let list = [(1, 0), (1, 4), (2, 1), (5, 0), (9, 3)];
        let mut cursor = 0;
        assert!(seek_entry(&list, &mut cursor, (1, 4)));
        assert!(!seek_entry(&list, &mut cursor, (2, 0)));
        assert!(seek_entry(&list, &mut cursor, (2, 1)));
        assert!(!seek_entry(&list, &mut cursor, (9, 2)));
        assert!(seek_entry(&list, &mut cursor, (9, 3)));
        assert!(!seek_entry(&list, &mut cursor, (9, 4)));
    }

    #[test]
    fn seek_near_agrees_with_seek_entry_near_and_far() {
        let list: Vec<(u32, u32)> = (0..300).map(|i| (i / 3, i % 3 * 2)).collect();
        let (mut near, mut far) = (0, 0);
        for entry in [
            (0, 2),
            (0, 3),
            (1, 0),
            (2, 4),
            (50, 2),
            (51, 1),
            (99, 4),
            (100, 0),
        ] {
            assert_eq!(
                seek_near(&list, &mut near, entry),
                seek_entry(&list, &mut far, entry),
                "{entry:?}"
            );
            assert_eq!(near, far, "{entry:?}");
        }
    }
}
