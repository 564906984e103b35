//! Real DailyMed SPL labels (see `fixtures/import/spl/README.md`) imported
//! end to end: `rxdoc import FILE --out DIR`, then the monograph read back
//! and checked pane by pane, and the label model the reader makes.

use std::path::Path;

use predicates::prelude::*;
use rxdoc::import::label::{Block, Field, Label, ProductType};
use rxdoc::model::{Monograph, SourceKind};

#[path = "support/command.rs"]
mod command;
use command::rxdoc;
#[path = "support/import.rs"]
mod import_support;
use import_support::{all_text, fixture, import, only};

/// Imports one SPL fixture into `out` and reads back the one monograph
/// made, after `rxdoc check` has passed it.
fn import_one(name: &str, out: &Path) -> Monograph {
    import(&[&format!("spl/{name}")], out)
        .success()
        .stdout(predicate::str::contains("1 imported"));
    rxdoc().arg("check").arg(out).assert().success();
    only(out)
}

fn label(name: &str) -> Label {
    let text = std::fs::read_to_string(fixture(&format!("spl/{name}"))).unwrap();
    rxdoc::import::spl::parse(&text).unwrap()
}

/// Every text of the label's sections under `field`, headings included.
fn texts(label: &Label, field: Field) -> Vec<String> {
    label
        .blocks(field)
        .flat_map(|b| match b {
            Block::Heading(t) | Block::Paragraph(t) => vec![t.clone()],
            Block::List(items) => items.clone(),
        })
        .collect()
}

/// No section number, cross-reference or highlights text anywhere.
fn assert_no_artefacts(m: &Monograph) {
    let text = all_text(m);
    for artefact in [
        "[see",
        "(see",
        "(5.1",
        "(1.1)",
        "(6.1)",
        "See full prescribing information",
        "Recent Major Changes",
        "WARNING: WARNING",
    ] {
        assert!(!text.contains(artefact), "{artefact:?} in {text}");
    }
}

#[test]
fn prescription_label_with_boxed_warning_and_medication_guide() {
    let dir = tempfile::tempdir().unwrap();
    let m = import_one("humira-medguide.xml", dir.path());
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("adalimumab", "Adalimumab")
    );
    assert_eq!(m.brands, ["Humira"]);
    assert_eq!(
        m.route, "Subcutaneous",
        "the kit's alcohol swab is not the drug's route"
    );
    assert_eq!(m.reviewed, None, "an import is not a review");
    let p = m.provenance.as_ref().expect("provenance");
    assert_eq!(p.kind, SourceKind::DailymedSpl);
    assert_eq!(
        (p.set_id.as_deref(), p.version.as_deref()),
        (Some("608d4f0d-b19f-46d3-749a-7159aa5f933d"), Some("1560"))
    );
    assert_eq!(
        p.label_date.map(|d| d.to_string()).as_deref(),
        Some("2013-09-30")
    );
    let boxed = m.boxed_warning.as_deref().expect("boxed warning");
    assert!(boxed.starts_with("SERIOUS INFECTIONS"), "{boxed}");
    assert_eq!(
        boxed
            .matches("increased risk for developing serious infections")
            .count(),
        1,
        "the highlights' copy is dropped: {boxed}"
    );
    assert!(
        boxed.contains("\n• Invasive fungal infections"),
        "typed bullets become a list: {boxed}"
    );
    let first = &m.usage.indications[0];
    assert_eq!(
        first.condition, "Rheumatoid Arthritis",
        "the subsection's title"
    );
    assert!(
        first
            .detail
            .starts_with("HUMIRA is indicated for reducing signs and symptoms"),
        "the subject is kept: {first:?}"
    );
    // The Medication Guide's questions are the FAQs, in its words.
    let faq = |q: &str| {
        m.faqs
            .iter()
            .find(|f| f.question == q)
            .unwrap_or_else(|| panic!("no FAQ {q:?} in {:?}", m.faqs))
    };
    let important = faq("What is the most important information I should know about HUMIRA?");
    assert!(
        important
            .answer
            .starts_with("HUMIRA is a medicine that affects your immune system.")
            && important
                .answer
                .contains("• Your doctor should test you for TB before starting HUMIRA."),
        "{}",
        important.answer
    );
    faq("What are the possible side effects of HUMIRA?");
    assert!(
        m.side_effects
            .serious
            .iter()
            .any(|s| s.starts_with("Nervous system problems. Signs and symptoms")),
        "side effects in the guide's words: {:?}",
        m.side_effects.serious
    );
    assert_no_artefacts(&m);
}

