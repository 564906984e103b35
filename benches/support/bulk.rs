//! A generated openFDA bulk file of real-shaped records: each record is the
//! real old-format prescription label of tests/fixtures/import/fda (every
//! field it has), given a generated drug, labeller, set id, version and
//! date, and its text sections lengthened with generated paragraphs to the
//! size of a full modern prescription label (about 85 KB). `drugs` drugs
//! each have `labellers` labels, interleaved as in the real files.

use std::io::{BufWriter, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::corpus::{Rng, Vocabulary, seed_text};

const REAL: &str = include_str!("../../tests/fixtures/import/fda/old-format.json");

/// Sections lengthened (as arrays of paragraphs, the openFDA shape).
const GROWN: &[&str] = &[
    "indications_and_usage",
    "dosage_and_administration",
    "warnings_and_cautions",
    "adverse_reactions",
    "drug_interactions",
    "clinical_pharmacology",
    "clinical_studies",
    "description",
];

/// Writes `drugs × labellers` records as one `{"meta", "results"}` document
/// at `path`, a record at a time; returns its size in bytes.
pub fn write_bulk(
    path: &Path,
    drugs: usize,
    labellers: usize,
    seed: u64,
    data_dir: &Path,
) -> std::io::Result<u64> {
    let real: Vec<Value> = serde_json::from_str(REAL).map_err(std::io::Error::other)?;
    let template = real[0].clone();
    let mut rng = Rng::new(seed);
    let vocab = Vocabulary::new(&seed_text(data_dir), 20_000, &mut rng);
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    write!(
        out,
        r#"{{"meta": {{"disclaimer": "generated for rxdoc's benchmark", "results": {{"total": {}}}}}, "results": ["#,
        drugs * labellers
    )?;
    for n in 0..drugs * labellers {
        let (drug, labeller) = (n % drugs, n / drugs);
        let record = record(&template, &vocab, &mut rng, drug, labeller);
        if n > 0 {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut out, &record)?;
    }
    out.write_all(b"]}\n")?;
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn record(
    template: &Value,
    vocab: &Vocabulary,
    rng: &mut Rng,
    drug: usize,
    labeller: usize,
) -> Value {
    let mut r = template.clone();
    let generic = format!("BENCHAMIDE {}", to_letters(drug));
    r["set_id"] = json!(format!("bench-{drug:04}-{labeller}"));
    r["version"] = json!((1 + rng.below(12)).to_string());
    r["effective_time"] = json!(format!(
        "20{:02}{:02}{:02}",
        10 + rng.below(15),
        1 + rng.below(12),
        1 + rng.below(28)
    ));
    r["openfda"] = json!({
        "generic_name": [generic],
        "brand_name": [format!("BRAND{drug}X{labeller}")],
        "manufacturer_name": [format!("Labeller {labeller} Pharmaceuticals, Inc.")],
        "route": [if drug.is_multiple_of(3) { "TOPICAL" } else { "ORAL" }],
        "product_type": [if drug.is_multiple_of(4) { "HUMAN OTC DRUG" } else { "HUMAN PRESCRIPTION DRUG" }],
        "substance_name": [generic],
    });
    for section in GROWN {
        let paragraphs: Vec<String> = (0..6).map(|_| paragraph(vocab, rng)).collect();
        r[*section] = json!(paragraphs);
    }
    r
}

fn paragraph(vocab: &Vocabulary, rng: &mut Rng) -> String {
    let words = rng.range(180, 240);
    vocab.paragraph(rng, words)
}

fn to_letters(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            return s;
        }
        n -= 1;
    }
}
