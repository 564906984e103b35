//! Pages and labels → monograph files. Four shapes are recognised: Markdown
//! drug pages, plain-text patient guides, openFDA JSON labels and DailyMed
//! SPL XML labels. Every file written passes `rxdoc check`; nothing existing
//! is overwritten without `--force`; each file is written to a new temporary
//! file and renamed into place (see [`crate::userfile`]).

pub mod bulk;
mod draft;
mod fda;
mod flat;
mod guide;
pub mod label;
mod markdown;
pub mod spl;
pub mod text;

use std::path::{Path, PathBuf};

pub use draft::{Draft, NOT_IN_SOURCE};

use crate::date::ReviewedDate;
use crate::model::Monograph;
use crate::sanitize::sanitize;
use crate::slug::Ids;
use crate::userfile::{Existing, WriteError, read_capped, write_atomically};
use crate::validate::validate;

/// Largest page read; larger files are reported, not imported.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// Why an input gave no monograph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The input holds no drug information (the page declines to give any).
    Refused(String),
    /// The input could not be read or understood.
    Failed(String),
}

impl From<String> for Rejection {
    fn from(why: String) -> Self {
        Rejection::Failed(why)
    }
}

/// What a source says of itself outside the imported files (a site's
/// README, say), recorded in each import's provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Its text was written by AI.
    AiGenerated,
    /// Its text was written by the public.
    CrowdSourced,
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to this path; the headings of sections that could not be
    /// mapped; why the id differs from the one the title makes, if it does.
    Imported(PathBuf, Vec<String>, Option<String>),
    /// Holds no drug information.
    Refused(String, String),
    /// Not written because the file exists (or the id repeats in this run).
    Skipped(PathBuf, String),
    /// Could not be read or understood.
    Failed(String, String),
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Monographs written.
    pub imported: usize,
    /// Monographs not written.
    pub skipped: usize,
    /// Inputs that hold no drug information.
    pub refused: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Monographs written under a numbered id because another input had
    /// taken the id their title makes.
    pub renamed: usize,
    /// Sections kept under a labelled note because they could not be mapped.
    pub unmapped: usize,
}

impl Summary {
    /// Adds one outcome to the counts.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Imported(_, unmapped, renamed) => {
                self.imported += 1;
                self.unmapped += unmapped.len();
                self.renamed += usize::from(renamed.is_some());
            }
            Outcome::Refused(..) => self.refused += 1,
            Outcome::Skipped(..) => self.skipped += 1,
            Outcome::Failed(..) => self.failed += 1,
        }
    }
}

/// Every file under the given paths, directories recursed, hidden files skipped, sorted.
pub fn input_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Outcome>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walk = crate::walk::files_under(path);
            files.extend(walk.files);
            failures.extend(
                walk.errors
                    .into_iter()
                    .map(|(p, why)| Outcome::Failed(p.display().to_string(), why)),
            );
        } else if path.exists() {
            files.push(path.clone());
        } else {
            failures.push(Outcome::Failed(
                path.display().to_string(),
                "no such file or directory".into(),
            ));
        }
    }
    (files, failures)
}

/// The page shapes the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A Markdown drug page.
    Markdown,
    /// A plain-text patient guide.
    Guide,
    /// An openFDA drug-label JSON file (one label or a bulk download).
    Fda,
    /// A DailyMed SPL XML label (one label a file).
    Spl,
}

impl Shape {
    /// Recognises a page's shape from its text. The structured shapes are
    /// tried first because their text can quote Markdown and guide headings.
    pub fn detect(text: &str) -> Option<Shape> {
        if spl::looks_like(text) {
            Some(Shape::Spl)
        } else if fda::looks_like(text) {
            Some(Shape::Fda)
        } else if guide::looks_like(text) {
            Some(Shape::Guide)
        } else if markdown::looks_like(text) {
            Some(Shape::Markdown)
        } else {
            None
        }
    }
}

/// Converts one file's text into monographs (an openFDA bulk file gives several).
pub fn convert(
    origin: &str,
    text: &str,
    today: ReviewedDate,
) -> Vec<Result<(Monograph, Vec<String>), Rejection>> {
    match Shape::detect(text) {
        Some(shape) => convert_as(shape, origin, text, today),
        None => vec![Err(Rejection::Failed(
            "not a recognised page shape (Markdown drug page, plain-text guide, openFDA JSON or DailyMed SPL XML)"
                .into(),
        ))],
    }
}

