//! `rxdoc interactions` and `rxdoc compare`: what monographs say of each
//! other, and one section of two monographs one after the other.

use std::io::{self, Write};

use crate::DISCLAIMER;
use crate::export::plain;
use crate::interactions::{Finding, Report, Row, check, outline, resolve_all};
use crate::load::Library;
use crate::pane::Pane;
use crate::resolve::{ResolveError, resolve};
use crate::wrap::wrap;

use super::{Destination, Outcome, table};

/// How the matched words of a passage are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `**words**`, for pipes and files.
    Plain,
    /// Bold, for a terminal.
    Bold,
}

impl From<Destination> for Marks {
    fn from(to: Destination) -> Self {
        match to {
            Destination::Terminal => Marks::Bold,
            Destination::Pipe => Marks::Plain,
        }
    }
}

/// `rxdoc interactions`: every pair's findings; exit status 1 when none,
/// 2 when a name is unknown (so that a script never reads an unknown name
/// as "no interaction").
pub fn interactions(
    library: &Library,
    names: &[String],
    json: bool,
    marks: Marks,
    width: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let (parties, duplicates) = match resolve_all(library, names) {
        Ok(found) => found,
        Err(e) => return unknown(&e, err),
    };
    if parties.len() < 2 {
        let only = parties.first().map_or("", |p| p.name());
        writeln!(
            err,
            "rxdoc: name at least two different drugs (all of them were {only})"
        )?;
        return Ok(Outcome::Error);
    }
    let report = check(&library.classes, &parties, duplicates);
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        table::json_disclaimer(out, err)?;
    } else {
        out.write_all(render(&report, marks, width).as_bytes())?;
    }
    Ok(if report.found_any() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

fn unknown(e: &ResolveError, err: &mut dyn Write) -> io::Result<Outcome> {
    writeln!(err, "rxdoc: {e}")?;
    Ok(Outcome::Error)
}

/// The report as text for a person, the disclaimer first and last.
pub fn render(report: &Report, marks: Marks, width: Option<usize>) -> String {
    let mut out = Text::new(width);
    out.put(
        &format!("INTERACTION CHECK: {}", report.checked.join(", ")),
        "",
        "",
    );
    out.put(DISCLAIMER, "", "");
    for row in outline(report) {
        match &row {
            Row::Pair(pair) => out.put(&format!("== {pair} =="), "", ""),
            Row::NothingForPair | Row::Source(_) => out.put(row.text(), "  ", "  "),
            Row::Passage(finding) => out.put(&marked(finding, marks), "    ", "    "),
            Row::Matched(_) | Row::Advice(_) => out.put(row.text(), "    ", "      "),
            Row::Blank | Row::Duplicate(_) | Row::NothingAtAll | Row::Note(_) => {
                out.put(row.text(), "", "");
            }
        }
    }
    out.put(DISCLAIMER, "", "");
    out.text
}

/// The passage with its matched words marked.
pub fn marked(finding: &Finding, marks: Marks) -> String {
    let (open, close) = match marks {
        Marks::Plain => ("**", "**"),
        Marks::Bold => ("\x1b[1m", "\x1b[22m"),
    };
    let text = &finding.text;
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for range in &finding.matched {
        // Ranges come sorted and merged; one that overlaps the last is
        // skipped rather than trusted.
        if range.start < at || range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(open);
        out.push_str(&text[range.clone()]);
        out.push_str(close);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Lines of text, wrapped at `width` when there is one.
struct Text {
    width: Option<usize>,
    text: String,
}

impl Text {
    fn new(width: Option<usize>) -> Self {
        Self {
            width,
            text: String::new(),
        }
    }

    fn put(&mut self, line: &str, first: &str, rest: &str) {
        match self.width {
            Some(w) => {
                for l in wrap(line, w, first, rest) {
                    self.text.push_str(l.trim_end());
                    self.text.push('\n');
                }
            }
            None => {
                self.text.push_str(first);
                self.text.push_str(line);
                self.text.push('\n');
            }
        }
    }
}

/// `rxdoc compare`: one section (before you take by default) of two
/// monographs, one after the other, each under its drug's name.
pub fn compare(
    library: &Library,
    first: &str,
    second: &str,
    section: Option<Pane>,
    width: Option<usize>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let section = section.unwrap_or(Pane::BeforeYouTake);
    let mut monographs = Vec::new();
    for name in [first, second] {
        match resolve(library, name) {
            Ok(m) => monographs.push(m),
            Err(e) => return unknown(&e, err),
        }
    }
    if monographs[0].id == monographs[1].id {
        writeln!(
            err,
            "rxdoc: both names are {}; name two different drugs",
            monographs[0].name
        )?;
        return Ok(Outcome::Error);
    }
    writeln!(
        out,
        "COMPARING {}: {} and {}\n",
        section.title().to_uppercase(),
        monographs[0].name,
        monographs[1].name
    )?;
    for (i, m) in monographs.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{}\n", "-".repeat(width.unwrap_or(40).min(60)))?;
        }
        // Each part is the drug's own rendering, disclaimer included.
        out.write_all(plain::render(m, &[section], width).as_bytes())?;
    }
    Ok(Outcome::Success)
}
