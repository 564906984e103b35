//! Real FDA labels in openFDA's JSON (`tests/fixtures/import/fda/`, their
//! sources in its README) and a look-alike of a biologic's label with a
//! boxed warning and a Medication Guide, imported and read as a pharmacist
//! would: which text lands in which pane, and that none of the label's
//! artefacts (section numbers, cross-references, highlights printed twice,
//! "None (4)") survives.

use predicates::prelude::*;
use rxdoc::model::Monograph;

#[path = "support/command.rs"]
mod command;
use command::rxdoc;
#[path = "support/import.rs"]
mod import_support;
use import_support::{all_text, by_id, import, only, show};

/// What no imported label may keep.
fn assert_no_label_artefacts(m: &Monograph) {
    let text = all_text(m);
    for artefact in [
        "[see",
        "[ see",
        "(see",
        "( 5.",
        "(5.",
        "( 1.",
        "(4)",
        "( 4 )",
        "WARNING: WARNING",
        "See full prescribing information",
        "Refer to WARNINGS",
        "None (4)",
        "None. None",
    ] {
        assert!(
            !text.contains(artefact),
            "{artefact:?} left in {}: {text}",
            m.id
        );
    }
    assert!(
        !m.usage.how_to_take.starts_with("- "),
        "{}",
        m.usage.how_to_take
    );
    for i in &m.usage.indications {
        assert!(!i.condition.starts_with("- "), "subject lost: {i:?}");
    }
}

/// `rxdoc check` accepts everything imported into `dir`.
fn assert_checks(dir: &std::path::Path, count: usize) {
    rxdoc()
        .arg("check")
        .arg(dir)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("{count} valid monograph")));
}

#[test]
fn an_otc_drug_facts_label_fills_each_pane_from_its_own_heading() {
    let dir = tempfile::tempdir().unwrap();
    import(&["fda/otc-drug-facts.json"], dir.path())
        .success()
        .stdout(predicate::str::contains("2 imported"));
    assert_checks(dir.path(), 2);
    let m = by_id(dir.path(), "povidone-iodine");
    assert_no_label_artefacts(&m);
    assert_eq!(m.name, "Povidone-iodine");
    assert_eq!(m.brands, ["Betadine"]);
    assert_eq!(
        (m.route.as_str(), m.drug_class.as_str()),
        ("Topical", "Antiseptic")
    );
    assert_eq!(
        m.dosage_forms,
        ["Povidone-iodine, 5% (0.5% available iodine)"]
    );
    // Uses → Usage; Directions → how to take, without the heading word.
    assert_eq!(
        m.usage.indications[0].condition,
        "First aid to help prevent infection in minor cuts scrapes burns"
    );
    assert!(m.usage.how_to_take.starts_with("Clean the affected area"));
    // Ask a doctor → conditions; Do not use → avoid; Stop use → call your doctor.
    assert_eq!(
        m.before_you_take.conditions,
        ["Deep or puncture wounds serious burns animal bites"]
    );
    assert!(m.before_you_take.avoid[0].starts_with("Do not use in the eyes"));
    assert_eq!(
        m.side_effects.serious,
        ["The condition persists or gets worse you need to use this product for more than 1 week"]
    );
    // "For external use only" is a warning, not a side effect.
    assert!(!all_text_of(&m.side_effects.common).contains("external use"));
    assert!(m.before_you_take.notes.contains("For external use only"));
    assert!(m.before_you_take.notes.contains("Poison Control Center"));
    assert_eq!(
        (m.faqs[0].question.as_str(), m.faqs[0].answer.as_str()),
        (
            "What is Povidone-iodine used for?",
            "First aid to help prevent infection in minor cuts scrapes burns"
        )
    );

    let s = by_id(dir.path(), "silicea");
    assert_no_label_artefacts(&s);
    // If pregnant or breast-feeding → Contraception, under both.
    let advice = "if you are pregnant, or nursing a baby, seek professional advice";
    assert!(
        s.contraception.pregnancy.contains(advice),
        "{:?}",
        s.contraception
    );
    assert!(s.contraception.breastfeeding.contains(advice));
    assert_eq!(
        s.side_effects.serious,
        [
            "If symptoms do not improve in 4 days, or worsen, discontinue use and seek assistance of health professional."
        ]
    );
    // The old panel's run-together Warnings repeat every heading; only what
    // the headings do not say is kept.
    assert_eq!(
        s.before_you_take.notes,
        "This product is to be used for self-limiting conditions\n\nKeep this and all medication out of reach of children"
    );
}

