//! Import of each page shape, round trip through check and show, the
//! no-overwrite rule, broken inputs, and patient handouts. The HTML handout
//! printed by Chromium is in `e2e/handout_pdf.rs`.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use rxdoc::model::{Monograph, SourceKind};

#[path = "support/command.rs"]
mod command;
use command::rxdoc;
#[path = "support/import.rs"]
mod import_support;
use import_support::{all_text, fixture, import, load, only, show};

#[test]
fn markdown_page_maps_sections_and_drops_the_sites_disclaimer() {
    let dir = tempfile::tempdir().unwrap();
    import(&["page.md"], dir.path())
        .success()
        .stdout(predicate::str::contains("1 imported"));
    let m = only(dir.path());
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("examplazole-tabs", "Examplazole Tabs"),
        "the title names the drug"
    );
    assert!(
        m.aliases.contains(&"Examplazole".to_string()),
        "a single drug's generic name kept as an alias"
    );
    assert_eq!(m.usage.indications[0].condition, "Imaginary reflux");
    assert!(
        m.side_effects
            .emergency
            .iter()
            .any(|e| e.contains("allergic reaction"))
    );
    assert!(
        m.side_effects
            .serious
            .iter()
            .any(|e| e.contains("Liver problems"))
    );
    assert!(m.side_effects.common.iter().any(|e| e.contains("Headache")));
    assert!(m.how_it_works.text.contains("imaginary pump"));
    assert_eq!(m.faqs.len(), 2);
    assert_eq!(m.faqs[0].question, "Is Examplazole real?");
    assert!(
        m.contraception.pregnancy.contains("unborn baby"),
        "pregnancy statement copied"
    );
    assert!(
        !all_text(&m).contains("must not be copied"),
        "site disclaimer and note dropped"
    );
    assert!(
        m.sources.iter().any(|s| s.contains("page.md")),
        "provenance recorded"
    );
}

#[test]
fn later_markdown_variant_maps_dosage_precautions_and_keeps_unmapped_sections() {
    let dir = tempfile::tempdir().unwrap();
    import(&["page-v2.md"], dir.path())
        .success()
        .stdout(predicate::str::contains(
            "kept under a labelled note: Storage",
        ))
        .stdout(predicate::str::contains("1 section unmapped"));
    let m = only(dir.path());
    assert_eq!(m.id, "fictomab-and-testavir");
    assert!(
        m.usage.how_to_take.contains("twice a day"),
        "Dosage → Usage"
    );
    assert!(
        m.before_you_take
            .conditions
            .iter()
            .any(|c| c.contains("Severe kidney disease")),
        "Precautions → Before You Take"
    );
    assert!(m.side_effects.common.contains(&"Mild nausea".to_string()));
    assert!(
        m.side_effects
            .serious
            .contains(&"Yellow skin or eyes".to_string())
    );
    assert!(
        m.before_you_take
            .notes
            .contains("“Storage”: Keep below 25 °C")
    );
    assert!(m.contraception.needed);
    assert_eq!(
        m.contraception.after_last_dose[0].duration.to_string(),
        "3 months"
    );
    assert!(
        m.before_you_take
            .notes
            .contains("Do not use during pregnancy"),
        "kept where it was too"
    );
    assert_eq!(m.faqs[0].question, "Can I split the tablet?");
}

#[test]
fn plain_text_guide_maps_header_questions_and_durations() {
    let dir = tempfile::tempdir().unwrap();
    import(&["guide.txt"], dir.path()).success();
    let m = only(dir.path());
    assert_eq!(m.name, "testophen");
    assert_eq!(m.pronunciation, "TES-toe-fen");
    assert_eq!(m.brands, ["Testara"]);
    assert_eq!(m.dosage_forms, ["oral tablet (25 mg)"]);
    assert!(m.how_it_works.text.contains("pretend receptor"));
    assert!(m.side_effects.emergency[0].contains("seek immediate medical attention"));
    assert!(
        m.side_effects
            .serious
            .contains(&"Unusual bleeding".to_string())
    );
    assert!(m.side_effects.common.contains(&"Drowsiness".to_string()));
    assert!(m.side_effects.reporting.contains("1-800-FDA-1088"));
    assert!(
        m.before_you_take
            .conditions
            .contains(&"Glaucoma".to_string())
    );
    assert!(
        m.before_you_take.interactions[0]
            .line()
            .contains("sedating")
    );
    assert!(m.usage.how_to_take.contains("each evening"));
    assert_eq!(m.faqs[0].question, "What happens if I miss the dose?");
    let durations: Vec<String> = m
        .contraception
        .after_last_dose
        .iter()
        .map(|d| format!("{}={}", d.label, d.duration))
        .collect();
    assert_eq!(
        durations,
        ["Women: contraception=6 weeks", "No breastfeeding=1 week"]
    );
}