#[test]
fn medication_guide_keeps_its_questions_and_lists() {
    let l = label("humira-medguide.xml");
    let guide: Vec<&Block> = l.blocks(Field::MedicationGuide).collect();
    let question = guide
        .iter()
        .position(|b| {
            **b == Block::Heading(
                "What is the most important information I should know about HUMIRA?".into(),
            )
        })
        .expect("the guide's question is a heading");
    assert!(
        matches!(guide[question + 1], Block::Paragraph(p) if p.starts_with("HUMIRA is a medicine that affects your immune system.")),
        "{:?}",
        guide[question + 1]
    );
    assert_eq!(
        guide[question + 2],
        &Block::List(vec![
            "Your doctor should test you for TB before starting HUMIRA.".into(),
            "Your doctor should check you closely for signs and symptoms of TB during treatment with HUMIRA.".into(),
        ])
    );
    let items = texts(&l, Field::MedicationGuide);
    assert!(
        items.iter().any(|i| i.starts_with(
            "think you have an infection or have symptoms of infection such as: fever, sweats, or chills; warm, red, or painful skin"
        )),
        "a symptom table inside an item stays with it"
    );
    assert!(items.contains(&"What are the possible side effects of HUMIRA?".to_string()));
    // The highlights repeat the boxed warning and indications in short.
    assert_eq!(
        l.sections
            .iter()
            .filter(|s| s.field == Field::BoxedWarning)
            .count(),
        1
    );
    assert!(
        !texts(&l, Field::BoxedWarning)
            .iter()
            .any(|t| t.contains("See full prescribing information"))
    );
    // Numbered titles lose their numbers.
    let titles: Vec<&str> = l.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"INDICATIONS AND USAGE"), "{titles:?}");
    assert!(titles.contains(&"Pregnancy"), "{titles:?}");
    assert_eq!(l.labeller.as_deref(), Some("AbbVie Inc."));
    assert_eq!(l.product_type, Some(ProductType::Prescription));
}

#[test]
fn old_format_label_with_empty_title_and_unclassified_sections() {
    let dir = tempfile::tempdir().unwrap();
    let m = import_one("haloperidol-old-format.xml", dir.path());
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("haloperidol", "Haloperidol")
    );
    assert!(m.brands.is_empty(), "a generic product's name is no brand");
    assert_eq!(m.route, "Oral");
    let p = m.provenance.as_ref().expect("provenance");
    assert_eq!(
        (p.set_id.as_deref(), p.version.as_deref()),
        (Some("0027b8a3-73bf-4005-a7e3-b035f451a861"), Some("1"))
    );
    assert_eq!(
        p.label_date.map(|d| d.to_string()).as_deref(),
        Some("2010-07-28")
    );
    let boxed = m.boxed_warning.as_deref().expect("untitled boxed warning");
    assert!(
        boxed.contains("Increased Mortality in Elderly Patients"),
        "{boxed}"
    );
    assert!(
        boxed.ends_with(
            "not approved for the treatment of patients with dementia-related psychosis."
        ),
        "the linked \"(see WARNINGS)\" goes: {boxed}"
    );
    assert!(
        m.usage.indications[0]
            .condition
            .contains("management of manifestations of psychotic disorders")
    );
    assert!(
        m.contraception
            .pregnancy
            .starts_with("Rodents given 2 to 20 times"),
        "\"Usage in Pregnancy\" under WARNINGS: {}",
        m.contraception.pregnancy
    );
    assert_no_artefacts(&m);

    let l = label("haloperidol-old-format.xml");
    let warnings = texts(&l, Field::Warnings);
    assert!(
        warnings.contains(&"Tardive Dyskinesia".to_string()),
        "unclassified subsections stay under their titled parent: {warnings:?}"
    );
    assert!(
        texts(&l, Field::Pregnancy)
            .iter()
            .any(|t| t.contains("no well controlled studies with haloperidol in pregnant women")),
        "\"Usage in Pregnancy\" under WARNINGS is pregnancy text"
    );
    assert!(
        texts(&l, Field::Precautions).contains(
            &"with known allergies, or with a history of allergic reactions to drugs.".to_string()
        ),
        "dashed lines become list items"
    );
    assert_eq!(l.labeller.as_deref(), Some("Contract Pharmacy Services-PA"));
}

