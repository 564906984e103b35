//! The one mapping of an FDA label, whatever its format, to a monograph
//! draft. Patient wording comes first: each pane takes the Medication
//! Guide's (or Patient Package Insert's) answer on its topic where there
//! is one, and the professional sections where there is not. OTC "Drug
//! Facts" labels are mapped by [`super::otc`].

use super::leaflet::{Leaflet, Topic};
use super::render::{Group, clean, groups, items, paragraphs, text};
use super::{Block, Field, Label, ProductType, otc};
use crate::date::ReviewedDate;
use crate::import::draft::Draft;
use crate::model::SourceKind;
use crate::pane::Tone;

/// Maps a label to a draft. Fails only when the label names no drug.
pub fn to_draft(label: &Label) -> Result<Draft, String> {
    let name = label
        .generic_names
        .first()
        .or(label.brand_names.first())
        .map(|n| sentence_case(n))
        .ok_or("label has no generic or brand name")?;
    let mut d = Draft {
        name,
        ..Draft::default()
    };
    identity(label, &mut d);
    let mut leaflet = Leaflet::of(label);
    boxed_warning(label, &mut leaflet, &mut d);
    usage(label, &leaflet, &mut d);
    if is_otc(label) {
        otc::drug_facts(label, &mut d);
    } else {
        side_effects(label, &leaflet, &mut d);
        before_you_take(label, &leaflet, &mut d);
    }
    reproductive(label, &mut d);
    d.how_it_works = paragraphs(label.blocks(Field::MechanismOfAction));
    if d.how_it_works.is_empty() {
        d.how_it_works = paragraphs(label.blocks(Field::ClinicalPharmacology));
    }
    faqs(label, &leaflet, &mut d);
    d.sources.push(source_line(label));
    Ok(d)
}

/// Whether the label is an OTC Drug Facts panel.
fn is_otc(label: &Label) -> bool {
    label.product_type == Some(ProductType::OverTheCounter)
        || label.product_type.is_none()
            && [
                Field::Purpose,
                Field::DoNotUse,
                Field::StopUse,
                Field::AskDoctor,
            ]
            .iter()
            .any(|f| label.has(*f))
}