fn all_text_of(items: &[String]) -> String {
    items.join(" ")
}

#[test]
fn an_old_format_label_keeps_its_sub_headings_and_says_each_thing_once() {
    let dir = tempfile::tempdir().unwrap();
    import(&["fda/old-format.json"], dir.path()).success();
    assert_checks(dir.path(), 1);
    let m = only(dir.path());
    assert_no_label_artefacts(&m);
    // openFDA matched no product; the label's own product data names it.
    assert_eq!((m.id.as_str(), m.name.as_str()), ("ofloxacin", "Ofloxacin"));
    // Missing identity facts stay missing.
    assert_eq!((m.route.as_str(), m.drug_class.as_str()), ("", ""));
    assert!(m.dosage_forms.is_empty());
    assert_eq!(
        m.before_you_take.conditions,
        [
            "Ofloxacin ophthalmic solution is contraindicated in patients with a history of hypersensitivity to ofloxacin, to other quinolones, or to any of the components in this medication."
        ]
    );
    assert!(
        m.before_you_take.interactions[0]
            .line()
            .starts_with("Specific drug interaction studies"),
        "the run-in heading is not part of the text: {:?}",
        m.before_you_take.interactions
    );
    // Patient information first, then the warnings, then the precautions
    // that are not printed again as fields of their own.
    let notes = &m.before_you_take.notes;
    assert!(
        notes.starts_with("Avoid contaminating the applicator tip"),
        "{notes}"
    );
    assert_eq!(
        notes.matches("As with other anti-infectives").count(),
        1,
        "{notes}"
    );
    assert!(notes.contains("\n\nGeneral\n\n"), "{notes}");
    assert!(notes.contains("\n\nPediatric use\n\n"), "{notes}");
    for repeated in [
        "In nursing women",
        "Teratogenic Effects",
        "Specific drug interaction",
    ] {
        assert!(
            !notes.contains(repeated),
            "{repeated:?} repeated in {notes}"
        );
    }
    assert!(
        m.contraception
            .breastfeeding
            .contains("In nursing women a single 200 mg oral dose")
    );
    assert!(
        m.side_effects
            .notes
            .starts_with("Ophthalmic use\n\nThe most frequently reported")
    );
    let counselling = m
        .faqs
        .iter()
        .find(|f| f.question == "What should I know while using Ofloxacin?")
        .expect("the patient information as a FAQ");
    assert!(counselling.answer.starts_with("Avoid contaminating"));
}

