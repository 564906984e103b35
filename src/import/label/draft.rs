//! The one mapping of an FDA label, whatever its format, to a monograph
//! draft. Patient wording comes first: each pane takes the Medication
//! Guide's (or Patient Package Insert's) answer on its topic where there
//! is one, and the professional sections where there is not. OTC "Drug
//! Facts" labels are mapped by [`super::otc`].

use super::leaflet::{Leaflet, Topic};
use super::render::{Group, clean, groups, items, paragraphs, text};
use super::{Block, Field, Label, ProductType, identity, otc};
use crate::import::draft::Draft;
use crate::pane::Tone;

/// Maps a label to a draft. Fails only when the label names no drug.
pub fn to_draft(label: &Label) -> Result<Draft, String> {
    let name = label
        .generic_names
        .first()
        .or(label.brand_names.first())
        .map(|n| identity::sentence_case(n))
        .ok_or("label has no generic or brand name")?;
    let mut d = Draft {
        name,
        ..Draft::default()
    };
    identity::fill(label, &mut d);
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
    d.sources.push(identity::source_line(label));
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

/// The boxed warning, unless the box is really a Medication Guide (its
/// text then serves as the leaflet, if the label has no other) or an
/// emergency-use notice (kept in the overview, not as a warning).
fn boxed_warning(label: &Label, leaflet: &mut Leaflet, d: &mut Draft) {
    // The box's title is its section's title where the reader kept it
    // apart from the text (SPL), the text's first heading otherwise.
    let mut owned = Vec::new();
    for section in label
        .sections
        .iter()
        .filter(|s| s.field == Field::BoxedWarning)
    {
        let title = section.title.trim();
        let leads = matches!(section.blocks.first(), Some(Block::Heading(_)));
        if !title.is_empty() && !leads {
            owned.push(Block::Heading(title.to_string()));
        }
        owned.extend(section.blocks.iter().cloned());
    }
    let blocks: Vec<&Block> = owned.iter().collect();
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
    use crate::import::label::Section;

    fn label(box_blocks: Vec<Block>) -> Label {
        Label {
            generic_names: vec!["FICTIMAB".into()],
            sections: vec![Section {
                field: Field::BoxedWarning,
                title: String::new(),
                blocks: box_blocks,
            }],
            ..Label::default()
        }
    }

    #[test]
    fn a_medication_guide_box_is_the_leaflet_not_a_warning() {
        let d = to_draft(&label(vec![
            Block::Paragraph("Medication Guide for Fictimab".into()),
            Block::Heading(
                "What is the most important information I should know about Fictimab?".into(),
            ),
            Block::Paragraph("It can cause serious infections.".into()),
        ]))
        .unwrap();
        assert_eq!(d.boxed_warning, "");
        assert_eq!(
            d.faqs[0].0,
            "What is the most important information I should know about Fictimab?"
        );
    }

    #[test]
    fn an_emergency_use_notice_is_an_overview_not_a_warning() {
        let d = to_draft(&label(vec![Block::Paragraph(
            "This product has not been approved by FDA but has been authorized for emergency use."
                .into(),
        )]))
        .unwrap();
        assert_eq!(d.boxed_warning, "");
        assert!(d.summary[0].contains("authorized for emergency use"));
    }

    #[test]
    fn a_boxed_warning_title_kept_apart_leads_the_box() {
        let mut l = label(vec![Block::Paragraph("Serious infections occur.".into())]);
        l.sections[0].title = "WARNING: SERIOUS INFECTIONS".into();
        let d = to_draft(&l).unwrap();
        assert_eq!(
            d.boxed_warning,
            "SERIOUS INFECTIONS\n\nSerious infections occur."
        );
    }

    #[test]
    fn a_boxed_warning_loses_its_own_warning_word() {
        let d = to_draft(&label(vec![
            Block::Heading("WARNING: SERIOUS INFECTIONS".into()),
            Block::List(vec![
                "Tuberculosis [see Warnings and Precautions (5.1)]".into(),
            ]),
        ]))
        .unwrap();
        assert_eq!(d.boxed_warning, "SERIOUS INFECTIONS\n\n• Tuberculosis");
    }

    #[test]
    fn none_and_cases() {
        assert!(is_none("None."));
        assert!(is_none("None. None"));
        assert!(!is_none("None of the above"));
    }
}
