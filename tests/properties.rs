//! Property tests of the entry points that read untrusted input: loading,
//! each importer, search, the search-words files, the settings file and
//! sanitising. Whatever the input, they answer without panicking, and
//! sanitised text is safe for a terminal.

#[path = "support/checks.rs"]
mod checks;
#[path = "support/xml_tree.rs"]
mod xml_tree;

use std::sync::LazyLock;

use checks::{
    Searchers, check_bulk_archive, check_bulk_stream, check_import, check_load, check_sanitize,
    check_search_words, check_settings, check_slug, check_spl,
};
use proptest::prelude::*;
use rxdoc::import::Shape;
use rxdoc::import::label::{Block, Field};

const GOOD: &str = include_str!("fixtures/good/testamol.toml");
const PAGE: &str = include_str!("fixtures/import/page.md");
const COMBINATION: &str = include_str!("fixtures/import/site/combination.md");
const BULLETS: &str = include_str!("fixtures/import/site/bullets.md");
const GUIDE: &str = include_str!("fixtures/import/guide.txt");
const LABELS: &str = include_str!("fixtures/import/labels.json");
const SPL: &str = include_str!("fixtures/import/spl/triaminic-otc.xml");
const OPENFDA_ZIP: &[u8] = include_bytes!("../fuzz/regressions/bulk_archive/seed-openfda.zip");
const DAILYMED_ZIP: &[u8] = include_bytes!("../fuzz/regressions/bulk_archive/seed-dailymed.zip");
const MEDGUIDE_LABEL: &str = include_str!("fixtures/import/label-medguide.json");
const OTC_LABELS: &str = include_str!("fixtures/import/fda/otc-drug-facts.json");
const QUERY_WORDS: &str = include_str!("../data/query-words.toml");
const SYNONYMS: &str = include_str!("../data/synonyms.toml");
const SETTINGS: &str = include_str!("../docs/config.example.toml");

static SEARCHERS: LazyLock<Searchers> = LazyLock::new(Searchers::bundled);

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
    damaged_bytes(source.as_bytes())
}

