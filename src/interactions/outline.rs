//! A check's report as the rows a reader sees, in order, with the words
//! rxdoc says about it: the command line writes them as text and the
//! browser styles them, so the two can never word a result differently.

use super::{Finding, Report};

/// Said whenever a check finds nothing: never that a combination is safe.
pub const NOTHING_FOUND: &str = "No interaction is described in these monographs. This does not mean the combination is safe: ask a pharmacist.";

/// One row of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row<'a> {
    /// A gap between parts.
    Blank,
    /// A name typed twice for one drug, counted once.
    Duplicate(String),
    /// The heading of a pair: "Warfarin + Ibuprofen".
    Pair(String),
    /// Nothing found for one pair.
    NothingForPair,
    /// Nothing found for any pair of a check of three or more.
    NothingAtAll,
    /// Which monograph says it, where, and what it names.
    Source(String),
    /// The passage, with the words that matched.
    Passage(&'a Finding),
    /// What matched: the words, and the class they name.
    Matched(String),
    /// What to do or expect, as written.
    Advice(String),
    /// A limit of the check: drugs matched by name only, drugs with no
    /// interaction list.
    Note(String),
}

/// The rows of `report`, in reading order.
pub fn outline(report: &Report) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = (report.duplicates.iter())
        .map(|(typed, drug)| Row::Duplicate(format!("\"{typed}\" is {drug}, counted once.")))
        .collect();
    for pair in &report.pairs {
        rows.push(Row::Blank);
        rows.push(Row::Pair(format!("{} + {}", pair.first, pair.second)));
        if pair.findings.is_empty() {
            rows.push(Row::NothingForPair);
        }
        for finding in &pair.findings {
            rows.push(Row::Blank);
            finding_rows(finding, &mut rows);
        }
    }
    rows.push(Row::Blank);
    if !report.found_any() && report.pairs.len() > 1 {
        rows.push(Row::NothingAtAll);
    }
    if !report.name_only.is_empty() {
        rows.push(Row::Note(format!(
            "Matched by name only, with no drug class recorded: {}.",
            report.name_only.join(", ")
        )));
    }
    if !report.no_interaction_section.is_empty() {
        rows.push(Row::Note(format!(
            "No list of interacting medicines in the monograph of: {}.",
            report.no_interaction_section.join(", ")
        )));
    }
    rows
}

fn finding_rows<'a>(finding: &'a Finding, rows: &mut Vec<Row<'a>>) {
    rows.push(Row::Source(format!(
        "{}'s monograph, {}, names {}:",
        finding.source, finding.section, finding.names
    )));
    rows.push(Row::Passage(finding));
    let matched: Vec<String> = finding.matched_by.iter().map(ToString::to_string).collect();
    rows.push(Row::Matched(format!("Matched: {}", matched.join(", "))));
    if let Some(advice) = &finding.advice {
        let label = finding
            .action
            .map(|a| format!(" (the label: {a})"))
            .unwrap_or_default();
        rows.push(Row::Advice(format!(
            "What to do or expect, as written{label}: {advice}"
        )));
    }
}

impl Row<'_> {
    /// The row's words; a passage's as written.
    pub fn text(&self) -> &str {
        match self {
            Row::Blank => "",
            Row::NothingForPair | Row::NothingAtAll => NOTHING_FOUND,
            Row::Passage(finding) => &finding.text,
            Row::Duplicate(t)
            | Row::Pair(t)
            | Row::Source(t)
            | Row::Matched(t)
            | Row::Advice(t)
            | Row::Note(t) => t,
        }
    }
}
