//! The complete example in docs/FORMAT.md is a valid monograph.

#[test]
fn format_doc_examples_load() {
    let doc = include_str!("../docs/FORMAT.md");
    let example = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml example");
    let m = rxdoc::load::parse_monograph("FORMAT.md", example.as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(m.id, "examplamide");
    assert_eq!(
        m.contraception.after_last_dose[0].duration.to_string(),
        "1 month"
    );
}