/// Bytes damaged at one place: truncated, or a byte range replaced.
fn damaged_bytes(source: &'static [u8]) -> impl Strategy<Value = Vec<u8>> {
    let len = source.len();
    (
        0..len,
        0..len.min(64),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(at, cut, insert)| {
            let mut bytes = source.to_vec();
            let end = (at + cut).min(bytes.len());
            bytes.splice(at..end, insert);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn sanitised_text_is_terminal_safe_and_stable(input in nasty_text()) {
        check_sanitize(&input);
    }

    #[test]
    fn damaged_monographs_load_or_give_located_problems(bytes in damaged(GOOD)) {
        check_load(&bytes);
    }

    #[test]
    fn arbitrary_text_loads_or_gives_located_problems(text in nasty_text()) {
        check_load(text.as_bytes());
    }

    #[test]
    fn importers_make_only_valid_safe_monographs(
        page in damaged(PAGE), guide in damaged(GUIDE), labels in damaged(LABELS), text in nasty_text()
    ) {
        for shape in [Shape::Markdown, Shape::Guide, Shape::Fda] {
            for input in [&page, &guide, &labels, text.as_bytes()] {
                check_import(shape, input);
            }
        }
    }

    #[test]
    fn bulk_streams_read_the_records_a_whole_parse_reads(
        records in prop::collection::vec(
            prop::collection::vec(("[a-z_]{1,12}", nasty_text()), 0..6), 0..12
        )
    ) {
        let records: Vec<serde_json::Value> = records
            .into_iter()
            .map(|fields| serde_json::Value::Object(
                fields.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect(),
            ))
            .collect();
        let document = serde_json::json!({"meta": {"results": [1, 2]}, "results": records});
        let text = document.to_string();
        let mut streamed = Vec::new();
        let count = rxdoc::import::bulk::stream::for_each_record(
            text.as_bytes(), 1 << 20, &|_| true,
            &mut |_, record| if let rxdoc::import::bulk::stream::Record::Read(fields) = record {
                streamed.push(serde_json::Value::Object(fields));
            },
        ).expect("a whole document streams");
        prop_assert_eq!(count, records.len());
        prop_assert_eq!(streamed, records);
        check_bulk_stream(text.as_bytes());
    }

    #[test]
    fn damaged_bulk_documents_and_archives_are_read_or_refused_with_a_reason(
        labels in damaged(LABELS),
        openfda in damaged_bytes(OPENFDA_ZIP),
        dailymed in damaged_bytes(DAILYMED_ZIP),
        text in nasty_text()
    ) {
        check_bulk_stream(&labels);
        check_bulk_stream(text.as_bytes());
        check_bulk_archive(&openfda);
        check_bulk_archive(&dailymed);
        check_bulk_archive(text.as_bytes());
    }

    #[test]
    fn search_words_files_load_or_give_located_problems(
        bytes in damaged(QUERY_WORDS), synonyms in damaged(SYNONYMS), text in nasty_text()
    ) {
        check_search_words(&bytes);
        check_search_words(&synonyms);
        check_search_words(text.as_bytes());
    }

    #[test]
    fn label_structure_recovery_makes_only_valid_safe_monographs(
        medguide in damaged(MEDGUIDE_LABEL),
        otc in damaged(OTC_LABELS),
        text in nasty_text(),
        number in 0u32..20,
    ) {
        check_import(Shape::Fda, &medguide);
        check_import(Shape::Fda, &otc);
        // The text where a label's sections go, as a leaflet, a boxed
        // warning, numbered sections and Drug Facts headings.
        let field = |prefix: &str| serde_json::Value::from(vec![format!("{prefix}{text}")]);
        let label = serde_json::json!({
            "openfda": {"generic_name": ["X"], "brand_name": [text.clone()]},
            "spl_medguide": field("MEDICATION GUIDE What is X? "),
            "boxed_warning": field("WARNING: "),
            "indications_and_usage": field(&format!("{number} INDICATIONS AND USAGE ")),
            "warnings_and_cautions": field(&format!("{number}.1 Title ")),
            "contraindications": field("• "),
            "use_in_specific_populations": field(&format!("{number}.2 Lactation ")),
            "stop_use": field("Stop use and ask a doctor if ■ "),
        });
        check_import(Shape::Fda, label.to_string().as_bytes());
    }

    #[test]
    fn settings_files_give_settings_or_located_problems(
        bytes in damaged(SETTINGS), text in nasty_text()
    ) {
        check_settings(&bytes);
        check_settings(text.as_bytes());
    }

    #[test]
    fn site_page_shapes_make_only_valid_safe_monographs(
        combination in damaged(COMBINATION), bullets in damaged(BULLETS)
    ) {
        check_import(Shape::Markdown, &combination);
        check_import(Shape::Markdown, &bullets);
    }

    #[test]
    fn every_name_makes_a_valid_short_unique_id(name in nasty_text(), long in "[a-zA-Z +]{0,400}") {
        check_slug(&name);
        check_slug(&long);
    }

    #[test]
    fn search_answers_any_query(query in nasty_text(), long in "[a-z ]{0,3000}") {
        SEARCHERS.check_query(&query);
        SEARCHERS.check_query(&long);
    }

    #[test]
    fn spl_labels_import_or_fail_at_a_place_in_the_file(label in damaged(SPL), text in nasty_text()) {
        check_spl(&label);
        check_spl(text.as_bytes());
        check_spl(format!("<document xmlns=\"urn:hl7-org:v3\">{text}").as_bytes());
    }

    #[test]
    fn spl_text_round_trips_into_blocks(text in xml_tree::tree(), sub in xml_tree::tree()) {
        let xml = xml_tree::document(&text, &sub);
        let label = rxdoc::import::spl::parse(&xml).expect("a well-formed label reads");
        let mut got: Vec<String> = label
            .blocks(Field::IndicationsAndUsage)
            .flat_map(|b| match b {
                Block::Heading(t) | Block::Paragraph(t) => vec![t.clone()],
                Block::List(items) => items.clone(),
            })
            .flat_map(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        // The subsection's title heads its text where it has any.
        let mut want = [xml_tree::words_of(&text), xml_tree::words_of(&sub)].concat();
        if got.contains(&"Sub".to_string()) {
            want.push("Sub".into());
        }
        got.sort();
        want.sort();
        prop_assert_eq!(got, want, "{}", xml);
        check_spl(xml.as_bytes());
    }
}
