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

/// Shown in the Contraception pane when a monograph needs no precautions.
pub const NO_CONTRACEPTION_GUIDANCE: &str = "No specific contraception guidance for this medicine.";

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
    if pane == Pane::Usage {
        push_wrapped(
            &mut view.lines,
            "Forms and route",
            width,
            "",
            "",
            Kind::Heading(Tone::Plain),
        );
        for form in &m.dosage_forms {
            push_wrapped(&mut view.lines, form, width, BULLET, HANG, Kind::Text);
        }
        push_wrapped(&mut view.lines, &m.route, width, BULLET, HANG, Kind::Text);
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
        let mut line = ViewLine::default();
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
    if c.after_last_dose.is_empty() {
        if !c.needed {
            let mut line = ViewLine::default();
            line.push(NO_CONTRACEPTION_GUIDANCE, Kind::Heading(Tone::Plain));
            lines.push(line);
        }
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
        let label: String = d.label.chars().take(label_width).collect();
        let bar = (bar_room * d.duration.approx_days() as usize)
            .div_ceil(longest as usize)
            .max(1);
        let bar = bar.min(bar_room);
        let mut line = ViewLine::default();
        line.push(format!("{INDENT}{label:<label_width$} "), Kind::Text);
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

/// A find match: line index and byte range within that line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Line index.
    pub line: usize,
    /// Byte offset of the start in the line's text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// Every case-insensitive occurrence of `query` in the view's lines.
pub fn find(view: &PaneView, query: &str) -> Vec<Hit> {
    let needle = query.to_lowercase();
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (line_index, line) in view.lines.iter().enumerate() {
        let text = line.text();
        let hay = text.to_lowercase();
        // Lower-casing can change byte lengths for a few scripts; offsets
        // would no longer point into `text`, so such lines are skipped.
        if hay.len() != text.len() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = hay[from..].find(&needle) {
            let start = from + pos;
            hits.push(Hit {
                line: line_index,
                start,
                end: start + needle.len(),
            });
            from = start + needle.len();
        }
    }
    hits
}
