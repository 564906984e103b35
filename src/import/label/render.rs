//! A label's blocks as monograph text: cross-references removed, headings
//! kept as short paragraphs, lists as bullet lines, and blocks grouped
//! under their headings.

use super::Block;
use crate::import::text::strip_cross_references;

/// The blocks under one heading (or before the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The heading, if any.
    pub heading: Option<String>,
    /// What follows it, up to the next heading.
    pub blocks: Vec<Block>,
}

/// Blocks grouped under their headings.
pub fn groups<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading(h) => out.push(Group {
                heading: Some(clean(h)),
                blocks: Vec::new(),
            }),
            other => match out.last_mut() {
                Some(group) => group.blocks.push(other.clone()),
                None => out.push(Group {
                    heading: None,
                    blocks: vec![other.clone()],
                }),
            },
        }
    }
    out
}

/// Blocks as text: paragraphs apart, list items on "• " lines, headings
/// as their own paragraphs.
pub fn text<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> String {
    paragraphs(blocks).join("\n\n")
}

/// Blocks as separate paragraphs (a list is one paragraph of "• " lines).
pub fn paragraphs<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<String> {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(h) | Block::Paragraph(h) => clean(h),
            Block::List(items) => {
                let lines: Vec<String> = items
                    .iter()
                    .map(|i| clean(i))
                    .filter(|i| !i.is_empty())
                    .map(|i| format!("• {i}"))
                    .collect();
                lines.join("\n")
            }
        })
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The items a pane lists: list items where the blocks have lists, each
/// paragraph otherwise.
pub fn items<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<String> {
    let blocks: Vec<&Block> = blocks.into_iter().collect();
    let listed: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::List(items) => Some(items.iter().map(|i| clean(i)).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .filter(|i| !i.is_empty())
        .collect();
    if listed.is_empty() {
        paragraphs(blocks)
    } else {
        listed
    }
}

/// Label text without its pointers to other parts of the label:
/// "[see Warnings and Precautions (5.1)]", "(5.1, 5.3)", "(see WARNINGS)",
/// a leaflet's "See “What is the most important information…?”" and
/// "Refer to WARNINGS for …" sentences. Runs of spaces become one.
pub fn clean(text: &str) -> String {
    let text = strip_cross_references(text);
    let text = strip_parenthesised_see(&text);
    let text = strip_see_question(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    let joined = drop_refer_to(&joined);
    joined
        .replace(" .", ".")
        .replace(" ,", ",")
        .trim()
        .to_string()
}

/// "(see WARNINGS )", "(see INDICATIONS AND USAGE )".
fn strip_parenthesised_see(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("(see ").or_else(|| rest.find("(See ")) {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        out.push_str(rest[..open].trim_end_matches(' '));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// `See “What is the most important information I should know about X?”`.
fn strip_see_question(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let at = ["See “", "See \"", "see “", "see \""]
            .iter()
            .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
            .min();
        let Some((at, open_len)) = at else { break };
        let after = &rest[at + open_len..];
        let Some(close) = after.find(['”', '"']) else {
            break;
        };
        let quoted = &after[..close];
        let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
        if !quoted.trim_end().ends_with('?') {
            out.push_str(&rest[..at + open_len]);
            rest = after;
            continue;
        }
        out.push_str(rest[..at].trim_end());
        rest = after[close + close_len..].trim_start_matches(['.', ' ', ',']);
        if !rest.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(rest);
    out
}

/// "Refer to WARNINGS for additional adverse reactions." names a part of
/// the label the monograph does not have.
fn drop_refer_to(text: &str) -> String {
    let mut out = Vec::new();
    for sentence in text.split_inclusive(". ") {
        let s = sentence.trim_start();
        let refers = s.starts_with("Refer to ") && {
            let target = s["Refer to ".len()..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            target.len() > 2 && !target.chars().any(char::is_lowercase)
        };
        if !refers {
            out.push(sentence);
        }
    }
    out.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_into_the_label_go() {
        assert_eq!(
            clean(
                "Contraindicated in allergy (see WARNINGS ). Stinging occurs. Refer to WARNINGS for more."
            ),
            "Contraindicated in allergy. Stinging occurs."
        );
        assert_eq!(
            clean(
                "Serious side effects, including: See “What is the most important information I should know about HUMIRA?” Hepatitis B."
            ),
            "Serious side effects, including: Hepatitis B."
        );
        assert_eq!(
            clean("Monitor ( 5.4 , 7 ) and [ see Warnings and Precautions ( 5 ) ]."),
            "Monitor and."
        );
    }

    #[test]
    fn groups_and_items() {
        let blocks = [
            Block::Paragraph("Intro".into()),
            Block::Heading("Infections".into()),
            Block::List(vec!["TB (5.1)".into(), "sepsis".into()]),
        ];
        let g = groups(&blocks);
        assert_eq!(g.len(), 2);
        assert_eq!(g[1].heading.as_deref(), Some("Infections"));
        assert_eq!(items(&g[1].blocks), ["TB", "sepsis"]);
        assert_eq!(text(&blocks), "Intro\n\nInfections\n\n• TB\n• sepsis");
    }
}
