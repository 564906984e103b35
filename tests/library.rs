//! The bundled library: at least 50 complete monographs, every pane filled
//! with real text, each saying whose labelling it follows and how it is
//! taken, and no id, brand or alias shared between drugs.

use std::collections::HashMap;

use rxdoc::load::{Library, Source};
use rxdoc::model::Monograph;
use rxdoc::pane::{Pane, plain_text};
use rxdoc::search::fulltext::Index;

fn bundled() -> Library {
    let lib = Library::load(&[Source::Bundled]);
    assert!(lib.diagnostics.is_empty(), "{:#?}", lib.diagnostics);
    lib
}

/// Text that reads like a template rather than content.
const PLACEHOLDERS: &[&str] = &[
    "todo",
    "tbd",
    "lorem",
    "placeholder",
    "xxx",
    "fill in",
    "fixme",
];

#[test]
fn at_least_fifty_monographs_including_the_required_ones() {
    let lib = bundled();
    assert!(lib.entries.len() >= 50, "{}", lib.entries.len());
    let required = [
        "acetaminophen",
        "ibuprofen",
        "amoxicillin",
        "atorvastatin",
        "lisinopril",
        "amlodipine",
        "metformin",
        "insulin-glargine",
        "levothyroxine",
        "omeprazole",
        "sertraline",
        "warfarin",
        "apixaban",
        "albuterol",
        "prednisone",
        "gabapentin",
        "oxycodone",
        "methotrexate",
        "isotretinoin",
        "valproate",
        "ethinyl-estradiol-levonorgestrel",
        "tamoxifen",
        "imatinib",
        "blinatumomab",
        "inotuzumab-ozogamicin",
    ];
    for id in required {
        assert!(lib.monographs().any(|m| m.id == id), "missing {id}");
    }
}

#[test]
fn every_pane_has_real_text() {
    for m in bundled().monographs() {
        for pane in Pane::ALL {
            let text = plain_text(m, pane);
            let min = if pane == Pane::HowItWorks { 120 } else { 200 };
            assert!(
                text.len() >= min,
                "{} {}: only {} characters",
                m.id,
                pane.title(),
                text.len()
            );
            let lower = text.to_lowercase();
            for p in PLACEHOLDERS {
                assert!(
                    !lower.contains(p),
                    "{} {} contains {p:?}",
                    m.id,
                    pane.title()
                );
            }
        }
    }
}

#[test]
fn every_monograph_has_faqs_brands_review_date_and_sources() {
    for m in bundled().monographs() {
        assert!(m.faqs.len() >= 4, "{} has {} FAQs", m.id, m.faqs.len());
        assert!(
            !m.brands.is_empty()
                || m.brands_note
                    .as_deref()
                    .is_some_and(|n| !n.trim().is_empty()),
            "{} has no brands and no reason",
            m.id
        );
        assert!(!m.sources.is_empty(), "{} has no sources", m.id);
        assert!(
            m.jurisdiction
                .as_deref()
                .is_some_and(|j| !j.trim().is_empty()),
            "{} does not say whose labelling it follows (jurisdiction)",
            m.id
        );
        assert!(
            m.usage.taken.is_some(),
            "{} does not say how it is taken",
            m.id
        );
        let reviewed = m.reviewed.expect("every bundled monograph is reviewed");
        assert!(reviewed.year >= 2024, "{} reviewed {}", m.id, reviewed);
        assert!(m.provenance.is_none(), "{} is not an import", m.id);
        assert!(!m.pronunciation.is_empty(), "{} has no pronunciation", m.id);
        assert!(!m.side_effects.emergency.is_empty() && !m.side_effects.common.is_empty());
        let c = &m.contraception;
        assert!(
            c.needed
                || [
                    "no specific contraception",
                    "no contraception",
                    "no extra contraception",
                    "not require contraception",
                    "itself a contraceptive",
                    "itself birth control",
                ]
                .iter()
                .any(|says| c.summary.to_lowercase().contains(says)),
            "{}: a monograph without contraception needs must say so",
            m.id
        );
    }
}

#[test]
fn every_bundled_interaction_entry_is_structured() {
    // Sentences stay legal for users' files and imports; the bundled
    // library says for each entry what with, what happens and what to do.
    let sentences: Vec<String> = bundled()
        .monographs()
        .flat_map(|m| {
            (m.before_you_take.interactions.iter())
                .filter(|e| e.entry().is_none())
                .map(move |e| format!("{}: {}", m.id, e.line()))
        })
        .collect();
    assert!(sentences.is_empty(), "{}", sentences.join("\n"));
}