#[test]
fn fda_labels_bulk_and_single_with_older_fields() {
    let dir = tempfile::tempdir().unwrap();
    import(&["labels.json", "label-single.json"], dir.path())
        .success()
        .stdout(predicate::str::contains("3 imported"));
    let all = load(dir.path());
    let statin = all.iter().find(|m| m.id == "fictivastatin").unwrap();
    assert_eq!(statin.brands, ["Fictor"]);
    assert_eq!(statin.drug_class, "Imaginary Reductase Inhibitor");
    assert_eq!(statin.reviewed, None, "an import is not a review");
    let provenance = statin.provenance.as_ref().expect("provenance");
    assert_eq!(provenance.kind, SourceKind::OpenfdaLabel);
    assert_eq!(
        provenance.label_date.map(|d| d.to_string()).as_deref(),
        Some("2024-03-15"),
        "the label's own date kept as such"
    );
    assert_eq!(provenance.set_id.as_deref(), Some("fixture-0001"));
    assert!(provenance.source.ends_with("labels.json"));
    assert_eq!(
        statin.usage.indications[0].condition,
        "Fictivastatin is indicated to lower pretend cholesterol."
    );
    assert_eq!(statin.usage.how_to_take, "Take 10 mg once daily.");
    assert!(
        statin
            .boxed_warning
            .as_deref()
            .unwrap()
            .contains("pretend muscle problems")
    );
    assert!(statin.how_it_works.text.starts_with("Fictivastatin blocks"));
    assert!(
        statin
            .contraception
            .breastfeeding
            .contains("not recommended")
    );
    assert!(statin.sources.iter().any(|s| s.contains("fixture-0001")));
    let old = all.iter().find(|m| m.id == "oldocaine").unwrap();
    assert_eq!(old.route, "Topical");
    assert!(
        old.side_effects
            .common
            .iter()
            .chain(&old.side_effects.serious)
            .any(|s| s.contains("rash")),
        "older `warnings` field used"
    );
    assert!(
        old.contraception.breastfeeding.contains("breast milk"),
        "nursing_mothers used"
    );
}

#[test]
fn round_trip_import_check_show() {
    let dir = tempfile::tempdir().unwrap();
    import(
        &["page.md", "page-v2.md", "guide.txt", "labels.json"],
        dir.path(),
    )
    .success();
    rxdoc()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("5 valid monographs, 0 problems"));
    rxdoc()
        .arg("--data")
        .arg(dir.path())
        .args(["show", "testara", "--section", "contraception"])
        .assert()
        .success()
        .stdout(predicate::str::contains("6 weeks"))
        .stdout(predicate::str::contains("Not medical advice"));
}

#[test]
fn existing_files_are_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("examplazole-tabs.toml");
    std::fs::write(&target, "# my own edits\n").unwrap();
    import(&["page.md"], dir.path())
        .success()
        .stdout(predicate::str::contains("0 imported, 1 skipped"))
        .stderr(predicate::str::contains(
            "already exists (use --force to overwrite)",
        ));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "# my own edits\n"
    );
    rxdoc()
        .args(["import", &fixture("page.md"), "--force", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("id = \"examplazole-tabs\"")
    );
}

#[test]
fn broken_inputs_fail_with_reasons_and_the_rest_still_import() {
    let dir = tempfile::tempdir().unwrap();
    import(&["broken", "page.md"], dir.path())
        .code(1)
        .stdout(predicate::str::contains("1 imported, 0 skipped, 4 failed"))
        .stderr(predicate::str::contains(
            "random.bin: file is not valid UTF-8 text",
        ))
        .stderr(predicate::str::contains("truncated.json: not valid JSON"))
        .stderr(predicate::str::contains(
            "no-sections.md: no recognisable sections",
        ))
        .stderr(predicate::str::contains(
            "empty.txt: not a recognised page shape",
        ));
    let names: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names.len(), 1, "no partial or temporary files: {names:?}");
}

