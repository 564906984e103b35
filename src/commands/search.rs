//! `rxdoc search` and `rxdoc faq`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Outcome, plural, report_unresolved};
use crate::DISCLAIMER;
use crate::load::Library;
use crate::model::Monograph;
use crate::pane::Pane;
use crate::resolve::resolve;
use crate::search::cache::Searchable;
use crate::search::fulltext::{Index, SearchHit};

/// `rxdoc search`.
pub fn search(
    library: &mut Searchable,
    query: &str,
    section: Option<Pane>,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> io::Result<Outcome> {
    let hits = library.search(query, section, limit);
    if json {
        #[derive(Serialize)]
        struct Row<'a> {
            id: &'a str,
            name: &'a str,
            section: &'a str,
            snippet: &'a str,
            matched_words: usize,
            query_words: usize,
        }
        let rows: Vec<Row<'_>> = hits
            .iter()
            .map(|h| Row {
                id: &library.ids[h.drug],
                name: &library.names[h.drug],
                section: h.pane.slug(),
                snippet: &h.snippet,
                matched_words: h.matched,
                query_words: h.wanted,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
        let id_width = hits
            .iter()
            .map(|h| library.ids[h.drug].len())
            .max()
            .unwrap_or(0);
        let pane_width = hits.iter().map(|h| h.pane.slug().len()).max().unwrap_or(0);
        for h in &hits {
            writeln!(
                out,
                "{:id_width$}  {:pane_width$}  {}",
                library.ids[h.drug],
                h.pane.slug(),
                h.snippet
            )?;
        }
        writeln!(out, "\n{}. {DISCLAIMER}", plural(hits.len(), "result"))?;
    }
    Ok(if hits.is_empty() {
        Outcome::Failure
    } else {
        Outcome::Success
    })
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
        Some(Err(e)) => return report_unresolved(e, err),
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
        let hits: Vec<SearchHit> = index()
            .search_sections(query, Some(Pane::Faqs), usize::MAX)
            .into_iter()
            .filter(|h| wanted(drugs[h.drug]))
            .collect();
        // Only the FAQs that match as many words as the best one does.
        let best = hits.iter().map(|h| h.matched).max().unwrap_or(0);
        hits.iter()
            .filter(|h| h.matched == best)
            .filter_map(|h| {
                let m = drugs[h.drug];
                h.section.and_then(|s| m.faqs.get(s)).map(|f| row(m, f))
            })
            .collect()
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
    } else {
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
