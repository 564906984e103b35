//! Structure recovered from flattened label text. openFDA gives each label
//! section as one string: its number and title, the highlights' summary of
//! it, its numbered subsections, run-in sub-headings ("Pregnancy: …") and
//! bullets ("•", "■") all on one line. This module turns such a string back
//! into headings, paragraphs and lists ([`Block`]s).

mod headings;
mod lists;

use crate::import::label::Block;

pub use headings::question_headings;

/// A section's leading number ("5 WARNINGS…" → 5) and the text after it.
pub fn section_number(text: &str) -> (Option<u32>, &str) {
    let t = text.trim_start();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let rest = &t[end..];
    // "5 WARNINGS" or "5.1 Hepatotoxicity", not "50 mg" or "3-day".
    let after = rest
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_start();
    let number_ends = rest.starts_with(char::is_whitespace) || rest.starts_with('.');
    let title_follows = after.chars().next().is_some_and(char::is_uppercase);
    match t[..end].parse::<u32>() {
        Ok(n) if number_ends && title_follows && n <= 20 => (Some(n), after),
        _ => (None, t),
    }
}

/// Removes the section's own title from the start, as often as it is
/// repeated ("USES USES: …", "Drug Facts Active ingredients …"). Titles
/// match case-insensitively and as whole words; the text's first letter
/// is then capitalised.
pub fn strip_titles(text: &str, titles: &[&str]) -> String {
    let mut rest = text.trim_start();
    'strip: loop {
        for title in titles {
            let Some(start) = rest.get(..title.len()) else {
                continue;
            };
            let after = &rest[title.len()..];
            let whole_word = after.is_empty() || after.starts_with([' ', ':', '\u{a0}']);
            if start.eq_ignore_ascii_case(title) && whole_word {
                rest = after.trim_start_matches([' ', ':', '\u{a0}']);
                continue 'strip;
            }
        }
        break;
    }
    capitalise(rest)
}

/// The text with its first letter in upper case.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Drops the highlights' summary that openFDA puts in front of a section's
/// full text. Highlights cite the section's own number ("… ( 5.3 )",
/// "None (4)"); the full text does not. Everything up to the last such
/// citation before the first numbered subsection goes, provided full text
/// follows.
pub fn drop_highlights(text: &str, number: Option<u32>) -> &str {
    let Some(n) = number else { return text };
    let first_subsection = headings::numbered_heading_starts(text, n)
        .first()
        .copied()
        .unwrap_or(text.len());
    let Some(end) = last_own_citation(&text[..first_subsection], n) else {
        return text;
    };
    let rest = text[end..].trim_start_matches([' ', '.', ';']);
    if first_subsection < text.len() || rest.len() >= 40 {
        rest
    } else {
        text
    }
}

/// The end of the last "(n)", "( n.2 )" or "(n.1, 7)" in `text`.
fn last_own_citation(text: &str, n: u32) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| i + from) {
        let Some(close) = text[open..].find(')').map(|i| i + open) else {
            break;
        };
        let inner = text[open + 1..close].trim();
        let numeric = !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '));
        let first = inner
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse::<u32>().ok());
        if numeric && first == Some(n) {
            found = Some(close + 1);
        }
        from = close + 1;
    }
    found
}

/// The blocks of a section's text (title and highlights already removed):
/// numbered subsections and run-in sub-headings become headings, bullets
/// and dashes become lists. With `questions`, a patient leaflet's question
/// headings ("How should I take X?") become headings too.
pub fn blocks(text: &str, number: Option<u32>, questions: bool) -> Vec<Block> {
    let mut out = Vec::new();
    for (heading, body) in headings::numbered(text, number) {
        if let Some(h) = heading {
            out.push(Block::Heading(h));
        }
        let parts = if questions {
            question_headings(&body)
        } else {
            vec![(None, body)]
        };
        for (question, body) in parts {
            if let Some(q) = question {
                out.push(Block::Heading(q));
            }
            for (run_in, body) in headings::run_in(&body) {
                if let Some(h) = run_in {
                    out.push(Block::Heading(h));
                }
                out.extend(lists::blocks(&body));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_titles() {
        assert_eq!(
            section_number("5 WARNINGS AND PRECAUTIONS x"),
            (Some(5), "WARNINGS AND PRECAUTIONS x")
        );
        assert_eq!(section_number("50 mg daily"), (None, "50 mg daily"));
        assert_eq!(
            strip_titles("USES USES: Temporary relief", &["USES"]),
            "Temporary relief"
        );
        assert_eq!(
            strip_titles("Directions clean the area", &["DIRECTIONS"]),
            "Clean the area"
        );
        assert_eq!(
            strip_titles("Usesful words", &["USES"]),
            "Usesful words",
            "whole words only"
        );
    }

    #[test]
    fn highlights_before_the_full_text_go() {
        let text = "Hepatotoxicity: Inform patients. ( 5.3 ) Hypertension: Monitor. ( 5.4 , 7 ) 5.1 Cardiovascular Thrombotic Events Clinical trials showed it.";
        assert_eq!(
            drop_highlights(text, Some(5)),
            "5.1 Cardiovascular Thrombotic Events Clinical trials showed it."
        );
        // Without full text after them, the citations stay for the
        // cross-reference pass to remove.
        assert_eq!(drop_highlights("None. None (4)", Some(4)), "None. None (4)");
        assert_eq!(drop_highlights("No numbers (4)", None), "No numbers (4)");
    }

    #[test]
    fn subsections_headings_and_lists() {
        let got = blocks(
            "5.1 Serious Infections Patients treated with HUMIRA are at risk: • tuberculosis • sepsis 5.2 Malignancies Lymphoma has occurred.",
            Some(5),
            false,
        );
        assert_eq!(
            got,
            [
                Block::Heading("Serious Infections".into()),
                Block::Paragraph("Patients treated with HUMIRA are at risk:".into()),
                Block::List(vec!["tuberculosis".into(), "sepsis".into()]),
                Block::Heading("Malignancies".into()),
                Block::Paragraph("Lymphoma has occurred.".into()),
            ]
        );
    }
}
