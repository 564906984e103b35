//! A pane laid out as wrapped lines for one width. The browser keeps one of
//! these and rebuilds it only when the drug, tab, width or FAQ state changes,
//! so scrolling a long pane never re-wraps it.

use crate::model::Monograph;
use crate::pane::{AFTER_LAST_DOSE_TITLE, Pane, Tone, document};
use crate::text::Block;
use crate::wrap::wrap;

/// What a piece of a line is, so the view can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A section heading.
    Heading(Tone),
    /// Body text.
    Text,
    /// A bullet or FAQ marker.
    Marker,
    /// A FAQ question; `selected` when the FAQ cursor is on it.
    Question {
        /// Under the cursor.
        selected: bool,
    },
    /// The filled part of a chart bar.
    Bar,
    /// Secondary text (chart values, notes).
    Dim,
}

/// A styled piece of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Text.
    pub text: String,
    /// Style hint.
    pub kind: Kind,
}

/// One wrapped line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewLine {
    /// Pieces, left to right.
    pub segments: Vec<Segment>,
    /// The line goes on from the one above: the same text, wrapped there
    /// at a space. Find reads such lines as one text.
    pub continued: bool,
}

impl ViewLine {
    fn push(&mut self, text: impl Into<String>, kind: Kind) {
        self.segments.push(Segment {
            text: text.into(),
            kind,
        });
    }

    /// The line's plain text.
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A pane's wrapped lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaneView {
    /// Lines top to bottom.
    pub lines: Vec<ViewLine>,
    /// For the FAQs pane: the line where each question starts.
    pub faq_lines: Vec<usize>,
}

const BULLET: &str = "  • ";
const HANG: &str = "    ";
const INDENT: &str = "  ";

/// Lays out one pane at `width` columns. `faq_open[i]` says whether FAQ `i`'s
/// answer is shown; `faq_cursor` is the selected FAQ.
pub fn build(
    m: &Monograph,
    pane: Pane,
    width: usize,
    faq_open: &[bool],
    faq_cursor: usize,
) -> PaneView {
    let mut view = PaneView::default();
    let width = width.max(1);
    if pane == Pane::Contraception {
        chart(m, width, &mut view.lines);
    }
    // The header above the tabs is cut to fit the screen; what it may cut
    // is repeated in full where a reader would look for it.
    // An import may give neither (the header says "Route —"): no heading
    // over an empty bullet then.
    let route = (!m.route.is_empty()).then_some(&m.route);
    if pane == Pane::Usage && (route.is_some() || !m.dosage_forms.is_empty()) {
        push_wrapped(
            &mut view.lines,
            "Forms and route",
            width,
            "",
            "",
            Kind::Heading(Tone::Plain),
        );
        for item in m.dosage_forms.iter().chain(route) {
            push_wrapped(&mut view.lines, item, width, BULLET, HANG, Kind::Text);
        }
    }
    if let (Pane::SideEffects, Some(warning)) = (pane, &m.boxed_warning) {
        push_wrapped(
            &mut view.lines,
            "Boxed warning",
            width,
            "",
            "",
            Kind::Heading(Tone::Emergency),
        );
        push_wrapped(&mut view.lines, warning, width, INDENT, INDENT, Kind::Text);
    }
    for (i, section) in document(m, pane).into_iter().enumerate() {
        if pane == Pane::Contraception && section.title.as_deref() == Some(AFTER_LAST_DOSE_TITLE) {
            continue; // drawn as the chart above
        }
        if !view.lines.is_empty() {
            view.lines.push(ViewLine::default());
        }
        if pane == Pane::Faqs {
            view.faq_lines.push(view.lines.len());
            let open = faq_open.get(i).copied().unwrap_or(false);
            let title = section.title.as_deref().unwrap_or_default();
            let marker = if open { "▾ " } else { "▸ " };
            let kind = Kind::Question {
                selected: i == faq_cursor,
            };
            push_wrapped(&mut view.lines, title, width, marker, "  ", kind);
            if open {
                push_blocks(&mut view.lines, &section.blocks, width);
            }
            continue;
        }
        if let Some(title) = &section.title {
            push_wrapped(
                &mut view.lines,
                title,
                width,
                "",
                "",
                Kind::Heading(section.tone),
            );
        }
        push_blocks(&mut view.lines, &section.blocks, width);
    }
    view
}

