//! Edit distance for typo tolerance where subsequence matching cannot help
//! (a wrong letter rather than a missing one: "ozogamacin").

/// Optimal string alignment distance (insertions, deletions, substitutions and
/// adjacent transpositions), or `None` once it must exceed `limit`.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    Pattern::new(a).distance_within(b, limit)
}

/// A word prepared to be compared with many others: typo lookups compare
/// one query word with thousands of names or terms.
pub struct Pattern<'a> {
    word: &'a str,
    /// For an ASCII word of up to 64 letters, a bit per position holding
    /// each byte, for comparing a column of the distance table at once.
    positions: Option<Box<[u64; 128]>>,
}

impl<'a> Pattern<'a> {
    /// Prepares `word`.
    pub fn new(word: &'a str) -> Self {
        let fits = word.is_ascii() && (1..=64).contains(&word.len());
        let positions = fits.then(|| {
            let mut positions = Box::new([0u64; 128]);
            for (i, &byte) in word.as_bytes().iter().enumerate() {
                positions[usize::from(byte)] |= 1 << i;
            }
            positions
        });
        Self { word, positions }
    }

    /// The distance from this word to `other`, as [`distance_within`].
    pub fn distance_within(&self, other: &str, limit: usize) -> Option<usize> {
        // Prepared positions mean an ASCII word, so the common case checks
        // only `other`.
        if other.is_ascii() && (self.positions.is_some() || self.word.is_ascii()) {
            let (a, b) = (self.word.as_bytes(), other.as_bytes());
            if a.len().abs_diff(b.len()) > limit {
                return None;
            }
            return match &self.positions {
                Some(positions) => Some(columns(positions, a.len(), b)).filter(|d| *d <= limit),
                None => osa(a, b, limit),
            };
        }
        if self.word.chars().count().abs_diff(other.chars().count()) > limit {
            return None;
        }
        let a: Vec<char> = self.word.chars().collect();
        let b: Vec<char> = other.chars().collect();
        osa(&a, &b, limit)
    }
}

/// The distance from a word of `len` bytes (1 to 64), given the positions of
/// each byte in it, to `text`: the table's columns computed as bit vectors of
/// their vertical differences, as in Myers' algorithm with Hyyrö's
/// transposition term, a handful of word operations a byte of `text`.
fn columns(positions: &[u64; 128], len: usize, text: &[u8]) -> usize {
    let last = 1u64 << (len - 1);
    // Column 0 counts up from the top: every vertical step is +1.
    let (mut up, mut down) = (!0u64, 0u64);
    let (mut diagonal, mut previous_matches) = (0u64, 0u64);
    let mut distance = len;
    for &byte in text {
        let matches = positions[usize::from(byte & 0x7f)];
        let swapped = ((!diagonal & matches) << 1) & previous_matches;
        diagonal = (((matches & up).wrapping_add(up)) ^ up) | matches | down | swapped;
        let right_up = down | !(diagonal | up);
        let right_down = up & diagonal;
        if right_up & last != 0 {
            distance += 1;
        } else if right_down & last != 0 {
            distance -= 1;
        }
        // Row 0 counts up along the top as well: a carry of +1 comes in.
        let shifted_up = (right_up << 1) | 1;
        down = shifted_up & diagonal;
        up = (right_down << 1) | !(shifted_up | diagonal);
        previous_matches = matches;
    }
    distance
}

/// Words up to this long are compared without allocating.
const ON_STACK: usize = 40;

fn osa<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * (ON_STACK + 1)];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if width <= ON_STACK + 1 {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    let (mut prev2, rest) = rows.split_at_mut(width);
    let (mut prev, mut cur) = rest.split_at_mut(width);
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    // Only cells within `limit` of the diagonal can lead to a distance
    // within `limit`, so each row is computed on that band alone. The
    // cells just outside it hold `limit + 1`: never more than their true
    // value, and too much to pass on a match.
    let over = limit + 1;
    for i in 1..=a.len() {
        let (from, to) = (i.saturating_sub(limit).max(1), (i + limit).min(b.len()));
        cur[from - 1] = if from == 1 { i } else { over };
        let mut row_min = cur[from - 1];
        for j in from..=to {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if to < b.len() {
            cur[to + 1] = over;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= limit)
}

/// How many typos a word of this length may carry and still match.
pub fn allowed_typos(word_chars: usize) -> usize {
    match word_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance_within("ozogamacin", "ozogamicin", 2), Some(1));
        assert_eq!(distance_within("jaundise", "jaundice", 1), Some(1));
        assert_eq!(distance_within("ibuprofne", "ibuprofen", 1), Some(1));
        assert_eq!(distance_within("warfarin", "warfarin", 0), Some(0));
        assert_eq!(distance_within("aspirin", "insulin", 2), None);
        assert_eq!(distance_within("ab", "abcdef", 2), None);
        // Accented and long words take the other paths, with equal answers.
        assert_eq!(distance_within("café", "cafe", 1), Some(1));
        assert_eq!(distance_within("naïve", "naive", 0), None);
        let long = "a".repeat(50);
        let typo = format!("{}b", &long[..49]);
        assert_eq!(distance_within(&long, &typo, 2), Some(1));
    }

    #[test]
    fn short_words_need_exact_spelling() {
        assert_eq!(allowed_typos(3), 0);
        assert_eq!(allowed_typos(6), 1);
        assert_eq!(allowed_typos(10), 2);
    }

    /// The whole table, as the definition reads.
    fn full_osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    proptest::proptest! {
        #[test]
        fn the_band_gives_the_whole_table_answer(
            a in "[abc]{0,12}",
            b in "[abc]{0,12}",
            limit in 0usize..4,
        ) {
            let full = full_osa(a.as_bytes(), b.as_bytes());
            let expected = Some(full).filter(|d| *d <= limit);
            proptest::prop_assert_eq!(distance_within(&a, &b, limit), expected);
        }

        #[test]
        fn words_around_64_letters_take_either_path_alike(
            a in "[ab]{62,66}",
            at in 0usize..66,
            cut in 0usize..4,
            put in "[ab]{0,3}",
        ) {
            // Near misses, which the band and the bits must both get right.
            let at = at.min(a.len());
            let b = format!("{}{put}{}", &a[..at], &a[(at + cut).min(a.len())..]);
            let full = full_osa(a.as_bytes(), b.as_bytes());
            let expected = Some(full).filter(|d| *d <= 3);
            proptest::prop_assert_eq!(distance_within(&a, &b, 3), expected);
        }
    }
}
