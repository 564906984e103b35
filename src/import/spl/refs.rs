//! Cross-references that SPL marks as links: "[see Warnings and Precautions
//! (5.1)]", "(5.1, 6.1)", old labels' "(see WARNINGS)". The reader wraps
//! every link inside the label in two private-use markers; a bracketed
//! group holding a marked link is a reference when it says "see …" or holds
//! nothing but links. Unlinked references are left to the shared text rules.

use crate::import::text::drop_bracketed;

/// Marks where a link inside the label starts.
pub(super) const LINK_START: char = '\u{E000}';
/// Marks where it ends.
pub(super) const LINK_END: char = '\u{E001}';

/// The text without linked references and without the markers.
pub(super) fn drop_linked_references(text: &str) -> String {
    if !text.contains(LINK_START) {
        return text.to_string();
    }
    // A link's text may be the whole group: "<linkHtml>(5.1)</linkHtml>".
    let mut out = drop_bracketed(text, &[' ', LINK_START], |before, inner, _| {
        is_reference(inner, before.ends_with(LINK_START))
    });
    out.retain(|c| c != LINK_START && c != LINK_END);
    out
}

/// Whether a bracketed group is a linked cross-reference: one that is
/// itself a link's text (`wrapped`) or holds a link, and says "see …" or
/// has nothing outside links but numbers and punctuation.
fn is_reference(inner: &str, wrapped: bool) -> bool {
    if !wrapped && !inner.contains(LINK_START) {
        return false;
    }
    let says_see = inner
        .trim_start()
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("see "));
    let rest = if wrapped {
        inner.to_string()
    } else {
        outside_links(inner)
    };
    says_see || rest.chars().all(|c| !c.is_alphabetic())
}

/// The group's text that is not inside a link.
fn outside_links(inner: &str) -> String {
    let mut depth = 0usize;
    inner
        .chars()
        .filter(|&c| match c {
            LINK_START => {
                depth += 1;
                false
            }
            LINK_END => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linked(text: &str) -> String {
        text.replace('{', &LINK_START.to_string())
            .replace('}', &LINK_END.to_string())
    }

    #[test]
    fn linked_references_go_other_brackets_stay() {
        for (input, want) in [
            (
                "infections [see Warnings and Precautions {(5.1)}].",
                "infections.",
            ),
            ("RA {(1.1)}:", "RA:"),
            ("infections {(5.1, 6.1)} and {(6.2)}", "infections and"),
            ("dementia (see {WARNINGS}).", "dementia."),
            (
                "tumor necrosis factor (TNF) blocker",
                "tumor necrosis factor (TNF) blocker",
            ),
            (
                "visit {www.example.com} (free)",
                "visit www.example.com (free)",
            ),
            ("the {label} (5 mg)", "the label (5 mg)"),
            ("the {(TNF)} blocker", "the (TNF) blocker"),
            ("unclosed (see {X}", "unclosed (see X"),
        ] {
            assert_eq!(drop_linked_references(&linked(input)), want, "{input}");
        }
    }
}
