//! Edit distance for typo tolerance where subsequence matching cannot help
//! (a wrong letter rather than a missing one: "ozogamacin").

/// Optimal string alignment distance (insertions, deletions, substitutions and
/// adjacent transpositions), or `None` once it must exceed `limit`.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    // Typo lookups compare a query word with thousands of terms, nearly
    // all ASCII: compare bytes then, without collecting characters.
    if a.is_ascii() && b.is_ascii() {
        return osa(a.as_bytes(), b.as_bytes(), limit);
    }
    if a.chars().count().abs_diff(b.chars().count()) > limit {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, limit)
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
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
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
}
