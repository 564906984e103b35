//! "Did you mean": the drugs whose id, name, brand or alias is close to
//! an unknown name. Close means within an edit distance of a third of the
//! typed word's length, so a typo gets its drug and a guess far from every
//! name gets nothing rather than a random one.

use crate::model::Named;

/// Names as they are compared: lower case, hyphens and underscores read
/// as spaces, runs of spaces as one.
fn folded(name: &str) -> String {
    name.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The most edits a typed name of `chars` characters may be from a name.
fn allowed_edits(chars: usize) -> usize {
    chars / 3
}

/// How close `typed` (folded) is to `name`: the fewest edits to the whole
/// name or, when one word was typed, to one of its words.
fn distance(typed: &str, name: &str) -> usize {
    let whole = strsim::levenshtein(typed, name);
    if typed.contains(' ') {
        return whole;
    }
    name.split(' ')
        .map(|word| strsim::levenshtein(typed, word))
        .min()
        .unwrap_or(whole)
        .min(whole)
}

/// Up to `limit` drug names close to `typed`, closest first (then by
/// name); empty when none is close enough.
pub fn suggest<'a, T: Named + 'a>(
    typed: &str,
    drugs: impl Iterator<Item = &'a T>,
    limit: usize,
) -> Vec<String> {
    let typed = folded(typed);
    let allowed = allowed_edits(typed.chars().count());
    if allowed == 0 {
        return Vec::new();
    }
    let mut close: Vec<(usize, &str)> = drugs
        .filter_map(|m| {
            let best = std::iter::once(m.id())
                .chain(m.names())
                .map(|name| distance(&typed, &folded(name)))
                .min()?;
            (best <= allowed).then_some((best, m.name()))
        })
        .collect();
    close.sort_unstable();
    close.dedup_by(|a, b| a.1 == b.1);
    close
        .into_iter()
        .take(limit)
        .map(|(_, name)| name.to_string())
        .collect()
}

/// The word of `words` closest to `typed`, by the same rule as drug names
/// (within a third of its length), for a misspelt setting or action name.
pub fn closest<'a>(typed: &str, words: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = folded(typed);
    let allowed = allowed_edits(typed.chars().count()).max(1);
    words
        .map(|word| (strsim::levenshtein(&typed, &folded(word)), word))
        .filter(|(edits, _)| *edits <= allowed)
        .min()
        .map(|(_, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_and_spaces_fold_alike() {
        assert_eq!(folded("Inotuzumab-Ozogamicin"), "inotuzumab ozogamicin");
        assert_eq!(folded(" co_trimoxazole  forte"), "co trimoxazole forte");
    }

    #[test]
    fn the_allowed_distance_is_a_third_of_the_length() {
        assert_eq!(distance("warfrin", "warfarin"), 1);
        assert_eq!(distance("inotuzumb", "inotuzumab ozogamicin"), 1);
        assert_eq!(allowed_edits(3), 1);
        assert_eq!(allowed_edits(2), 0);
        assert_eq!(allowed_edits(21), 7);
    }

    #[test]
    fn the_closest_word_is_within_a_third_of_the_length() {
        let words = ["theme", "tab", "mouse", "data", "keys"];
        assert_eq!(closest("thme", words.into_iter()), Some("theme"));
        assert_eq!(closest("Mouse", words.into_iter()), Some("mouse"));
        assert_eq!(closest("colour", words.into_iter()), None);
    }
}
