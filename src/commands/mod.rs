//! The plain command line: each subcommand prints to a writer and returns
//! whether it succeeded, so tests and the binary share one code path.

mod bulk;
pub mod config;
mod interactions;
pub mod pager;
mod review;
mod search;
mod table;
mod transfer;

pub use interactions::{Marks, compare, interactions};
pub use search::{SearchOptions, faq, search};
pub use table::Destination;
pub use transfer::{export, import};

use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::export::plain;
use crate::load::{Library, Source};
use crate::model::Monograph;
use crate::pane::Pane;
use crate::resolve::{ResolveError, resolve};
use crate::text::plural;
use crate::wrap::pad;

/// What a command's run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Did what was asked.
    Success,
    /// Ran, but found nothing or found problems (exit status 1).
    Failure,
    /// Could not do what was asked, and said why: a file in the way, a
    /// place that cannot be written (exit status 2, as for bad arguments).
    Error,
}

/// `rxdoc list`: a table on a terminal; one tab-separated line a monograph
/// (id, name, brands, class) when piped.
pub fn list(
    library: &Library,
    json: bool,
    to: Destination,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        name: &'a str,
        brands: &'a [String],
        drug_class: &'a str,
        review_status: String,
    }
    if json {
        let rows: Vec<Row<'_>> = library
            .monographs()
            .map(|m| Row {
                id: &m.id,
                name: &m.name,
                brands: &m.brands,
                drug_class: &m.drug_class,
                review_status: m.review_status(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        table::json_disclaimer(out, err)?;
        return Ok(Outcome::Success);
    }
    let summary = plural(library.entries.len(), "drug");
    if to == Destination::Pipe {
        for m in library.monographs() {
            let brands = m.brands.join(", ");
            table::tab_separated(&[&m.id, &m.name, &brands, &m.drug_class], out)?;
        }
        table::closing(&summary, to, out, err)?;
        return Ok(Outcome::Success);
    }
    // Columns are padded by display width: a CJK name takes two columns a
    // character.
    let width = |text: fn(&Monograph) -> &str, heading: &str| {
        library
            .monographs()
            .map(|m| text(m).width())
            .max()
            .unwrap_or(0)
            .max(heading.width())
    };
    let id_width = width(|m| &m.id, "ID");
    let name_width = width(|m| &m.name, "NAME");
    writeln!(
        out,
        "{}  {}  BRANDS — CLASS",
        pad("ID", id_width),
        pad("NAME", name_width)
    )?;
    for m in library.monographs() {
        writeln!(
            out,
            "{}  {}  {} — {}",
            pad(&m.id, id_width),
            pad(&m.name, name_width),
            m.brands.join(", "),
            m.drug_class
        )?;
    }
    table::closing(&summary, to, out, err)?;
    Ok(Outcome::Success)
}

/// `rxdoc show`.
pub fn show(
    library: &Library,
    drug: &str,
    section: Option<Pane>,
    json: bool,
    width: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let monograph = match resolve(library, drug) {
        Ok(m) => m,
        Err(e) => return report_unresolved(&e, err),
    };
    if json {
        write_json(&monograph, section, out)?;
        table::json_disclaimer(out, err)?;
    } else {
        let panes = section.map_or(Pane::ALL.to_vec(), |p| vec![p]);
        out.write_all(plain::render(&monograph, &panes, width).as_bytes())?;
    }
    Ok(Outcome::Success)
}

pub(crate) fn report_unresolved(e: &ResolveError, err: &mut dyn Write) -> io::Result<Outcome> {
    writeln!(err, "rxdoc: {e}")?;
    Ok(Outcome::Failure)
}

fn write_json(m: &Monograph, section: Option<Pane>, out: &mut dyn Write) -> io::Result<()> {
    let value = match section {
        // The file's keys, and the review status a reader of the JSON
        // would otherwise have to work out ("imported, not reviewed").
        None => serde_json::to_value(m).map(|mut v| {
            if let Some(o) = v.as_object_mut() {
                o.insert("review_status".into(), m.review_status().into());
            }
            v
        }),
        Some(Pane::Usage) => serde_json::to_value(&m.usage),
        Some(Pane::SideEffects) => serde_json::to_value(&m.side_effects),
        Some(Pane::HowItWorks) => serde_json::to_value(&m.how_it_works),
        Some(Pane::Faqs) => serde_json::to_value(&m.faqs),
        Some(Pane::BeforeYouTake) => serde_json::to_value(&m.before_you_take),
        Some(Pane::Contraception) => serde_json::to_value(&m.contraception),
    }
    .map_err(io::Error::other)?;
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// `rxdoc check`: every problem in the given files, checked together so that
/// two files sharing an id are reported; with `strict`, the content review
/// of [`crate::lint`] as well.
pub fn check(
    sources: &[Source],
    strict: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let library = Library::load_as_one(sources);
    let mut problems = library.diagnostics.clone();
    if strict {
        problems.extend(review::review(&library, sources));
    }
    for problem in &problems {
        writeln!(err, "{problem}")?;
    }
    let problems = problems.len();
    writeln!(
        out,
        "{}, {}",
        plural(library.entries.len(), "valid monograph"),
        plural(problems, "problem")
    )?;
    Ok(if problems == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