/// Converts text read as the given shape, whatever it looks like.
pub fn convert_as(
    shape: Shape,
    origin: &str,
    text: &str,
    today: ReviewedDate,
) -> Vec<Result<(Monograph, Vec<String>), Rejection>> {
    let drafts: Vec<Result<Draft, Rejection>> = match shape {
        Shape::Fda => match fda::parse(text) {
            Ok(labels) => labels
                .into_iter()
                .map(|l| l.map_err(Rejection::from))
                .collect(),
            Err(e) => vec![Err(e.into())],
        },
        Shape::Spl => vec![
            spl::parse(text)
                .map_err(|e| format!("not a readable SPL label: {e}"))
                .and_then(|l| label::to_draft(&l))
                .map_err(Rejection::from),
        ],
        Shape::Guide => vec![guide::parse(text).map_err(Rejection::from)],
        Shape::Markdown => vec![markdown::parse(text)],
    };
    drafts
        .into_iter()
        .map(|draft| finish_checked(draft?, origin, today))
        .collect()
}

/// A draft as a sanitised monograph that passes `rxdoc check`, with the
/// headings of the sections it could not map.
fn finish_checked(
    draft: Draft,
    origin: &str,
    today: ReviewedDate,
) -> Result<(Monograph, Vec<String>), Rejection> {
    let unmapped = draft.unmapped.iter().map(|(h, _)| h.clone()).collect();
    let mut monograph = draft.finish(origin, today);
    monograph.for_each_text_mut(|s| *s = sanitize(s));
    let problems = validate(&monograph);
    match problems.first() {
        None => Ok((monograph, unmapped)),
        Some(p) => Err(Rejection::Failed(format!(
            "could not build a valid monograph: {}",
            p.message
        ))),
    }
}

/// Imports one file into `out`, never overwriting unless `force`.
/// `taken` holds the ids already given out in this run: an input whose
/// title makes a taken id is written under a numbered one and reported.
pub fn import_file(
    path: &Path,
    out: &Path,
    force: bool,
    declared: &[Claim],
    today: ReviewedDate,
    taken: &mut Ids,
) -> Vec<Outcome> {
    let shown = path.display().to_string();
    let text = match read_page(path) {
        Ok(t) => t,
        Err(e) => return vec![Outcome::Failed(shown, e)],
    };
    convert(&shown, &text, today)
        .into_iter()
        .map(|result| match result {
            Err(Rejection::Refused(why)) => Outcome::Refused(shown.clone(), why),
            Err(Rejection::Failed(why)) => Outcome::Failed(shown.clone(), why),
            Ok((mut monograph, unmapped)) => {
                if let Some(p) = &mut monograph.provenance {
                    p.ai_generated |= declared.contains(&Claim::AiGenerated);
                    p.crowd_sourced |= declared.contains(&Claim::CrowdSourced);
                }
                let base = monograph.id.clone();
                monograph.id = taken.unique(&base);
                let renamed = (monograph.id != base)
                    .then(|| format!("id `{base}` was taken by another input in this run"));
                write(&monograph, unmapped, renamed, out, force)
            }
        })
        .collect()
}

fn read_page(path: &Path) -> Result<String, String> {
    let bytes = read_capped(path, MAX_PAGE_BYTES).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|_| "file is not valid UTF-8 text".to_string())
}

fn write(
    m: &Monograph,
    unmapped: Vec<String>,
    renamed: Option<String>,
    out: &Path,
    force: bool,
) -> Outcome {
    let target = out.join(format!("{}.toml", m.id));
    let text = match crate::export::toml::render(m) {
        Ok(t) => t,
        Err(e) => return Outcome::Failed(m.id.clone(), format!("cannot write TOML: {e}")),
    };
    // Whether the target exists is settled by the rename itself, so a file
    // created meanwhile is not overwritten either.
    match write_atomically(&target, text.as_bytes(), Existing::replaced_if(force)) {
        Ok(()) => Outcome::Imported(target, unmapped, renamed),
        Err(WriteError::Exists) => {
            Outcome::Skipped(target, "already exists (use --force to overwrite)".into())
        }
        Err(e) => Outcome::Failed(target.display().to_string(), format!("cannot write: {e}")),
    }
}
