//! `rxdoc search` and `rxdoc faq`.

use std::io::{self, Write};

use serde::Serialize;

use super::table::{self, Destination};
use super::{Outcome, report_unresolved};
use crate::DISCLAIMER;
use crate::cache::Searchable;
use crate::load::Library;
use crate::model::Monograph;
use crate::pane::Pane;
use crate::resolve::resolve;
use crate::search::fulltext::{Index, Rows, SearchHit, Totals};
use crate::text::plural;
use crate::wrap::excerpt;
use unicode_width::UnicodeWidthStr;

/// What `rxdoc search` is asked.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    /// Only this pane.
    pub section: Option<Pane>,
    /// At most this many rows.
    pub limit: usize,
    /// Every matching passage rather than one row per drug.
    pub all: bool,
    /// Print JSON.
    pub json: bool,
    /// The terminal's width, when printing to one: snippets are cut to fit
    /// around their matched words.
    pub width: Option<usize>,
    /// Aligned rows for a person, or tab-separated ones for a program.
    pub to: Destination,
}

/// One result row of `rxdoc search --json`.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    section: &'a str,
    /// For a graded side effect: "get emergency help", "call your
    /// doctor" or "common".
    #[serde(skip_serializing_if = "Option::is_none")]
    urgency: Option<&'static str>,
    snippet: &'a str,
    matched_words: usize,
    query_words: usize,
    /// With one row per drug: how many more of its passages match.
    more: usize,
}

/// `rxdoc search --json`: the rows and what they are out of.
#[derive(Serialize)]
struct Answer<'a> {
    results: Vec<Row<'a>>,
    total_drugs: usize,
    total_passages: usize,
}

