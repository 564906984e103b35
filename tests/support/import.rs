//! Running `rxdoc import` on fixtures and reading back what it wrote.

// Each test binary uses some of these.
#![allow(dead_code)]

use std::path::Path;

use rxdoc::load::{Library, Source};
use rxdoc::model::Monograph;

use super::command::rxdoc;

/// A file under `tests/fixtures/import/`.
pub fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// `rxdoc import <fixtures…> --out <out>`.
pub fn import(inputs: &[&str], out: &Path) -> assert_cmd::assert::Assert {
    let mut cmd = rxdoc();
    cmd.arg("import");
    for i in inputs {
        cmd.arg(fixture(i));
    }
    cmd.arg("--out").arg(out).assert()
}

/// Every monograph in `dir`, which must load without a diagnostic.
pub fn load(dir: &Path) -> Vec<Monograph> {
    let lib = Library::load(&[Source::Path(dir.to_path_buf())]);
    assert!(lib.diagnostics.is_empty(), "{:?}", lib.diagnostics);
    lib.monographs().cloned().collect()
}

/// The one monograph in `dir`.
pub fn only(dir: &Path) -> Monograph {
    let mut all = load(dir);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

/// The monograph with this id in `dir`.
pub fn by_id(dir: &Path, id: &str) -> Monograph {
    load(dir)
        .into_iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("no monograph `{id}` in {}", dir.display()))
}

/// Every text of a monograph, as JSON, for checks of what must not appear.
pub fn all_text(m: &Monograph) -> String {
    serde_json::to_string(m).unwrap()
}

/// `rxdoc show <args…> --data <data>`'s output.
pub fn show(data: &Path, args: &[&str]) -> String {
    let out = rxdoc()
        .arg("show")
        .args(args)
        .arg("--data")
        .arg(data)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}
