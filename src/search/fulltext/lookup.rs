//! Looking a slot up in one passage at a time: its positions (for
//! phrases and snippets) or its best kind, by binary search in each term's
//! list, or, for passages asked in ascending order within a window, with
//! the readers of `lists` made once per slot.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lists::{Positions, SlotKinds, SlotReader};
use super::{Index, MatchKind};

/// Finds where a slot's terms stand in one passage, or how well they match
/// there: by binary search in each term's list for the few results whose
/// snippets are made, or, made with [`Lookup::forward`], reading a window's
/// lists forward for passages asked in ascending order.
pub(super) struct Lookup<'a> {
    index: &'a Index,
    /// The last answer.
    found: Positions,
    /// A buffer lent to callers, so holding one answer while asking for
    /// another allocates nothing.
    spare: Positions,
    /// For passages asked in ascending order within a window.
    forward: Option<Forward<'a>>,
}

/// Each slot's lists within a window read forward once, for about `asks`
/// passages asked in ascending order, rather than searched afresh; keyed
/// by where the query keeps the slot (one lookup an ask, not one a term).
struct Forward<'a> {
    window: Range<u32>,
    asks: usize,
    /// For positions.
    readers: FxHashMap<Key, SlotReader<'a>>,
    /// For a slot's best kind alone.
    kinds: FxHashMap<Key, SlotKinds<'a>>,
}

/// What a forward lookup's reader reads: a slot the query keeps (where it
/// keeps it: one hash an ask, not one a term), or one list of its own (a
/// phrase's stored whole), whose slot is made afresh at each ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Slot(usize, usize),
    List(u32),
}

impl Key {
    fn of(slot: &[(u32, MatchKind)]) -> Self {
        Key::Slot(slot.as_ptr() as usize, slot.len())
    }
}

impl<'a> Lookup<'a> {
    pub fn new(index: &'a Index) -> Self {
        Lookup {
            index,
            found: Vec::new(),
            spare: Vec::new(),
            forward: None,
        }
    }

    /// A lookup for about `asks` passages of `window`, asked in ascending
    /// order (the same one may be asked again).
    pub fn forward(index: &'a Index, window: &Range<u32>, asks: usize) -> Self {
        Lookup {
            forward: Some(Forward {
                window: window.clone(),
                asks,
                readers: FxHashMap::default(),
                kinds: FxHashMap::default(),
            }),
            ..Self::new(index)
        }
    }

    /// An empty buffer to copy an answer into; give it back when done.
    pub fn take_spare(&mut self) -> Positions {
        let mut spare = std::mem::take(&mut self.spare);
        spare.clear();
        spare
    }

    /// Returns the buffer lent by [`Lookup::take_spare`].
    pub fn give_spare(&mut self, spare: Positions) {
        self.spare = spare;
    }

    /// The positions of `slot`'s terms in `passage`, each with its kind.
    /// (`slot` must be the query's own, not a copy: see [`Key`].)
    pub fn slot(&mut self, slot: &[(u32, MatchKind)], passage: u32) -> &[(u32, MatchKind)] {
        self.positions(Key::of(slot), slot, passage)
    }

    /// The positions of `list`'s entries in `passage`, each of `kind`.
    pub fn list(&mut self, list: u32, kind: MatchKind, passage: u32) -> &[(u32, MatchKind)] {
        self.positions(Key::List(list), &[(list, kind)], passage)
    }

    fn positions(
        &mut self,
        key: Key,
        slot: &[(u32, MatchKind)],
        passage: u32,
    ) -> &[(u32, MatchKind)] {
        self.found.clear();
        let index = self.index;
        if let Some(Forward {
            window,
            asks,
            readers,
            ..
        }) = &mut self.forward
        {
            readers
                .entry(key)
                .or_insert_with(|| SlotReader::new(index.slot_within(slot, window), *asks))
                .all_in(passage, &mut self.found);
            return &self.found;
        }
        for &(term, kind) in slot {
            let list = index.postings.upto(term, passage.saturating_add(1));
            let start = list.partition_point(|&(p, _)| p < passage);
            let len = list[start..].partition_point(|&(p, _)| p == passage);
            self.found
                .extend(list[start..start + len].iter().map(|&(_, at)| (at, kind)));
        }
        &self.found
    }

    /// The best kind `slot`'s terms match with anywhere in `passage`.
    pub fn best_in(&mut self, slot: &[(u32, MatchKind)], passage: u32) -> Option<MatchKind> {
        let index = self.index;
        match &mut self.forward {
            Some(Forward {
                window,
                asks,
                kinds,
                ..
            }) => kinds
                .entry(Key::of(slot))
                .or_insert_with(|| SlotKinds::new(index.slot_within(slot, window), *asks, window))
                .best_in(passage),
            None => self.slot(slot, passage).iter().map(|&(_, kind)| kind).max(),
        }
    }
}
