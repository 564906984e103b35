//! Well-formed SPL-like element trees for the SPL reader's property tests:
//! any nesting of the text elements the reader knows, words of lower-case
//! letters as text, so that what goes in can be found in what comes out.

use proptest::prelude::*;

/// An element tree of a section's `<text>`.
#[derive(Debug, Clone)]
pub enum Node {
    /// Words, as character data.
    Words(String),
    /// `<br/>`.
    Break,
    /// An element: its tag with attributes, and children.
    Element(&'static str, Vec<Node>),
}

/// The start tags generated, with their attributes; the name is the first word.
const TAGS: &[&str] = &[
    "paragraph",
    "list listType=\"unordered\"",
    "item",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "content styleCode=\"bold\"",
    "content styleCode=\"italics\"",
    "sup",
    "linkHtml href=\"#section_1\"",
    "tbody",
];

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec("[a-z]{1,8}", 1..5).prop_map(|w| format!(" {} ", w.join(" ")))
}

/// Trees up to a few levels deep.
pub fn tree() -> impl Strategy<Value = Vec<Node>> {
    let leaf = prop_oneof![
        4 => words().prop_map(Node::Words),
        1 => Just(Node::Break),
    ];
    let node = leaf.prop_recursive(5, 48, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(tag, children)| Node::Element(tag, children))
    });
    prop::collection::vec(node, 0..6)
}

/// The tree as XML.
pub fn to_xml(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Words(w) => out.push_str(w),
            Node::Break => out.push_str("<br/>"),
            Node::Element(tag, children) => {
                let name = tag.split(' ').next().unwrap_or(tag);
                out.push_str(&format!("<{tag}>{}</{name}>", to_xml(children)));
            }
        }
    }
    out
}

/// Every word of the tree, sorted.
pub fn words_of(nodes: &[Node]) -> Vec<String> {
    let mut all = Vec::new();
    collect(nodes, &mut all);
    all.sort();
    all
}

fn collect(nodes: &[Node], all: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Words(w) => all.extend(w.split_whitespace().map(str::to_string)),
            Node::Break => {}
            Node::Element(_, children) => collect(children, all),
        }
    }
}

/// An SPL document with one indications section holding `text`, an
/// unclassified subsection holding `sub`, and highlights saying HIGHLIGHT.
pub fn document(text: &[Node], sub: &[Node]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:hl7-org:v3">
<code code="34391-3"/><setId root="s"/><versionNumber value="1"/>
<component><structuredBody><component><section>
<code code="34067-9"/><title>1 INDICATIONS</title>
<text>{}</text>
<excerpt><highlight><text><paragraph>HIGHLIGHT</paragraph></text></highlight></excerpt>
<component><section><code code="42229-5"/><title>Sub</title><text>{}</text></section></component>
</section></component></structuredBody></component>
</document>"#,
        to_xml(text),
        to_xml(sub)
    )
}
