//! `rxdoc import` of the FDA's bulk downloads: small archives built here in
//! the shapes the FDA ships (openFDA's zipped `{"meta", "results"}` JSON,
//! DailyMed's zip of label zips) from the real records under
//! tests/fixtures/import/.

#[path = "support/command.rs"]
mod command;

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use command::rxdoc;
use predicates::prelude::*;
use rxdoc::load::{Library, Source};
use rxdoc::model::{LabelType, Monograph};
use serde_json::{Value, json};
use zip::write::SimpleFileOptions;

const OTC: &str = include_str!("fixtures/import/fda/otc-drug-facts.json");
const OLD: &str = include_str!("fixtures/import/fda/old-format.json");

/// The real records: Silicea, Betadine (OTC), and ofloxacin without its
/// product data, which leaves it no name (its `openfda` block is empty).
fn records() -> (Value, Value, Value) {
    let otc: Vec<Value> = serde_json::from_str(OTC).unwrap();
    let mut old: Vec<Value> = serde_json::from_str(OLD).unwrap();
    if let Some(fields) = old[0].as_object_mut() {
        fields.remove("spl_product_data_elements");
    }
    (otc[0].clone(), otc[1].clone(), old[0].clone())
}

/// The Betadine record as another labeller's label of the same drug.
fn betadine_from(
    labeller: &str,
    brand: &str,
    set_id: &str,
    date: &str,
    version: &str,
    purpose: &str,
) -> Value {
    let mut r = records().1;
    r["set_id"] = json!(set_id);
    r["effective_time"] = json!(date);
    r["version"] = json!(version);
    r["openfda"]["manufacturer_name"] = json!([labeller]);
    r["openfda"]["brand_name"] = json!([brand]);
    r["indications_and_usage"] = json!([format!("Uses {purpose}")]);
    r
}

/// openFDA's bulk document of these records.
fn document(records: &[Value]) -> String {
    json!({"meta": {"disclaimer": "test", "results": {"total": records.len()}}, "results": records})
        .to_string()
}

/// A zip of (name, bytes) entries.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `drug-label-000N-of-000M.json.zip` holding a document of `records`.
fn label_zip(dir: &Path, n: usize, records: &[Value]) -> PathBuf {
    let name = format!("drug-label-000{n}-of-0002.json");
    let path = dir.join(format!("{name}.zip"));
    std::fs::write(&path, zip_of(&[(&name, document(records).as_bytes())])).unwrap();
    path
}

fn import(inputs: &[&Path], out: &Path, force: bool) -> assert_cmd::assert::Assert {
    let mut cmd = rxdoc();
    cmd.arg("import").args(inputs).arg("--out").arg(out);
    if force {
        cmd.arg("--force");
    }
    cmd.assert()
}

fn load(dir: &Path) -> Vec<Monograph> {
    let lib = Library::load(&[Source::Path(dir.to_path_buf())]);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    lib.monographs().cloned().collect()
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn a_clean_archive_gives_one_monograph_per_drug_and_skips_a_record_without_names() {
    let tmp = tempfile::tempdir().unwrap();
    let (silicea, betadine, nameless) = records();
    let zip = label_zip(tmp.path(), 1, &[silicea, betadine, nameless]);
    let out = tmp.path().join("out");
    let a = import(&[&zip], &out, false).success();
    assert!(
        stdout(&a).contains(
            "3 records read: 2 labels of 2 drugs; 2 written, 0 updated, 0 labels merged; skipped: 1 no generic name; 0 failed"
        ),
        "{}",
        stdout(&a)
    );
    let all = load(&out);
    let ids: Vec<&str> = all.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["povidone-iodine", "silicea"]);
    let betadine = &all[0];
    assert_eq!(betadine.brands, ["Betadine"]);
    let p = betadine.provenance.as_ref().unwrap();
    assert_eq!(p.labels.len(), 1);
    assert_eq!(
        p.labels[0].labeller.as_deref(),
        Some("Atlantis Consumer Healthcare, Inc.")
    );
    assert_eq!(p.labels[0].product_type, Some(LabelType::Otc));
    assert_eq!(
        p.labels[0].set_id.as_deref(),
        Some("00002127-02bc-4c66-b0c3-ca29d8224afc")
    );
    assert!(
        p.source.ends_with("drug-label-0001-of-0002.json, record 2"),
        "{}",
        p.source
    );
    // What was written passes the checker and records its own hash.
    let text = std::fs::read_to_string(out.join("povidone-iodine.toml")).unwrap();
    assert!(rxdoc::import::bulk::is_intact(&text));
    rxdoc().arg("check").arg(&out).assert().success();
}

