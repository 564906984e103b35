//! `rxdoc interactions` and `rxdoc compare` on the bundled library, and the
//! class table they read.

#[path = "support/command.rs"]
mod command;

use command::rxdoc;
use rxdoc::load::{Library, Source};

const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

/// Runs rxdoc; its exit status, standard output and standard error.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = rxdoc().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// The JSON report of a check.
fn report(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["interactions", "--json"];
    all.extend(args);
    let (_, out, err) = run(&all);
    assert!(err.contains(DISCLAIMER), "{err}");
    serde_json::from_str(&out).expect("JSON")
}

/// Every finding of a report: (source, names, text, matched words).
fn findings(report: &serde_json::Value) -> Vec<(String, String, String, Vec<String>)> {
    let pairs = report["pairs"].as_array().expect("pairs");
    pairs
        .iter()
        .flat_map(|p| p["findings"].as_array().expect("findings").clone())
        .map(|f| {
            let words = f["matched_by"].as_array().expect("matched_by");
            (
                f["source"].as_str().unwrap_or_default().to_string(),
                f["names"].as_str().unwrap_or_default().to_string(),
                f["text"].as_str().unwrap_or_default().to_string(),
                words
                    .iter()
                    .map(|w| w["words"].as_str().unwrap_or_default().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_pair_is_found_by_name_and_by_class_in_both_directions() {
    let (status, out, _) = run(&["interactions", "warfarin", "ibuprofen"]);
    assert_eq!(status, 0, "{out}");
    // Ibuprofen's monograph names warfarin; warfarin's names NSAIDs, a
    // class ibuprofen belongs to.
    assert!(
        out.contains(
            "Ibuprofen's monograph, Medicines and products that interact, names Warfarin:"
        )
    );
    assert!(
        out.contains("**Blood thinners**, **warfarin**, apixaban"),
        "{out}"
    );
    assert!(out.contains("Aspirin, **NSAIDs**, clopidogrel"), "{out}");
    assert!(out.contains("\"NSAIDs\" (class: NSAIDs)"), "{out}");
    // Warfarin's structured entry says what its label says to do.
    assert!(
        out.contains(
            "What to do or expect, as written (the label: ask first): \
             Ask your doctor or pharmacist before taking them together"
        ),
        "{out}"
    );
    assert!(out.starts_with("INTERACTION CHECK: Warfarin, Ibuprofen\n"));
    assert_eq!(out.matches(DISCLAIMER).count(), 2, "{out}");
    // Both directions under one heading.
    assert_eq!(out.matches("== Warfarin + Ibuprofen ==").count(), 1);
}

#[test]
fn a_brand_names_the_same_drug() {
    let by_brand = findings(&report(&["Coumadin", "Advil"]));
    let by_name = findings(&report(&["warfarin", "ibuprofen"]));
    assert_eq!(by_brand, by_name);
    assert!(!by_brand.is_empty());
}

#[test]
fn a_passage_naming_a_brand_is_found() {
    // Sertraline's monograph names Antabuse, disulfiram's brand, only as a
    // brand; here a passage names warfarin's brand in the fixture below.
    let dir = tempfile::tempdir().expect("temp dir");
    let template = include_str!("fixtures/good/testamol.toml");
    let text = template.replace(
        "interactions = [",
        "interactions = [\"Coumadin: more bleeding\", ",
    );
    assert_ne!(text, template, "the fixture lists interactions");
    std::fs::write(dir.path().join("testamol.toml"), text).expect("write");
    let data = dir.path().to_string_lossy().into_owned();
    let (status, out, _) = run(&["--data", &data, "interactions", "testamol", "warfarin"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("**Coumadin**: more bleeding"), "{out}");
    assert!(out.contains("What to do or expect, as written: more bleeding"));
    // The fixture has no classes: it is matched by name only, and said so.
    assert!(out.contains("Matched by name only, with no drug class recorded: Testamol."));
}

#[test]
fn nsaids_never_match_acetaminophen() {
    let all = findings(&report(&[
        "acetaminophen",
        "warfarin",
        "sertraline",
        "tramadol",
    ]));
    for (source, names, text, words) in &all {
        if names == "Acetaminophen" {
            assert!(
                !words.iter().any(|w| w.to_lowercase().starts_with("nsaid")),
                "{source}: {text}"
            );
        }
    }
    // Warfarin's monograph names NSAIDs and acetaminophen: only the name counts.
    assert!(all.iter().any(|(s, n, _, w)| s == "Warfarin"
        && n == "Acetaminophen"
        && w == &["Acetaminophen".to_string()]));
}

#[test]
fn a_class_name_never_matches_inside_a_word() {
    // Tramadol's monograph names "Carbamazepine"; losartan is an ARB,
    // a word inside "carbamazepine".
    let (_, out, _) = run(&["interactions", "tramadol", "losartan"]);
    assert!(!out.contains("**arb**"), "{out}");
    assert!(!out.to_lowercase().contains("c**arb**"), "{out}");
}

#[test]
fn three_drugs_give_three_pairs_and_a_duplicate_counts_once() {
    let r = report(&["sertraline", "Zoloft", "tramadol", "Advil"]);
    assert_eq!(
        r["checked"],
        serde_json::json!(["Sertraline", "Tramadol", "Ibuprofen"])
    );
    let pairs: Vec<(String, String)> = r["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| (p["first"].to_string(), p["second"].to_string()))
        .collect();
    assert_eq!(pairs.len(), 3);
    assert_eq!(
        r["duplicates"],
        serde_json::json!([["Zoloft", "Sertraline"]])
    );
    let all = findings(&r);
    // Sertraline names tramadol by name and by class; tramadol names SSRIs.
    assert!(all.iter().any(|(s, n, _, w)| s == "Sertraline"
        && n == "Tramadol"
        && w.contains(&"Tramadol".to_string())));
    assert!(all.iter().any(|(s, n, _, w)| s == "Tramadol"
        && n == "Sertraline"
        && w.contains(&"SSRIs".to_string())));
}

#[test]
fn the_same_drug_twice_is_not_a_check() {
    let (status, _, err) = run(&["interactions", "ibuprofen", "Advil"]);
    assert_eq!(status, 2);
    assert!(err.contains("at least two different drugs"), "{err}");
}

#[test]
fn a_food_or_drink_can_be_named() {
    let all = findings(&report(&["warfarin", "alcohol", "grapefruit"]));
    assert!(
        all.iter()
            .any(|(s, n, t, _)| s == "Warfarin" && n == "alcohol" && t == "Binge drinking")
    );
}

#[test]
fn nothing_found_is_said_honestly_with_status_1() {
    let (status, out, _) = run(&["interactions", "amoxicillin", "loratadine"]);
    assert_eq!(status, 1, "{out}");
    assert!(out.contains(
        "No interaction is described in these monographs. This does not mean the combination is safe: ask a pharmacist."
    ));
    // "Safe" only ever in the sentence saying that nothing found is not safe.
    let rest = out.replace("does not mean the combination is safe", "");
    assert!(!rest.to_lowercase().contains("safe"), "{out}");
    assert!(out.contains(DISCLAIMER));
}

#[test]
fn an_unknown_name_is_status_2_with_a_suggestion() {
    let (status, out, err) = run(&["interactions", "warfrin", "ibuprofen"]);
    assert_eq!(status, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no drug named `warfrin`; did you mean Warfarin?"),
        "{err}"
    );
}

#[test]
fn json_has_the_documented_shape() {
    let r = report(&["warfarin", "ibuprofen"]);
    let mut keys: Vec<&String> = r.as_object().expect("object").keys().collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "checked",
            "duplicates",
            "name_only",
            "no_interaction_section",
            "pairs"
        ]
    );
    let finding = &r["pairs"][0]["findings"][0];
    let text = finding["text"].as_str().expect("text");
    let range = &finding["matched"][0];
    let (start, end) = (
        range[0].as_u64().expect("start"),
        range[1].as_u64().expect("end"),
    );
    assert_eq!(
        &text[usize::try_from(start).expect("offset")..usize::try_from(end).expect("offset")],
        "NSAIDs"
    );
    assert_eq!(finding["matched_by"][0]["class"], "NSAIDs");
    // Warfarin's entry is structured: the label's instruction comes with
    // its words for a reader.
    assert_eq!(finding["action"], "ask first");
    assert_eq!(
        finding["advice"],
        "Ask your doctor or pharmacist before taking them together"
    );
}

#[test]
fn compare_prints_one_section_of_each_drug_labelled() {
    let (status, out, _) = run(&[
        "compare",
        "ibuprofen",
        "Aleve",
        "--section",
        "contraception",
    ]);
    assert_eq!(status, 0, "{out}");
    assert!(out.starts_with("COMPARING CONTRACEPTION: Ibuprofen and Naproxen\n"));
    let ibuprofen = out.find("\nIBUPROFEN\n").expect("ibuprofen");
    let naproxen = out.find("\nNAPROXEN\n").expect("naproxen");
    assert!(ibuprofen < naproxen);
    assert_eq!(out.matches("== Contraception ==").count(), 2);
    assert!(!out.contains("== Side effects =="));
    assert!(out.contains(DISCLAIMER));
    let (status, _, err) = run(&["compare", "ibuprofen", "naproxin"]);
    assert_eq!(status, 2);
    assert!(err.contains("did you mean Naproxen"), "{err}");
}

#[test]
fn every_bundled_class_id_is_known_and_memberships_hold() {
    let library = Library::load(&[Source::Bundled]);
    assert!(library.diagnostics.is_empty(), "{:?}", library.diagnostics);
    let members = |class: &str| -> Vec<&str> {
        library
            .monographs()
            .filter(|m| m.classes.iter().any(|c| c == class))
            .map(|m| m.id.as_str())
            .collect()
    };
    let mut nsaids = members("nsaids");
    nsaids.sort_unstable();
    assert_eq!(
        nsaids,
        [
            "aspirin",
            "celecoxib",
            "diclofenac",
            "ibuprofen",
            "ketorolac",
            "meloxicam",
            "nabumetone",
            "naproxen"
        ]
    );
    assert!(!members("blood-thinners").contains(&"acetaminophen"));
    let classed = library
        .monographs()
        .filter(|m| !m.classes.is_empty())
        .count();
    assert!(classed >= 100, "{classed}");
}

#[test]
fn an_unknown_class_id_is_reported_where_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let template = include_str!("fixtures/good/testamol.toml");
    let text = template.replace(
        "drug_class = \"Fictional test agent\"",
        "drug_class = \"Fictional test agent\"\nclasses = [\"nsaids\", \"nope\"]",
    );
    let path = dir.path().join("testamol.toml");
    std::fs::write(&path, text).expect("write");
    let (status, _, err) = run(&["check", &path.to_string_lossy()]);
    assert_eq!(status, 1);
    assert!(
        err.contains("testamol.toml:8:22: unknown class `nope`: not in any classes.toml"),
        "{err}"
    );
}

#[test]
fn a_classes_file_in_a_data_directory_adds_a_class() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("classes.toml"),
        "[[class]]\nid = \"fictional\"\nnames = [\"fictional agents\"]\n",
    )
    .expect("write");
    let template = include_str!("fixtures/good/testamol.toml");
    let text = template.replace(
        "drug_class = \"Fictional test agent\"",
        "drug_class = \"Fictional test agent\"\nclasses = [\"fictional\"]",
    );
    std::fs::write(dir.path().join("testamol.toml"), text).expect("write");
    let library = Library::load(&[Source::Bundled, Source::Path(dir.path().into())]);
    assert!(library.diagnostics.is_empty(), "{:?}", library.diagnostics);
    assert_eq!(library.entries.len(), 208, "the table is not a monograph");
    assert_eq!(
        library
            .classes
            .class("fictional")
            .map(rxdoc::classes::Group::label),
        Some("fictional agents")
    );
}

/// The test fixture as another drug: its id, name (with `classes` when
/// given) and brand, and its interaction list replaced by `interactions`.
fn fixture_drug(
    dir: &std::path::Path,
    id: &str,
    brand: &str,
    classes: &[&str],
    interactions: Option<&str>,
) {
    let base = include_str!("fixtures/good/testamol.toml");
    let name = format!("{}{}", id[..1].to_uppercase(), &id[1..]);
    let classes: Vec<String> = classes.iter().map(|c| format!("\"{c}\"")).collect();
    let mut text = base
        .replace("id = \"testamol\"", &format!("id = \"{id}\""))
        .replace(
            "name = \"Testamol\"",
            &format!("name = \"{name}\"\nclasses = [{}]", classes.join(", ")),
        )
        .replace("brands = [\"Testix\"]", &format!("brands = [\"{brand}\"]"))
        .replace("aliases = [\"Testamole\"]", "aliases = []");
    if let Some(list) = interactions {
        text = text.replace("interactions = [\"Other fictional agents\"]", list);
    }
    std::fs::write(dir.join(format!("{id}.toml")), text).expect("write");
}

/// A directory holding two monographs made from the test fixture: a
/// tricyclic, and a drug whose structured entries name classes.
fn structured_pair() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fixture_drug(
        dir.path(),
        "tricyclamol",
        "Tricyx",
        &["tricyclics", "antidepressants"],
        None,
    );
    let entries = "interactions = [\n  \
        { with = [\"SSRIs\", \"other tricyclic antidepressants\"], effect = \"Drowsiness adds up\", action = \"monitor\" },\n  \
        { with = [\"MAO inhibitors\"], effect = \"Tricyclamol levels rise\", action = \"avoid\" },\n]";
    fixture_drug(dir.path(), "speakamol", "Speakix", &[], Some(entries));
    dir
}

#[test]
fn a_structured_entry_matches_its_items_whole_and_gives_the_labels_action() {
    let dir = structured_pair();
    let data = dir.path().to_str().expect("UTF-8 path");
    let (status, out, err) = run(&["--data", data, "interactions", "speakix", "tricyclamol"]);
    assert_eq!(status, 0, "{out}{err}");
    // Found by the class "tricyclic antidepressants" (after "other"), with
    // the action as the label says it.
    assert!(
        out.contains("SSRIs, **other tricyclic antidepressants**: Drowsiness adds up."),
        "{out}"
    );
    assert!(
        out.contains("(the label: monitor): Can be taken together with extra checks"),
        "{out}"
    );
    // Named only in the other entry's effect: not a finding.
    assert!(!out.contains("Tricyclamol levels rise"), "{out}");
}

#[test]
fn a_class_word_inside_a_longer_item_does_not_match_the_wider_class() {
    let dir = structured_pair();
    // An antidepressant that is not a tricyclic.
    fixture_drug(
        dir.path(),
        "otheramol",
        "Otherix",
        &["antidepressants"],
        None,
    );
    let data = dir.path().to_str().expect("UTF-8 path");
    let (status, out, _) = run(&["--data", data, "interactions", "speakamol", "otheramol"]);
    assert_eq!(status, 1, "nothing found: {out}");
    assert!(out.contains("No interaction is described"), "{out}");
}
