//! The FDA's whole label set as it is downloaded — openFDA's
//! `drug-label-NNNN-of-NNNN.json.zip` files (or their JSON), DailyMed's zips
//! of label zips — imported as one monograph per drug.
//!
//! Two passes over the inputs keep memory bounded by one record whatever
//! their size: the first reads every label and keeps only what identifies
//! it ([`merge::Groups`]); the second reads again only each drug's newest
//! label, whose text the monograph gets, and writes it ([`update`] decides
//! whether and where).

pub mod archive;
mod merge;
mod source;
pub mod stream;
mod summary;
mod update;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub use merge::DrugKey;
pub use source::{is_zip, read_zip_bytes};
pub use summary::{Line, Summary};
pub use update::is_intact;

use crate::date::ReviewedDate;
use crate::import::MAX_PAGE_BYTES;
use crate::slug::Ids;
use source::Wanted;
use update::Earlier;

/// How a bulk import runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Replace files a person edited, and files that are not imports.
    pub force: bool,
    /// The import date recorded in provenance.
    pub today: ReviewedDate,
    /// Zip bomb limits.
    pub limits: archive::Limits,
    /// Largest record (a JSON record or an SPL file), like a page.
    pub record_limit: u64,
    /// Set (by an interrupt) to stop after the record being read.
    pub stop: Option<Arc<AtomicBool>>,
}

impl Options {
    /// The usual limits.
    pub fn new(force: bool, today: ReviewedDate) -> Self {
        Options {
            force,
            today,
            limits: archive::Limits::default(),
            record_limit: MAX_PAGE_BYTES,
            stop: None,
        }
    }

    fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    }
}

/// Where a label is: which input, which entry of it (0 for plain JSON),
/// which record of that entry (0 for an SPL file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// Index of the input file.
    pub input: usize,
    /// Index of the archive entry.
    pub entry: usize,
    /// Index of the record in the entry's JSON.
    pub record: usize,
}

impl Location {
    fn new(input: usize, entry: usize) -> Self {
        Location {
            input,
            entry,
            record: 0,
        }
    }

    fn record(self, record: usize) -> Self {
        Location { record, ..self }
    }
}

/// A file, entry or stream that could not be read (whole or in part).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What: the file, and the entry if in an archive.
    pub what: String,
    /// Why.
    pub why: String,
}

impl Problem {
    fn new(what: &str, why: String) -> Self {
        Problem {
            what: what.to_string(),
            why,
        }
    }
}

/// Why a label was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// It names no active ingredient (no generic name).
    NoName,
    /// It is over the record size limit.
    TooLarge,
    /// It could not be read: why.
    Unreadable(String),
}

/// What the import is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    /// A pass begins: reading every label, or writing each drug.
    Pass(&'static str),
    /// One more record read.
    Record,
}

/// Imports `inputs` into `out`. `taken` holds ids given out earlier in the
/// run. Returns one line per file written or kept and per damaged input,
/// and the counts.
pub fn import(
    inputs: &[PathBuf],
    out: &Path,
    options: &Options,
    taken: &mut Ids,
    tick: &mut dyn FnMut(Tick),
) -> Summary {
    let mut summary = Summary::default();
    let mut groups = merge::Groups::default();
    tick(Tick::Pass("reading labels"));
    for (input, path) in inputs.iter().enumerate() {
        let problems = source::read_input(
            path,
            input,
            options,
            &Wanted::All,
            &mut |at, origin, got| {
                tick(Tick::Record);
                summary.records += 1;
                match got {
                    Ok(label) => groups.add(at, &label),
                    Err(skip) => summary.skipped_record(origin, &skip),
                }
            },
        );
        summary.failed_inputs(problems);
        if options.stopped() {
            summary.interrupted = true;
            return summary;
        }
    }
    summary.labels = groups.labels();
    summary.drugs = groups.len();
    let wanted = groups.wanted();
    let newest = groups.newest();
    let mut earlier = Earlier::scan(out);
    for id in earlier.ids() {
        taken.insert(id);
    }
    tick(Tick::Pass("writing drugs"));
    let mut done = std::collections::HashSet::new();
    let only = Wanted::only(&wanted);
    for (input, path) in inputs.iter().enumerate() {
        // Anything unreadable was reported by the first pass.
        let _ = source::read_input(path, input, options, &only, &mut |at, origin, got| {
            tick(Tick::Record);
            let (Some(group), Ok(label)) = (newest.get(&at), got) else {
                return;
            };
            if done.insert(at) {
                write_drug(
                    &label,
                    group,
                    origin,
                    out,
                    options,
                    &mut earlier,
                    taken,
                    &mut summary,
                );
            }
        });
        if options.stopped() {
            summary.interrupted = true;
            return summary;
        }
    }
    if done.len() < wanted.len() {
        summary.lines.push(Line::Failed(
            "the inputs".into(),
            format!(
                "{} drugs' newest labels could not be read again (did the files change?)",
                wanted.len() - done.len()
            ),
        ));
        summary.failed += wanted.len() - done.len();
    }
    summary
}

/// Builds, plans and writes one drug's monograph.
#[allow(clippy::too_many_arguments)]
fn write_drug(
    label: &crate::import::label::Label,
    group: &merge::Group,
    origin: &str,
    out: &Path,
    options: &Options,
    earlier: &mut Earlier,
    taken: &mut Ids,
    summary: &mut Summary,
) {
    let monograph = match merge::monograph(label, group, origin, options.today) {
        Ok(m) => m,
        Err(crate::import::Rejection::Failed(why) | crate::import::Rejection::Refused(why)) => {
            summary.lines.push(Line::Failed(origin.to_string(), why));
            summary.failed += 1;
            return;
        }
    };
    let sources = monograph
        .provenance
        .as_ref()
        .map(|p| p.labels.clone())
        .unwrap_or_default();
    // An earlier import of these labels, or else the drug's own id,
    // unique in this run.
    let plan = earlier.plan(
        &sources,
        || out.join(format!("{}.toml", taken.unique(&monograph.id))),
        options.force,
    );
    let mut monograph = monograph;
    if let Some(stem) = plan.path().file_stem().and_then(|s| s.to_str()) {
        monograph.id = stem.to_string();
    }
    let result = update::render_stamped(&monograph).and_then(|text| update::write(&plan, &text));
    summary.planned(&plan, group.len(), result);
}
