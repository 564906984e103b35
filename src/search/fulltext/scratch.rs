//! Per-passage working space for a search. Common words match a large share
//! of all passages; a hash map entry per passage dominated search time. This
//! is one integer a passage, kept between searches, with a bit a passage
//! marking the entries a search touched: only those are visited in order
//! and cleared afterwards, without sorting them or scanning every entry.

use crate::narrow::to_u32;
use std::ops::Range;

/// Values in a 4 KiB page of memory.
const PAGE_VALUES: usize = 4096 / 8;

/// Four bits a slot (a query word, or a word of a phrase) per passage.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    values: Values,
    /// Bit `p % 64` of word `p / 64` is set when `values[p]` is not zero.
    touched: Vec<u64>,
    /// The words of `touched` that may have bits set: a search matches a
    /// window of passages at a time, so clearing need not visit them all.
    dirty: Range<usize>,
}

impl Scratch {
    /// Ready for a search over `passages` passages, all entries zero. Made
    /// afresh when the size changes, its memory mapped as searches first
    /// write to it (see [`Scratch::take_pages`]).
    pub fn reset(&mut self, passages: usize) {
        if self.values.len() != passages {
            self.values = Values::zeroed(passages);
            self.touched = vec![0; passages.div_ceil(64)];
            self.dirty = 0..0;
            return;
        }
        let dirty = std::mem::take(&mut self.dirty);
        let values = self.values.as_mut_slice();
        for (word, w) in self.touched[dirty.clone()].iter_mut().zip(dirty) {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                values[w * 64 + bits.trailing_zeros() as usize] = 0;
                bits &= bits - 1;
            }
        }
    }

    /// Fresh memory is mapped on first write, a page at a time: left to
    /// searches, each of many would pay for the pages its matches first fall
    /// on. Taking every page at once costs a few milliseconds at 50,000
    /// monographs, which a browser pays before its first keystroke and a
    /// single search from the command line need not pay at all.
    pub fn take_pages(&mut self, passages: usize) {
        self.reset(passages);
        for page in self.values.as_mut_slice().chunks_mut(PAGE_VALUES) {
            page[0] = std::hint::black_box(0);
        }
    }

    /// Raises the four bits at `shift` of `passage` to at least `code`.
    pub fn raise(&mut self, passage: u32, shift: u32, code: u64) {
        let value = &mut self.values.as_mut_slice()[passage as usize];
        if (*value >> shift) & 0xF < code {
            *value = (*value & !(0xF << shift)) | (code << shift);
            let word = passage as usize / 64;
            self.touched[word] |= 1 << (passage % 64);
            self.dirty = if self.dirty.is_empty() {
                word..word + 1
            } else {
                self.dirty.start.min(word)..self.dirty.end.max(word + 1)
            };
        }
    }

    /// The value of `passage`.
    pub fn get(&self, passage: u32) -> u64 {
        self.values.as_slice()[passage as usize]
    }

    /// The touched passages in `window` and their values, in passage order.
    pub fn in_order(&self, window: &Range<u32>) -> impl Iterator<Item = (u32, u64)> + '_ {
        let words = window.start as usize / 64..(window.end as usize).div_ceil(64);
        let (start, end) = (window.start as usize, window.end as usize);
        let values = self.values.as_slice();
        self.touched[words.clone()]
            .iter()
            .zip(words)
            .filter(|(word, _)| **word != 0)
            .flat_map(|(&word, w)| {
                let mut bits = word;
                std::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let p = w * 64 + bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        p
                    })
                })
            })
            .filter(move |p| (start..end).contains(p))
            .map(move |p| (to_u32(p), values[p]))
    }
}

/// A scratch space's values, all zero when made, in memory the system
/// maps as it is first written: an allocator would clear the whole table
/// first, which for a single search from the command line was a quarter
/// of its page faults (3 MB at 6,400 monographs, of which that search
/// touched about two thirds). In the allocator's memory where there are
/// none, or the system cannot map any.
#[derive(Debug)]
enum Values {
    Mapped(memmap2::MmapMut),
    Heap(Vec<u64>),
}

impl Default for Values {
    fn default() -> Self {
        Values::Heap(Vec::new())
    }
}

impl Values {
    fn zeroed(len: usize) -> Values {
        // A mapping of nothing is refused: an empty table needs none.
        let mapped = (len > 0)
            .then(|| memmap2::MmapMut::map_anon(len * size_of::<u64>()).ok())
            .flatten();
        mapped.map_or_else(|| Values::Heap(vec![0; len]), Values::Mapped)
    }

    fn len(&self) -> usize {
        self.as_slice().len()
    }

    fn as_slice(&self) -> &[u64] {
        match self {
            // A mapping starts on a page boundary, and holds whole values.
            Values::Mapped(map) => bytemuck::cast_slice(map),
            Values::Heap(values) => values,
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u64] {
        match self {
            Values::Mapped(map) => bytemuck::cast_slice_mut(map),
            Values::Heap(values) => values,
        }
    }
}

/// The two scratch spaces one search needs: the best kind per query word,
/// and, while matching words that may come in any order, per slot.
#[derive(Debug, Default)]
pub(super) struct Scratches {
    pub kinds: Scratch,
    pub slots: Scratch,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_code_per_slot_and_clears_between_searches() {
        let mut s = Scratch::default();
        s.reset(130);
        s.raise(7, 0, 2);
        s.raise(7, 0, 1);
        s.raise(7, 4, 3);
        s.raise(3, 0, 4);
        s.raise(129, 0, 1);
        let seen: Vec<_> = s.in_order(&(0..130)).collect();
        assert_eq!(seen, vec![(3, 4), (7, 0x32), (129, 1)]);
        s.reset(130);
        assert_eq!(s.in_order(&(0..130)).count(), 0);
        for p in (0..130).rev() {
            s.raise(p, 0, 1);
        }
        let seen: Vec<u32> = s.in_order(&(0..130)).map(|(p, _)| p).collect();
        assert_eq!(seen, (0..130).collect::<Vec<_>>());
        // A window yields only its own passages.
        let seen: Vec<u32> = s.in_order(&(60..70)).map(|(p, _)| p).collect();
        assert_eq!(seen, (60..70).collect::<Vec<_>>());
        s.reset(130);
        assert!(s.values.as_slice().iter().all(|v| *v == 0));
    }
}
