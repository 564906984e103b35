//! FDA drug labels in the openFDA JSON shape: a bulk file
//! `{"meta": …, "results": [...]}` or a single label object. Label sections
//! are arrays of strings that start with their section number and title.

use serde_json::Value;

use super::draft::Draft;
use super::text::{strip_cross_references, strip_section_number};
use crate::date::ReviewedDate;

/// Whether the text looks like openFDA JSON.
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

/// Every label in the file, each as a draft or the reason it could not be read.
pub fn parse(text: &str) -> Result<Vec<Result<Draft, String>>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let labels: Vec<&Value> = match &value {
        Value::Object(o) if o.contains_key("results") => o["results"]
            .as_array()
            .ok_or("`results` is not an array")?
            .iter()
            .collect(),
        Value::Object(_) => vec![&value],
        Value::Array(items) => items.iter().collect(),
        _ => return Err("expected a label object or {\"results\": [...]}".into()),
    };
    if labels.is_empty() {
        return Err("no labels in `results`".into());
    }
    Ok(labels.into_iter().map(label).collect())
}

/// A label field's paragraphs, with the section number and the field's own
/// title ("12.1 Mechanism of Action") stripped from the start.
fn field(label: &Value, key: &str) -> Vec<String> {
    let items: Vec<&str> = match label.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    };
    let title = key.replace('_', " ");
    items
        .into_iter()
        .map(|item| {
            let text = strip_cross_references(&strip_section_number(item));
            match text.get(..title.len()) {
                Some(start) if start.eq_ignore_ascii_case(&title) => {
                    text[title.len()..].trim_start().to_string()
                }
                _ => text,
            }
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

fn openfda(label: &Value, key: &str) -> Vec<String> {
    label
        .get("openfda")
        .and_then(|o| o.get(key))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn label(label: &Value) -> Result<Draft, String> {
    let mut d = Draft::default();
    let generic = openfda(label, "generic_name");
    let brands = openfda(label, "brand_name");
    d.name = generic
        .first()
        .or(brands.first())
        .map(|n| title_case(n))
        .ok_or("label has no openfda.generic_name or brand_name")?;
    d.brands = brands.iter().map(|b| title_case(b)).collect();
    d.drug_class = openfda(label, "pharm_class_epc")
        .iter()
        .map(|c| c.trim_end_matches(" [EPC]").to_string())
        .collect::<Vec<_>>()
        .join("; ");
    d.route = openfda(label, "route")
        .iter()
        .map(|r| title_case(r))
        .collect::<Vec<_>>()
        .join(", ");
    d.dosage_forms = field(label, "dosage_forms_and_strengths");
    d.kind = Some(crate::model::SourceKind::OpenfdaLabel);
    d.set_id = label
        .get("set_id")
        .and_then(Value::as_str)
        .map(str::to_string);
    d.version = label
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_string);
    d.label_date = label
        .get("effective_time")
        .and_then(Value::as_str)
        .filter(|t| t.len() >= 8)
        .and_then(|t| {
            format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..8])
                .parse::<ReviewedDate>()
                .ok()
        });
    d.boxed_warning = field(label, "boxed_warning").join("\n\n");
    let indications = field(label, "indications_and_usage");
    for i in &indications {
        d.indications.push((i.clone(), String::new()));
    }
    d.how_to_take = field(label, "dosage_and_administration");
    // Older labels use "warnings"; newer ones "warnings_and_cautions".
    let warnings = [
        field(label, "warnings_and_cautions"),
        field(label, "warnings"),
    ]
    .concat();
    for reaction in field(label, "adverse_reactions") {
        d.side_effect_notes.push(reaction);
    }
    for w in &warnings {
        d.side_effect(w);
    }
    d.how_it_works = field(label, "mechanism_of_action");
    if d.how_it_works.is_empty() {
        d.how_it_works = field(label, "clinical_pharmacology");
    }
    d.conditions = field(label, "contraindications");
    // "None." (and the highlights' "None (4)", now without its number) says
    // there are none known, not a condition called None.
    if d.conditions.iter().all(|c| is_none(c)) && !d.conditions.is_empty() {
        d.conditions = vec!["None known".into()];
    }
    d.interactions = field(label, "drug_interactions");
    d.precaution_notes = [warnings, field(label, "precautions")].concat();
    for key in [
        "pregnancy",
        "lactation",
        "nursing_mothers",
        "females_and_males_of_reproductive_potential",
    ] {
        for paragraph in field(label, key) {
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
    if let Some(id) = label.get("set_id").and_then(Value::as_str) {
        d.sources
            .push(format!("FDA drug label (openFDA), set id {id}"));
    } else {
        d.sources.push("FDA drug label (openFDA)".into());
    }
    Ok(d)
}

/// Whether a contraindications paragraph says only "None".
fn is_none(text: &str) -> bool {
    text.trim()
        .trim_end_matches('.')
        .trim()
        .eq_ignore_ascii_case("none")
}
