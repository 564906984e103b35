//! Which way imports point (docs/ARCHITECTURE.md): the loops once found
//! between modules stay broken. Each rule names files and what they must
//! not import, read from the source as text.

use std::path::Path;

use walkdir::WalkDir;

/// The `use` lines and paths of every `.rs` file under `place` (a file or
/// a directory of `src/`), with the file each is in.
fn sources(place: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(place);
    assert!(root.exists(), "{} is gone: update the rule", root.display());
    WalkDir::new(&root)
        .into_iter()
        .map(|entry| entry.expect("readable source tree"))
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "rs"))
        .map(|entry| {
            let text = std::fs::read_to_string(entry.path()).expect("readable source");
            (entry.path().display().to_string(), text)
        })
        .collect()
}

/// Fails naming every line of code (not a comment) under `place` that
/// mentions one of `forbidden`.
fn never(place: &str, forbidden: &[&str], why: &str) {
    check(place, forbidden, why, false);
}

/// As [`never`], but a file's unit tests (from its `#[cfg(test)]` on) may
/// use what its code must not: fixtures load a library to index.
fn never_outside_tests(place: &str, forbidden: &[&str], why: &str) {
    check(place, forbidden, why, true);
}

fn check(place: &str, forbidden: &[&str], why: &str, skip_tests: bool) {
    let mut broken = Vec::new();
    for (path, text) in sources(place) {
        for (n, line) in text.lines().enumerate() {
            if skip_tests && line.trim() == "#[cfg(test)]" {
                break;
            }
            let code = !line.trim_start().starts_with("//");
            if code && forbidden.iter().any(|f| line.contains(f)) {
                broken.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(broken.is_empty(), "{why}:\n{}", broken.join("\n"));
}

#[test]
fn the_search_words_do_not_import_the_loader() {
    for place in ["search/synonyms.rs", "search/query_words.rs", "raw_file.rs"] {
        never(
            place,
            &["crate::load"],
            "the loader imports the search words",
        );
    }
    never(
        "search/query_words.rs",
        &["search::synonyms"],
        "search::synonyms imports query_words",
    );
}

#[test]
fn search_does_not_import_the_loader() {
    never_outside_tests(
        "search",
        &["crate::load", "crate::cache"],
        "the loader imports the search words; the cache stands above both",
    );
}

#[test]
fn the_class_table_does_not_import_the_loader() {
    never(
        "classes.rs",
        &["crate::load"],
        "the loader imports the class table",
    );
}

#[test]
fn the_posting_lists_import_neither_the_builder_nor_the_phrase_finder() {
    never(
        "search/fulltext/compact.rs",
        &["builder::", "phrases::"],
        "both build on compact",
    );
    never(
        "search/fulltext/phrases.rs",
        &["builder::"],
        "the builder imports the phrase finder",
    );
}

#[test]
fn the_browser_does_not_import_the_command_line() {
    for place in ["ui", "app", "keymap", "theme.rs", "tui"] {
        never(
            place,
            &["crate::commands"],
            "the command line is beside the browser",
        );
    }
}

#[test]
fn the_hash_and_progress_do_not_come_from_the_loader() {
    for place in ["hash.rs", "progress.rs", "slug.rs", "search"] {
        never(
            place,
            &[
                "load::Fnv",
                "load::Progress",
                "load::{Progress",
                "load::RawFile",
            ],
            "hash, progress and raw_file stand below the loader",
        );
    }
}
