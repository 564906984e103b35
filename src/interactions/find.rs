//! Whole-word, case-insensitive matching of names in passages.

use std::ops::Range;

use super::Term;

/// Where each term occurs in `text` as whole words, case-insensitively,
/// with overlapping matches merged; and which terms matched.
pub fn find(text: &str, terms: &[Term]) -> (Vec<Range<usize>>, Vec<usize>) {
    let (lower, origin) = lowercase_mapped(text);
    let mut ranges = Vec::new();
    let mut matched = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let needle = term.text.trim().to_lowercase();
        if needle.is_empty() {
            continue;
        }
        let found: Vec<Range<usize>> = lower
            .match_indices(&needle)
            .map(|(start, _)| start..start + needle.len())
            .filter(|r| on_boundaries(&lower, r))
            .map(|r| origin[r.start]..origin[r.end])
            .collect();
        if !found.is_empty() {
            matched.push(i);
            ranges.extend(found);
        }
    }
    (merge(ranges), matched)
}

/// Words that only qualify a named class ("other NSAIDs", "some
/// antibiotics"): an item is matched with them set aside. Words that narrow
/// it ("strong CYP3A4 inhibitors" are not all of them) are kept, so such an
/// item matches only a class of that name.
const QUALIFIERS: &[&str] = &["other", "some", "certain", "most", "all", "any", "many"];

/// The items of a structured entry (byte ranges of `text`) that are, whole,
/// one of the terms (case, spacing and apostrophes aside, and a leading
/// qualifier such as "other"); and which terms matched.
pub fn find_items(
    text: &str,
    items: &[Range<usize>],
    terms: &[Term],
) -> (Vec<Range<usize>>, Vec<usize>) {
    let wanted: Vec<String> = terms.iter().map(|t| comparable(&t.text)).collect();
    let mut ranges = Vec::new();
    let mut matched = Vec::new();
    for range in items {
        let item = item_key(&text[range.clone()]);
        for (i, w) in wanted.iter().enumerate() {
            if !w.is_empty() && *w == item {
                ranges.push(range.clone());
                matched.push(i);
            }
        }
    }
    matched.sort_unstable();
    matched.dedup();
    // One item can name a drug and a class at once ("steroid tablets"):
    // its range counts once.
    (merge(ranges), matched)
}

/// An item as it is compared with names: see [`find_items`].
pub fn item_key(item: &str) -> String {
    unqualified(&comparable(item))
}

/// Lower case, one space between words, straight apostrophes.
fn comparable(text: &str) -> String {
    let lower = text.to_lowercase().replace('’', "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `item` without its leading qualifying words.
fn unqualified(item: &str) -> String {
    let mut words: &str = item;
    while let Some((first, rest)) = words.split_once(' ') {
        if !QUALIFIERS.contains(&first) {
            break;
        }
        words = rest;
    }
    words.to_string()
}

/// `text` lowercased, and for each byte of it (and its end) the byte of
/// `text` it came from: lowercasing can change lengths outside ASCII.
fn lowercase_mapped(text: &str) -> (String, Vec<usize>) {
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for l in c.to_lowercase() {
            lower.push(l);
            origin.resize(lower.len(), at);
        }
    }
    origin.push(text.len());
    (lower, origin)
}

/// A match counts only as whole words: no letter or digit just before or
/// after it ("ARB" is not in "carbamazepine").
fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Term {
        Term {
            text: text.into(),
            class: None,
        }
    }

    fn found(text: &str, terms: &[&str]) -> Vec<String> {
        let terms: Vec<Term> = terms.iter().map(|t| term(t)).collect();
        find(text, &terms)
            .0
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn terms_match_whole_words_case_insensitively() {
        assert_eq!(
            found("Other NSAIDs, including aspirin", &["nsaids", "Aspirin"]),
            ["NSAIDs", "aspirin"]
        );
        // Not inside another word.
        assert!(found("Carbamazepine: less effect", &["ARB"]).is_empty());
        assert!(found("Antidepressants such as", &["depressant"]).is_empty());
        assert!(found("the NSAIDs list", &["NSAID"]).is_empty());
        // Punctuation and hyphens are boundaries.
        assert_eq!(found("(ibuprofen)-like", &["ibuprofen"]), ["ibuprofen"]);
    }

    #[test]
    fn overlapping_matches_merge_and_unicode_keeps_positions() {
        assert_eq!(
            found(
                "SSRI antidepressants such as",
                &["SSRI", "SSRI antidepressants"]
            ),
            ["SSRI antidepressants"]
        );
        assert_eq!(
            found("St John’s wort İ and WARFARIN", &["warfarin"]),
            ["WARFARIN"]
        );
    }

    fn items_found(items: &[&str], terms: &[&str]) -> Vec<String> {
        let text = items.join(", ");
        let mut at = 0;
        let ranges: Vec<Range<usize>> = items
            .iter()
            .map(|i| {
                let r = at..at + i.len();
                at += i.len() + 2;
                r
            })
            .collect();
        let terms: Vec<Term> = terms.iter().map(|t| term(t)).collect();
        find_items(&text, &ranges, &terms)
            .0
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn an_item_matches_only_as_a_whole() {
        // "tricyclic antidepressants" names the tricyclics, not every
        // antidepressant; "potassium-sparing diuretics" not every diuretic.
        assert!(items_found(&["tricyclic antidepressants"], &["antidepressants"]).is_empty());
        // An item that is two terms at once is one match.
        assert_eq!(
            items_found(
                &["steroid tablets"],
                &["Steroid tablets", "steroid tablets"]
            ),
            ["steroid tablets"]
        );
        assert!(items_found(&["potassium-sparing diuretics"], &["diuretics"]).is_empty());
        assert_eq!(
            items_found(
                &["SSRIs", "tricyclic antidepressants"],
                &["tricyclic antidepressants"]
            ),
            ["tricyclic antidepressants"]
        );
    }

    #[test]
    fn qualifiers_case_spacing_and_apostrophes_are_set_aside() {
        assert_eq!(
            items_found(
                &["Other  NSAIDs", "some CYP3A4 inhibitors"],
                &["nsaids", "CYP3A4 inhibitors"]
            ),
            ["Other  NSAIDs", "some CYP3A4 inhibitors"]
        );
        // "Strong" narrows: the moderate members of a class are not named.
        assert!(items_found(&["strong CYP3A4 inhibitors"], &["CYP3A4 inhibitors"]).is_empty());
        assert_eq!(
            items_found(&["St John\u{2019}s wort"], &["St John's wort"]),
            ["St John\u{2019}s wort"]
        );
        assert!(items_found(&["some antibiotics"], &["antibiotic"]).is_empty());
    }
}
