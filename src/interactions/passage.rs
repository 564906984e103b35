//! The passages of a monograph that may name another drug.

use std::ops::Range;

use crate::model::{Action, Interaction, InteractionEntry, Monograph};

/// A passage of a monograph that can describe an interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Where it stands, e.g. "Medicines and products that interact".
    pub section: &'static str,
    /// The passage as written.
    pub text: String,
    /// What to do, as the passage says it.
    pub advice: Option<String>,
    /// The label's instruction, for a structured entry.
    pub action: Option<Action>,
    /// Where a structured entry's `with` items stand in `text`: each is
    /// matched whole, so that "tricyclic antidepressants" names the
    /// tricyclics but not every antidepressant, and a drug named only in
    /// the effect does not count. Empty for a plain passage, whose words
    /// are searched.
    pub items: Vec<Range<usize>>,
}

/// The section names passages come from.
pub const INTERACTS: &str = "Medicines and products that interact";
/// The "what to avoid" list.
pub const AVOID: &str = "What to avoid";
/// The boxed warning.
pub const BOXED: &str = "Boxed warning";
/// A question and its answer.
pub const FAQ: &str = "Questions";

impl Passage {
    fn plain(section: &'static str, text: String, advice: Option<String>) -> Self {
        Passage {
            section,
            text,
            advice,
            action: None,
            items: Vec::new(),
        }
    }

    fn interaction(entry: &Interaction) -> Self {
        match entry {
            // "Warfarin: INR may need checking": what follows the colon is
            // what the label says happens or what to do.
            Interaction::Text(text) => Passage::plain(
                INTERACTS,
                text.clone(),
                text.split_once(": ")
                    .map(|(_, advice)| advice.trim().to_string()),
            ),
            Interaction::Structured(e) => Passage {
                section: INTERACTS,
                text: entry.line(),
                items: item_ranges(e),
                advice: Some(e.action.advice().to_string()),
                action: Some(e.action),
            },
        }
    }
}

/// Where each `with` item stands in the entry's line, which starts with
/// them joined by ", " (see [`InteractionEntry::names`]).
fn item_ranges(e: &InteractionEntry) -> Vec<Range<usize>> {
    let names = e.names();
    let mut at = 0;
    let mut out = Vec::new();
    for (i, item) in e.with.iter().enumerate() {
        // The first item may have been capitalised, which can change its
        // length outside ASCII: measure it in the joined names.
        let len = if i == 0 {
            names.len() - e.with[1..].iter().map(|w| w.len() + 2).sum::<usize>()
        } else {
            item.len()
        };
        out.push(at..at + len);
        at += len + 2;
    }
    out
}

/// The passages of a monograph that may name another drug: its interaction
/// and avoid entries, boxed warning paragraphs and FAQs.
pub fn passages(m: &Monograph) -> Vec<Passage> {
    let b = &m.before_you_take;
    let mut out: Vec<Passage> = b.interactions.iter().map(Passage::interaction).collect();
    out.extend(b.avoid.iter().map(|entry| {
        let advice = "Avoid (listed under what to avoid)".to_string();
        Passage::plain(AVOID, entry.clone(), Some(advice))
    }));
    if let Some(warning) = &m.boxed_warning {
        out.extend(paragraphs(warning).map(|p| Passage::plain(BOXED, p, None)));
    }
    out.extend(m.faqs.iter().map(|faq| {
        let text = format!("{} {}", faq.question.trim(), faq.answer.trim());
        Passage::plain(FAQ, text, None)
    }));
    out
}

fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testamol() -> Monograph {
        let text = include_str!("../../tests/fixtures/good/testamol.toml");
        crate::load::parse_monograph("t.toml", text.as_bytes()).expect("valid")
    }

    #[test]
    fn an_interaction_entry_gives_what_follows_its_colon_as_advice() {
        let mut m = testamol();
        m.before_you_take.interactions = vec!["Warfarin: INR may need checking".into()];
        m.before_you_take.avoid = vec!["Alcohol".into()];
        let p = passages(&m);
        assert_eq!(p[0].advice.as_deref(), Some("INR may need checking"));
        assert_eq!(p[1].section, AVOID);
    }
}