#[test]
fn a_medication_guide_speaks_first_and_the_highlights_are_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    import(&["label-medguide.json"], dir.path()).success();
    assert_checks(dir.path(), 1);
    let m = only(dir.path());
    assert_no_label_artefacts(&m);
    assert_eq!(m.brands, ["Fictira"]);
    assert_eq!(m.route, "Subcutaneous");
    assert_eq!(m.drug_class, "Tumor Necrosis Factor Blocker");
    // The full box only, without its own "WARNING:" (renderers add it).
    assert_eq!(
        m.boxed_warning.as_deref(),
        Some(
            "SERIOUS INFECTIONS AND MALIGNANCY\n\nPatients treated with FICTIRA are at increased risk for developing serious infections that may lead to hospitalization or death. Discontinue FICTIRA if a patient develops a serious infection or sepsis."
        )
    );
    // The leaflet's questions are the FAQs (not its ingredients).
    let questions: Vec<&str> = m.faqs.iter().map(|f| f.question.as_str()).collect();
    assert_eq!(
        questions,
        [
            "What is the most important information I should know about FICTIRA?",
            "What is FICTIRA?",
            "What should I tell my doctor before starting FICTIRA?",
            "How should I use FICTIRA?",
            "What should I avoid while using FICTIRA?",
            "What are the possible side effects of FICTIRA?",
            "How should I store FICTIRA?",
        ]
    );
    // Patient wording per pane.
    assert!(
        m.usage
            .summary
            .starts_with("FICTIRA is a prescription medicine")
    );
    assert_eq!(
        m.usage.how_to_take,
        "• Use FICTIRA exactly as your doctor tells you to.\n• Inject FICTIRA under the skin every other week."
    );
    assert_eq!(
        m.before_you_take.conditions[0],
        "think you have an infection"
    );
    assert_eq!(
        m.before_you_take.avoid,
        ["Do not receive live vaccines while using FICTIRA."]
    );
    // Its symptom lists, by urgency.
    assert!(m.side_effects.emergency[0].starts_with("Allergic reactions."));
    assert!(m.side_effects.serious[0].starts_with("Hepatitis B virus reactivation"));
    assert_eq!(
        m.side_effects.common,
        [
            "injection site reactions: redness, rash, swelling, itching, or bruising",
            "upper respiratory infections",
            "headache"
        ]
    );
    // Numbered subsections keep their subject and become conditions.
    assert_eq!(m.usage.indications[0].condition, "Rheumatoid Arthritis");
    assert!(
        m.usage.indications[0]
            .detail
            .starts_with("FICTIRA is indicated for")
    );
    // The highlights' summary of warnings is gone; the full text is kept
    // under its sub-headings.
    let notes = &m.before_you_take.notes;
    assert!(
        !notes.contains("Do not start FICTIRA during an active infection"),
        "{notes}"
    );
    assert!(
        notes.starts_with("Serious Infections\n\nPatients treated with FICTIRA"),
        "{notes}"
    );
    assert!(
        notes.contains("Malignancies\n\nLymphoma and other malignancies"),
        "{notes}"
    );
    // No lactation field: the lactation subsection of use in specific
    // populations feeds breastfeeding.
    assert!(
        m.contraception
            .breastfeeding
            .starts_with("Fictimumab is present in human milk")
    );
}

#[test]
fn show_marks_an_imported_label_unreviewed_and_names_its_source() {
    let dir = tempfile::tempdir().unwrap();
    import(&["fda/otc-drug-facts.json"], dir.path()).success();
    let shown = show(dir.path(), &["betadine"]);
    assert!(
        shown.contains("Reviewed: imported, not reviewed"),
        "{shown}"
    );
    assert!(
        shown.contains("Source: FDA label (openFDA)")
            && shown.contains("set id 00002127-02bc-4c66-b0c3-ca29d8224afc")
            && shown.contains("label dated 2025-01-02"),
        "{shown}"
    );
    let json = show(dir.path(), &["betadine", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["review_status"], "imported, not reviewed");
    assert_eq!(value["provenance"]["kind"], "openfda-label");
    let list = rxdoc()
        .args(["list", "--json", "--data"])
        .arg(dir.path())
        .assert()
        .success();
    let rows: serde_json::Value = serde_json::from_slice(&list.get_output().stdout).unwrap();
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "povidone-iodine")
        .expect("listed");
    assert_eq!(row["review_status"], "imported, not reviewed");
}

#[test]
fn every_handout_of_an_imported_label_carries_the_mark_and_its_source() {
    let dir = tempfile::tempdir().unwrap();
    import(&["fda/otc-drug-facts.json"], dir.path()).success();
    for format in ["html", "md", "txt"] {
        let out = rxdoc()
            .args(["export", "betadine", "--format", format, "--data"])
            .arg(dir.path())
            .assert()
            .success();
        let handout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            handout.contains("imported, not reviewed"),
            "{format}: {handout}"
        );
        assert!(
            handout.contains("set id 00002127-02bc-4c66-b0c3-ca29d8224afc"),
            "{format}: {handout}"
        );
    }
}
