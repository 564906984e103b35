//! Helpers shared by the importers: section-number stripping, sorting
//! sentences by topic, and finding "N months after the last dose" phrases.

use crate::date::Span;

/// Splits text into sentences (ends at ". ", "! ", "? " or a line end).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                push_trimmed(&mut out, &mut current);
            }
        }
        push_trimmed(&mut out, &mut current);
    }
    out
}

fn push_trimmed(out: &mut Vec<String>, current: &mut String) {
    let s = current.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
    current.clear();
}

/// Whether a sentence is about pregnancy, contraception or breastfeeding.
pub fn is_reproductive(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    [
        "pregnan",
        "contracept",
        "birth control",
        "breastfeed",
        "breast-feed",
        "breast milk",
        "human milk",
        "lactation",
        "nursing",
        "condom",
        "unborn",
        "birth defect",
        "fertility",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Whether a sentence is about breastfeeding.
pub fn is_breastfeeding(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    [
        "breastfeed",
        "breast-feed",
        "nursing",
        "breast milk",
        "human milk",
        "lactation",
    ]
    .iter()
    .any(|w| s.contains(w))
}

/// Reads "eight months", "5 months", "2 weeks" in a sentence.
pub fn duration_in(sentence: &str) -> Option<Span> {
    crate::date::durations_in(sentence).next()
}

/// Removes a label's leading section number and capitalised heading:
/// "1 INDICATIONS AND USAGE Besponsa is…" → "Besponsa is…".
pub fn strip_section_number(text: &str) -> String {
    let t = text.trim_start();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    if digits.len() == t.len() {
        return t.to_string();
    }
    let mut rest = digits.trim_start();
    // Skip the upper-case heading words that follow the number.
    loop {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        let is_heading = !word.is_empty()
            && word.chars().any(char::is_alphabetic)
            && word.chars().all(|c| !c.is_lowercase())
            && word.len() > 1
            || matches!(word, "&" | "AND" | "OF");
        // "… USAGE HUMIRA is a …": the upper-case word before a verb is the
        // sentence's subject, not part of the heading.
        let next = rest[word_end..].split_whitespace().next().unwrap_or("");
        let is_subject = matches!(
            next,
            "is" | "are" | "was" | "contains" | "should" | "can" | "may" | "has" | "must"
        );
        if !is_heading || is_subject {
            break;
        }
        rest = rest[word_end..].trim_start();
    }
    rest.to_string()
}

/// Label text without its cross-references: "[see Warnings and Precautions
/// (5.1)]" and bare section numbers such as "(1.1)" or "(5.1, 5.3)" go,
/// with the space before them.
pub fn strip_cross_references(text: &str) -> String {
    drop_bracketed(text, &[' '], |_, inner, close| {
        if close == ']' {
            inner.trim_start().to_lowercase().starts_with("see ")
        } else {
            inner.chars().any(|c| c.is_ascii_digit())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '-' | '–'))
        }
    })
}

/// `text` without each bracketed group, "[…]" or "(…)", that `drop(before,
/// inner, close)` says to drop, and without the `trim` characters just
/// before a dropped group. The one walk over groups the label readers share.
pub fn drop_bracketed(
    text: &str,
    trim: &[char],
    drop: impl Fn(&str, &str, char) -> bool,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['[', '(']) {
        let (before, from) = rest.split_at(open);
        let close = if from.starts_with('[') { ']' } else { ')' };
        let Some(end) = from.find(close) else { break };
        if drop(before, &from[1..end], close) {
            out.push_str(before.trim_end_matches(trim));
        } else {
            out.push_str(before);
            out.push_str(&from[..=end]);
        }
        rest = &from[end + close.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Classifies a side effect by urgency from its wording.
pub fn urgency(item: &str) -> crate::pane::Tone {
    use crate::pane::Tone;
    let s = item.to_lowercase();
    let emergency = [
        "allergic reaction",
        "anaphylax",
        "difficulty breathing",
        "trouble breathing",
        "swelling of your lips",
        "swelling of the face",
        "swelling of the throat",
        "tongue, or throat",
        "chest pain",
        "seizure",
        "emergency",
        "fainting",
        "unconscious",
    ];
    let serious = [
        "serious",
        "severe",
        "liver",
        "jaundice",
        "bleed",
        "blood",
        "infection",
        "fever",
        "heart",
        "kidney",
        "tumor lysis",
        "tumour lysis",
        "hepatotox",
        "cardiac",
        "toxicity",
        "bruising",
        "pancreatitis",
    ];
    if emergency.iter().any(|w| s.contains(w)) {
        Tone::Emergency
    } else if serious.iter().any(|w| s.contains(w)) {
        Tone::Serious
    } else {
        Tone::Common
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_after_a_heading_is_kept() {
        assert_eq!(
            strip_section_number(
                "1 INDICATIONS AND USAGE HUMIRA is a tumor necrosis factor blocker"
            ),
            "HUMIRA is a tumor necrosis factor blocker"
        );
    }

    #[test]
    fn cross_references_are_removed() {
        assert_eq!(
            strip_cross_references(
                "Serious infections may occur [see Warnings and Precautions (5.1)]. Stop it (5.1, 5.3). Use 40 mg (two doses)."
            ),
            "Serious infections may occur. Stop it. Use 40 mg (two doses)."
        );
        assert_eq!(
            strip_cross_references("Adults (1.1) and [unclosed"),
            "Adults and [unclosed"
        );
    }

    #[test]
    fn section_numbers() {
        assert_eq!(
            strip_section_number("1 INDICATIONS AND USAGE Besponsa is a"),
            "Besponsa is a"
        );
        assert_eq!(
            strip_section_number("5.2 Hepatotoxicity WARNING text"),
            "Hepatotoxicity WARNING text"
        );
        assert_eq!(strip_section_number("No number here"), "No number here");
    }

    #[test]
    fn durations_in_words_and_digits() {
        assert_eq!(
            duration_in("for at least eight months after the last dose")
                .unwrap()
                .to_string(),
            "8 months"
        );
        assert_eq!(
            duration_in("for 2 months following").unwrap().to_string(),
            "2 months"
        );
        assert!(duration_in("for a while").is_none());
    }

    #[test]
    fn sentences_split_on_stops() {
        assert_eq!(sentences("A. B.\nC"), ["A.", "B.", "C"]);
    }
}
