//! The content review behind `rxdoc check --strict`: rules that a file can
//! break while being valid, each catching a kind of error a clinical read
//! of the bundled library found. Rules read text as concepts (see
//! [`words`]), so they hold whatever the wording.

mod durations;
mod interactions;
mod rules;
mod words;

use std::fmt;

use crate::classes::ClassTable;
use crate::model::Monograph;
use crate::search::synonyms::Synonyms;
use crate::validate::FieldPath;

/// A content rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A symptom listed as common and also as serious or emergency.
    CommonAndSerious,
    /// A rash among common effects while the label says to stop at a rash.
    RashAmongCommon,
    /// A brand (or alias) claimed by two monographs.
    SharedBrand,
    /// A duration after the last dose that differs between prose and chart.
    DurationMismatch,
    /// A medicine taken on a schedule without a missed-dose FAQ, or one
    /// that does not say how it is taken.
    MissedDose,
    /// No `jurisdiction`.
    Jurisdiction,
    /// A structured interaction entry names a near miss of a known name.
    InteractionName,
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: [Rule; 7] = [
        Rule::CommonAndSerious,
        Rule::RashAmongCommon,
        Rule::SharedBrand,
        Rule::DurationMismatch,
        Rule::MissedDose,
        Rule::Jurisdiction,
        Rule::InteractionName,
    ];

    /// The rule's name as printed in diagnostics.
    pub fn name(self) -> &'static str {
        match self {
            Rule::CommonAndSerious => "common-and-serious",
            Rule::RashAmongCommon => "rash-among-common",
            Rule::SharedBrand => "shared-brand",
            Rule::DurationMismatch => "duration-mismatch",
            Rule::MissedDose => "missed-dose",
            Rule::Jurisdiction => "jurisdiction",
            Rule::InteractionName => "interaction-name",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One broken rule in one monograph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which rule.
    pub rule: Rule,
    /// Where in the monograph.
    pub path: FieldPath,
    /// What is wrong and what to do.
    pub message: String,
}

/// What the rules read besides the monographs checked.
pub struct Context<'a> {
    /// Lay words, for reading symptoms as concepts.
    pub synonyms: &'a Synonyms,
    /// Classes and foods, which interaction entries may name.
    pub classes: &'a ClassTable,
    /// Other monographs an interaction entry may name (the bundled library
    /// when a user's directory is checked on its own).
    pub also_known: &'a [&'a Monograph],
}

/// Every finding for each of `monographs` (same order). `origins` name
/// each monograph's file, for rules that point from one file to another.
pub fn lint(monographs: &[&Monograph], origins: &[&str], cx: &Context) -> Vec<Vec<Finding>> {
    let reader = words::Reader::new(cx.synonyms);
    let named: Vec<&Monograph> = monographs.iter().chain(cx.also_known).copied().collect();
    let known = interactions::KnownNames::new(&named, cx.classes);
    let mut findings: Vec<Vec<Finding>> = monographs
        .iter()
        .map(|m| {
            let mut found = rules::common_and_serious(m, &reader);
            found.extend(rules::rash_among_common(m, &reader));
            found.extend(durations::duration_mismatch(m));
            found.extend(rules::missed_dose(m));
            found.extend(rules::jurisdiction(m));
            found.extend(interactions::interaction_names(m, &known));
            found
        })
        .collect();
    for (i, finding) in rules::shared_brands(monographs, origins) {
        findings[i].push(finding);
    }
    findings
}
