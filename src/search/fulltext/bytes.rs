//! Reading the stored index's bytes: little-endian words and the hash that
//! detects damage. A leaf of its own, so that the parts of the store that
//! read a chunk, a group or a list need not reach back into the store.

use crate::hash::Fnv;

/// The hash stored beside each list and text to detect damage. A common
/// word's list runs to megabytes and is checked when a search first uses
/// it, so the bytes are taken eight at a time in four independent lanes
/// rather than a multiplication per byte. Each step is a bijection of its
/// lane for a given word, so a change to any one word always changes it.
pub(crate) fn hash_of(bytes: &[u8]) -> u64 {
    let mut checksum = Checksum::new(bytes.len());
    let rest = checksum.blocks(bytes);
    checksum.finish(rest)
}

/// [`hash_of`], taken a piece at a time.
struct Checksum {
    lanes: [u64; 4],
}

/// Bytes [`Checksum`] takes in a step.
const BLOCK: usize = 32;

impl Checksum {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    /// A checksum of `len` bytes to come.
    fn new(len: usize) -> Self {
        Checksum {
            lanes: [0, 16, 32, 48].map(|r| Self::K.rotate_left(r) ^ len as u64),
        }
    }

    /// Takes in the whole blocks of `bytes`, returning what is left over:
    /// only the last piece may leave any.
    fn blocks<'a>(&mut self, bytes: &'a [u8]) -> &'a [u8] {
        let mut blocks = bytes.chunks_exact(BLOCK);
        for block in &mut blocks {
            for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
                *lane = (*lane ^ u64_at(word, 0))
                    .wrapping_mul(Self::K)
                    .rotate_left(29);
            }
        }
        blocks.remainder()
    }

    fn finish(&self, rest: &[u8]) -> u64 {
        let lanes = self.lanes.iter();
        let mut hash = Fnv(lanes.fold(0, |h, lane| {
            (h ^ lane).wrapping_mul(Self::K).rotate_left(23)
        }));
        hash.write(rest);
        hash.0
    }
}

/// The little-endian `u32` at `at`.
pub(super) fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

/// The little-endian `u64` at `at`.
pub(super) fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(word)
}
