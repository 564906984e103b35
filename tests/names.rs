//! The drug-list filter on the bundled library: word starts for one or two
//! letters, fuzzy matching beyond, typos as a fallback, and highlights that
//! agree with what matched.

use rxdoc::load::{Library, Source};
use rxdoc::model::Monograph;
use rxdoc::search::names::{Field, NameIndex};

fn bundled() -> Vec<Monograph> {
    Library::load(&[Source::Bundled])
        .entries
        .into_iter()
        .map(|e| e.monograph)
        .collect()
}

/// The highlighted characters of the name a match was found in.
fn marked(names: &NameIndex, m: &rxdoc::search::names::NameMatch, query: &str) -> String {
    let (text, positions) = names.highlight(m, query);
    text.chars()
        .enumerate()
        .filter(|(i, _)| positions.contains(i))
        .map(|(_, c)| c.to_ascii_lowercase())
        .collect()
}

#[test]
fn one_or_two_letters_match_the_start_of_a_word() {
    let drugs = bundled();
    let names = NameIndex::new(&drugs);
    for query in ["m", "me", "W"] {
        let matches = names.filter(query);
        assert!(!matches.is_empty(), "{query}");
        for m in &matches {
            let (text, _) = names.highlight(m, query);
            let starts_a_word = text
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(&query.to_lowercase()));
            assert!(starts_a_word, "{query:?} matched {text:?}");
            assert_eq!(marked(&names, m, query), query.to_lowercase());
        }
    }
    // A generic name that starts with the letters comes before one where
    // only a later word or another field does.
    let top = &drugs[names.filter("me")[0].drug];
    assert!(top.name.to_lowercase().starts_with("me"), "{}", top.name);
}

#[test]
fn longer_filters_are_fuzzy_and_highlight_what_matched() {
    let drugs = bundled();
    let names = NameIndex::new(&drugs);
    let matches = names.filter("mtfrmn");
    assert_eq!(drugs[matches[0].drug].id, "metformin");
    assert_eq!(matches[0].field, Field::Name);
    assert_eq!(marked(&names, &matches[0], "mtfrmn"), "mtfrmn");
}

#[test]
fn typos_are_a_fallback_when_nothing_else_matches() {
    let drugs = bundled();
    let names = NameIndex::new(&drugs);
    // A wrong letter, so not a subsequence of the name.
    let matches = names.filter("wurfarin");
    assert_eq!(drugs[matches[0].drug].id, "warfarin");
    assert_eq!(marked(&names, &matches[0], "wurfarin"), "warfarin");
    assert!(names.filter("qqqqqqqq").is_empty());
}

#[test]
fn three_letters_match_together_word_starts_first() {
    let drugs = bundled();
    let names = NameIndex::new(&drugs);
    // "cil" is inside amoxicillin; scattered letters ("c…i…l") do not count.
    let matches = names.filter("cil");
    assert!(!matches.is_empty());
    for m in &matches {
        let (text, _) = names.highlight(m, "cil");
        assert!(text.to_lowercase().contains("cil"), "{text:?}");
        assert_eq!(marked(&names, m, "cil"), "cil");
    }
    assert!(
        matches.iter().any(|m| drugs[m.drug].id == "amoxicillin"),
        "a word holding the letters matches"
    );
    // A word that starts with the letters ranks above one that holds them.
    let met = names.filter("met");
    let (top, _) = names.highlight(&met[0], "met");
    assert!(
        top.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with("met")),
        "{top}"
    );
}

#[test]
fn typos_in_any_word_of_a_name_are_found() {
    let drugs = bundled();
    let names = NameIndex::new(&drugs);
    // A swapped pair and a wrong letter, in a second word too.
    for (query, id) in [
        ("amoxicilin", "amoxicillin"),
        ("atrovastatin", "atorvastatin"),
        ("inotuzumab ozogamacin", "inotuzumab-ozogamicin"),
    ] {
        let matches = names.filter(query);
        assert_eq!(
            matches.first().map(|m| drugs[m.drug].id.as_str()),
            Some(id),
            "{query}"
        );
    }
    assert!(names.filter("qqqqzzzz").is_empty());
}

#[test]
fn a_class_matches_longer_filters_by_whole_words_only() {
    let mut drug = bundled().remove(0);
    drug.name = "Zyxolide".into();
    drug.brands.clear();
    drug.aliases.clear();
    drug.drug_class = "Proton pump inhibitor".into();
    let drugs = vec![drug];
    let names = NameIndex::new(&drugs);
    for query in ["pump", "proton pu", "inhibit"] {
        let matches = names.filter(query);
        assert_eq!(matches.len(), 1, "{query}");
        assert_eq!(matches[0].field, Field::Class, "{query}");
    }
    // Its letters in order, but scattered over the words: noise.
    assert!(names.filter("ppin").is_empty());
    assert!(names.filter("rtnpm").is_empty());
}
