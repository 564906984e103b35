//! Section titles: printed form and, for sections without a usable LOINC
//! code (old labels file most text under "SPL unclassified" 42229-5 or give
//! no code at all), the field the title names.

use crate::import::label::Field;

/// Title words (lower case, "&" read as "and", punctuation as spaces) and
/// the field they name; the first whose words start the title wins, so
/// longer phrases come before their prefixes.
const TITLES: &[(&str, Field)] = &[
    ("boxed warning", Field::BoxedWarning),
    ("contraindications", Field::Contraindications),
    ("indications", Field::IndicationsAndUsage),
    ("uses", Field::IndicationsAndUsage),
    (
        "use in specific populations",
        Field::UseInSpecificPopulations,
    ),
    ("dosage and administration", Field::DosageAndAdministration),
    ("directions", Field::DosageAndAdministration),
    ("dosage forms and strengths", Field::DosageFormsAndStrengths),
    ("warnings and precautions", Field::WarningsAndCautions),
    ("warnings", Field::Warnings),
    ("precautions", Field::Precautions),
    ("adverse reactions", Field::AdverseReactions),
    ("drug interactions", Field::DrugInteractions),
    (
        "if pregnant or breast feeding",
        Field::PregnancyOrBreastFeeding,
    ),
    (
        "pregnancy or breast feeding",
        Field::PregnancyOrBreastFeeding,
    ),
    ("pregnancy", Field::Pregnancy),
    ("usage in pregnancy", Field::Pregnancy),
    ("nursing mothers", Field::NursingMothers),
    ("lactation", Field::Lactation),
    ("mechanism of action", Field::MechanismOfAction),
    ("clinical pharmacology", Field::ClinicalPharmacology),
    ("medication guide", Field::MedicationGuide),
    ("patient package insert", Field::PatientPackageInsert),
    ("patient information", Field::PatientPackageInsert),
    ("information for patients", Field::PatientCounseling),
    ("patient counseling information", Field::PatientCounseling),
    ("active ingredient", Field::ActiveIngredient),
    ("purpose", Field::Purpose),
    ("do not use", Field::DoNotUse),
    ("ask a doctor or pharmacist", Field::AskDoctorOrPharmacist),
    ("ask a doctor", Field::AskDoctor),
    ("when using", Field::WhenUsing),
    ("stop use", Field::StopUse),
    ("keep out of reach", Field::KeepOutOfReach),
];

/// The field a section title names, if any.
pub(super) fn field_of(title: &str) -> Option<Field> {
    let words = words(title);
    TITLES
        .iter()
        .find(|(phrase, _)| {
            words == *phrase
                || words
                    .strip_prefix(phrase)
                    .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|(_, field)| *field)
}

/// A title as printed, without its section number: "5.1 Serious
/// Infections" → "Serious Infections".
pub(super) fn printed(title: &str) -> String {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let number_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, rest) = t.split_at(number_end);
    if number.chars().any(|c| c.is_ascii_digit()) && (rest.is_empty() || rest.starts_with(' ')) {
        rest.trim().to_string()
    } else {
        t
    }
}

fn words(title: &str) -> String {
    printed(title)
        .to_lowercase()
        .replace('&', " and ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_fields_by_whole_words() {
        for (title, want) in [
            ("INDICATIONS & USAGE", Some(Field::IndicationsAndUsage)),
            ("CONTRAINDICATIONS", Some(Field::Contraindications)),
            (
                "8 USE IN SPECIFIC POPULATIONS",
                Some(Field::UseInSpecificPopulations),
            ),
            ("Uses", Some(Field::IndicationsAndUsage)),
            (
                "Ask a doctor or pharmacist before use if you are",
                Some(Field::AskDoctorOrPharmacist),
            ),
            (
                "Ask a doctor before use if the child has",
                Some(Field::AskDoctor),
            ),
            (
                "If pregnant or breast-feeding,",
                Some(Field::PregnancyOrBreastFeeding),
            ),
            ("Usage in Pregnancy", Some(Field::Pregnancy)),
            ("Pediatric Use", None),
            ("Warningsx", None),
            ("DESCRIPTION", None),
            ("", None),
        ] {
            assert_eq!(field_of(title), want, "{title}");
        }
    }

    #[test]
    fn section_numbers_leave_printed_titles() {
        assert_eq!(printed("5.1 Serious  Infections"), "Serious Infections");
        assert_eq!(printed("1 INDICATIONS AND USAGE"), "INDICATIONS AND USAGE");
        assert_eq!(printed("17 "), "");
        assert_eq!(printed("2009 Update"), "Update");
        assert_eq!(printed("5-HT3 antagonists"), "5-HT3 antagonists");
        assert_eq!(printed("Usage in Pregnancy"), "Usage in Pregnancy");
    }
}