/// Appends prose blocks, paragraphs indented and bullets hanging.
pub(crate) fn push_blocks(lines: &mut Vec<ViewLine>, blocks: &[Block], width: usize) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => push_wrapped(lines, p, width, INDENT, INDENT, Kind::Text),
            Block::Bullets(items) => {
                for item in items {
                    push_wrapped(lines, item, width, BULLET, HANG, Kind::Text);
                }
            }
        }
    }
}

/// Wraps `text` and splits each line's indent off as a marker segment.
pub(crate) fn push_wrapped(
    lines: &mut Vec<ViewLine>,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    kind: Kind,
) {
    for (n, wrapped) in wrap(text, width, first, rest).into_iter().enumerate() {
        let prefix = if n == 0 { first } else { rest };
        let mut line = ViewLine {
            continued: n > 0,
            ..ViewLine::default()
        };
        match wrapped.strip_prefix(prefix) {
            Some(body) if !prefix.is_empty() => {
                line.push(
                    prefix,
                    if prefix.trim().is_empty() {
                        Kind::Text
                    } else {
                        Kind::Marker
                    },
                );
                line.push(body, kind);
            }
            _ => line.push(wrapped, kind),
        }
        lines.push(line);
    }
}

/// Draws the durations after the last dose as horizontal bars on one scale.
fn chart(m: &Monograph, width: usize, lines: &mut Vec<ViewLine>) {
    let c = &m.contraception;
    // A drug that needs no contraception says so in its own words, once,
    // in the pane's text (see `pane::document`).
    if c.after_last_dose.is_empty() {
        return;
    }
    let mut title = ViewLine::default();
    title.push(AFTER_LAST_DOSE_TITLE, Kind::Heading(Tone::Serious));
    lines.push(title);
    let label_width = c
        .after_last_dose
        .iter()
        .map(|d| d.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let values: Vec<String> = c
        .after_last_dose
        .iter()
        .map(|d| d.duration.to_string())
        .collect();
    let value_width = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
    let bar_room = width.saturating_sub(INDENT.len() + label_width + value_width + 2);
    let longest = c
        .after_last_dose
        .iter()
        .map(|d| d.duration.approx_days())
        .max()
        .unwrap_or(1)
        .max(1);
    for (d, value) in c.after_last_dose.iter().zip(values) {
        let label = crate::wrap::cut(&d.label, label_width);
        let bar = (bar_room * d.duration.approx_days() as usize)
            .div_ceil(longest as usize)
            .max(1);
        let bar = bar.min(bar_room);
        let mut line = ViewLine::default();
        line.push(
            format!("{INDENT}{} ", crate::wrap::pad(&label, label_width)),
            Kind::Text,
        );
        line.push("█".repeat(bar), Kind::Bar);
        line.push(format!(" {value}"), Kind::Dim);
        lines.push(line);
    }
}

impl PaneView {
    /// The line where a passage of the pane begins: the first line whose text
    /// (after indent and marker) starts with the passage's first words.
    pub fn passage_line(&self, passage: &str) -> Option<usize> {
        let words: Vec<&str> = passage.split_whitespace().collect();
        (1..=words.len().min(4)).rev().find_map(|n| {
            let start = words[..n].join(" ");
            self.lines.iter().position(|line| {
                let text = line.text();
                let body = text
                    .trim_start()
                    .trim_start_matches(['•', '▸', '▾'])
                    .trim_start();
                body.starts_with(&start)
            })
        })
    }
}

/// A find match: where it starts and ends, as a line index and a byte
/// offset in that line's text. A match in text that wraps ends on a later
/// line than it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Line of the start.
    pub line: usize,
    /// Byte offset of the start in that line's text.
    pub start: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Byte offset of the end in that line's text.
    pub end: usize,
}

impl Hit {
    /// The byte range the match covers on line `index` of `view`, if any:
    /// on a line after the first, from the end of its indent.
    pub fn range_on(&self, index: usize, view: &PaneView) -> Option<(usize, usize)> {
        if index < self.line || index > self.end_line {
            return None;
        }
        let text = view.lines.get(index)?.text();
        let start = if index == self.line {
            self.start
        } else {
            text.len() - text.trim_start().len()
        };
        let end = if index == self.end_line {
            self.end
        } else {
            text.len()
        };
        Some((start, end))
    }
}

