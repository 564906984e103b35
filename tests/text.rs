//! Text from data beyond ASCII: compatibility characters from PDF-made
//! labels — ligatures such as "ﬁ" and "ﬂ", full-width letters — are found by
//! the plain letters typed, in search and in the drug-list filter; wide
//! (CJK) names line up in `rxdoc list`.

use rxdoc::load::{Library, Source, parse_monograph};
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

#[test]
fn list_lines_up_names_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    for (id, name) in [("cjk", "药物测试"), ("plain", "Plainol"), ("zq", "Zqﬁne")] {
        let text = TEMPLATE
            .replace("id = \"testamol\"", &format!("id = \"{id}\""))
            .replace("name = \"Testamol\"", &format!("name = \"{name}\""));
        std::fs::write(dir.path().join(format!("{id}.toml")), text).unwrap();
    }
    let library = Library::load(&[Source::Path(dir.path().to_owned())]);
    let mut out = Vec::new();
    let terminal = rxdoc::commands::Destination::Terminal;
    rxdoc::commands::list(&library, false, terminal, &mut out, &mut Vec::new()).unwrap();
    let out = String::from_utf8(out).unwrap();
    // Columns (in display cells, a CJK character taking two) where the
    // brands column starts, heading included.
    let starts: Vec<usize> = out
        .lines()
        .filter_map(|line| {
            let at = line.find("Testix").or_else(|| line.find("BRANDS"))?;
            Some(unicode_width::UnicodeWidthStr::width(&line[..at]))
        })
        .collect();
    assert_eq!(starts.len(), 4, "{out}");
    assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}\n{out}");
}
