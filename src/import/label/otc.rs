//! An OTC "Drug Facts" panel's warnings, which are already written for the
//! patient: "When using this product" lists common side effects, "Stop use
//! and ask a doctor if" when to call the doctor, "Ask a doctor before use
//! if you have" the conditions to mention, "Ask a doctor or pharmacist
//! before use if you are" the interacting medicines, and "Do not use" what
//! to avoid. "If pregnant or breast-feeding" feeds the Contraception pane
//! with the other pregnancy fields.

use super::render::{clean, items, paragraphs};
use super::{Field, Label};
use crate::import::draft::Draft;
use crate::import::flat::strip_titles;

/// The lead-ins each Drug Facts heading starts its text with.
fn lead_ins(field: Field) -> &'static [&'static str] {
    match field {
        Field::WhenUsing => &["When using this product"],
        Field::StopUse => &[
            "Stop use and ask a doctor if",
            "Stop use and ask a doctor",
            "Stop use",
        ],
        Field::AskDoctor => &[
            "Ask a doctor before use if you have",
            "Ask a doctor before use if your child has",
            "Ask a doctor before use if",
            "Ask a doctor before use",
        ],
        Field::AskDoctorOrPharmacist => &[
            "Ask a doctor or pharmacist before use if you are",
            "Ask a doctor or pharmacist before use if your child is",
            "Ask a doctor or pharmacist before use if",
            "Ask a doctor or pharmacist before use",
        ],
        _ => &[],
    }
}

/// A Drug Facts field's items, its lead-in removed.
fn facts(label: &Label, field: Field) -> Vec<String> {
    items(label.blocks(field))
        .iter()
        .map(|i| strip_titles(i, lead_ins(field)))
        .filter(|i| !i.trim().is_empty())
        .collect()
}

/// Fills the Side Effects and Before You Take panes from a Drug Facts panel.
pub fn drug_facts(label: &Label, d: &mut Draft) {
    d.common = facts(label, Field::WhenUsing);
    d.serious = facts(label, Field::StopUse);
    d.conditions = facts(label, Field::AskDoctor);
    d.interactions = facts(label, Field::AskDoctorOrPharmacist);
    d.avoid = facts(label, Field::DoNotUse);
    d.precaution_notes = own_warnings(label);
    d.precaution_notes
        .extend(paragraphs(label.blocks(Field::KeepOutOfReach)));
    if d.summary.is_empty() && label.has(Field::IndicationsAndUsage) {
        d.summary = paragraphs(label.blocks(Field::Purpose));
    }
}

/// The "Warnings" text less what the panel's own headings already say
/// (older panels print every warning twice, once run together).
fn own_warnings(label: &Label) -> Vec<String> {
    let repeated: Vec<String> = [
        Field::DoNotUse,
        Field::AskDoctor,
        Field::AskDoctorOrPharmacist,
        Field::WhenUsing,
        Field::StopUse,
        Field::KeepOutOfReach,
        Field::PregnancyOrBreastFeeding,
    ]
    .into_iter()
    .flat_map(|f| paragraphs(label.blocks(f)))
    .collect();
    paragraphs(label.blocks(Field::Warnings))
        .into_iter()
        .map(|mut w| {
            for r in &repeated {
                w = w.replace(r.as_str(), " ");
            }
            clean(&w)
        })
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect()
}
