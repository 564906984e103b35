//! FDA drug labels in the openFDA JSON shape: a bulk file
//! `{"meta": …, "results": [...]}` or a single label object. Label sections
//! are arrays of strings that start with their section number and title;
//! each label is read into the neutral [`Label`] and mapped by
//! [`label::to_draft`].

use serde_json::{Map, Value};

use super::draft::Draft;
use super::label::{self, Block, Field, Label, ProductType, Section};
use super::text::strip_section_number;
use crate::model::SourceKind;

/// Whether the text looks like openFDA JSON.
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || t.starts_with('[')
}

/// Every label in the file, each as a draft or the reason it could not be read.
pub fn parse(text: &str) -> Result<Vec<Result<Draft, String>>, String> {
    Ok(read(text)?
        .into_iter()
        .map(|l| l.and_then(|l| label::to_draft(&l)))
        .collect())
}

/// Every label in the file in the neutral model, or why it is not one.
pub fn read(text: &str) -> Result<Vec<Result<Label, String>>, String> {
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
    Ok(labels
        .into_iter()
        .map(|v| {
            v.as_object()
                .map(from_json)
                .ok_or_else(|| "a label is not a JSON object".to_string())
        })
        .collect())
}

/// One openFDA label object as a [`Label`].
fn from_json(json: &Map<String, Value>) -> Label {
    let openfda = |key: &str| strings(json.get("openfda").and_then(|o| o.get(key)));
    let one = |key: &str| json.get(key).and_then(Value::as_str).map(str::to_string);
    Label {
        generic_names: openfda("generic_name"),
        brand_names: openfda("brand_name"),
        routes: openfda("route"),
        dosage_forms: Vec::new(),
        pharm_classes: openfda("pharm_class_epc"),
        labeller: openfda("manufacturer_name").into_iter().next(),
        set_id: one("set_id"),
        version: one("version"),
        effective_time: one("effective_time"),
        product_type: openfda("product_type")
            .first()
            .and_then(|t| ProductType::from_name(t)),
        source_kind: SourceKind::OpenfdaLabel,
        sections: json
            .iter()
            .filter_map(|(key, value)| {
                let field = Field::from_openfda_key(key)?;
                Some(section(field, key, value))
            })
            .collect(),
    }
}

/// A field's strings as one section, the section number and the field's
/// own title ("12.1 Mechanism of Action") stripped from each.
fn section(field: Field, key: &str, value: &Value) -> Section {
    let title = key.replace('_', " ");
    let blocks = strings(Some(value))
        .into_iter()
        .map(|item| {
            let text = strip_section_number(&item);
            let text = match text.get(..title.len()) {
                Some(start) if start.eq_ignore_ascii_case(&title) => {
                    text[title.len()..].trim_start().to_string()
                }
                _ => text,
            };
            Block::Paragraph(text)
        })
        .filter(|b| !matches!(b, Block::Paragraph(t) if t.trim().is_empty()))
        .collect();
    Section {
        field,
        title: String::new(),
        blocks,
    }
}

/// A JSON string or array of strings.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}
