//! Running rxdoc against a cache directory, for the stored-index tests.

#![allow(dead_code)] // each user needs only some of these

use std::fs;
use std::path::Path;

use assert_cmd::Command;

pub const GOOD: &str = include_str!("../fixtures/good/testamol.toml");

/// A cache directory that cannot be made: a regular file is in the way.
pub const NOWHERE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml/cache");

/// `rxdoc --data DATA` with `cache` as the cache directory, or with one that
/// cannot be written.
pub fn rxdoc(data: &Path, cache: Option<&Path>) -> Command {
    let mut command = Command::cargo_bin("rxdoc").expect("binary");
    command
        .env_remove("RXDOC_DATA")
        .env_remove("RXDOC_LOG")
        .env("RXDOC_CACHE_DIR", cache.unwrap_or(Path::new(NOWHERE)));
    command.arg("--data").arg(data);
    command
}

/// `rxdoc --data DATA search QUERY` with the cache in `cache`; its stdout.
pub fn search(data: &Path, cache: &Path, query: &str) -> String {
    let out = rxdoc(data, Some(cache))
        .args(["search", query, "--limit", "500"])
        .output()
        .expect("rxdoc runs");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Whether `drug` is among the results.
pub fn finds(output: &str, drug: &str) -> bool {
    output
        .lines()
        .any(|l| l.split_whitespace().next() == Some(drug))
}

/// The stored indexes in `cache` (not their locks).
pub fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    all_files(cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect()
}

/// Every file in `cache`.
pub fn all_files(cache: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(cache)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

/// The environment for logging at `info` with `state` as the state
/// directory.
pub fn logging(state: &Path) -> [(&'static str, std::ffi::OsString); 2] {
    [
        ("RXDOC_LOG", "info".into()),
        ("XDG_STATE_HOME", state.as_os_str().to_owned()),
    ]
}

/// The log written with [`logging`]: in the state directory where the
/// platform has one, else in the cache directory.
pub fn log_text(state: &Path, cache: &Path) -> String {
    [
        state.join("rxdoc").join("rxdoc.log"),
        cache.join("rxdoc.log"),
    ]
    .iter()
    .find_map(|path| fs::read_to_string(path).ok())
    .unwrap_or_default()
}

/// A data directory of `count` drugs, `drug0`… (the fixture's text each),
/// big enough that building its index takes a moment.
pub fn many_drugs(dir: &Path, count: usize) {
    for n in 0..count {
        let text = GOOD
            .replace("id = \"testamol\"", &format!("id = \"drug{n}\""))
            .replace("name = \"Testamol\"", &format!("name = \"Drug {n}\""));
        fs::write(dir.join(format!("drug{n}.toml")), text).unwrap();
    }
}
