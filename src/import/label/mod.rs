//! One neutral model of an FDA drug label, whatever it was read from
//! (openFDA JSON, DailyMed SPL XML), and the one mapping of such a label to
//! a monograph draft ([`to_draft`]). Readers fill a [`Label`]; they never
//! build drafts themselves, so every label format gets the same panes.

mod draft;
mod identity;
mod leaflet;
mod otc;
mod render;

pub use draft::to_draft;
pub(crate) use identity::{brand_case, label_date};

use crate::model::SourceKind;

/// An FDA drug label: identity from its product data, text by section.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Generic names as the label gives them (often upper case).
    pub generic_names: Vec<String>,
    /// Brand (proprietary) names.
    pub brand_names: Vec<String>,
    /// Routes of administration ("ORAL", "SUBCUTANEOUS").
    pub routes: Vec<String>,
    /// Dosage forms ("TABLET, FILM COATED").
    pub dosage_forms: Vec<String>,
    /// Established pharmacologic classes ("Tumor Necrosis Factor Blocker [EPC]").
    pub pharm_classes: Vec<String>,
    /// Who put the label out.
    pub labeller: Option<String>,
    /// The label's set id (stable across versions).
    pub set_id: Option<String>,
    /// The label's version number.
    pub version: Option<String>,
    /// The label's effective date as written, `YYYYMMDD`.
    pub effective_time: Option<String>,
    /// Prescription or over the counter, where the source says.
    pub product_type: Option<ProductType>,
    /// What the label was read from.
    pub source_kind: SourceKind,
    /// Its sections in document order.
    pub sections: Vec<Section>,
}

impl Default for Label {
    fn default() -> Self {
        Label {
            generic_names: Vec::new(),
            brand_names: Vec::new(),
            routes: Vec::new(),
            dosage_forms: Vec::new(),
            pharm_classes: Vec::new(),
            labeller: None,
            set_id: None,
            version: None,
            effective_time: None,
            product_type: None,
            source_kind: SourceKind::OpenfdaLabel,
            sections: Vec::new(),
        }
    }
}

impl Label {
    /// Every block of every section filed under `field`, in document order.
    pub fn blocks(&self, field: Field) -> impl Iterator<Item = &Block> {
        self.sections
            .iter()
            .filter(move |s| s.field == field)
            .flat_map(|s| s.blocks.iter())
    }

    /// Whether the label has any text under `field`.
    pub fn has(&self, field: Field) -> bool {
        self.blocks(field).next().is_some()
    }
}

/// Whether a product is sold on prescription or over the counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductType {
    /// "HUMAN PRESCRIPTION DRUG".
    Prescription,
    /// "HUMAN OTC DRUG": the label is a Drug Facts panel.
    OverTheCounter,
}

impl ProductType {
    /// Reads openFDA's `product_type` / SPL's document type name.
    pub fn from_name(name: &str) -> Option<ProductType> {
        let n = name.to_ascii_uppercase();
        if n.contains("OTC") {
            Some(ProductType::OverTheCounter)
        } else if n.contains("PRESCRIPTION") {
            Some(ProductType::Prescription)
        } else {
            None
        }
    }
}

/// One label section (or subsection the reader kept apart).
///
/// A reader puts the titles of subsections inside the section (numbered
/// subsections, unclassified 42229-5 subsections, a Medication Guide's
/// questions) in `blocks` as [`Block::Heading`]s: the mapping reads
/// headings there. `title` is the section's own title, which the mapping
/// uses only where it says something the text does not (a boxed warning's
/// "WARNING: SERIOUS INFECTIONS AND MALIGNANCY").
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Which label field it is.
    pub field: Field,
    /// Its title as printed, without a section number ("" when it has none).
    pub title: String,
    /// Its text, structure kept.
    pub blocks: Vec<Block>,
}

/// A piece of section text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A sub-heading inside the section.
    Heading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A bulleted or numbered list, one string per item.
    List(Vec<String>),
}