#[test]
fn otc_drug_facts_label() {
    let dir = tempfile::tempdir().unwrap();
    let m = import_one("triaminic-otc.xml", dir.path());
    assert_eq!(m.brands.len(), 1);
    assert!(
        m.brands[0].eq_ignore_ascii_case("TRIAMINIC Childrens Night Time Cold and Cough"),
        "brand and suffix: {:?}",
        m.brands
    );
    assert_eq!(m.route, "Oral");
    assert_eq!(
        m.boxed_warning, None,
        "a package notice coded as a boxed warning is not the drug's"
    );
    assert!(
        m.usage
            .how_to_take
            .contains("children 6 to under 12 years of age — 2 teaspoonfuls (10 mL)"),
        "the dosing table's rows: {}",
        m.usage.how_to_take
    );
    assert_eq!(
        m.provenance.as_ref().and_then(|p| p.set_id.as_deref()),
        Some("00f66f25-3469-4c16-9baf-fba21e9628bd")
    );
    // Drug Facts headings fill their panes, one item each.
    assert_eq!(
        m.before_you_take.avoid[0],
        "In a child under 4 years of age"
    );
    assert_eq!(
        m.before_you_take.conditions[..3],
        ["Heart disease", "High blood pressure", "Thyroid disease"]
    );
    assert_eq!(
        m.before_you_take.interactions,
        ["Taking sedatives or tranquilizers."]
    );
    assert!(
        m.side_effects
            .common
            .contains(&"Marked drowsiness may occur".to_string())
    );
    assert!(
        m.side_effects
            .serious
            .contains(&"Nervousness, dizziness or sleeplessness occurs".to_string())
    );
    assert_no_artefacts(&m);

    let l = label("triaminic-otc.xml");
    assert_eq!(l.product_type, Some(ProductType::OverTheCounter));
    assert_eq!(l.generic_names, ["Diphenhydramine HCl, Phenylephrine HCl"]);
    assert_eq!(l.dosage_forms, ["SYRUP"]);
    assert_eq!(
        texts(&l, Field::AskDoctor)[..3],
        ["heart disease", "high blood pressure", "thyroid disease"],
        "bullets typed inside one item split it"
    );
    assert_eq!(
        texts(&l, Field::DoNotUse)[0],
        "in a child under 4 years of age"
    );
    assert_eq!(
        texts(&l, Field::StopUse)[0],
        "nervousness, dizziness or sleeplessness occurs"
    );
    assert_eq!(
        texts(&l, Field::WhenUsing)[1],
        "marked drowsiness may occur"
    );
    assert_eq!(
        texts(&l, Field::IndicationsAndUsage),
        [
            "temporarily relieves: sneezing; itchy nose or throat; runny nose; itchy, watery eyes due to hay fever; nasal and sinus congestion; cough due to minor throat and bronchial irritation as may occur with a cold"
        ]
    );
    assert!(!l.has(Field::BoxedWarning));
}

#[test]
fn a_broken_label_fails_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("spl/triaminic-otc.xml")).unwrap();
    // Cut inside the Drug Facts: the file ends with elements open.
    let cut: String = text.lines().take(300).collect::<Vec<_>>().join("\n");
    let broken = dir.path().join("broken.xml");
    std::fs::write(
        &broken,
        cut.replace("<title>Uses</title>", "<title>Uses</titel>"),
    )
    .unwrap();
    let out = dir.path().join("out");
    rxdoc()
        .arg("import")
        .arg(&broken)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "broken.xml: not a readable SPL label: line 253, column 27:",
        ))
        .stderr(predicate::str::contains("</title>"));
}
