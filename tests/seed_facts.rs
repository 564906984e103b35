//! Every fact of the two seed documents is in the bundled inotuzumab
//! ozogamicin monograph, in the pane a reader would look for it. The
//! monograph states them in its own words, so the phrases checked here are
//! its wording of each fact, not the sources'.

use rxdoc::load::{Library, Source};
use rxdoc::model::Monograph;
use rxdoc::pane::{Pane, plain_text};

fn monograph() -> Monograph {
    let lib = Library::load(&[Source::Bundled]);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    lib.monographs()
        .find(|m| m.id == "inotuzumab-ozogamicin")
        .expect("bundled")
        .clone()
}

fn assert_pane_has(m: &Monograph, pane: Pane, facts: &[&str]) {
    let text = plain_text(m, pane).to_lowercase();
    for fact in facts {
        assert!(
            text.contains(&fact.to_lowercase()),
            "{} lacks {fact:?}",
            pane.title()
        );
    }
}

#[test]
fn identity_matches_the_seeds() {
    let m = monograph();
    assert_eq!(m.brands, ["Besponsa"]);
    assert!(m.pronunciation.starts_with("IN-oh-TOOZ-ue-mab"));
    assert!(m.dosage_forms.iter().any(|f| f.contains("0.9 mg")));
    assert!(
        m.aliases.iter().any(|a| a == "Ozogamacin"),
        "the seed's misspelling"
    );
    assert!(
        m.boxed_warning
            .as_deref()
            .unwrap_or("")
            .contains("veno-occlusive")
    );
    assert!(!m.sources.is_empty());
}

#[test]
fn usage_has_indications_cycles_and_monitoring() {
    assert_pane_has(
        &monograph(),
        Pane::Usage,
        &[
            "relapsed",
            "refractory",
            "CD22",
            "acute lymphoblastic leukemia",
            "children",
            "21 or 28 days",
            "infusion",
            "healthcare professional",
            "prevent",
            "blood tests",
            "liver",
            "electrocardiogram",
            "EKG",
            "delayed",
        ],
    );
}

#[test]
fn side_effects_have_every_seed_symptom() {
    assert_pane_has(
        &monograph(),
        Pane::SideEffects,
        &[
            "veno-occlusive",
            "up to one hour",
            "jaundice",
            "1-800-FDA-1088",
            "hives",
            "swelling of the face, lips, tongue or throat",
            "chills",
            "itch",
            "short of breath",
            "cold or flu",
            "swollen gums, mouth sores",
            "pale skin",
            "sores on the skin",
            "bruises that come easily",
            "fainting",
            "pounding heartbeat",
            "chest pain",
            "sudden weight gain",
            "arms or legs that swell",
            "blood in the urine",
            "coffee grounds",
            "neutropenia",
            "thrombocytopenia",
            "anemia",
            "nausea",
            "vomiting",
            "fatigue",
            "headache",
            "abnormal laboratory tests",
            "tumour lysis syndrome",
            "mucositis",
            "stopped for good",
            "long-term effects",
        ],
    );
}

#[test]
fn how_it_works_names_the_target_and_the_payload() {
    assert_pane_has(
        &monograph(),
        Pane::HowItWorks,
        &[
            "antibody-drug conjugate",
            "CD22",
            "calicheamicin",
            "DNA",
            "dies",
        ],
    );
}

#[test]
fn faqs_include_the_seed_questions_and_the_guide_headings() {
    assert_pane_has(
        &monograph(),
        Pane::Faqs,
        &[
            "cure",
            "remission",
            "how is it given",
            "long-term effects",
            "who should not",
            "monitoring",
            "miss a dose",
            "overdose",
            "what should i avoid",
        ],
    );
}

#[test]
fn before_you_take_has_heart_salts_transplant_and_interactions() {
    assert_pane_has(
        &monograph(),
        Pane::BeforeYouTake,
        &[
            "long QT",
            "magnesium",
            "potassium",
            "stem cell transplant",
            "liver problems",
            "asthma",
            "depression",
            "mental illness",
            "cancer",
            "over-the-counter",
            "vitamins",
            "herbal",
        ],
    );
}

#[test]
fn contraception_has_the_test_and_all_three_durations() {
    let m = monograph();
    assert_pane_has(
        &m,
        Pane::Contraception,
        &[
            "negative pregnancy test",
            "8 months",
            "5 months",
            "condoms",
            "2 months",
            "breastfeed",
            "birth defects",
            "either parent",
            "tell your doctor",
            "fertility",
        ],
    );
    let durations: Vec<String> = m
        .contraception
        .after_last_dose
        .iter()
        .map(|d| d.duration.to_string())
        .collect();
    assert_eq!(durations, ["8 months", "5 months", "2 months"]);
}
