//! `rxdoc import` and `rxdoc export`.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::{Outcome, report_unresolved};
use crate::date::ReviewedDate;
use crate::export::Format;
use crate::import::{self, Summary};
use crate::load::Library;
use crate::resolve::resolve;
use crate::sanitize::{escape, escape_path};
use crate::text::plural;
use crate::userfile::{Existing, WriteError, write_atomically};

/// Inputs above which a progress bar is drawn (on a terminal only).
const PROGRESS_FROM: usize = 50;

/// `rxdoc import`.
pub fn import(
    paths: &[PathBuf],
    out_dir: &Path,
    force: bool,
    declared: &[import::Claim],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    // A missing directory is made, as `mkdir -p` would.
    let problem = match std::fs::metadata(out_dir) {
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some("is not a directory".to_string()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => std::fs::create_dir_all(out_dir)
            .err()
            .map(|e| format!("cannot be created: {e}")),
        Err(e) => Some(format!("cannot be used: {e}")),
    };
    if let Some(problem) = problem {
        writeln!(
            err,
            "rxdoc: output directory {} {}",
            escape_path(out_dir),
            escape(&problem)
        )?;
        return Ok(Outcome::Error);
    }
    let (files, mut outcomes) = import::input_files(paths);
    let (bulk_files, files): (Vec<PathBuf>, Vec<PathBuf>) =
        files.into_iter().partition(|f| super::bulk::is_bulk(f));
    let today = ReviewedDate::today();
    let mut taken = crate::slug::Ids::default();
    let bulk_failed = if bulk_files.is_empty() {
        false
    } else {
        let summary = super::bulk::import(&bulk_files, out_dir, force, &mut taken, out, err)?;
        if files.is_empty() && outcomes.is_empty() {
            return Ok(if summary.failed == 0 && !summary.interrupted {
                Outcome::Success
            } else {
                Outcome::Failure
            });
        }
        summary.failed > 0 || summary.interrupted
    };
    let progress = files.len() >= PROGRESS_FROM && io::stderr().is_terminal();
    for (n, file) in files.iter().enumerate() {
        outcomes.extend(import::import_file(
            file, out_dir, force, declared, today, &mut taken,
        ));
        if progress {
            draw_progress(err, n + 1, files.len())?;
        }
    }
    if progress {
        writeln!(err)?;
    }
    let mut summary = Summary::default();
    for outcome in &outcomes {
        summary.add(outcome);
        match outcome {
            import::Outcome::Imported(path, unmapped, renamed) => {
                write!(out, "imported {}", escape_path(path))?;
                if let Some(why) = renamed {
                    write!(out, " ({})", escape(why))?;
                }
                if !unmapped.is_empty() {
                    write!(
                        out,
                        " (kept under a labelled note: {})",
                        escape(&unmapped.join(", "))
                    )?;
                }
                writeln!(out)?;
            }
            import::Outcome::Refused(what, why) => {
                writeln!(err, "refused {}: {}", escape(what), escape(why))?;
            }
            import::Outcome::Skipped(path, why) => {
                writeln!(err, "skipped {}: {}", escape_path(path), escape(why))?;
            }
            import::Outcome::Failed(what, why) => {
                writeln!(err, "failed {}: {}", escape(what), escape(why))?;
            }
        }
    }
    writeln!(
        out,
        "{} imported, {} skipped, {} failed, {} refused (no drug information), {} under a numbered id, {} unmapped",
        summary.imported,
        summary.skipped,
        summary.failed,
        summary.refused,
        summary.renamed,
        plural(summary.unmapped, "section")
    )?;
    Ok(if summary.failed == 0 && !bulk_failed {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

fn draw_progress(err: &mut dyn Write, done: usize, total: usize) -> io::Result<()> {
    const WIDTH: usize = 30;
    let filled = WIDTH * done / total.max(1);
    write!(
        err,
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled)
    )?;
    err.flush()
}

/// `rxdoc export`.
pub fn export(
    library: &Library,
    drug: &str,
    format: Format,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let monograph = match resolve(library, drug) {
        Ok(m) => m,
        Err(e) => return report_unresolved(&e, err),
    };
    let text = format.render(&monograph);
    let Some(path) = output else {
        out.write_all(text.as_bytes())?;
        return Ok(Outcome::Success);
    };
    match write_atomically(path, text.as_bytes(), Existing::replaced_if(force)) {
        Ok(()) => writeln!(err, "wrote {}", escape_path(path))?,
        Err(WriteError::Exists) => {
            writeln!(
                err,
                "rxdoc: {} already exists; use --force to overwrite it",
                escape_path(path)
            )?;
            return Ok(Outcome::Error);
        }
        Err(e) => {
            let e = e.to_string();
            writeln!(
                err,
                "rxdoc: cannot write {}: {}",
                escape_path(path),
                escape(&e)
            )?;
            return Ok(Outcome::Error);
        }
    }
    Ok(Outcome::Success)
}
