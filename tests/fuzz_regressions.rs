//! Every input kept under `fuzz/regressions/TARGET/` — crashes the fuzzers
//! found, and hand-written seeds — replayed through the same checks the fuzz
//! targets make, on the stable toolchain, in every `cargo test`.

#[path = "support/checks.rs"]
mod checks;

use std::path::Path;

use checks::{
    Searchers, check_bulk_archive, check_bulk_stream, check_import, check_listing, check_load,
    check_sanitize, check_settings, check_slug, check_spl,
};
use rxdoc::import::Shape;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.expect("readable regression directory").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("readable regression input");
            (p.display().to_string(), bytes)
        })
        .collect()
}

/// Runs `check` on each kept input, naming the file that fails.
fn replay(target: &str, check: impl Fn(&[u8])) {
    for (name, bytes) in inputs(target) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(outcome.is_ok(), "regression input {name} fails again");
    }
}

fn as_text(check: impl Fn(&str)) -> impl Fn(&[u8]) {
    // libFuzzer's `&str` targets skip input that is not UTF-8; so do we.
    move |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            check(text);
        }
    }
}

#[test]
fn loader_regressions() {
    replay("load_monograph", check_load);
}

#[test]
fn importer_regressions() {
    replay("import_markdown", |b| check_import(Shape::Markdown, b));
    replay("import_guide", |b| check_import(Shape::Guide, b));
    replay("import_fda", |b| check_import(Shape::Fda, b));
    replay("import_spl", check_spl);
}

#[test]
fn bulk_regressions() {
    assert!(!inputs("bulk_archive").is_empty(), "seed archives are kept");
    replay("bulk_stream", check_bulk_stream);
    replay("bulk_archive", check_bulk_archive);
}

#[test]
fn search_regressions() {
    let searchers = Searchers::bundled();
    assert!(!inputs("search_query").is_empty(), "seed queries are kept");
    replay("search_query", as_text(|q| searchers.check_query(q)));
}

#[test]
fn sanitiser_regressions() {
    assert!(!inputs("sanitize").is_empty(), "seed texts are kept");
    replay("sanitize", as_text(check_sanitize));
}

#[test]
fn slug_regressions() {
    replay("slug", as_text(check_slug));
}

#[test]
fn settings_regressions() {
    assert!(
        !inputs("settings").is_empty(),
        "seed settings files are kept"
    );
    replay("settings", check_settings);
}

#[test]
fn listing_regressions() {
    assert!(!inputs("listing").is_empty(), "a seed listing is kept");
    replay("listing", check_listing);
}
