//! The one mapping of an FDA label, whatever its format, to a monograph
//! draft.

use super::{Block, Field, Label};
use crate::date::ReviewedDate;
use crate::import::draft::Draft;
use crate::import::text::strip_cross_references;

/// Maps a label to a draft. Fails only when the label names no drug.
pub fn to_draft(label: &Label) -> Result<Draft, String> {
    let name = label
        .generic_names
        .first()
        .or(label.brand_names.first())
        .map(|n| title_case(n))
        .ok_or("label has no generic or brand name")?;
    let mut d = Draft {
        name,
        ..Draft::default()
    };
    d.brands = label.brand_names.iter().map(|b| title_case(b)).collect();
    d.drug_class = label
        .pharm_classes
        .iter()
        .map(|c| c.trim_end_matches(" [EPC]").to_string())
        .collect::<Vec<_>>()
        .join("; ");
    d.route = label
        .routes
        .iter()
        .map(|r| title_case(r))
        .collect::<Vec<_>>()
        .join(", ");
    d.dosage_forms = paragraphs(label, Field::DosageFormsAndStrengths);
    d.kind = Some(label.source_kind);
    d.set_id = label.set_id.clone();
    d.version = label.version.clone();
    d.label_date = label.effective_time.as_deref().and_then(label_date);
    d.boxed_warning = paragraphs(label, Field::BoxedWarning).join("\n\n");
    let indications = paragraphs(label, Field::IndicationsAndUsage);
    for i in &indications {
        d.indications.push((i.clone(), String::new()));
    }
    d.how_to_take = paragraphs(label, Field::DosageAndAdministration);
    // Older labels use "warnings"; newer ones "warnings and precautions".
    let warnings = [
        paragraphs(label, Field::WarningsAndCautions),
        paragraphs(label, Field::Warnings),
    ]
    .concat();
    d.side_effect_notes = paragraphs(label, Field::AdverseReactions);
    for w in &warnings {
        d.side_effect(w);
    }
    d.how_it_works = paragraphs(label, Field::MechanismOfAction);
    if d.how_it_works.is_empty() {
        d.how_it_works = paragraphs(label, Field::ClinicalPharmacology);
    }
    d.conditions = paragraphs(label, Field::Contraindications);
    // "None." (and the highlights' "None (4)", now without its number) says
    // there are none known, not a condition called None.
    if !d.conditions.is_empty() && d.conditions.iter().all(|c| is_none(c)) {
        d.conditions = vec!["None known".into()];
    }
    d.interactions = paragraphs(label, Field::DrugInteractions);
    d.precaution_notes = [warnings, paragraphs(label, Field::Precautions)].concat();
    for field in [
        Field::Pregnancy,
        Field::Lactation,
        Field::NursingMothers,
        Field::ReproductivePotential,
    ] {
        for paragraph in paragraphs(label, field) {
            d.collect_reproductive(&paragraph);
        }
    }
    let name = d.name.clone();
    if let Some(first) = indications.first() {
        d.faqs
            .push((format!("What is {name} used for?"), first.clone()));
    }
    if let Some(first) = d.how_to_take.first() {
        d.faqs
            .push((format!("How is {name} given or taken?"), first.clone()));
    }
    d.sources.push(source_line(label));
    Ok(d)
}

/// "FDA drug label (openFDA), set id …".
fn source_line(label: &Label) -> String {
    let what = match label.source_kind {
        crate::model::SourceKind::DailymedSpl => "FDA drug label (DailyMed SPL)",
        _ => "FDA drug label (openFDA)",
    };
    match &label.set_id {
        Some(id) => format!("{what}, set id {id}"),
        None => what.to_string(),
    }
}

/// A field's text as paragraphs, cross-references removed.
fn paragraphs(label: &Label, field: Field) -> Vec<String> {
    label
        .blocks(field)
        .map(|b| match b {
            Block::Heading(h) | Block::Paragraph(h) => strip_cross_references(h),
            Block::List(items) => items
                .iter()
                .map(|i| format!("• {}", strip_cross_references(i)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// `YYYYMMDD` → a date.
pub(crate) fn label_date(t: &str) -> Option<ReviewedDate> {
    let (y, m, d) = (t.get(..4)?, t.get(4..6)?, t.get(6..8)?);
    format!("{y}-{m}-{d}").parse().ok()
}

pub(crate) fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a contraindications paragraph says only "None".
fn is_none(text: &str) -> bool {
    text.trim()
        .trim_end_matches('.')
        .trim()
        .eq_ignore_ascii_case("none")
}
