//! The bulk half of `rxdoc import`: the FDA's label downloads, with a
//! progress bar on a terminal and the summary at the end.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::date::ReviewedDate;
use crate::import::bulk::{self, Line, Options, Summary, Tick};
use crate::import::{MAX_PAGE_BYTES, bulk::is_zip};
use crate::sanitize::{escape, escape_path};
use crate::slug::Ids;

/// Whether an input is part of a bulk download: a zip archive, or JSON over
/// the page limit (an unpacked openFDA file).
pub fn is_bulk(path: &Path) -> bool {
    is_zip(path) || (is_big(path) && starts_like_json(path))
}

fn is_big(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > MAX_PAGE_BYTES)
}

fn starts_like_json(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 256];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    head[..n]
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'[')
}

/// Imports the bulk inputs, reports each file and the summary; the summary
/// says whether anything failed.
pub fn import(
    inputs: &[PathBuf],
    out_dir: &Path,
    force: bool,
    taken: &mut Ids,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Summary> {
    let mut options = Options::new(force, ReviewedDate::today());
    // Ctrl-C stops after the record being read (every file written so far
    // is whole); a second Ctrl-C ends at once.
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::SIGINT;
        let _ = signal_hook::flag::register_conditional_shutdown(SIGINT, 130, Arc::clone(&stop));
        let _ = signal_hook::flag::register(SIGINT, Arc::clone(&stop));
    }
    options.stop = Some(stop);
    let bar = progress_bar();
    let summary = bulk::import(inputs, out_dir, &options, taken, &mut |tick| match tick {
        Tick::Pass(name) => {
            bar.reset();
            bar.set_message(name);
        }
        Tick::Record => bar.inc(1),
    });
    bar.finish_and_clear();
    report(&summary, out, err)?;
    Ok(summary)
}

/// A spinner with counts and rate, drawn only when standard error is a
/// terminal.
fn progress_bar() -> ProgressBar {
    let target = if io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {msg}: {human_pos} records, {per_sec}, {elapsed}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

fn report(summary: &Summary, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
    for line in &summary.lines {
        match line {
            Line::Written(path, labels) => {
                writeln!(out, "imported {}{}", escape_path(path), merged(*labels))?;
            }
            Line::Updated(path, labels) => {
                writeln!(out, "updated {}{}", escape_path(path), merged(*labels))?;
            }
            Line::Kept(path, why) => {
                writeln!(err, "skipped {}: {}", escape_path(path), escape(why))?;
            }
            Line::Skipped(what, why) => writeln!(err, "skipped {}: {}", escape(what), escape(why))?,
            Line::Failed(what, why) => writeln!(err, "failed {}: {}", escape(what), escape(why))?,
        }
    }
    writeln!(out, "{}", summary.line())
}

fn merged(labels: usize) -> String {
    match labels {
        0 | 1 => String::new(),
        n => format!(" ({n} labels merged)"),
    }
}