#[test]
fn a_missing_output_directory_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new").join("monographs");
    import(&["page.md"], &out)
        .success()
        .stdout(predicate::str::contains("1 imported"));
    assert_eq!(only(&out).id, "examplazole-tabs");
}

#[test]
fn an_output_directory_that_cannot_be_used_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    import(&["page.md"], &file)
        .code(2)
        .stderr(predicate::str::contains("is not a directory"));
    import(&["page.md"], &file.join("below"))
        .code(2)
        .stderr(predicate::str::contains("output directory"));
}

#[test]
fn export_to_a_place_that_cannot_be_written_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    rxdoc()
        .args(["export", "warfarin", "--format", "txt", "-o"])
        .arg(dir.path().join("missing").join("out.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn handouts_carry_every_pane_and_the_disclaimer() {
    for format in ["txt", "md", "html"] {
        rxdoc()
            .args(["export", "besponsa", "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::contains("Contraception"))
            .stdout(predicate::str::contains("Before You Take"))
            .stdout(predicate::str::contains("Reviewed"))
            .stdout(predicate::str::contains("Not medical advice"));
    }
}

#[test]
fn html_handout_escapes_data_and_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(format!(
        "{}/tests/fixtures/good/testamol.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let hostile = good.replace(
        "\"Mild headache\"",
        "\"<script>alert('x')</script> & <img src=x>\"",
    );
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, hostile).unwrap();
    let out = rxdoc()
        .args(["export", path.to_str().unwrap(), "--format", "html"])
        .assert()
        .success();
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x&gt;")
    );
    assert!(!html.contains("<script") && !html.contains("<img"));
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("<link"),
        "no external assets"
    );
    assert!(html.contains("@media print"));
}

#[test]
fn export_to_a_file_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("handout.html");
    std::fs::write(&file, "mine").unwrap();
    rxdoc()
        .args(["export", "warfarin", "--format", "html", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    rxdoc()
        .args(["export", "warfarin", "--format", "html", "--force", "-o"])
        .arg(&file)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

fn site(pages: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    let paths: Vec<String> = pages.iter().map(|p| format!("site/{p}")).collect();
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    import(&refs, out)
}

fn by_id(dir: &Path, id: &str) -> Monograph {
    load(dir)
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no monograph `{id}`"))
}

#[test]
fn a_combination_page_is_filed_under_its_title_not_its_last_ingredient() {
    let dir = tempfile::tempdir().unwrap();
    site(&["combination.md", "pregabalex.md"], dir.path())
        .success()
        .stdout(predicate::str::contains(
            "2 imported, 0 skipped, 0 failed, 0 refused (no drug information), 0 under a numbered id",
        ));
    let combo = by_id(dir.path(), "amitriptylex-pregabalex");
    assert_eq!(combo.name, "Amitriptylex + Pregabalex");
    assert!(combo.aliases.is_empty(), "{:?}", combo.aliases);
    assert!(
        combo
            .usage
            .summary
            .starts_with("Amitriptylex: Amitriptylex is a make-believe antidepressant"),
        "{}",
        combo.usage.summary
    );
    assert!(
        combo
            .usage
            .summary
            .contains("Pregabalex: Pregabalex is a make-believe medicine")
    );
    assert!(
        combo
            .how_it_works
            .text
            .contains("Pregabalex: Pregabalex calms")
    );
    let faqs: Vec<(&str, &str)> = combo
        .faqs
        .iter()
        .map(|f| (f.question.as_str(), f.answer.as_str()))
        .collect();
    assert_eq!(
        faqs,
        [
            (
                "How should I store these medicines?",
                "In a cool, dry place."
            ),
            ("Can I stop suddenly?", "No. Ask your doctor how to stop.")
        ]
    );
    let single = by_id(dir.path(), "pregabalex");
    assert_eq!(single.name, "Pregabalex");
    assert!(single.usage.summary.contains("used on its own"));
}

#[test]
fn two_pages_of_one_drug_are_both_imported_under_distinct_ids_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    site(&["pregabalex.md", "pregabalex-copy.md"], dir.path())
        .success()
        .stdout(predicate::str::contains(
            "pregabalex-2.toml (id `pregabalex` was taken by another input in this run)",
        ))
        .stdout(predicate::str::contains(
            "2 imported, 0 skipped, 0 failed, 0 refused (no drug information), 1 under a numbered id",
        ));
    assert!(
        by_id(dir.path(), "pregabalex")
            .usage
            .summary
            .contains("on its own")
    );
    let second = by_id(dir.path(), "pregabalex-2");
    assert_eq!(second.name, "Pregabalex");
    assert!(second.usage.summary.contains("second page"));
}

#[test]
fn a_sentence_title_makes_a_short_id_and_stays_the_name() {
    let dir = tempfile::tempdir().unwrap();
    site(&["sentence-title.md"], dir.path()).success();
    let m = only(dir.path());
    assert_eq!(
        m.id,
        "examplamine-testacaine-note-this-combination-is-not-a-single-approved-medicine"
    );
    assert!(m.id.len() <= 80);
    assert!(m.name.ends_with("each part is described on its own below"));
}

#[test]
fn a_title_in_another_script_is_transliterated() {
    let dir = tempfile::tempdir().unwrap();
    site(&["transliterated.md"], dir.path()).success();
    let m = only(dir.path());
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("acido-folico-ficticio", "Ácido Fólico Ficticio")
    );
}

