//! Per-passage working space for a search. Common words match a large share
//! of all passages; a hash map entry per passage dominated search time. This
//! is one integer a passage, kept between searches, and only the entries a
//! search touched are cleared afterwards.

/// Four bits a slot (a query word, or a word of a phrase) per passage.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    values: Vec<u64>,
    touched: Vec<u32>,
}

impl Scratch {
    /// Ready for a search over `passages` passages, all entries zero.
    pub fn reset(&mut self, passages: usize) {
        for &p in &self.touched {
            self.values[p as usize] = 0;
        }
        self.touched.clear();
        if self.values.len() != passages {
            self.values = vec![0; passages];
        }
    }

    /// Raises the four bits at `shift` of `passage` to at least `code`.
    pub fn raise(&mut self, passage: u32, shift: u32, code: u64) {
        let value = &mut self.values[passage as usize];
        if *value == 0 {
            self.touched.push(passage);
        }
        if (*value >> shift) & 0xF < code {
            *value = (*value & !(0xF << shift)) | (code << shift);
        }
    }

    /// The touched passages and their values, in passage order.
    pub fn in_order(&mut self) -> impl Iterator<Item = (u32, u64)> + '_ {
        // Few touched: sort them. Many: a linear scan is cheaper than sorting.
        let scan = self.touched.len() * 16 > self.values.len();
        if !scan {
            self.touched.sort_unstable();
        }
        let (values, touched) = (&self.values, &self.touched);
        let sorted = (!scan).then(|| touched.iter().map(|&p| (p, values[p as usize])));
        let scanned = scan.then(|| {
            values
                .iter()
                .enumerate()
                .filter(|(_, v)| **v != 0)
                .map(|(p, v)| (p as u32, *v))
        });
        sorted
            .into_iter()
            .flatten()
            .chain(scanned.into_iter().flatten())
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
        s.reset(100);
        s.raise(7, 0, 2);
        s.raise(7, 0, 1);
        s.raise(7, 4, 3);
        s.raise(3, 0, 4);
        let seen: Vec<_> = s.in_order().collect();
        assert_eq!(seen, vec![(3, 4), (7, 0x32)]);
        s.reset(100);
        assert_eq!(s.in_order().count(), 0);
        // Many touched: the scanning path gives the same order.
        for p in (0..100).rev() {
            s.raise(p, 0, 1);
        }
        let seen: Vec<u32> = s.in_order().map(|(p, _)| p).collect();
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }
}
