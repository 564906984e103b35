//! Property tests of the entry points that read untrusted input: loading,
//! each importer, search and sanitising. Whatever the input, they answer
//! without panicking, and sanitised text is safe for a terminal.

use proptest::prelude::*;
use rxdoc::import::convert;
use rxdoc::load::{Library, Source, parse_monograph};
use rxdoc::sanitize::sanitize;
use rxdoc::search::fulltext::Index;
use rxdoc::search::names::NameIndex;

const GOOD: &str = include_str!("fixtures/good/testamol.toml");
const PAGE: &str = include_str!("fixtures/import/page.md");
const GUIDE: &str = include_str!("fixtures/import/guide.txt");
const LABELS: &str = include_str!("fixtures/import/labels.json");

fn today() -> rxdoc::date::ReviewedDate {
    "2026-01-01".parse().unwrap()
}

/// Text with a good share of the characters that break parsers and terminals.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{2066}', '\r', '\n', '\t', '[', ']',
                '{', '}', '"', '\'', '=', '#', '*', '•', ':', '?', '\\',
            ]),
        ],
        0..400,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// A valid document damaged at one place: truncated, or a byte range replaced.
fn damaged(source: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = source.len();
    (
        0..len,
        0..len.min(64),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(at, cut, insert)| {
            let mut bytes = source.as_bytes().to_vec();
            let end = (at + cut).min(bytes.len());
            bytes.splice(at..end, insert);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_has_no_control_or_bidi_characters(input in nasty_text()) {
        let out = sanitize(&input);
        let unsafe_char = |c: char| (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
        prop_assert!(!out.chars().any(unsafe_char), "{out:?}");
        prop_assert_eq!(sanitize(&out), out.clone(), "idempotent");
    }

    #[test]
    fn loading_damaged_monographs_never_panics(bytes in damaged(GOOD)) {
        match parse_monograph("x.toml", &bytes) {
            Ok(m) => prop_assert!(rxdoc::validate::validate(&m).is_empty()),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn loading_arbitrary_text_never_panics(text in nasty_text()) {
        let _ = parse_monograph("x.toml", text.as_bytes());
    }

    #[test]
    fn importers_never_panic_on_damaged_pages(
        page in damaged(PAGE), guide in damaged(GUIDE), labels in damaged(LABELS), text in nasty_text()
    ) {
        for input in [page, guide, labels, text.into_bytes()] {
            let text = String::from_utf8_lossy(&input);
            for (m, _) in convert("x", &text, today()).into_iter().flatten() {
                prop_assert!(rxdoc::validate::validate(&m).is_empty(), "imports always validate");
            }
        }
    }

    #[test]
    fn search_answers_any_query(query in nasty_text(), long in "[a-z ]{0,3000}") {
        let lib = Library::load(&[Source::Bundled]);
        let index = Index::build(lib.monographs(), lib.synonyms.clone());
        let names = NameIndex::new(lib.monographs());
        for q in [&query, &long] {
            prop_assert!(index.search(q, None, 10).len() <= 10);
            let _ = names.filter(q);
        }
    }
}
