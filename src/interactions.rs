//! The interaction check: for every pair of drugs (or a drug and a food),
//! the passages of each monograph that name the other — by name, brand,
//! alias, or a class it belongs to. Nothing is inferred: a finding is a
//! passage the monograph itself wrote, and no finding means only that these
//! monographs describe none.

use std::ops::Range;

use serde::Serialize;

use crate::classes::Group;
use crate::load::Library;
use crate::model::{Action, Interaction, Monograph};
use crate::resolve::{ResolveError, Resolved, resolve};

/// One thing named in a check: a drug's monograph, or a food or drink.
#[derive(Debug)]
pub enum Party<'a> {
    /// A drug, with its monograph.
    Drug(Resolved<'a>),
    /// A food, drink or supplement from the class table.
    Food(&'a Group),
}

impl Party<'_> {
    /// The name shown to readers.
    pub fn name(&self) -> &str {
        match self {
            Party::Drug(m) => &m.name,
            Party::Food(f) => f.label(),
        }
    }

    /// Stable id (a monograph's or a food's), which decides duplicates.
    fn id(&self) -> &str {
        match self {
            Party::Drug(m) => &m.id,
            Party::Food(f) => &f.id,
        }
    }

    fn monograph(&self) -> Option<&Monograph> {
        match self {
            Party::Drug(m) => Some(m),
            Party::Food(_) => None,
        }
    }
}

/// What a passage was matched by: the other drug's own names, or the
/// lay name of a class it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The words looked for.
    pub text: String,
    /// `None` for a name, brand or alias; the class's label otherwise.
    pub class: Option<String>,
}

/// Every term that names `party`: its names, brands and aliases, and the
/// names of each of its classes.
pub fn terms(party: &Party, library: &Library) -> Vec<Term> {
    let name = |text: &str| Term {
        text: text.to_string(),
        class: None,
    };
    match party {
        Party::Food(f) => f.names.iter().map(|n| name(n)).collect(),
        Party::Drug(m) => {
            let mut terms: Vec<Term> = m.names().chain(m.related_names()).map(name).collect();
            for id in &m.classes {
                if let Some(class) = library.classes.class(id) {
                    terms.extend(class.names.iter().map(|n| Term {
                        text: n.clone(),
                        class: Some(class.label().to_string()),
                    }));
                }
            }
            terms
        }
    }
}

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
    /// How much of `text` names what it interacts with: a structured
    /// entry's `with` list, so that a drug named only in its effect does
    /// not count; all of a plain passage.
    pub naming: usize,
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
            naming: text.len(),
            text,
            advice,
            action: None,
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
                naming: e.names().len(),
                advice: Some(e.action.advice().to_string()),
                action: Some(e.action),
            },
        }
    }
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

/// Where each term occurs in `text` as whole words, case-insensitively,
/// with overlapping matches merged; and which terms matched.
pub fn find(text: &str, terms: &[Term]) -> (Vec<Range<usize>>, Vec<usize>) {
    let (lower, origin) = lowercase_mapped(text);
    let mut ranges = Vec::new();
    let mut matched = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let needle = term.text.trim().to_lowercase();
        if needle.is_empty() {
            continue;
        }
        let found: Vec<Range<usize>> = lower
            .match_indices(&needle)
            .map(|(start, _)| start..start + needle.len())
            .filter(|r| on_boundaries(&lower, r))
            .map(|r| origin[r.start]..origin[r.end])
            .collect();
        if !found.is_empty() {
            matched.push(i);
            ranges.extend(found);
        }
    }
    (merge(ranges), matched)
}

/// `text` lowercased, and for each byte of it (and its end) the byte of
/// `text` it came from: lowercasing can change lengths outside ASCII.
fn lowercase_mapped(text: &str) -> (String, Vec<usize>) {
    let mut lower = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        for l in c.to_lowercase() {
            lower.push(l);
            origin.resize(lower.len(), at);
        }
    }
    origin.push(text.len());
    (lower, origin)
}