#[test]
fn a_page_without_drug_information_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    site(&["declined.md", "pregabalex.md"], dir.path())
        .success()
        .stderr(predicate::str::contains(
            "declined.md: the page holds no drug information: “I cannot provide information on a combination of Fictolin and Mockazole",
        ))
        .stdout(predicate::str::contains(
            "1 imported, 0 skipped, 0 failed, 1 refused (no drug information)",
        ));
    assert_eq!(load(dir.path()).len(), 1);
}

#[test]
fn per_ingredient_bullet_blocks_are_read() {
    let dir = tempfile::tempdir().unwrap();
    site(&["bullets.md"], dir.path()).success();
    let m = only(dir.path());
    assert_eq!(
        (m.id.as_str(), m.name.as_str()),
        ("melatonix-clonazex", "Melatonix + Clonazex")
    );
    assert!(
        m.usage
            .summary
            .contains("Melatonix: Used for pretend sleeplessness."),
        "{}",
        m.usage.summary
    );
    assert!(
        m.usage
            .summary
            .contains("Clonazex: Used for pretend seizures.")
    );
    assert!(m.how_it_works.text.contains("resets a pretend body clock"));
    assert!(all_text(&m).contains("Clonazex: Do not stop suddenly."));
    let questions: Vec<&str> = m.faqs.iter().map(|f| f.question.as_str()).collect();
    assert_eq!(
        questions,
        [
            "Is Melatonix habit-forming?",
            "Can I drink alcohol with Clonazex?"
        ]
    );
}

#[test]
fn an_import_records_its_provenance_and_claims_no_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = rxdoc();
    cmd.args([
        "import",
        &fixture("site/pregabalex.md"),
        "--declare",
        "ai-generated",
        "--out",
    ])
    .arg(dir.path())
    .assert()
    .success();
    let m = only(dir.path());
    assert_eq!(m.reviewed, None);
    let p = m.provenance.as_ref().expect("provenance");
    assert_eq!(p.kind, SourceKind::WebPage);
    assert!(p.source.ends_with("site/pregabalex.md"), "{}", p.source);
    assert!(
        p.ai_generated && !p.crowd_sourced,
        "declared on the command line"
    );
    assert_eq!(
        (m.drug_class.as_str(), m.route.as_str()),
        ("", ""),
        "no filler"
    );
    assert!(m.dosage_forms.is_empty());
    let text = std::fs::read_to_string(dir.path().join("pregabalex.toml")).unwrap();
    assert!(!text.contains("reviewed ="), "{text}");
    for key in ["drug_class", "route", "dosage_forms"] {
        assert!(!text.contains(key), "no filler for {key}: {text}");
    }
    rxdoc().arg("check").arg(dir.path()).assert().success();

    let shown = show(dir.path(), &["pregabalex"]);
    assert!(
        shown.contains("Reviewed: imported, not reviewed"),
        "{shown}"
    );
    assert!(shown.contains("Source: web page "), "{shown}");
    assert!(shown.contains("says it is AI-generated"), "{shown}");
    assert!(
        !shown.contains("Class:") && !shown.contains("Route:"),
        "{shown}"
    );
    let json = show(dir.path(), &["pregabalex", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["provenance"]["kind"], "web-page");
    assert_eq!(value["provenance"]["ai_generated"], true);
    assert!(value.get("reviewed").is_none());
}

