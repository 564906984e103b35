//! Compatibility characters from PDF-made labels — ligatures such as "ﬁ"
//! and "ﬂ", full-width letters — are found by the plain letters typed, in
//! search and in the drug-list filter.

use rxdoc::load::parse_monograph;
use rxdoc::model::Monograph;
use rxdoc::search::fulltext::Index;
use rxdoc::search::names::NameIndex;
use rxdoc::search::synonyms::Synonyms;

const TEMPLATE: &str = include_str!("fixtures/good/testamol.toml");

/// The test drug named `name`, with `common` as its common side effect.
fn drug(id: &str, name: &str, common: &str) -> Monograph {
    let text = TEMPLATE
        .replace("id = \"testamol\"", &format!("id = \"{id}\""))
        .replace("name = \"Testamol\"", &format!("name = \"{name}\""))
        .replace(
            "common = [\"Mild headache\"]",
            &format!("common = [\"{common}\"]"),
        );
    parse_monograph(id, text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn corpus() -> Vec<Monograph> {
    vec![
        drug("zq", "Zqﬁne", "ﬂushing of the face"),
        drug("wide", "Ｗｉｄｅｍａｂ", "Ｔｉｎｇｌｉｎｇ hands"),
        drug("plain", "Plainol", "Dry mouth"),
    ]
}

#[test]
fn search_finds_ligatures_and_full_width_letters_by_plain_letters() {
    let drugs = corpus();
    let index = Index::build(&drugs, Synonyms::default());
    for (query, id, pane_text) in [
        ("zqfine", "zq", "Zqﬁne"),
        ("flushing", "zq", "ﬂushing"),
        ("tingling", "wide", "Ｔｉｎｇｌｉｎｇ"),
    ] {
        let hits = index.search(query, None, 10);
        let found: Vec<&str> = hits.iter().map(|h| drugs[h.drug].id.as_str()).collect();
        assert_eq!(found.first(), Some(&id), "{query}: {found:?}");
        let hit = &hits[0];
        let highlighted: Vec<&str> = hit
            .highlights
            .iter()
            .map(|&(start, end)| &hit.snippet[start..end])
            .collect();
        if hit.snippet.contains(pane_text) {
            assert!(highlighted.contains(&pane_text), "{query}: {highlighted:?}");
        }
    }
}

#[test]
fn the_drug_filter_finds_ligatures_and_full_width_letters_and_marks_them() {
    let drugs = corpus();
    let names = NameIndex::new(&drugs);
    for (query, id, marked) in [
        ("zqfine", "zq", "Zqﬁne"),
        ("zq", "zq", "Zq"),
        ("qfi", "zq", "qﬁ"),
        ("widemab", "wide", "Ｗｉｄｅｍａｂ"),
        ("ＺＱＦＩＮＥ", "zq", "Zqﬁne"),
    ] {
        let matches = names.filter(query);
        let first = matches.first().unwrap_or_else(|| panic!("{query}: none"));
        assert_eq!(drugs[first.drug].id, id, "{query}");
        let (text, positions) = names.highlight(first, query);
        let got: String = text
            .chars()
            .enumerate()
            .filter(|(i, _)| positions.contains(i))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(got, marked, "{query}");
    }
}
