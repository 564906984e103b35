//! Full-text search on fixture monographs: normalisation, typos, synonyms,
//! ranking, and queries that must not match.

use rxdoc::load::parse_monograph;
use rxdoc::model::Monograph;
use rxdoc::pane::Pane;
use rxdoc::search::fulltext::{Index, SELECTION, SearchHit};
use rxdoc::search::synonyms::Synonyms;

const TEMPLATE: &str = include_str!("fixtures/good/testamol.toml");

/// A fictional monograph with the given common side effects and mechanism.
fn drug(id: &str, name: &str, common: &[&str], how: &str) -> Monograph {
    let list = common
        .iter()
        .map(|c| format!("{c:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let text = TEMPLATE
        .replace("id = \"testamol\"", &format!("id = \"{id}\""))
        .replace("name = \"Testamol\"", &format!("name = \"{name}\""))
        .replace("brands = [\"Testix\"]", &format!("brands = [\"{name}ix\"]"))
        .replace("aliases = [\"Testamole\"]", "aliases = []")
        .replace(
            "serious = [\"Yellow skin or eyes\"]",
            "serious = [\"Severe dizziness\"]",
        )
        .replace(
            "common = [\"Mild headache\"]",
            &format!("common = [{list}]"),
        )
        .replace("It blocks an imaginary receptor.", how);
    parse_monograph(id, text.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn corpus() -> Vec<Monograph> {
    vec![
        drug(
            "alpha",
            "Alphamab",
            &["Easy bruising", "Mouth sores"],
            "It binds CD22 on cells.",
        ),
        drug(
            "beta",
            "Betanol",
            &["Bruises on the legs"],
            "It carries calicheamicin into the cell.",
        ),
        drug(
            "gamma",
            "Gammacil",
            &["Sores in the mouth after meals"],
            "It slows an enzyme.",
        ),
        drug(
            "delta",
            "Deltazine",
            &["Jaundice", "Vomiting"],
            "It blocks a pump.",
        ),
        drug(
            "epsilon",
            "Epsilor",
            &["Blood in the urine"],
            "It thins the blood in the urine tract.",
        ),
    ]
}

fn index() -> Index {
    let mut synonyms = Synonyms::default();
    synonyms.add_group(&["jaundice", "yellow skin", "yellow eyes"]);
    synonyms.add_group(&["vomiting", "throwing up"]);
    Index::build(corpus(), synonyms)
}

fn ids(hits: &[SearchHit]) -> Vec<String> {
    let drugs = corpus();
    hits.iter().map(|h| drugs[h.drug].id.clone()).collect()
}

#[test]
fn inflections_match_each_other() {
    let hits = index().search("bruising", None, 10);
    let found = ids(&hits);
    assert!(
        found.contains(&"alpha".into()) && found.contains(&"beta".into()),
        "{found:?}"
    );
    assert_eq!(hits[0].pane, Pane::SideEffects);
}

#[test]
fn typos_find_the_word() {
    assert_eq!(ids(&index().search("jaundise", None, 10)), ["delta"]);
    assert_eq!(ids(&index().search("calicheamycin", None, 10)), ["beta"]);
}

#[test]
fn lay_words_find_clinical_ones_and_back() {
    let hits = index().search("yellow skin", None, 10);
    assert_eq!(ids(&hits), ["delta"]);
    assert!(hits[0].snippet.contains("Jaundice"));
    assert_eq!(ids(&index().search("throwing up", None, 10)), ["delta"]);
}

#[test]
fn adjacent_words_rank_first() {
    // Every fixture is taken "by mouth", so all match one word; the two with
    // both words come first, the adjacent "mouth sores" before "sores in the mouth".
    let hits = index().search("mouth sores", None, 10);
    assert_eq!(ids(&hits)[..2], ["alpha", "gamma"], "{hits:#?}");
    assert_eq!((hits[0].matched, hits[1].matched), (2, 2));
    assert!(hits[2..].iter().all(|h| h.matched == 1));
}

#[test]
fn all_words_beat_some_words() {
    let hits = index().search("blood urine", None, 10);
    assert_eq!(ids(&hits)[0], "epsilon");
    assert_eq!(hits[0].matched, hits[0].wanted);
}

#[test]
fn exact_beats_prefix_beats_typo() {
    // "sore" is exact for alpha/gamma ("sores") and a prefix of nothing else;
    // "bruis" is a prefix-only match: exact matches would rank above it.
    let exact = index().search("cd22", None, 10);
    assert_eq!(ids(&exact), ["alpha"]);
    let prefix = index().search("calich", None, 10);
    assert_eq!(ids(&prefix), ["beta"], "prefix of calicheamicin");
}

#[test]
fn snippets_highlight_the_matched_words() {
    let hits = index().search("bruising", None, 10);
    let h = &hits[0];
    let highlighted: Vec<&str> = h
        .highlights
        .iter()
        .map(|&(a, b)| &h.snippet[a..b])
        .collect();
    assert!(
        highlighted
            .iter()
            .all(|w| w.to_lowercase().starts_with("bruis")),
        "{highlighted:?}"
    );
}

#[test]
fn section_restriction() {
    let hits = index().search("blood", Some(Pane::HowItWorks), 10);
    assert_eq!(ids(&hits), ["epsilon"]);
    assert!(hits.iter().all(|h| h.pane == Pane::HowItWorks));
}

#[test]
fn nonsense_and_empty_queries_match_nothing() {
    let idx = index();
    assert!(idx.search("xylophone", None, 10).is_empty());
    assert!(idx.search("", None, 10).is_empty());
    assert!(idx.search("?!*[]()", None, 10).is_empty());
    assert!(
        idx.search("the of and", None, 10).is_empty(),
        "stopwords alone"
    );
    let long = "bruising ".repeat(2000);
    assert!(
        !idx.search(&long, None, 10).is_empty(),
        "very long queries are cut, not refused"
    );
}

#[test]
fn ties_are_broken_by_drug_name() {
    let hits = index().search("fictional", None, 10);
    let names: Vec<String> = ids(&hits);
    let mut sorted = names.clone();
    sorted.sort_by_key(|id| corpus().into_iter().find(|m| &m.id == id).unwrap().name);
    assert_eq!(names, sorted);
}

#[test]
fn bundled_synonyms_cover_common_lay_words() {
    let lib = rxdoc::load::Library::load(&[rxdoc::load::Source::Bundled]);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    assert!(lib.synonyms.len() >= 80, "{}", lib.synonyms.len());
    let idx = Index::build(lib.monographs(), lib.synonyms.clone());
    for query in [
        "yellow skin",
        "short of breath",
        "throwing up",
        "tired",
        "bleeding gums",
        "mouth sores",
    ] {
        assert!(!idx.search(query, None, 5).is_empty(), "{query}");
    }
}

#[test]
fn results_made_one_at_a_time_are_those_of_a_full_search() {
    let index = index();
    for q in [
        "bruising",
        "yellow skin",
        "throwing up",
        "jaundise",
        "xylophone",
    ] {
        let ranked = index.rank(q, None, 10);
        // In any order, as a screen scrolled to the end first would ask.
        let mut one_by_one: Vec<SearchHit> = (0..ranked.len())
            .rev()
            .filter_map(|i| index.hit(&ranked, i))
            .collect();
        one_by_one.reverse();
        assert_eq!(one_by_one, index.search(q, None, 10), "{q}");
        assert_eq!(index.hit(&ranked, ranked.len()), None);
    }
}

#[test]
fn the_query_words_together_rank_first_even_beside_a_synonym_phrase() {
    // "allergic reaction" is a phrase of the synonyms table; the query's own
    // three words, in order, are what count as standing together.
    let lib = rxdoc::load::Library::load(&[rxdoc::load::Source::Bundled]);
    let idx = Index::build(lib.monographs(), lib.synonyms.clone());
    let hits = idx.search("severe allergic reaction", None, 5);
    assert!(!hits.is_empty());
    let top = hits[0].snippet.to_lowercase();
    assert!(top.contains("severe allergic reaction"), "{hits:#?}");
}

/// Ranking stops early once nothing later can rank higher, and late in a
/// long search looks only where the query's words stand together. Neither
/// may change the results: the best few are the first few of all.
#[test]
fn the_best_few_are_the_first_few_of_all_results() {
    // Enough passages for several of the windows a search is run in, with
    // the words scattered in the drugs first by name and together in the
    // last ones.
    let drugs: Vec<Monograph> = (0..400)
        .map(|i| {
            let (effects, how) = if i < 370 {
                (
                    ["Short walks can leave you out of breath", "Mild cough"],
                    "It relaxes the airways; walks can leave people breathless.",
                )
            } else {
                (
                    ["Short of breath when lying down", "Breathless after walks"],
                    "It relaxes the airways; a wheeze may follow a cough.",
                )
            };
            let mut drug = drug(&format!("d{i:03}"), &format!("Drug{i:03}"), &effects, how);
            if i == 200 {
                // A brand in the middle of the library that a word still
                // being typed ("wheez") may name.
                drug.brands.push("Wheezarin".into());
            }
            drug
        })
        .collect();
    let mut synonyms = Synonyms::default();
    synonyms.add_group(&["short of breath", "breathless"]);
    let index = Index::build(&drugs, synonyms);
    assert!(index.passages_len() > 12_000, "{}", index.passages_len());
    let queries = [
        "short breath",
        "short brea",
        "short of breath",
        "walks breath",
        "walks breathless",
        // A last word too short to complete matches nowhere: the rest
        // is ranked as if it were not there.
        "walks u",
        "short breath zq",
        "short of breath zq",
        "breathless zq",
        // A rare word with a common one: once the results are full of
        // passages holding the common one, only those holding both count.
        "walks wheeze",
        "cough wheez",
        "mild cough wheeze",
        // Words with a name still being typed: the named drug's passages
        // are read first, and the rest only as far as needed.
        "mild whee",
        "short breath wheeza",
        "walks whe",
    ];
    for query in queries {
        let all = index.search(query, None, usize::MAX);
        assert!(all.len() >= 400, "{query}: {}", all.len());
        let chosen = index.search(query, None, SELECTION);
        for limit in [1, 5, 30] {
            assert_eq!(
                index.search(query, None, limit),
                chosen[..limit],
                "{query}: every limit shows the first rows of the same list"
            );
        }
        // However early a search stops, nothing it did not read matches
        // more of the query than what it chose.
        let fewest = chosen.iter().map(|h| h.matched).min().unwrap_or(0);
        let unread = all.iter().filter(|h| !chosen.contains(h));
        assert!(unread.map(|h| h.matched).all(|m| m <= fewest), "{query}");
        assert_eq!(
            all.iter().map(|h| h.matched).max(),
            chosen.first().map(|h| h.matched),
            "{query}: the best there is comes first"
        );
    }
    let first = &index.search("short breath", None, 1)[0];
    assert_eq!(drugs[first.drug].id, "d370", "together beats scattered");
    for query in ["wheeza", "mild whee", "short breath wheeza"] {
        let first = &index.search(query, None, 1)[0];
        assert_eq!(drugs[first.drug].id, "d200", "{query}: the drug it names");
    }
}

#[test]
fn a_group_matched_only_by_a_synonym_still_counts_late_in_the_library() {
    // Most drugs mention only the cough; the last few also the breathing
    // trouble, in other words than the query's. Once the results are full
    // of the cough alone, search reads only passages where both match, and
    // must still find those. (The query's own words are elsewhere, so they
    // are what the group matches best.)
    let drugs: Vec<Monograph> = (0..400)
        .map(|i| {
            let effect = if i < 370 {
                "Mild cough at night"
            } else {
                "Mild cough, and breathless at night"
            };
            drug(
                &format!("d{i:03}"),
                &format!("Drug{i:03}"),
                &[effect, "Headache"],
                "Take a deep breath before a short walk.",
            )
        })
        .collect();
    let mut synonyms = Synonyms::default();
    synonyms.add_group(&["short of breath", "breathless"]);
    let index = Index::build(&drugs, synonyms);
    for query in ["cough short of breath", "short of breath cough"] {
        let all = index.search(query, None, usize::MAX);
        for limit in [1, 5, 30] {
            let best = index.search(query, None, limit);
            assert_eq!(best, all[..limit], "{query}, limit {limit}");
            assert!(
                best.iter().all(|hit| hit.matched == 2),
                "{query}: both groups match in the last drugs"
            );
        }
    }
}

#[test]
fn a_rare_word_beside_a_common_one_is_found_to_the_end_of_the_library() {
    // Every drug mentions the cough; six, spread through the library, the
    // wheezing alone. Once the results are full of the cough (a few
    // windows in), search reads only passages holding the rarer word, and
    // must still find all six.
    let wheezing = |i: usize| i % 197 == 3;
    let drugs: Vec<Monograph> = (0..1000)
        .map(|i| {
            let effect = if wheezing(i) {
                "Wheezing at night"
            } else {
                "Mild cough at night"
            };
            drug(
                &format!("d{i:03}"),
                &format!("Drug{i:03}"),
                &[effect, "Headache"],
                "It relaxes the airways; a cough may follow a deep breath.",
            )
        })
        .collect();
    let index = Index::build(&drugs, Synonyms::default());
    assert!(index.passages_len() > 28_000, "{}", index.passages_len());
    let expected = ["d003", "d200", "d397", "d594", "d791", "d988"];
    for query in ["cough wheezing", "wheezing cough", "cough whee"] {
        let all = index.search(query, None, usize::MAX);
        let chosen = index.search(query, None, SELECTION);
        let first: Vec<&str> = chosen[..6]
            .iter()
            .map(|h| drugs[h.drug].id.as_str())
            .collect();
        assert_eq!(first, expected, "{query}: the rare word's drugs first");
        assert_eq!(chosen[..6], all[..6], "{query}");
        assert!(chosen[6..].iter().all(|h| !wheezing(h.drug)), "{query}");
    }
}

#[test]
fn a_name_many_drugs_begin_is_read_past_them_for_the_words_beside_it() {
    // Twenty drugs, spread through the library, begin "Dam" (each with its
    // brand, "Dam…ix"): "cough dam" names them all, and their other names
    // are the query's other wordings of "dam". After their passages, the
    // search reads only the rest that can still enter — and must find the
    // few unnamed drugs where the cough and "damaged" stand together.
    let named = |i: usize| i % 50 == 7;
    let together = |i: usize| i % 331 == 100;
    let drugs: Vec<Monograph> = (0..1000)
        .map(|i| {
            let name = if named(i) {
                format!("Dam{i:03}")
            } else {
                format!("Drug{i:03}")
            };
            let effect = if together(i) {
                "Cough damaged airways"
            } else {
                "Mild cough at night"
            };
            drug(
                &format!("d{i:03}"),
                &name,
                &[effect, "Headache"],
                "It relaxes the airways.",
            )
        })
        .collect();
    let index = Index::build(&drugs, Synonyms::default());
    let expected_named = (0..1000).filter(|&i| named(i)).count();
    for query in ["cough dam", "cough dama", "mild cough dam"] {
        let all = index.search(query, None, usize::MAX);
        let chosen = index.search(query, None, SELECTION);
        let shown: Vec<usize> = chosen.iter().map(|h| h.drug).collect();
        let rank_of_named: Vec<usize> = (0..shown.len())
            .filter(|&r| named(shown[r]) && shown[r] < 1000)
            .collect();
        if query != "cough dama" {
            assert_eq!(
                rank_of_named,
                (0..expected_named).collect::<Vec<_>>(),
                "{query}: the named drugs first"
            );
        }
        let after: Vec<usize> = shown
            .iter()
            .copied()
            .filter(|&d| !named(d))
            .take(3)
            .collect();
        assert_eq!(
            after,
            vec![100, 431, 762],
            "{query}: then the cough beside damage"
        );
        let firsts = expected_named + 3;
        assert_eq!(chosen[..firsts], all[..firsts], "{query}");
    }
}

#[test]
fn a_drugs_name_finds_that_drug_first_then_its_mentions_elsewhere() {
    // Aardmab sorts first and mentions Betanol: only the name rule puts
    // Betanol's own monograph above it.
    let mut drugs = corpus();
    drugs.push(drug(
        "aard",
        "Aardmab",
        &["Nausea"],
        "Never take it with Betanol.",
    ));
    let idx = Index::build(&drugs, Synonyms::default());
    let found = |query: &str| -> Vec<(String, Pane)> {
        idx.search(query, None, 10)
            .iter()
            .map(|h| (drugs[h.drug].id.clone(), h.pane))
            .collect()
    };
    let by_name = found("betanol");
    assert_eq!(by_name[0], ("beta".into(), Pane::Usage), "{by_name:?}");
    assert_eq!(by_name[1].0, "aard", "then where others mention it");
    assert_eq!(by_name.len(), 2, "one row per drug: {by_name:?}");
    let by_brand = found("Betanolix");
    assert_eq!(
        by_brand, by_name,
        "a brand finds the drug and its mentions by generic name"
    );
    assert_eq!(found("betanoll")[0].0, "beta", "a misspelt name too");
    // A name with a topic answers from the named drug's own pane, though
    // the passage does not say the name.
    let topic = found("betanol calicheamicin");
    assert_eq!(topic[0], ("beta".into(), Pane::HowItWorks), "{topic:?}");
}

#[test]
fn filler_counts_for_nothing_and_a_misspelt_lay_word_keeps_its_group() {
    let drugs = vec![
        drug("aard", "Aardmab", &["Passing a lot of urine"], "x"),
        drug("beta", "Betanol", &["Vomiting"], "y"),
        drug("gamma", "Gammacil", &["Throwing up after meals"], "z"),
    ];
    let mut synonyms = Synonyms::default();
    synonyms.add_group(&["vomiting", "throwing up"]);
    synonyms.words_mut().add_filler(&["a lot"]);
    let idx = Index::build(&drugs, synonyms);
    let ids = |query: &str| -> Vec<String> {
        let mut found: Vec<String> = idx
            .search(query, None, 10)
            .iter()
            .map(|h| drugs[h.drug].id.clone())
            .collect();
        found.sort();
        found
    };
    assert_eq!(ids("throwing up a lot"), ["beta", "gamma"]);
    assert_eq!(
        ids("vomitting"),
        ["beta", "gamma"],
        "corrected to the table's word, it brings its whole group"
    );
    assert_eq!(
        ids("a lot"),
        ["aard"],
        "a query of filler alone is searched"
    );
    let totals = idx.totals("throwing up a lot", None);
    assert_eq!((totals.drugs, totals.passages), (2, 2));
}

#[test]
fn a_misspelt_last_word_with_a_finished_ending_is_corrected_not_completed() {
    // "bruseing" stems to "brus", which begins "brush"; typed with its
    // "-ing", it is a finished word, corrected to the table's "bruising".
    let drugs = vec![
        drug("aard", "Aardmab", &["Unusual bruising"], "x"),
        drug(
            "beta",
            "Betanol",
            &["Dry mouth"],
            "Keep brushing your teeth.",
        ),
    ];
    let mut synonyms = Synonyms::default();
    synonyms.add_group(&["bruising", "black and blue marks"]);
    let idx = Index::build(&drugs, synonyms);
    let first = |query: &str| drugs[idx.search(query, None, 10)[0].drug].id.clone();
    assert_eq!(first("bruseing"), "aard");
    assert_eq!(first("bad bruseing"), "aard");
    // Still being typed, a word's start finds the words it begins.
    assert_eq!(first("brus"), "beta");
}