/// The byte ranges of `text` where one of `words` (lower-case) occurs,
/// ignoring case, in order and not overlapping: what a filter matched.
pub fn word_ranges(text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let hay = text.to_lowercase();
    // Lower-casing can change byte lengths for a few scripts.
    if hay.len() != text.len() {
        return Vec::new();
    }
    let mut ranges: Vec<(usize, usize)> = words
        .iter()
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            hay.match_indices(w.as_str())
                .map(|(at, m)| (at, at + m.len()))
        })
        .collect();
    ranges.sort_unstable();
    let mut kept: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match kept.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => kept.push((start, end)),
        }
    }
    kept
}

/// A run of lines read as one text: a line and the lines that continue it,
/// joined by single spaces where they were wrapped.
struct Joined {
    text: String,
    /// For each line of the run: its index, the byte in `text` where its
    /// own text begins, and the byte in its line where that text begins.
    starts: Vec<(usize, usize, usize)>,
}

impl Joined {
    /// The line and byte offset in it of byte `at` of the joined text.
    fn locate(&self, at: usize) -> (usize, usize) {
        let &(line, from, skip) = self
            .starts
            .iter()
            .rev()
            .find(|(_, from, _)| *from <= at)
            .unwrap_or(&self.starts[0]);
        (line, skip + at - from)
    }
}

/// The view's lines grouped into the texts they were wrapped from.
fn joined_runs(view: &PaneView) -> Vec<Joined> {
    let mut runs: Vec<Joined> = Vec::new();
    for (index, line) in view.lines.iter().enumerate() {
        let text = line.text();
        match runs.last_mut() {
            Some(run) if line.continued => {
                let body = text.trim_start();
                run.text.push(' ');
                run.starts
                    .push((index, run.text.len(), text.len() - body.len()));
                run.text.push_str(body);
            }
            _ => runs.push(Joined {
                starts: vec![(index, 0, 0)],
                text,
            }),
        }
    }
    runs
}

/// Every case-insensitive occurrence of `query` in the view's text, also
/// where the text wraps from one line to the next.
pub fn find(view: &PaneView, query: &str) -> Vec<Hit> {
    let needle = query.to_lowercase();
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for run in joined_runs(view) {
        let hay = run.text.to_lowercase();
        // Lower-casing can change byte lengths for a few scripts; offsets
        // would no longer point into the text, so such runs are skipped.
        if hay.len() != run.text.len() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = hay[from..].find(&needle) {
            let start = from + pos;
            let end = start + needle.len();
            let (line, start_byte) = run.locate(start);
            // The end is located by its last character, so a match that
            // ends a line is not moved to the start of the next.
            let (end_line, last) = run.locate(end - 1);
            hits.push(Hit {
                line,
                start: start_byte,
                end_line,
                end: last + 1,
            });
            from = end;
        }
    }
    hits
}

/// The FAQ whose question is on `line`, given the lines and where each
/// FAQ's question starts; none if `line` is not part of a question.
pub fn question_at(lines: &[ViewLine], starts: &[usize], line: usize) -> Option<usize> {
    let is_question = lines.get(line).is_some_and(|l| {
        l.segments
            .iter()
            .any(|s| matches!(s.kind, Kind::Question { .. }))
    });
    if !is_question {
        return None;
    }
    starts.iter().rposition(|&start| start <= line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};

    fn usage_lines(m: &Monograph) -> Vec<String> {
        let view = build(m, Pane::Usage, 80, &[], 0);
        view.lines.iter().map(ViewLine::text).collect()
    }

    #[test]
    fn forms_and_route_are_listed_and_left_out_when_an_import_gives_neither() {
        let library = Library::load(&[Source::Bundled]);
        let mut m = library.monographs().next().expect("a bundled drug").clone();
        let lines = usage_lines(&m);
        let at = lines.iter().position(|l| l == "Forms and route").unwrap();
        assert!(lines[at + 1].trim_start().starts_with('•'));
        assert!(lines.iter().any(|l| l.contains(&m.route)));
        m.route.clear();
        m.dosage_forms.clear();
        let lines = usage_lines(&m);
        assert!(!lines.iter().any(|l| l == "Forms and route"), "{lines:?}");
        assert!(!lines.iter().any(|l| l.trim() == "•"), "{lines:?}");
    }
}