/// A match counts only as whole words: no letter or digit just before or
/// after it ("ARB" is not in "carbamazepine").
fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// One passage of one monograph that names the other party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The drug whose monograph says it.
    pub source: String,
    /// The drug or food it names.
    pub names: String,
    /// The section of `source`'s monograph.
    pub section: &'static str,
    /// The passage as written.
    pub text: String,
    /// Byte ranges of `text` that matched.
    #[serde(serialize_with = "as_pairs")]
    pub matched: Vec<Range<usize>>,
    /// What matched: the words, and the class they name if any.
    pub matched_by: Vec<MatchedBy>,
    /// What to do or expect, as written.
    pub advice: Option<String>,
    /// The label's instruction (avoid, ask first, monitor), when the
    /// passage is a structured interaction entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
}

fn as_pairs<S: serde::Serializer>(ranges: &[Range<usize>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(ranges.iter().map(|r| [r.start, r.end]))
}

/// Words that matched, and the class they are a name of, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedBy {
    /// The words looked for.
    pub words: String,
    /// The class's label, when the words name a class.
    pub class: Option<String>,
}

impl std::fmt::Display for MatchedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.class {
            Some(class) => write!(f, "\"{}\" (class: {class})", self.words),
            None => write!(f, "\"{}\"", self.words),
        }
    }
}

/// The findings for one pair, both directions together.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// The first party's name.
    pub first: String,
    /// The second party's name.
    pub second: String,
    /// Passages of either monograph naming the other.
    pub findings: Vec<Finding>,
}

/// The answer to a check.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The parties checked, duplicates removed, in the order named.
    pub checked: Vec<String>,
    /// Every pair, in order.
    pub pairs: Vec<Pair>,
    /// Names typed more than once for one drug: (typed, drug).
    pub duplicates: Vec<(String, String)>,
    /// Drugs with no class membership recorded, matched by name only.
    pub name_only: Vec<String>,
    /// Drugs whose monograph lists no interactions.
    pub no_interaction_section: Vec<String>,
}

impl Report {
    /// Whether any pair has a finding.
    pub fn found_any(&self) -> bool {
        self.pairs.iter().any(|p| !p.findings.is_empty())
    }
}

/// Names typed more than once for one drug: (what was typed, the drug).
pub type Duplicates = Vec<(String, String)>;

/// Resolves each name as `show` does, or as a food or drink; the first
/// unknown name stops the check.
pub fn resolve_all<'a>(
    library: &'a Library,
    names: &[String],
) -> Result<(Vec<Party<'a>>, Duplicates), ResolveError> {
    let mut parties: Vec<Party<'a>> = Vec::new();
    let mut duplicates = Vec::new();
    for typed in names {
        let party = match resolve(library, typed) {
            Ok(m) => Party::Drug(m),
            Err(e) => match library.classes.food(typed) {
                Some(food) => Party::Food(food),
                None => return Err(e),
            },
        };
        if parties.iter().any(|p| p.id() == party.id()) {
            duplicates.push((typed.clone(), party.name().to_string()));
        } else {
            parties.push(party);
        }
    }
    Ok((parties, duplicates))
}

/// Checks every pair of `parties`.
pub fn check(library: &Library, parties: &[Party], duplicates: Duplicates) -> Report {
    let terms: Vec<Vec<Term>> = parties.iter().map(|p| terms(p, library)).collect();
    let mut pairs = Vec::new();
    for (i, a) in parties.iter().enumerate() {
        for (j, b) in parties.iter().enumerate().skip(i + 1) {
            let mut findings = said_by(a, b, &terms[j]);
            findings.extend(said_by(b, a, &terms[i]));
            pairs.push(Pair {
                first: a.name().to_string(),
                second: b.name().to_string(),
                findings,
            });
        }
    }
    let drugs = || parties.iter().filter_map(Party::monograph);
    Report {
        checked: parties.iter().map(|p| p.name().to_string()).collect(),
        pairs,
        duplicates,
        name_only: drugs()
            .filter(|m| m.classes.is_empty())
            .map(|m| m.name.clone())
            .collect(),
        no_interaction_section: drugs()
            .filter(|m| m.before_you_take.interactions.is_empty())
            .map(|m| m.name.clone())
            .collect(),
    }
}

