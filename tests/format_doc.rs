//! The complete example in docs/FORMAT.md is a valid monograph.

#[test]
fn format_doc_examples_load() {
    let doc = include_str!("../docs/FORMAT.md");
    // The complete example is the TOML block with an id; others are parts.
    let example = doc
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains("id = \"examplamide\""))
        .expect("a complete toml example");
    let m = rxdoc::load::parse_monograph("FORMAT.md", example.as_bytes())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(m.id, "examplamide");
    assert_eq!(
        m.contraception.after_last_dose[0].duration.to_string(),
        "1 month"
    );
    let entry = m.before_you_take.interactions[0]
        .entry()
        .expect("structured");
    assert_eq!(entry.action, rxdoc::model::Action::AskFirst);
}