/// `rxdoc search`: one row a drug (or, with `all`, a passage); piped, one
/// tab-separated line a row: id, section, urgency, snippet, more.
pub fn search(
    library: &mut Searchable,
    query: &str,
    options: SearchOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let rows = if options.all {
        Rows::Passage
    } else {
        Rows::Drug
    };
    let hits = library.search(query, options.section, options.limit, rows);
    // Counting every match reads every list of the query to its end, which
    // a search that stops early does not: it is done where the totals are
    // read — for a person at a terminal, and in JSON — not when rows are
    // piped to another program.
    let counted = options.json || options.width.is_some();
    let totals = counted.then(|| library.index.totals(query, options.section));
    if options.json {
        let results = hits
            .iter()
            .map(|h| Row {
                id: library.ids.at(h.drug),
                name: library.names.at(h.drug),
                section: h.pane.slug(),
                urgency: h.urgency.label(),
                snippet: &h.snippet,
                matched_words: h.matched,
                query_words: h.wanted,
                more: h.more,
            })
            .collect();
        let totals = totals.unwrap_or_default();
        let answer = Answer {
            results,
            total_drugs: totals.drugs,
            total_passages: totals.passages,
        };
        serde_json::to_writer_pretty(&mut *out, &answer)?;
        writeln!(out)?;
        table::json_disclaimer(out, err)?;
    } else {
        match options.to {
            Destination::Terminal => print_rows(library, &hits, options.width, out)?,
            Destination::Pipe => print_tab_separated(library, &hits, out)?,
        }
        let count = match totals {
            Some(totals) => count_line(hits.len(), totals, options.all),
            None => shown_line(hits.len(), options),
        };
        table::closing(&count, options.to, out, err)?;
    }
    Ok(if hits.is_empty() {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

/// One line a row: id, pane, urgency, snippet (cut to `width` around its
/// matched words), "+N more".
fn print_rows(
    library: &Searchable,
    hits: &[SearchHit],
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id_width = hits
        .iter()
        .map(|h| library.ids.at(h.drug).width())
        .max()
        .unwrap_or(0);
    let pane_width = hits.iter().map(|h| h.pane.slug().len()).max().unwrap_or(0);
    for h in hits {
        let id = library.ids.at(h.drug);
        let label = h
            .urgency
            .label()
            .map(|l| format!("[{l}] "))
            .unwrap_or_default();
        let more = if h.more > 0 {
            format!("  +{} more", h.more)
        } else {
            String::new()
        };
        let used = id_width + 2 + pane_width + 2 + label.width() + more.width();
        let snippet = match width {
            Some(width) => {
                excerpt(
                    &h.snippet,
                    &h.highlights,
                    width.saturating_sub(used).max(20),
                )
                .0
            }
            None => h.snippet.clone(),
        };
        let pad = id_width.saturating_sub(id.width());
        writeln!(
            out,
            "{id}{:pad$}  {:pane_width$}  {label}{snippet}{more}",
            "",
            h.pane.slug(),
        )?;
    }
    Ok(())
}

/// [`print_rows`] for a program: whole snippets, a column each.
fn print_tab_separated(
    library: &Searchable,
    hits: &[SearchHit],
    out: &mut dyn Write,
) -> io::Result<()> {
    for h in hits {
        let more = h.more.to_string();
        let fields = [
            library.ids.at(h.drug),
            h.pane.slug(),
            h.urgency.label().unwrap_or_default(),
            &h.snippet,
            &more,
        ];
        table::tab_separated(&fields, out)?;
    }
    Ok(())
}

/// "20 drugs", or "the first 20 drugs" when the list may be cut: what is
/// said without the totals.
fn shown_line(shown: usize, options: SearchOptions) -> String {
    let unit = if options.all { "passage" } else { "drug" };
    if shown == options.limit {
        format!("the first {}", plural(shown, unit))
    } else {
        plural(shown, unit)
    }
}

/// "20 of 25 drugs (61 passages)", or "3 drugs (5 passages)" when nothing
/// was cut; with `--all`, in passages.
fn count_line(shown: usize, totals: Totals, all: bool) -> String {
    let (unit, total) = if all {
        ("passage", totals.passages)
    } else {
        ("drug", totals.drugs)
    };
    let counted = if shown < total {
        format!("{shown} of {}", plural(total, unit))
    } else {
        plural(shown, unit)
    };
    if all {
        format!("{counted} in {}", plural(totals.drugs, "drug"))
    } else {
        format!("{counted} ({})", plural(totals.passages, "passage"))
    }
}

/// One FAQ with its drug.
#[derive(Debug, Serialize)]
struct FaqRow<'a> {
    id: &'a str,
    name: &'a str,
    question: &'a str,
    answer: &'a str,
}

/// `rxdoc faq`; `index` gives the full-text index of `library` when there
/// is a query.
pub fn faq(
    library: &Library,
    index: impl FnOnce() -> Index,
    query: &str,
    drug: Option<&str>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let only = match drug.map(|d| resolve(library, d)) {
        Some(Ok(m)) => Some(m.id.clone()),
        Some(Err(e)) => return report_unresolved(&e, err),
        None => None,
    };
    let drugs: Vec<&Monograph> = library.monographs().collect();
    let wanted = |m: &Monograph| only.as_ref().is_none_or(|id| *id == m.id);
    let rows: Vec<FaqRow<'_>> = if query.trim().is_empty() {
        drugs
            .iter()
            .filter(|m| wanted(m))
            .flat_map(|m| m.faqs.iter().map(move |f| row(m, f)))
            .collect()
    } else {
        index()
            .faqs(query)
            .into_iter()
            .filter(|&(drug, _)| wanted(drugs[drug]))
            .filter_map(|(drug, faq)| {
                let m = drugs[drug];
                m.faqs.get(faq).map(|f| row(m, f))
            })
            .collect()
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        table::json_disclaimer(out, err)?;
    } else {
        // A document for a person, piped or not: the disclaimer opens it
        // as well as closing it.
        writeln!(out, "{DISCLAIMER}\n")?;
        let mut last = "";
        for r in &rows {
            if r.id != last {
                writeln!(out, "{}{}", if last.is_empty() { "" } else { "\n" }, r.name)?;
                last = r.id;
            }
            writeln!(out, "  Q: {}", r.question)?;
            for line in r.answer.lines() {
                writeln!(out, "     {}", line.trim())?;
            }
        }
        writeln!(out, "\n{}. {DISCLAIMER}", plural(rows.len(), "FAQ"))?;
    }
    Ok(if rows.is_empty() {
        Outcome::Failure
    } else {
        Outcome::Success
    })
}

fn row<'a>(m: &'a Monograph, f: &'a crate::model::Faq) -> FaqRow<'a> {
    FaqRow {
        id: &m.id,
        name: &m.name,
        question: &f.question,
        answer: &f.answer,
    }
}