/// The label fields rxdoc reads. Each knows its openFDA JSON key and its
/// SPL LOINC section code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Boxed warning.
    BoxedWarning,
    /// Indications and usage.
    IndicationsAndUsage,
    /// Dosage and administration.
    DosageAndAdministration,
    /// Dosage forms and strengths.
    DosageFormsAndStrengths,
    /// Contraindications.
    Contraindications,
    /// Warnings and precautions (newer labels).
    WarningsAndCautions,
    /// Warnings (older labels).
    Warnings,
    /// Precautions (older labels).
    Precautions,
    /// Adverse reactions.
    AdverseReactions,
    /// Drug interactions.
    DrugInteractions,
    /// Use in specific populations (newer labels keep lactation here).
    UseInSpecificPopulations,
    /// Pregnancy.
    Pregnancy,
    /// Lactation.
    Lactation,
    /// Nursing mothers (older labels).
    NursingMothers,
    /// Females and males of reproductive potential.
    ReproductivePotential,
    /// Mechanism of action.
    MechanismOfAction,
    /// Clinical pharmacology.
    ClinicalPharmacology,
    /// Medication Guide.
    MedicationGuide,
    /// Patient package insert.
    PatientPackageInsert,
    /// Information for patients / patient counseling information.
    PatientCounseling,
    /// OTC: active ingredient.
    ActiveIngredient,
    /// OTC: purpose.
    Purpose,
    /// OTC: do not use.
    DoNotUse,
    /// OTC: ask a doctor before use if you have.
    AskDoctor,
    /// OTC: ask a doctor or pharmacist before use if you are taking.
    AskDoctorOrPharmacist,
    /// OTC: when using this product.
    WhenUsing,
    /// OTC: stop use and ask a doctor if.
    StopUse,
    /// OTC: keep out of reach of children.
    KeepOutOfReach,
    /// OTC: if pregnant or breast-feeding.
    PregnancyOrBreastFeeding,
}

/// Every field with its openFDA JSON keys (the first is the usual one).
const OPENFDA_KEYS: &[(Field, &[&str])] = &[
    (Field::BoxedWarning, &["boxed_warning"]),
    (Field::IndicationsAndUsage, &["indications_and_usage"]),
    (
        Field::DosageAndAdministration,
        &["dosage_and_administration"],
    ),
    (
        Field::DosageFormsAndStrengths,
        &["dosage_forms_and_strengths"],
    ),
    (Field::Contraindications, &["contraindications"]),
    (Field::WarningsAndCautions, &["warnings_and_cautions"]),
    (Field::Warnings, &["warnings"]),
    (Field::Precautions, &["precautions"]),
    (Field::AdverseReactions, &["adverse_reactions"]),
    (Field::DrugInteractions, &["drug_interactions"]),
    (
        Field::UseInSpecificPopulations,
        &["use_in_specific_populations"],
    ),
    (Field::Pregnancy, &["pregnancy"]),
    (Field::Lactation, &["lactation"]),
    (Field::NursingMothers, &["nursing_mothers"]),
    (
        Field::ReproductivePotential,
        &["females_and_males_of_reproductive_potential"],
    ),
    (Field::MechanismOfAction, &["mechanism_of_action"]),
    (Field::ClinicalPharmacology, &["clinical_pharmacology"]),
    (Field::MedicationGuide, &["spl_medguide"]),
    (Field::PatientPackageInsert, &["spl_patient_package_insert"]),
    (Field::PatientCounseling, &["information_for_patients"]),
    (Field::ActiveIngredient, &["active_ingredient"]),
    (Field::Purpose, &["purpose"]),
    (Field::DoNotUse, &["do_not_use"]),
    (Field::AskDoctor, &["ask_doctor"]),
    (Field::AskDoctorOrPharmacist, &["ask_doctor_or_pharmacist"]),
    (Field::WhenUsing, &["when_using"]),
    (Field::StopUse, &["stop_use"]),
    (Field::KeepOutOfReach, &["keep_out_of_reach_of_children"]),
    (
        Field::PregnancyOrBreastFeeding,
        &["pregnancy_or_breast_feeding"],
    ),
];