#[test]
fn no_two_monographs_share_an_id_brand_or_alias() {
    let lib = bundled();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for m in lib.monographs() {
        let names = std::iter::once(m.id.as_str()).chain(m.names());
        let mut own: Vec<String> = names.map(str::to_lowercase).collect();
        own.sort();
        own.dedup();
        for name in own {
            if let Some(other) = owner.insert(name.clone(), &m.id) {
                panic!("{name:?} is used by both {other} and {}", m.id);
            }
        }
    }
}

fn find(lib: &Library, index: &Index, query: &str) -> Vec<String> {
    let drugs: Vec<&Monograph> = lib.monographs().collect();
    index
        .search(query, Some(Pane::SideEffects), 100)
        .iter()
        .map(|h| drugs[h.drug].id.clone())
        .collect()
}

#[test]
fn patients_find_likely_drugs_by_everyday_symptom_words() {
    let lib = bundled();
    let index = Index::build(lib.monographs(), lib.synonyms.clone());
    let expect = [
        ("muscle pain", "atorvastatin"),
        ("dry cough", "lisinopril"),
        ("ankle swelling", "amlodipine"),
        ("low blood sugar", "insulin-glargine"),
        ("black stools", "ibuprofen"),
        ("yellow skin", "acetaminophen"),
        ("throwing up", "metformin"),
        ("shaky", "albuterol"),
        ("sleepy", "gabapentin"),
        ("bruising", "warfarin"),
        ("short of breath", "metoprolol"),
        ("nightmares", "montelukast"),
        ("tendon", "ciprofloxacin"),
        ("rash", "lamotrigine"),
    ];
    for (query, drug) in expect {
        let found = find(&lib, &index, query);
        assert!(
            found.iter().any(|id| id == drug),
            "{query:?} should find {drug}; got {found:?}"
        );
    }
}

/// The target list (`tests/library/top200.txt`): one id a line.
fn top_200() -> Vec<&'static str> {
    include_str!("library/top200.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// `docs/LIBRARY.md` as the bundled data and the target list make it.
fn library_doc(lib: &Library) -> String {
    let mut drugs: Vec<&Monograph> = lib.monographs().collect();
    drugs.sort_by_key(|a| a.name.to_lowercase());
    let ids: std::collections::BTreeSet<&str> = drugs.iter().map(|m| m.id.as_str()).collect();
    let target = top_200();
    let missing: Vec<&str> = target
        .iter()
        .copied()
        .filter(|id| !ids.contains(id))
        .collect();
    let beyond: Vec<&str> = drugs
        .iter()
        .map(|m| m.id.as_str())
        .filter(|id| !target.contains(id))
        .collect();
    let mut doc = String::from(
        "# The bundled library\n\n\
         <!-- Made from data/ by `RXDOC_UPDATE_DOCS=1 cargo test --test library`; do not edit. -->\n\n",
    );
    doc += &format!(
        "rxdoc ships {} monographs. The aim is the 200 medicines most prescribed in US \
         outpatient practice, as the ClinCalc DrugStats database lists them from the Medical \
         Expenditure Panel Survey (MEPS) 2022; `tests/library/top200.txt` names them. \
         {} of the 200 are bundled.\n\n",
        drugs.len(),
        target.len() - missing.len()
    );
    if !missing.is_empty() {
        doc += &format!("Not yet bundled: {}.\n\n", missing.join(", "));
    }
    if !beyond.is_empty() {
        doc += &format!(
            "Bundled beyond the list, for the hospital and specialist questions pharmacists \
             meet: {}.\n\n",
            beyond.join(", ")
        );
    }
    doc += "| drug | id | brands | class |\n|---|---|---|---|\n";
    for m in drugs {
        let brands: Vec<&str> = m.brands.iter().take(3).map(String::as_str).collect();
        doc += &format!(
            "| {} | `{}` | {} | {} |\n",
            m.name,
            m.id,
            if brands.is_empty() {
                "—".to_string()
            } else {
                brands.join(", ")
            },
            m.drug_class
        );
    }
    doc
}

#[test]
fn the_library_document_lists_every_bundled_monograph() {
    let expected = library_doc(&bundled());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/LIBRARY.md");
    if std::env::var_os("RXDOC_UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).expect("write docs/LIBRARY.md");
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/LIBRARY.md is out of date with data/: run `RXDOC_UPDATE_DOCS=1 cargo test --test library`"
    );
}

#[test]
fn the_target_list_names_each_drug_once() {
    let target = top_200();
    let unique: std::collections::BTreeSet<&str> = target.iter().copied().collect();
    assert_eq!(target.len(), 200);
    assert_eq!(unique.len(), 200);
}
