//! Loading: every kind of bad file is reported at its line and column, and
//! never stops the other files from loading.

use std::path::PathBuf;

use rxdoc::load::{Library, Source};

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Loads one bad fixture and returns its single diagnostic as `line:col: message`.
fn problem(name: &str) -> String {
    let lib = Library::load(&[Source::Path(fixture(&format!("bad/{name}")))]);
    assert!(lib.entries.is_empty(), "{name} should not load");
    assert_eq!(lib.diagnostics.len(), 1, "{:?}", lib.diagnostics);
    let shown = lib.diagnostics[0].to_string();
    let prefix = format!("{}:", fixture(&format!("bad/{name}")).display());
    shown.strip_prefix(&prefix).unwrap_or(&shown).to_string()
}

#[test]
fn syntax_error_points_at_the_unterminated_string() {
    let p = problem("syntax.toml");
    assert!(p.starts_with("3:17: "), "{p}");
    assert!(p.contains("string"), "{p}");
}

#[test]
fn wrong_type_names_what_was_expected() {
    let p = problem("wrong-type.toml");
    assert!(p.starts_with("5:10: "), "{p}");
    assert!(p.contains("expected a sequence"), "{p}");
}

#[test]
fn unknown_key_is_named_with_the_keys_allowed() {
    let p = problem("unknown-key.toml");
    assert!(p.starts_with("16:1: unknown field `how_to_tkae`"), "{p}");
    assert!(p.contains("`how_to_take`"), "{p}");
}

#[test]
fn missing_field_is_named() {
    assert_eq!(
        problem("missing-field.toml"),
        "1:1: `route` is missing or empty"
    );
}

#[test]
fn blank_required_text_points_at_its_key() {
    assert_eq!(
        problem("empty-field.toml"),
        "23:1: `how_it_works.text` is empty"
    );
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    assert_eq!(
        problem("not-utf8.toml"),
        "3:13: file is not valid UTF-8 text"
    );
}

#[test]
fn impossible_date_is_rejected() {
    let p = problem("bad-date.toml");
    assert!(p.starts_with("10:12: "), "{p}");
}

#[test]
fn empty_file_is_reported() {
    let lib = Library::load(&[Source::Path(fixture("bad/empty.toml"))]);
    assert!(
        lib.diagnostics[0]
            .to_string()
            .ends_with("empty.toml: file is empty")
    );
}

#[test]
fn duplicate_ids_in_one_directory_keep_the_first_and_report_the_second() {
    let lib = Library::load_as_one(&[
        Source::Path(fixture("bad/dup-a.toml")),
        Source::Path(fixture("bad/dup-b.toml")),
    ]);
    assert_eq!(lib.entries.len(), 1);
    assert_eq!(lib.entries[0].monograph.name, "Testamol");
    let shown = lib.diagnostics[0].to_string();
    assert!(
        shown.contains("dup-b.toml:2:1: duplicate id `duplicated`"),
        "{shown}"
    );
    assert!(shown.contains("dup-a.toml"), "{shown}");
}

#[test]
fn a_directory_of_bad_files_still_loads_the_good_ones() {
    let lib = Library::load(&[Source::Bundled, Source::Path(fixture("bad"))]);
    assert!(lib.monographs().any(|m| m.id == "inotuzumab-ozogamicin"));
    // dup-a loads; its twin and every other broken file are reported.
    assert!(lib.monographs().any(|m| m.id == "duplicated"));
    assert_eq!(lib.diagnostics.len(), 9, "{:#?}", lib.diagnostics);
}

#[test]
fn a_later_source_overrides_a_bundled_monograph_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("good/testamol.toml")).unwrap();
    let local = good
        .replace("id = \"testamol\"", "id = \"inotuzumab-ozogamicin\"")
        .replace("name = \"Testamol\"", "name = \"Local version\"");
    std::fs::write(dir.path().join("local.toml"), local).unwrap();
    let lib = Library::load(&[Source::Bundled, Source::Path(dir.path().to_path_buf())]);
    let m = lib
        .monographs()
        .find(|m| m.id == "inotuzumab-ozogamicin")
        .unwrap();
    assert_eq!(m.name, "Local version");
    assert!(lib.diagnostics.is_empty());
}

#[test]
fn an_unreadable_directory_is_reported_not_fatal() {
    let lib = Library::load(&[Source::Bundled, Source::Path(fixture("no-such-dir"))]);
    assert!(!lib.entries.is_empty());
    assert!(lib.diagnostics[0].to_string().contains("cannot read"));
}

#[test]
fn control_sequences_in_data_are_removed_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("good/testamol.toml")).unwrap();
    let hostile = good.replace(
        "\"Mild headache\"",
        "\"Mild \\u001b]0;pwned\\u0007head\\u001b[2Jache\"",
    );
    std::fs::write(dir.path().join("x.toml"), hostile).unwrap();
    let lib = Library::load(&[Source::Path(dir.path().to_path_buf())]);
    assert_eq!(
        lib.entries[0].monograph.side_effects.common,
        vec!["Mild headache"]
    );
}

#[test]
fn a_large_directory_loads_in_order_with_progress_and_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("good/testamol.toml")).unwrap();
    for i in 0..150 {
        let text = good
            .replace("id = \"testamol\"", &format!("id = \"drug-{i:03}\""))
            .replace("name = \"Testamol\"", &format!("name = \"Drug {i:03}\""));
        std::fs::write(dir.path().join(format!("drug-{i:03}.toml")), text).unwrap();
    }
    // Two broken files, one early and one late, and a repeated id.
    std::fs::write(dir.path().join("drug-010.toml"), "id = \"unterminated").unwrap();
    std::fs::write(dir.path().join("drug-140.toml"), "").unwrap();
    let repeat = std::fs::read_to_string(dir.path().join("drug-001.toml")).unwrap();
    std::fs::write(dir.path().join("drug-999.toml"), repeat).unwrap();

    let reports = std::sync::Mutex::new(Vec::new());
    let lib = Library::load_reporting(&[Source::Path(dir.path().to_path_buf())], &|p| {
        reports.lock().unwrap().push(p);
    });
    assert_eq!(lib.entries.len(), 148);
    let problems: Vec<String> = lib
        .diagnostics
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("drug-010.toml:1:19"), "{problems:?}");
    assert!(
        problems[1].contains("drug-140.toml: file is empty"),
        "{problems:?}"
    );
    assert!(
        problems[2].contains("drug-999.toml:") && problems[2].contains("duplicate id `drug-001`")
    );
    let reports = reports.into_inner().unwrap();
    let last = reports.last().expect("progress was reported");
    assert_eq!((last.done, last.total), (151, 151));
    assert!(reports.iter().all(|p| p.done <= p.total));
}