/// Every field with its SPL LOINC section codes.
///
/// 42229-5 ("SPL unclassified section") is deliberately absent: an
/// unclassified subsection maps to `None`, and the SPL reader keeps its text
/// under the titled parent section it sits in (old-format labels put most
/// of their text in such subsections).
const LOINC_CODES: &[(Field, &[&str])] = &[
    (Field::BoxedWarning, &["34066-1"]),
    (Field::IndicationsAndUsage, &["34067-9"]),
    (Field::DosageAndAdministration, &["34068-7"]),
    (Field::DosageFormsAndStrengths, &["43678-2"]),
    (Field::Contraindications, &["34070-3"]),
    (Field::WarningsAndCautions, &["43685-7"]),
    (Field::Warnings, &["34071-1"]),
    (Field::Precautions, &["42232-9"]),
    (Field::AdverseReactions, &["34084-4"]),
    (Field::DrugInteractions, &["34073-7"]),
    (Field::UseInSpecificPopulations, &["43684-0"]),
    (Field::Pregnancy, &["42228-7"]),
    (Field::Lactation, &["77290-5"]),
    (Field::NursingMothers, &["34080-2"]),
    (Field::ReproductivePotential, &["77291-3"]),
    (Field::MechanismOfAction, &["43679-0"]),
    (Field::ClinicalPharmacology, &["34090-1"]),
    (Field::MedicationGuide, &["42231-1"]),
    (Field::PatientPackageInsert, &["42230-3"]),
    (Field::PatientCounseling, &["34076-0", "88436-1"]),
    (Field::ActiveIngredient, &["55106-9"]),
    (Field::Purpose, &["55105-1"]),
    (Field::DoNotUse, &["50570-1"]),
    (Field::AskDoctor, &["50569-3"]),
    (Field::AskDoctorOrPharmacist, &["50568-5"]),
    (Field::WhenUsing, &["50567-7"]),
    (Field::StopUse, &["50566-9"]),
    (Field::KeepOutOfReach, &["50565-1"]),
    (Field::PregnancyOrBreastFeeding, &["53414-9"]),
];

impl Field {
    /// The field an openFDA JSON key holds, if rxdoc reads it.
    pub fn from_openfda_key(key: &str) -> Option<Field> {
        find(OPENFDA_KEYS, key)
    }

    /// The field an SPL section's LOINC code stands for, if rxdoc reads it.
    /// The unclassified code 42229-5 gives `None`: its text belongs to the
    /// parent section.
    pub fn from_loinc(code: &str) -> Option<Field> {
        find(LOINC_CODES, code.trim())
    }

    /// The field's usual openFDA key, e.g. `boxed_warning`.
    pub fn openfda_key(self) -> &'static str {
        OPENFDA_KEYS
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, keys)| keys[0])
    }
}

fn find(table: &[(Field, &[&str])], name: &str) -> Option<Field> {
    table
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(f, _)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_codes_name_the_same_fields() {
        assert_eq!(
            Field::from_openfda_key("spl_medguide"),
            Some(Field::MedicationGuide)
        );
        assert_eq!(Field::from_loinc("42231-1"), Some(Field::MedicationGuide));
        assert_eq!(Field::from_loinc("42229-5"), None);
        assert_eq!(Field::from_openfda_key("spl_unclassified_section"), None);
        assert_eq!(
            Field::from_loinc("50568-5"),
            Some(Field::AskDoctorOrPharmacist)
        );
        // Every field has a key and a code.
        for (field, _) in OPENFDA_KEYS {
            assert!(LOINC_CODES.iter().any(|(f, _)| f == field), "{field:?}");
            assert_eq!(Field::from_openfda_key(field.openfda_key()), Some(*field));
        }
    }

    #[test]
    fn blocks_gathers_a_field_across_sections() {
        let label = Label {
            sections: vec![
                Section {
                    field: Field::Warnings,
                    title: "Warnings".into(),
                    blocks: vec![Block::Paragraph("a".into())],
                },
                Section {
                    field: Field::Precautions,
                    title: String::new(),
                    blocks: vec![Block::Paragraph("b".into())],
                },
                Section {
                    field: Field::Warnings,
                    title: String::new(),
                    blocks: vec![Block::List(vec!["c".into()])],
                },
            ],
            ..Label::default()
        };
        let got: Vec<&Block> = label.blocks(Field::Warnings).collect();
        assert_eq!(
            got,
            [
                &Block::Paragraph("a".into()),
                &Block::List(vec!["c".into()])
            ]
        );
        assert!(!label.has(Field::Lactation));
    }
}
