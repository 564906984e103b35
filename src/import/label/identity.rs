//! A label's identity as the monograph gives it: names in readable case,
//! class, route, forms, and where the text came from. What the label does
//! not give stays missing.

use super::render::{items, paragraphs};
use super::{Field, Label};
use crate::date::ReviewedDate;
use crate::import::draft::Draft;
use crate::model::SourceKind;

/// Names, class, route, forms and the label's own date, set id and version.
pub fn fill(label: &Label, d: &mut Draft) {
    d.brands = label.brand_names.iter().map(|b| brand_case(b)).collect();
    d.drug_class = label
        .pharm_classes
        .iter()
        .map(|c| c.trim_end_matches(" [EPC]").to_string())
        .collect::<Vec<_>>()
        .join("; ");
    d.route = label
        .routes
        .iter()
        .map(|r| sentence_case(r))
        .collect::<Vec<_>>()
        .join(", ");
    d.dosage_forms = items(label.blocks(Field::DosageFormsAndStrengths));
    if d.dosage_forms.is_empty() {
        // A Drug Facts panel gives the strength with its active ingredient.
        d.dosage_forms = paragraphs(label.blocks(Field::ActiveIngredient));
    }
    if d.dosage_forms.is_empty() {
        d.dosage_forms = label
            .dosage_forms
            .iter()
            .map(|f| sentence_case(f))
            .collect();
    }
    d.kind = Some(label.source_kind);
    d.set_id = label.set_id.clone();
    d.version = label.version.clone();
    d.label_date = label.effective_time.as_deref().and_then(label_date);
}

/// "FDA drug label (openFDA), set id …".
pub fn source_line(label: &Label) -> String {
    let what = match label.source_kind {
        SourceKind::DailymedSpl => "FDA drug label (DailyMed SPL)",
        _ => "FDA drug label (openFDA)",
    };
    match &label.set_id {
        Some(id) => format!("{what}, set id {id}"),
        None => what.to_string(),
    }
}

/// `YYYYMMDD` → a date.
pub(crate) fn label_date(t: &str) -> Option<ReviewedDate> {
    let (y, m, d) = (t.get(..4)?, t.get(4..6)?, t.get(6..8)?);
    format!("{y}-{m}-{d}").parse().ok()
}

/// "POVIDONE-IODINE" → "Povidone-iodine".
pub fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "CHILDRENS TYLENOL" → "Childrens Tylenol"; a brand already in mixed
/// case ("Betadine", "pHisoHex") keeps it.
pub(crate) fn brand_case(s: &str) -> String {
    if s.chars().any(char::is_lowercase) {
        return s.trim().to_string();
    }
    s.split_whitespace()
        .map(sentence_case)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_readable_case() {
        assert_eq!(brand_case("CHILDRENS TYLENOL"), "Childrens Tylenol");
        assert_eq!(brand_case("Betadine"), "Betadine");
        assert_eq!(sentence_case("POVIDONE-IODINE"), "Povidone-iodine");
        assert_eq!(
            label_date("20250102").map(|d| d.to_string()).as_deref(),
            Some("2025-01-02")
        );
        assert_eq!(label_date("2025"), None);
    }
}
