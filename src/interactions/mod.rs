//! The interaction check: for every pair of drugs (or a drug and a food),
//! the passages of each monograph that name the other — by name, brand,
//! alias, or a class it belongs to. Nothing is inferred: a finding is a
//! passage the monograph itself wrote, and no finding means only that these
//! monographs describe none.

use std::ops::Range;

use serde::Serialize;

use crate::classes::ClassTable;
use crate::classes::Group;
use crate::load::Library;
use crate::model::{Action, Monograph};
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
pub fn terms(party: &Party, classes: &ClassTable) -> Vec<Term> {
    let name = |text: &str| Term {
        text: text.to_string(),
        class: None,
    };
    match party {
        Party::Food(f) => f.names.iter().map(|n| name(n)).collect(),
        Party::Drug(m) => {
            // The id too: a structured entry may name a bundled drug by it
            // ("sacubitril-valsartan").
            let mut terms: Vec<Term> = m.names().chain(m.related_names()).map(name).collect();
            if !terms.iter().any(|t| t.text.eq_ignore_ascii_case(&m.id)) {
                terms.push(name(&m.id));
            }
            for id in &m.classes {
                if let Some(class) = classes.class(id) {
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

mod find;
mod outline;
mod passage;

pub use find::{find, find_items, item_key};
pub use outline::{NOTHING_FOUND, Row, outline};
pub use passage::{AVOID, BOXED, FAQ, INTERACTS, Passage, passages};

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
pub fn check(classes: &ClassTable, parties: &[Party], duplicates: Duplicates) -> Report {
    let terms: Vec<Vec<Term>> = parties.iter().map(|p| terms(p, classes)).collect();
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
            let (matched, which) = if passage.items.is_empty() {
                find(&passage.text, other_terms)
            } else {
                find_items(&passage.text, &passage.items, other_terms)
            };
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
        let text = include_str!("../../tests/fixtures/good/testamol.toml");
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
        let report = check(&library.classes, &parties, duplicates);
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
        let member = terms(&Party::Drug(Resolved::Library(&nsaid)), &library.classes);
        assert!(member.iter().any(|t| t.text == "NSAIDs"));
        let plain = testamol();
        let other = terms(&Party::Drug(Resolved::Library(&plain)), &library.classes);
        assert!(other.iter().all(|t| t.class.is_none()));
        let (ranges, _) = find("Other NSAIDs and painkillers", &other);
        assert!(ranges.is_empty());
    }
}