#[test]
fn the_same_drug_across_files_and_labellers_is_merged_with_the_newest_text_and_every_brand() {
    let tmp = tempfile::tempdir().unwrap();
    let first = label_zip(
        tmp.path(),
        1,
        &[
            betadine_from(
                "Maker A",
                "Betadine",
                "set-a",
                "20230101",
                "3",
                "OLDEST TEXT",
            ),
            betadine_from(
                "Maker B",
                "Povidone Swabsticks",
                "set-b",
                "20250601",
                "1",
                "NEWEST TEXT",
            ),
        ],
    );
    let second = label_zip(
        tmp.path(),
        2,
        &[
            betadine_from(
                "Maker C",
                "Iodine Prep Pad",
                "set-c",
                "20240101",
                "7",
                "MIDDLE TEXT",
            ),
            betadine_from(
                "Maker D",
                "Pvp Prep",
                "set-d",
                "20250601",
                "1",
                "SAME DAY, READ LATER",
            ),
        ],
    );
    let out = tmp.path().join("out");
    let a = import(&[&first, &second], &out, false).success();
    assert!(
        stdout(&a).contains("4 labels of 1 drugs; 1 written, 0 updated, 3 labels merged"),
        "{}",
        stdout(&a)
    );
    assert!(stdout(&a).contains("povidone-iodine.toml (4 labels merged)"));
    let all = load(&out);
    assert_eq!(all.len(), 1);
    let m = &all[0];
    assert_eq!(
        m.usage.indications[0].condition, "NEWEST TEXT",
        "the newest label, first read on a tie, gives the text"
    );
    for brand in [
        "Betadine",
        "Povidone Swabsticks",
        "Iodine Prep Pad",
        "Pvp Prep",
    ] {
        assert!(
            m.brands.iter().any(|b| b == brand),
            "{brand} in {:?}",
            m.brands
        );
    }
    let labels = &m.provenance.as_ref().unwrap().labels;
    let order: Vec<_> = labels
        .iter()
        .map(|l| l.set_id.as_deref().unwrap())
        .collect();
    assert_eq!(order, ["set-b", "set-d", "set-c", "set-a"]);
    assert_eq!(labels[3].labeller.as_deref(), Some("Maker A"));
    assert_eq!(labels[2].version.as_deref(), Some("7"));
}

#[test]
fn a_person_s_edit_is_left_alone_until_force() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (silicea, ..) = records();
    let old = label_zip(
        tmp.path(),
        1,
        &[
            silicea.clone(),
            betadine_from("A", "Betadine", "set-a", "20230101", "1", "FIRST"),
        ],
    );
    import(&[&old], &out, false).success();
    let file = out.join("povidone-iodine.toml");
    let edited = format!(
        "# Checked by our pharmacist.\n{}",
        std::fs::read_to_string(&file).unwrap()
    );
    std::fs::write(&file, &edited).unwrap();
    let own = out.join("my-notes.toml");
    std::fs::copy("tests/fixtures/good/testamol.toml", &own).unwrap();
    let own_before = std::fs::read_to_string(&own).unwrap();

    // Importing the same download again changes nothing.
    let again = import(&[&old], &out, false).success();
    assert!(
        stderr(&again).contains("silicea.toml: up to date"),
        "{}",
        stderr(&again)
    );

    // A newer download: the untouched import is updated, the edited one kept.
    let mut newer_silicea = silicea;
    newer_silicea["version"] = json!("3");
    let newer = tmp.path().join("newer");
    std::fs::create_dir(&newer).unwrap();
    let new = label_zip(
        &newer,
        1,
        &[
            newer_silicea,
            betadine_from("A", "Betadine", "set-a", "20250101", "2", "SECOND"),
        ],
    );
    let a = import(&[&new], &out, false).success();
    assert!(stdout(&a).contains("updated "), "{}", stdout(&a));
    assert!(
        stdout(&a).contains("0 written, 1 updated"),
        "{}",
        stdout(&a)
    );
    assert!(
        stderr(&a).contains(
            "povidone-iodine.toml: edited since it was imported (use --force to replace it)"
        ),
        "{}",
        stderr(&a)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    assert_eq!(std::fs::read_to_string(&own).unwrap(), own_before);
    let silicea = std::fs::read_to_string(out.join("silicea.toml")).unwrap();
    assert!(silicea.contains("version = \"3\""));

    // --force replaces the edited import; a person's own file stays theirs.
    let forced = import(&[&new], &out, true).success();
    assert!(stdout(&forced).contains("updated "), "{}", stdout(&forced));
    let replaced = std::fs::read_to_string(&file).unwrap();
    assert!(!replaced.contains("Checked by our pharmacist") && replaced.contains("SECOND"));
    assert_eq!(std::fs::read_to_string(&own).unwrap(), own_before);
    assert_eq!(load(&out).len(), 3);
}

