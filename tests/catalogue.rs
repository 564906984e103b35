//! The stored catalogue: `list` and the commands that name drugs answer
//! from it as they do from the files, and a catalogue gone stale, damaged,
//! cut short or written in another format is rebuilt, never trusted.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "support/cache.rs"]
mod support;

use support::{GOOD, all_files, log_text, logging, rxdoc};

/// A library with a brand, an alias, a related brand, an unreviewed import
/// beside the bundled reviewed warfarin, and a file that does not load.
fn library(dir: &Path) {
    fs::write(dir.join("testamol.toml"), GOOD).unwrap();
    let related = GOOD
        .replace("id = \"testamol\"", "id = \"relatamol\"")
        .replace("name = \"Testamol\"", "name = \"Relatamol\"")
        .replace("brands = [\"Testix\"]", "brands = [\"Relix\"]\nrelated_brands = [{ name = \"Combix\", note = \"with testamol\" }]")
        .replace("aliases = [\"Testamole\"]", "aliases = []");
    fs::write(dir.join("relatamol.toml"), related).unwrap();
    let import = GOOD
        .replace("id = \"testamol\"", "id = \"warfarin\"")
        .replace("name = \"Testamol\"", "name = \"Warfarin\"")
        .replace("brands = [\"Testix\"]", "brands = [\"Warfix\"]")
        .replace("aliases = [\"Testamole\"]", "aliases = []")
        .replace(
            "reviewed = 2026-01-31",
            "provenance = { source = \"page.md\", kind = \"web-page\", imported = 2026-11-01 }",
        );
    fs::write(dir.join("warfarin.toml"), import).unwrap();
    fs::write(dir.join("broken.toml"), "id = \"broken\"\nname = ").unwrap();
}

/// Status, stdout and stderr of `rxdoc --data DATA ARGS`.
fn answer(data: &Path, cache: Option<&Path>, args: &[&str]) -> (Option<i32>, String, String) {
    let out = rxdoc(data, cache).args(args).output().expect("rxdoc runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

/// The catalogue file in `cache`.
fn catalogue(cache: &Path) -> PathBuf {
    let found: Vec<_> = all_files(cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "cat"))
        .collect();
    assert_eq!(found.len(), 1, "one catalogue: {found:?}");
    found.into_iter().next().unwrap()
}

const COMMANDS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["show", "testix"],
    &["show", "TESTAMOLE"],
    &["show", "combix"],
    &["show", "relix", "--section", "usage", "--json"],
    &["show", "warfarin"],
    &["show", "warfarin-imported"],
    &["show", "warfix"],
    &["show", "testamoll"],
    &["show", "nothing-like-it"],
    &["export", "testix", "--format", "markdown"],
    &["interactions", "testamol", "warfarin", "grapefruit"],
    &["interactions", "testamol", "tetsamol"],
    &["compare", "testamol", "warfarin-imported"],
];

#[test]
fn the_catalogue_answers_as_the_files_do() {
    let (data, cache, state) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    library(data.path());
    for args in COMMANDS {
        // No cache at all: every file parsed.
        let parsed = answer(data.path(), None, args);
        // The first run with a cache stores the catalogue; the second
        // answers from it.
        let storing = answer(data.path(), Some(cache.path()), args);
        let mut second = rxdoc(data.path(), Some(cache.path()));
        second.envs(logging(state.path())).args(*args);
        let out = second.output().unwrap();
        let from_catalogue = (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert_eq!(storing, parsed, "{args:?}");
        assert_eq!(from_catalogue, parsed, "{args:?}");
    }
    let log = log_text(state.path(), cache.path());
    assert!(!log.contains("stored the catalogue"), "{log}");
    assert!(
        !log.contains("catalogue") || !log.contains("not used"),
        "{log}"
    );
    catalogue(cache.path());
}

#[test]
fn a_changed_file_is_seen() {
    let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    library(data.path());
    let (_, before, _) = answer(data.path(), Some(cache.path()), &["list"]);
    assert!(before.contains("Testamol"), "{before}");
    let renamed = GOOD.replace("name = \"Testamol\"", "name = \"Testamol Forte\"");
    fs::write(data.path().join("testamol.toml"), renamed).unwrap();
    let new = GOOD
        .replace("testamol", "newamol")
        .replace("Testamol", "Newamol")
        .replace("Testix", "Newix");
    fs::write(data.path().join("new.toml"), new).unwrap();
    let (_, after, _) = answer(data.path(), Some(cache.path()), &["list"]);
    assert!(after.contains("Testamol Forte"), "{after}");
    assert!(after.contains("newamol"), "{after}");
    let (_, shown, _) = answer(data.path(), Some(cache.path()), &["show", "testix"]);
    assert!(shown.contains("TESTAMOL FORTE"), "{shown}");
    fs::remove_file(data.path().join("new.toml")).unwrap();
    let (_, gone, _) = answer(data.path(), Some(cache.path()), &["list"]);
    assert!(!gone.contains("newamol"), "{gone}");
}

#[test]
fn a_damaged_truncated_or_older_catalogue_is_rebuilt_never_trusted() {
    let (data, cache, state) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    library(data.path());
    let expected = answer(data.path(), None, &["list"]);
    answer(data.path(), Some(cache.path()), &["list"]);
    let path = catalogue(cache.path());
    let good = fs::read(&path).unwrap();
    // Its body altered to list a drug that is not there, in three ways the
    // header gives away; and the format number of an older rxdoc.
    let lying = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .replace("Relatamol", "Relatamox")
            .into_bytes()
    };
    let mut older = good.clone();
    older[16..20].copy_from_slice(&0u32.to_le_bytes());
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("damaged", lying(&good)),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("longer", [good.clone(), b" ".to_vec()].concat()),
        ("older", older),
        ("empty", Vec::new()),
        ("foreign", b"not a catalogue at all".to_vec()),
    ];
    for (what, bytes) in cases {
        fs::write(&path, &bytes).unwrap();
        let mut run = rxdoc(data.path(), Some(cache.path()));
        run.envs(logging(state.path())).arg("list");
        let out = run.output().unwrap();
        let answered = (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        );
        assert_eq!(answered, expected, "{what}");
        assert_eq!(fs::read(&path).unwrap(), good, "{what}: rebuilt as it was");
    }
    let log = log_text(state.path(), cache.path());
    assert!(log.contains("not used"), "{log}");
}