/// The passages of `speaker`'s monograph that name `other`.
fn said_by(speaker: &Party, other: &Party, other_terms: &[Term]) -> Vec<Finding> {
    let Some(m) = speaker.monograph() else {
        return Vec::new();
    };
    passages(m)
        .into_iter()
        .filter_map(|passage| {
            let (matched, which) = find(&passage.text[..passage.naming], other_terms);
            if matched.is_empty() {
                return None;
            }
            let mut matched_by: Vec<MatchedBy> = which
                .iter()
                .map(|&i| MatchedBy {
                    words: other_terms[i].text.clone(),
                    class: other_terms[i].class.clone(),
                })
                .collect();
            matched_by.dedup();
            // When the other drug is named after the colon, what follows it
            // is a list of medicines, not what to do.
            let colon = passage.text.find(": ").unwrap_or(usize::MAX);
            let advice = (passage.advice).filter(|_| matched.iter().all(|r| r.start < colon));
            Some(Finding {
                source: m.name.clone(),
                names: other.name().to_string(),
                section: passage.section,
                text: passage.text,
                advice,
                action: passage.action,
                matched,
                matched_by,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str) -> Term {
        Term {
            text: text.into(),
            class: None,
        }
    }

    fn found(text: &str, terms: &[&str]) -> Vec<String> {
        let terms: Vec<Term> = terms.iter().map(|t| term(t)).collect();
        find(text, &terms)
            .0
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn terms_match_whole_words_case_insensitively() {
        assert_eq!(
            found("Other NSAIDs, including aspirin", &["nsaids", "Aspirin"]),
            ["NSAIDs", "aspirin"]
        );
        // Not inside another word.
        assert!(found("Carbamazepine: less effect", &["ARB"]).is_empty());
        assert!(found("Antidepressants such as", &["depressant"]).is_empty());
        assert!(found("the NSAIDs list", &["NSAID"]).is_empty());
        // Punctuation and hyphens are boundaries.
        assert_eq!(found("(ibuprofen)-like", &["ibuprofen"]), ["ibuprofen"]);
    }

    #[test]
    fn overlapping_matches_merge_and_unicode_keeps_positions() {
        assert_eq!(
            found(
                "SSRI antidepressants such as",
                &["SSRI", "SSRI antidepressants"]
            ),
            ["SSRI antidepressants"]
        );
        assert_eq!(
            found("St John’s wort İ and WARFARIN", &["warfarin"]),
            ["WARFARIN"]
        );
    }

    fn library_with(m: Monograph) -> Library {
        let mut library = Library::default();
        library.classes = crate::classes::ClassTable::load(&[]).0;
        library.entries.push(crate::load::Loaded {
            origin: format!("{}.toml", m.id),
            bundled: false,
            monograph: m,
        });
        library
    }

    fn testamol() -> Monograph {
        let text = include_str!("../tests/fixtures/good/testamol.toml");
        crate::load::parse_monograph("t.toml", text.as_bytes()).expect("valid")
    }

    #[test]
    fn drugs_without_classes_or_an_interaction_list_are_named() {
        let mut m = testamol();
        m.before_you_take.interactions.clear();
        m.before_you_take.avoid = vec!["Grapefruit juice".into()];
        let library = library_with(m);
        let names = ["testamol".to_string(), "grapefruit".to_string()];
        let (parties, duplicates) = resolve_all(&library, &names).expect("known");
        let report = check(&library, &parties, duplicates);
        assert_eq!(report.name_only, ["Testamol"]);
        assert_eq!(report.no_interaction_section, ["Testamol"]);
        let finding = &report.pairs[0].findings[0];
        assert_eq!(
            (finding.section, finding.text.as_str()),
            (AVOID, "Grapefruit juice")
        );
        assert_eq!(
            &finding.text[finding.matched[0].clone()],
            "Grapefruit juice"
        );
    }

    #[test]
    fn class_names_match_only_members() {
        let mut nsaid = testamol();
        nsaid.classes = vec!["nsaids".into()];
        let library = library_with(nsaid.clone());
        let member = terms(&Party::Drug(Resolved::Library(&nsaid)), &library);
        assert!(member.iter().any(|t| t.text == "NSAIDs"));
        let plain = testamol();
        let other = terms(&Party::Drug(Resolved::Library(&plain)), &library);
        assert!(other.iter().all(|t| t.class.is_none()));
        let (ranges, _) = find("Other NSAIDs and painkillers", &other);
        assert!(ranges.is_empty());
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
