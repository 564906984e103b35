//! What a bulk import did: a line per file written or kept and per damaged
//! input or record, and the counts of the summary line.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::update::Plan;
use super::{Problem, Skip};

/// One thing to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A new monograph, merging this many labels.
    Written(PathBuf, usize),
    /// An earlier import replaced, merging this many labels.
    Updated(PathBuf, usize),
    /// A monograph left as it is, and why.
    Kept(PathBuf, String),
    /// A record not used: where, and why.
    Skipped(String, String),
    /// An input, entry or monograph that failed: what, and why.
    Failed(String, String),
}

/// The counts, and the lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Records read (labels, and records that were skipped).
    pub records: usize,
    /// Labels usable for a drug.
    pub labels: usize,
    /// Drugs they make (one monograph each).
    pub drugs: usize,
    /// New monographs written.
    pub written: usize,
    /// Earlier imports replaced.
    pub updated: usize,
    /// Labels merged into another label's monograph (in files written or
    /// updated).
    pub merged: usize,
    /// Records and monographs not used, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Inputs, entries and monographs that failed.
    pub failed: usize,
    /// Stopped by an interrupt before the end.
    pub interrupted: bool,
    /// What to report, in order.
    pub lines: Vec<Line>,
}

/// Reasons a record was skipped, as counted.
const NO_NAME: &str = "no generic name";
const TOO_LARGE: &str = "over the record size limit";
const UNREADABLE: &str = "unreadable";

impl Summary {
    /// A record that gave no label. Damaged ones are reported one by one;
    /// those without names only counted (a release has thousands).
    pub fn skipped_record(&mut self, origin: &str, skip: &Skip) {
        let (reason, detail) = match skip {
            Skip::NoName => (NO_NAME, None),
            Skip::TooLarge => (TOO_LARGE, Some(TOO_LARGE.to_string())),
            Skip::Unreadable(why) => (UNREADABLE, Some(why.clone())),
        };
        *self.skipped.entry(reason.into()).or_default() += 1;
        if let Some(why) = detail {
            self.lines.push(Line::Skipped(origin.to_string(), why));
        }
    }

    /// Inputs or entries that could not be read to their end.
    pub fn failed_inputs(&mut self, problems: Vec<Problem>) {
        self.failed += problems.len();
        self.lines
            .extend(problems.into_iter().map(|p| Line::Failed(p.what, p.why)));
    }

    /// What became of a drug's monograph.
    pub fn planned(&mut self, plan: &Plan, labels: usize, result: Result<bool, String>) {
        let path = plan.path().to_path_buf();
        match (plan, result) {
            (_, Err(why)) => {
                self.failed += 1;
                self.lines
                    .push(Line::Failed(path.display().to_string(), why));
            }
            (Plan::Keep(..), _) | (_, Ok(false)) => {
                let why = match plan {
                    Plan::Keep(_, why) => why.to_string(),
                    _ => "not written".to_string(),
                };
                *self.skipped.entry(why.clone()).or_default() += 1;
                self.lines.push(Line::Kept(path, why));
            }
            (Plan::Create(_), Ok(true)) => {
                self.written += 1;
                self.merged += labels.saturating_sub(1);
                self.lines.push(Line::Written(path, labels));
            }
            (Plan::Replace(_), Ok(true)) => {
                self.updated += 1;
                self.merged += labels.saturating_sub(1);
                self.lines.push(Line::Updated(path, labels));
            }
        }
    }

    /// "12000 records read: 11000 labels of 4000 drugs; …".
    pub fn line(&self) -> String {
        let skipped = if self.skipped.is_empty() {
            "none".to_string()
        } else {
            self.skipped
                .iter()
                .map(|(why, n)| format!("{n} {why}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{} records read: {} labels of {} drugs; {} written, {} updated, {} labels merged; skipped: {}; {} failed{}",
            self.records,
            self.labels,
            self.drugs,
            self.written,
            self.updated,
            self.merged,
            skipped,
            self.failed,
            if self.interrupted {
                "; interrupted"
            } else {
                ""
            }
        )
    }
}
