//! Integer conversions that can narrow, each in one place with its rule,
//! instead of `as` scattered where a value could silently wrap.

/// A count, id or position of the full-text and name indexes, which number
/// drugs, passages, terms, phrases and word positions with `u32` (the
/// stored index's format). Positions are bounded by a monograph's size
/// (`load::MAX_FILE_BYTES`, 4 MiB); counts would need a library of more
/// than four billion passages, which no build reaches in memory first.
///
/// # Panics
/// If `n` does not fit: an index that large cannot be numbered, and a
/// wrapped id would silently point at the wrong passage.
pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("the index numbers fewer than 2^32 items")
}

/// A size or offset read as `u64` (from a file, or a file's metadata) as
/// a `usize`, saturating on a target whose `usize` is narrower: a slice at
/// such an offset is then out of range, and refused as such.
pub fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A length or index as a signed step, saturating (no list has
/// `isize::MAX` rows).
pub fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// A length or index as `i64`, saturating (for scores that subtract it).
pub fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_fit_are_kept() {
        assert_eq!(to_u32(0), 0);
        assert_eq!(to_u32(u32::MAX as usize), u32::MAX);
        assert_eq!(to_usize(12_345), 12_345);
        assert_eq!(to_isize(7), 7);
        assert_eq!(to_i64(9), 9);
    }

    #[test]
    fn values_that_do_not_fit_saturate() {
        assert_eq!(to_isize(usize::MAX), isize::MAX);
        assert_eq!(to_i64(usize::MAX), i64::MAX);
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    #[should_panic(expected = "fewer than 2^32")]
    fn an_index_past_u32_is_refused_not_wrapped() {
        to_u32(u32::MAX as usize + 1);
    }
}