fn identity(label: &Label, d: &mut Draft) {
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

/// The boxed warning, unless the box is really a Medication Guide (its
/// text then serves as the leaflet, if the label has no other) or an
/// emergency-use notice (kept in the overview, not as a warning).
fn boxed_warning(label: &Label, leaflet: &mut Leaflet, d: &mut Draft) {
    let blocks: Vec<&Block> = label.blocks(Field::BoxedWarning).collect();
    let all = text(blocks.iter().copied()).to_lowercase();
    if all.is_empty() {
        return;
    }
    if all.contains("emergency use")
        && (all.contains("authoriz") || all.contains("not been approved"))
    {
        d.summary.extend(paragraphs(blocks.iter().copied()));
        return;
    }
    if all.starts_with("medication guide")
        || all.contains("most important information i should know")
    {
        if leaflet.is_empty() {
            *leaflet = Leaflet::from_blocks(blocks.iter().copied());
        }
        return;
    }
    let mut parts = paragraphs(blocks.iter().copied());
    // Renderers say "WARNING:" themselves.
    if let Some(first) = parts.first_mut() {
        let t = first.trim_start();
        let t = t
            .strip_prefix("WARNING:")
            .or_else(|| t.strip_prefix("WARNING"))
            .unwrap_or(t);
        *first = t.trim_start().to_string();
    }
    parts.retain(|p| !p.is_empty());
    d.boxed_warning = parts.join("\n\n");
}

/// What it treats, in the leaflet's words where it says ("What is X?"),
/// and how it is taken.
fn usage(label: &Label, leaflet: &Leaflet, d: &mut Draft) {
    d.summary.extend(leaflet.paragraphs(Topic::WhatIs));
    let indications = groups(label.blocks(Field::IndicationsAndUsage));
    let indications = if indications.is_empty() {
        groups(label.blocks(Field::Purpose))
    } else {
        indications
    };
    for group in &indications {
        indication_group(group, d);
    }
    d.how_to_take = leaflet.paragraphs(Topic::HowToTake);
    if d.how_to_take.is_empty() {
        d.how_to_take = paragraphs(label.blocks(Field::DosageAndAdministration));
    }
}

/// One indications subsection: "Rheumatoid Arthritis" with its text, or
/// an introduction and a list of conditions, or conditions as paragraphs.
fn indication_group(group: &Group, d: &mut Draft) {
    let text = paragraphs(&group.blocks);
    if let Some(heading) = &group.heading {
        d.indications.push((heading.clone(), text.join(" ")));
        return;
    }
    let has_list = group.blocks.iter().any(|b| matches!(b, Block::List(_)));
    if has_list {
        for block in &group.blocks {
            match block {
                Block::List(list) => d.indications.extend(
                    list.iter()
                        .map(|i| clean(i))
                        .filter(|i| !i.is_empty())
                        .map(|i| (i, String::new())),
                ),
                other => d.summary.extend(paragraphs([other])),
            }
        }
    } else {
        d.indications
            .extend(text.into_iter().map(|t| (t, String::new())));
    }
}

/// Side effects from the leaflet's symptom lists; without a leaflet, the
/// warnings' subsection titles (or paragraphs) by urgency and the
/// adverse reactions as notes.
fn side_effects(label: &Label, leaflet: &Leaflet, d: &mut Draft) {
    let from_leaflet = leaflet.side_effects();
    for (tone, item) in &from_leaflet {
        match tone {
            Tone::Emergency => d.emergency.push(item.clone()),
            Tone::Common => d.common.push(item.clone()),
            _ => d.serious.push(item.clone()),
        }
    }
    if from_leaflet.is_empty() {
        for group in groups(warnings(label)) {
            match &group.heading {
                Some(h) => d.side_effect(h),
                None => paragraphs(&group.blocks)
                    .iter()
                    .for_each(|p| d.side_effect(p)),
            }
        }
        d.side_effect_notes = paragraphs(label.blocks(Field::AdverseReactions));
    }
}

/// Warnings: newer labels' "warnings and precautions", older labels'
/// "warnings".
fn warnings(label: &Label) -> impl Iterator<Item = &Block> {
    label
        .blocks(Field::WarningsAndCautions)
        .chain(label.blocks(Field::Warnings))
}

/// Conditions, interactions, what to avoid and the rest of the warnings.
fn before_you_take(label: &Label, leaflet: &Leaflet, d: &mut Draft) {
    d.conditions = leaflet.items(Topic::BeforeTaking);
    if d.conditions.is_empty() {
        d.conditions = items(label.blocks(Field::Contraindications));
        // "None." (also "None. None" where the highlights repeat it) says
        // there are none known, not a condition called None.
        if !d.conditions.is_empty() && d.conditions.iter().all(|c| is_none(c)) {
            d.conditions = vec!["None known".into()];
        }
    }
    d.interactions = items(label.blocks(Field::DrugInteractions));
    d.avoid = leaflet.items(Topic::Avoid);
    d.precaution_notes = paragraphs(label.blocks(Field::PatientCounseling));
    d.precaution_notes.extend(paragraphs(warnings(label)));
    for group in groups(label.blocks(Field::Precautions)) {
        if !repeats_another_field(label, &group) {
            d.precaution_notes.extend(group.heading.clone());
            d.precaution_notes.extend(paragraphs(&group.blocks));
        }
    }
}

/// Whether a precautions subsection ("Nursing Mothers: …") is printed
/// again as a field of its own, or is only a heading.
fn repeats_another_field(label: &Label, group: &Group) -> bool {
    let own = paragraphs(&group.blocks);
    own.is_empty()
        || own.iter().all(|p| {
            label
                .sections
                .iter()
                .filter(|s| s.field != Field::Precautions)
                .any(|s| paragraphs(&s.blocks).contains(p))
        })
}

/// Pregnancy, breastfeeding and fertility sentences. Newer labels keep
/// lactation (and at times pregnancy) only inside "use in specific
/// populations".
fn reproductive(label: &Label, d: &mut Draft) {
    let fields = [
        Field::Pregnancy,
        Field::Lactation,
        Field::NursingMothers,
        Field::ReproductivePotential,
        Field::PregnancyOrBreastFeeding,
    ];
    for field in fields {
        for p in paragraphs(label.blocks(field)) {
            d.collect_reproductive(&p);
        }
    }
    for group in groups(label.blocks(Field::UseInSpecificPopulations)) {
        let heading = group.heading.as_deref().unwrap_or("").to_lowercase();
        let missing = (heading.contains("lactation") || heading.contains("nursing"))
            && !label.has(Field::Lactation)
            && !label.has(Field::NursingMothers)
            || heading.contains("pregnancy") && !label.has(Field::Pregnancy)
            || heading.contains("reproductive") && !label.has(Field::ReproductivePotential);
        if missing {
            for p in paragraphs(&group.blocks) {
                d.collect_reproductive(&p);
            }
        }
    }
}

/// The leaflet's questions; without a leaflet, what it is used for and
/// how it is taken, and the patient counselling text.
fn faqs(label: &Label, leaflet: &Leaflet, d: &mut Draft) {
    d.faqs = leaflet.faqs();
    if !d.faqs.is_empty() {
        return;
    }
    let name = d.name.clone();
    if let Some(answer) = used_for(d) {
        d.faqs.push((format!("What is {name} used for?"), answer));
    }
    if let Some(first) = d.how_to_take.first() {
        d.faqs
            .push((format!("How is {name} given or taken?"), first.clone()));
    }
    let counselling = text(label.blocks(Field::PatientCounseling));
    if !counselling.is_empty() {
        d.faqs.push((
            format!("What should I know while using {name}?"),
            counselling,
        ));
    }
}

/// What it is used for: the conditions it treats, after the overview's
/// lead-in ("X is a … indicated for:") where there is one.
fn used_for(d: &Draft) -> Option<String> {
    let conditions: Vec<&str> = d.indications.iter().map(|(c, _)| c.as_str()).collect();
    let lead_in = d.summary.first().filter(|s| s.trim_end().ends_with(':'));
    match (conditions.as_slice(), lead_in) {
        ([], _) => d.summary.first().cloned(),
        ([one], None) => Some(one.to_string()),
        (many, lead_in) => {
            let list: Vec<String> = many.iter().map(|c| format!("• {c}")).collect();
            let list = list.join("\n");
            Some(match lead_in {
                Some(l) => format!("{l}\n{list}"),
                None => list,
            })
        }
    }
}

/// "FDA drug label (openFDA), set id …".
fn source_line(label: &Label) -> String {
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
fn sentence_case(s: &str) -> String {
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

/// Whether a contraindication says only "None" (perhaps twice).
fn is_none(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| w.eq_ignore_ascii_case("none"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_and_cases() {
        assert!(is_none("None."));
        assert!(is_none("None. None"));
        assert!(!is_none("None of the above"));
        assert_eq!(brand_case("CHILDRENS TYLENOL"), "Childrens Tylenol");
        assert_eq!(brand_case("Betadine"), "Betadine");
        assert_eq!(sentence_case("POVIDONE-IODINE"), "Povidone-iodine");
    }
}
