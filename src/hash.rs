//! A hash that stays the same across runs, builds and machines, for
//! fingerprints and ids that are stored.

/// FNV-1a, 64-bit: stable across runs and builds, unlike the standard
/// library's hasher, so fingerprints can be stored.
pub(crate) struct Fnv(pub(crate) u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        // Length first, so ("ab", "c") and ("a", "bc") differ.
        for &b in (bytes.len() as u64).to_le_bytes().iter().chain(bytes) {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fnv;

    fn hash(parts: &[&[u8]]) -> u64 {
        let mut hash = Fnv::default();
        parts.iter().for_each(|p| hash.write(p));
        hash.0
    }

    #[test]
    fn lengths_keep_split_points_apart() {
        assert_ne!(hash(&[b"ab", b"c"]), hash(&[b"a", b"bc"]));
        assert_eq!(hash(&[b"ab", b"c"]), hash(&[b"ab", b"c"]));
    }
}
