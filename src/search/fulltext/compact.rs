//! Posting lists kept small while an index is built: each term's (passage,
//! position) entries as varint gaps, shared by the builder, the phrase
//! finder and the spill files.

/// One term's (passage, position) entries, in ascending order, as varint
/// gaps: the gap to the entry's passage, then its position, as a gap from
/// the previous entry's when both are in the same passage. Most entries
/// take two or three bytes.
#[derive(Debug, Default)]
pub(super) struct Compact {
    bytes: Vec<u8>,
    len: u32,
    last: (u32, u32),
}

impl Compact {
    pub(super) fn push(&mut self, passage: u32, position: u32) {
        if self.bytes.capacity() - self.bytes.len() < 2 * MAX_VARINT {
            // A quarter more rather than double: across tens of thousands
            // of lists, doubling leaves a third of the memory unused.
            self.bytes
                .reserve_exact((self.bytes.capacity() / 4).max(4 * MAX_VARINT));
        }
        let (last_passage, last_position) = self.last;
        let same = self.len > 0 && passage == last_passage;
        put_varint(&mut self.bytes, passage - last_passage);
        put_varint(
            &mut self.bytes,
            if same {
                position - last_position
            } else {
                position
            },
        );
        self.last = (passage, position);
        self.len += 1;
    }

    /// Appends the entries of `other`, all after this list's, as if each
    /// were pushed: only the first is encoded again, since the gaps after
    /// it do not change.
    pub(super) fn append(&mut self, other: &Compact) {
        self.append_encoded(&other.bytes, other.len, other.last);
    }

    /// [`Compact::append`] of the `count` entries encoded in `bytes` by a
    /// list of their own, the last of them `last`.
    pub(super) fn append_encoded(&mut self, bytes: &[u8], count: u32, last: (u32, u32)) {
        let Some((passage, position)) = Self::decode(bytes, count).next() else {
            return;
        };
        // A list of its own encodes its first entry as (passage, position).
        let first = varint_len(passage) + varint_len(position);
        self.push(passage, position);
        self.bytes
            .extend_from_slice(bytes.get(first..).unwrap_or_default());
        self.len += count - 1;
        self.last = last;
    }

    /// The last entry, if any.
    pub(super) fn last(&self) -> (u32, u32) {
        self.last
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// The entries, in order.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        Self::decode(&self.bytes, self.len)
    }

    /// The encoded entries, as [`Compact::decode`] reads them.
    pub(super) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The `count` entries encoded in `bytes`.
    pub(super) fn decode(bytes: &[u8], count: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0;
        let (mut passage, mut position) = (0u32, 0u32);
        (0..count).map(move |i| {
            let gap = varint_at(bytes, &mut at);
            let value = varint_at(bytes, &mut at);
            passage = passage.wrapping_add(gap);
            position = if i > 0 && gap == 0 {
                position.wrapping_add(value)
            } else {
                value
            };
            (passage, position)
        })
    }
}

/// Bytes of the longest varint of a `u32`.
const MAX_VARINT: usize = 5;

pub(super) fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        // The low seven bits, with the flag that more bytes follow.
        out.push(value.to_le_bytes()[0] | 0x80);
        value >>= 7;
    }
    out.push(value.to_le_bytes()[0]);
}

/// Bytes [`put_varint`] writes for `value`.
fn varint_len(value: u32) -> usize {
    (32 - value.leading_zeros()).div_ceil(7).max(1) as usize
}

/// The varint written by [`put_varint`] at `*at` in `bytes`, moving `at`
/// past it: a common word's list is decoded whole the first time a search
/// uses it (hundreds of thousands of entries), so this reads the slice by
/// index, one branch a byte. At most five bytes are read, and a varint cut
/// short by the end gives what it has; damage is caught by the list's
/// hash and order checks, not here.
#[inline(always)]
fn varint_at(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte < 0x80 || shift == 28 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn compact_lists_give_back_what_was_pushed(
            steps in proptest::collection::vec((0u32..3, 0u32..70_000, any::<bool>()), 0..200)
        ) {
            let mut compact = Compact::default();
            let mut pushed = Vec::new();
            let (mut passage, mut position) = (0u32, 0u32);
            for (gap, jump, big) in steps {
                passage += if big { gap * 100_000 } else { gap };
                position = if gap == 0 && !pushed.is_empty() { position + 1 + jump } else { jump };
                compact.push(passage, position);
                pushed.push((passage, position));
            }
            prop_assert_eq!(compact.len(), pushed.len());
            prop_assert_eq!(compact.entries().collect::<Vec<_>>(), pushed);
        }
    }

    proptest! {
        #[test]
        fn appended_lists_are_those_pushed_one_by_one(
            cuts in proptest::collection::vec(0usize..40, 0..6),
            gaps in proptest::collection::vec((0u32..3, 0u32..300), 1..120)
        ) {
            let (mut passage, mut position) = (0u32, 0u32);
            let entries: Vec<(u32, u32)> = gaps.iter().enumerate().map(|(i, &(gap, jump))| {
                passage += gap;
                position = if gap == 0 && i > 0 { position + 1 + jump } else { jump * 1000 };
                (passage, position)
            }).collect();
            let mut whole = Compact::default();
            entries.iter().for_each(|&(p, q)| whole.push(p, q));
            let mut appended = Compact::default();
            let mut rest = &entries[..];
            for cut in cuts.into_iter().chain([usize::MAX]) {
                let (part, after) = rest.split_at(cut.min(rest.len()));
                let mut own = Compact::default();
                part.iter().for_each(|&(p, q)| own.push(p, q));
                appended.append(&own);
                rest = after;
            }
            prop_assert_eq!(appended.len(), whole.len());
            prop_assert_eq!(appended.last(), whole.last());
            prop_assert_eq!(appended.bytes(), whole.bytes());
        }
    }

    #[test]
    fn varint_lengths_are_those_written() {
        for value in [0, 1, 127, 128, 16_383, 16_384, u32::MAX >> 4, u32::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            assert_eq!(varint_len(value), out.len(), "{value}");
        }
    }

    #[test]
    fn extreme_values_survive() {
        let mut compact = Compact::default();
        compact.push(0, 0);
        compact.push(0, u32::MAX);
        compact.push(u32::MAX, 0);
        let entries: Vec<_> = compact.entries().collect();
        assert_eq!(entries, [(0, 0), (0, u32::MAX), (u32::MAX, 0)]);
    }
}