#[test]
fn a_page_that_says_it_is_ai_generated_is_recorded_so() {
    let dir = tempfile::tempdir().unwrap();
    site(&["ai-note.md"], dir.path()).success();
    let p = only(dir.path()).provenance.unwrap();
    assert!(p.ai_generated && p.crowd_sourced, "{p:?}");
}

#[test]
fn a_hand_written_monograph_still_needs_a_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(format!(
        "{}/tests/fixtures/good/testamol.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let without: String = good
        .lines()
        .filter(|l| !l.starts_with("reviewed"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, good);
    std::fs::write(dir.path().join("testamol.toml"), without).unwrap();
    rxdoc()
        .arg("check")
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("`reviewed` is missing"));
}

#[test]
fn an_unreviewed_import_never_hides_a_reviewed_monograph() {
    let dir = tempfile::tempdir().unwrap();
    site(&["acetaminophen.md"], dir.path()).success();
    assert!(dir.path().join("acetaminophen.toml").exists());
    let reviewed = show(dir.path(), &["acetaminophen"]);
    assert!(
        !reviewed.contains("must not hide"),
        "the reviewed one first"
    );
    assert!(!reviewed.contains("imported, not reviewed"));
    let imported = show(dir.path(), &["acetaminophen-imported"]);
    assert!(imported.contains("must not hide"), "{imported}");
    assert!(imported.contains("Reviewed: imported, not reviewed"));
    let list = rxdoc()
        .args(["list", "--json", "--data"])
        .arg(dir.path())
        .assert()
        .success();
    let list = String::from_utf8(list.get_output().stdout.clone()).unwrap();
    let first = list.find("\"acetaminophen\"").expect("reviewed listed");
    let second = list
        .find("\"acetaminophen-imported\"")
        .expect("import listed");
    assert!(first < second, "reviewed first: {list}");
}

#[test]
fn a_users_own_file_still_overrides_a_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(format!(
        "{}/data/acetaminophen.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let own = bundled.replacen(
        "name = \"Acetaminophen\"",
        "name = \"Acetaminophen (my edit)\"",
        1,
    );
    assert_ne!(own, bundled);
    std::fs::write(dir.path().join("acetaminophen.toml"), own).unwrap();
    let shown = show(dir.path(), &["acetaminophen"]);
    assert!(shown.starts_with("ACETAMINOPHEN (MY EDIT)"), "{shown}");
}

#[test]
fn fda_label_artefacts_are_removed_and_the_subject_kept() {
    let dir = tempfile::tempdir().unwrap();
    import(&["label-artefacts.json"], dir.path()).success();
    let m = only(dir.path());
    assert_eq!(
        m.usage.indications[0].condition,
        "FICTIRA is a pretend blocker indicated for imaginary arthritis."
    );
    assert_eq!(m.usage.how_to_take, "Inject 40 mg every other week.");
    assert_eq!(m.before_you_take.conditions, ["None known"]);
    assert_eq!(m.route, "Subcutaneous");
    let text = all_text(&m);
    assert!(
        !text.contains("[see") && !text.contains("(5.1") && !text.contains("(1.1)"),
        "{text}"
    );
    assert!(
        text.contains("Pretend infections may occur. Stop FICTIRA if one does."),
        "{text}"
    );
    let p = m.provenance.unwrap();
    assert_eq!(
        (p.set_id.as_deref(), p.version.as_deref()),
        (Some("fixture-0003"), Some("7"))
    );
}