#[test]
fn a_corrupt_zip_is_reported_and_the_other_inputs_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let (silicea, ..) = records();
    let good = label_zip(tmp.path(), 1, &[silicea]);
    let bytes = std::fs::read(&good).unwrap();
    let corrupt = tmp.path().join("drug-label-0002-of-0002.json.zip");
    // The central directory cut off: the end record is missing.
    std::fs::write(&corrupt, &bytes[..bytes.len() - 30]).unwrap();
    let out = tmp.path().join("out");
    let a = import(&[&good, &corrupt], &out, false).failure();
    assert!(
        stderr(&a).contains("drug-label-0002-of-0002.json.zip: not a readable zip archive"),
        "{}",
        stderr(&a)
    );
    assert!(stdout(&a).contains("1 written") && stdout(&a).contains("1 failed"));
    assert_eq!(load(&out).len(), 1);
}

#[test]
fn truncated_json_keeps_the_records_before_the_cut_and_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    let (silicea, betadine, _) = records();
    let text = document(&[silicea, betadine]);
    let cut = &text[..text.len() - 500];
    let path = tmp.path().join("drug-label-0001-of-0001.json.zip");
    std::fs::write(
        &path,
        zip_of(&[("drug-label-0001-of-0001.json", cut.as_bytes())]),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let a = import(&[&path], &out, false).failure();
    assert!(
        stderr(&a).contains("drug-label-0001-of-0001.json: EOF while parsing"),
        "{}",
        stderr(&a)
    );
    assert!(stderr(&a).contains("at line 1 column"), "{}", stderr(&a));
    let ids: Vec<String> = load(&out).into_iter().map(|m| m.id).collect();
    assert_eq!(ids, ["silicea"]);
}

#[test]
fn a_zip_bomb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (silicea, ..) = records();
    // A valid document padded with 40 MB of spaces: it compresses a
    // thousandfold, far beyond any real label file.
    let padded = format!("{}{}", document(&[silicea]), " ".repeat(40 << 20));
    let path = tmp.path().join("bomb.zip");
    std::fs::write(&path, zip_of(&[("labels.json", padded.as_bytes())])).unwrap();
    let a = import(&[&path], &tmp.path().join("out"), false).failure();
    assert!(stderr(&a).contains("zip bomb refused"), "{}", stderr(&a));
}

#[test]
fn dailymed_zips_of_label_zips_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = |file: &str| {
        let xml = std::fs::read(format!("tests/fixtures/import/spl/{file}")).unwrap();
        zip_of(&[(file, &xml), ("image.jpg", b"\xff\xd8")])
    };
    let humira = inner("humira-medguide.xml");
    let otc = inner("triaminic-otc.xml");
    let release = tmp.path().join("dm_spl_release_human_rx_part1.zip");
    std::fs::write(
        &release,
        zip_of(&[
            ("prescription/20240101_humira.zip", &humira),
            ("otc/20240101_triaminic.zip", &otc),
            ("prescription/damaged.zip", b"PK\x03\x04 not really"),
        ]),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let a = import(&[&release], &out, false);
    let all = load(&out);
    assert_eq!(all.len(), 2, "{}{}", stdout(&a), stderr(&a));
    let humira = all
        .iter()
        .find(|m| m.brands.iter().any(|b| b == "Humira"))
        .unwrap();
    let p = humira.provenance.as_ref().unwrap();
    assert_eq!(p.labels[0].product_type, Some(LabelType::Prescription));
    assert!(p.source.ends_with("20240101_humira.zip"), "{}", p.source);
    assert!(
        stderr(&a).contains("skipped ")
            && stderr(&a).contains("damaged.zip: not a readable zip archive"),
        "{}",
        stderr(&a)
    );
    assert!(
        predicate::str::contains("1 unreadable").eval(&stdout(&a)),
        "{}",
        stdout(&a)
    );
}
