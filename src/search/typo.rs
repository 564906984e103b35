//! Edit distance for typo tolerance where subsequence matching cannot help
//! (a wrong letter rather than a missing one: "ozogamacin").

/// Optimal string alignment distance (insertions, deletions, substitutions and
/// adjacent transpositions), or `None` once it must exceed `limit`.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    // Most comparisons fail on length alone; decide those before allocating.
    if a.chars().count().abs_diff(b.chars().count()) > limit {
        return None;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
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
    }

    #[test]
    fn short_words_need_exact_spelling() {
        assert_eq!(allowed_typos(3), 0);
        assert_eq!(allowed_typos(6), 1);
        assert_eq!(allowed_typos(10), 2);
    }
}
