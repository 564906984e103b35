//! FDA drug labels in the openFDA JSON shape: a bulk file
//! `{"meta": …, "results": [...]}` or a single label object. Label sections
//! are arrays of strings that start with their section number and title;
//! each label is read into the neutral [`Label`] and mapped by
//! [`label::to_draft`].

use serde_json::{Map, Value};

use super::draft::Draft;
use super::flat;
use super::label::{self, Block, Field, Label, ProductType, Section};
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
    let mut generic_names = openfda("generic_name");
    let brand_names = openfda("brand_name");
    if generic_names.is_empty() && brand_names.is_empty() {
        // Labels openFDA could not match to a product have an empty
        // `openfda` block; a generic's own product data still names it.
        generic_names.extend(
            strings(json.get("spl_product_data_elements"))
                .first()
                .and_then(|p| name_given_twice(p)),
        );
    }
    Label {
        generic_names,
        brand_names,
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
                Some(section(field, value))
            })
            .collect(),
    }
}

/// "Ofloxacin Ofloxacin OFLOXACIN …": product data starts with the
/// proprietary name and then the generic name; when they are the same
/// words, that is the product's name.
fn name_given_twice(product_data: &str) -> Option<String> {
    let words: Vec<&str> = product_data.split_whitespace().collect();
    (1..=5.min(words.len() / 2)).find_map(|n| {
        let (a, b) = (&words[..n], &words[n..2 * n]);
        let same = a.iter().zip(b).all(|(x, y)| x.eq_ignore_ascii_case(y));
        same.then(|| a.join(" "))
    })
}

/// A field's strings as one section: each string's number, title and
/// highlights removed and its structure recovered.
fn section(field: Field, value: &Value) -> Section {
    let patient_leaflet = matches!(field, Field::MedicationGuide | Field::PatientPackageInsert);
    let mut blocks = Vec::new();
    for item in strings(Some(value)) {
        let (number, rest) = flat::section_number(&item);
        let text = flat::strip_titles(rest, titles(field));
        if field == Field::BoxedWarning {
            blocks.extend(boxed_warning(&text));
            continue;
        }
        let text = flat::drop_highlights(&text, number);
        blocks.extend(flat::blocks(text, number, patient_leaflet));
    }
    Section {
        field,
        title: String::new(),
        blocks,
    }
}

/// A boxed warning's blocks: its title ("WARNING: SERIOUS INFECTIONS…")
/// as a heading, then its text. When the highlights' short box comes
/// first ("See full prescribing information for complete boxed
/// warning"), only the full box is kept.
fn boxed_warning(text: &str) -> Vec<Block> {
    const POINTER: &str = "full prescribing information for complete boxed warning";
    // ASCII lower case keeps byte offsets, so they hold for `text` too.
    let lower = text.to_ascii_lowercase();
    let text = match lower.find(POINTER) {
        Some(at) => match text[at..].find("WARNING") {
            Some(full) => &text[at + full..],
            None => text,
        },
        None => text,
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let caps = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let mut k = words.iter().take_while(|w| caps(w) || **w == "&").count();
    if words
        .get(k)
        .is_some_and(|w| w.starts_with(char::is_lowercase))
        && k > 1
    {
        k -= 1;
    }
    let mut out = Vec::new();
    if k > 0 && words[0].starts_with("WARNING") {
        out.push(Block::Heading(words[..k].join(" ")));
        out.extend(flat::blocks(&words[k..].join(" "), None, false));
    } else {
        out.extend(flat::blocks(text, None, false));
    }
    out
}

/// The titles a field's text may start with, longest first.
fn titles(field: Field) -> &'static [&'static str] {
    match field {
        Field::BoxedWarning => &["BOXED WARNING"],
        Field::IndicationsAndUsage => &[
            "INDICATIONS AND USAGE",
            "INDICATIONS & USAGE",
            "INDICATIONS AND USE",
            "INDICATIONS",
            "USES",
        ],
        Field::DosageAndAdministration => &[
            "DOSAGE AND ADMINISTRATION",
            "DOSAGE & ADMINISTRATION",
            "DIRECTIONS FOR USE",
            "DIRECTIONS",
            "DOSAGE",
        ],
        Field::DosageFormsAndStrengths => &["DOSAGE FORMS AND STRENGTHS"],
        Field::Contraindications => &["CONTRAINDICATIONS"],
        Field::WarningsAndCautions => &["WARNINGS AND PRECAUTIONS", "WARNINGS AND CAUTIONS"],
        Field::Warnings => &["WARNINGS", "WARNING"],
        Field::Precautions => &["GENERAL PRECAUTIONS", "PRECAUTIONS"],
        Field::AdverseReactions => &["ADVERSE REACTIONS"],
        Field::DrugInteractions => &["DRUG INTERACTIONS"],
        Field::UseInSpecificPopulations => &["USE IN SPECIFIC POPULATIONS"],
        Field::Pregnancy => &["PREGNANCY"],
        Field::Lactation => &["LACTATION"],
        Field::NursingMothers => &["NURSING MOTHERS"],
        Field::ReproductivePotential => &["FEMALES AND MALES OF REPRODUCTIVE POTENTIAL"],
        Field::MechanismOfAction => &["MECHANISM OF ACTION"],
        Field::ClinicalPharmacology => &["CLINICAL PHARMACOLOGY"],
        Field::MedicationGuide => &["MEDICATION GUIDE"],
        Field::PatientPackageInsert => &["PATIENT PACKAGE INSERT", "PATIENT INFORMATION"],
        Field::PatientCounseling => &[
            "PATIENT COUNSELING INFORMATION",
            "PATIENT COUNSELLING INFORMATION",
            "INFORMATION FOR PATIENTS",
        ],
        Field::ActiveIngredient => &["DRUG FACTS", "ACTIVE INGREDIENTS", "ACTIVE INGREDIENT"],
        Field::Purpose => &["PURPOSES", "PURPOSE", "USES"],
        Field::DoNotUse
        | Field::AskDoctor
        | Field::AskDoctorOrPharmacist
        | Field::WhenUsing
        | Field::StopUse
        | Field::KeepOutOfReach
        | Field::PregnancyOrBreastFeeding => &[],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_full_box_is_kept_whatever_comes_before_it() {
        // "İ" is longer in lower case than in upper case: offsets found in
        // a lower-cased copy must still fit the original.
        let blocks = boxed_warning(
            "WARNING: RISK İİİ See full prescribing information for complete boxed warning. • Short. WARNING: RISK Full text here.",
        );
        assert_eq!(
            blocks,
            [
                Block::Heading("WARNING: RISK".into()),
                Block::Paragraph("Full text here.".into())
            ]
        );
    }

    #[test]
    fn a_name_given_twice_in_product_data() {
        assert_eq!(
            name_given_twice("Ofloxacin Ofloxacin OFLOXACIN OFLOXACIN Sodium Chloride").as_deref(),
            Some("Ofloxacin")
        );
        assert_eq!(
            name_given_twice("Ibuprofen and Famotidine Ibuprofen and Famotidine IBUPROFEN")
                .as_deref(),
            Some("Ibuprofen and Famotidine")
        );
        assert_eq!(
            name_given_twice("Zoloft sertraline hydrochloride SERTRALINE"),
            None
        );
    }
}
