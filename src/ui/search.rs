//! The search-everywhere screen: the query, the count, and one line per
//! result — drug, pane, snippet — with the matched words highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::input::InputLine;
use crate::app::App;
use crate::app::search::MAX_RESULTS;
use crate::search::fulltext::{SearchHit, Urgency};
use crate::text::plural;
use crate::theme::Theme;
use crate::wrap::excerpt;
use unicode_width::UnicodeWidthStr;

/// The rows under the input line of a full-screen view.
pub fn rows_area(area: Rect) -> Rect {
    let inner = Block::bordered().inner(area);
    Rect {
        y: inner.y.saturating_add(1).min(inner.bottom()),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The input line of a full-screen view.
pub fn input_area(area: Rect) -> Rect {
    let inner = Block::bordered().inner(area);
    Rect {
        height: inner.height.min(1),
        ..inner
    }
}

/// The search screen's input line.
pub fn input_line<'a>(app: &'a App, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "Search: ",
        input: &app.search.input,
        theme,
    }
}

/// Draws the bordered block and the input line; returns the rows below.
pub fn frame(area: Rect, buf: &mut Buffer, title: String, input: InputLine<'_>) -> Rect {
    let block = Block::bordered()
        .title(Span::styled(title, input.theme.title))
        .border_style(input.theme.border_focus);
    block.render(area, buf);
    input.render(input_area(area), buf);
    rows_area(area)
}

/// The search screen.
pub struct SearchView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let s = &app.search;
        let waiting = super::loading::message(app.status, true).is_some();
        let title = if s.input.is_empty() || waiting {
            " Search everywhere ".to_string()
        } else if s.drugs() >= MAX_RESULTS {
            format!(" Search everywhere · first {} ", plural(s.drugs(), "drug"))
        } else {
            format!(" Search everywhere · {} ", plural(s.drugs(), "drug"))
        };
        let rows = frame(area, buf, title, input_line(app, t));
        if !s.input.is_empty() && waiting {
            super::loading::Waiting {
                status: app.status,
                needs_index: true,
                theme: t,
            }
            .render(rows, buf);
            return;
        }
        if s.is_empty() {
            let message = if s.input.is_empty() {
                "Type a symptom, a word or a phrase — “bruising”, “yellow skin”, “mouth sores”. \
                 Typos and everyday words are understood."
            } else {
                "Nothing matches. Try fewer words, or another way of saying it."
            };
            Paragraph::new(message)
                .wrap(Wrap { trim: true })
                .style(t.dim)
                .render(rows, buf);
            return;
        }
        // Rows are made before drawing (`App::sync`); one not made yet
        // stays blank rather than stalling the frame.
        let width = usize::from(rows.width);
        let items: Vec<ListItem<'_>> = s
            .from_offset()
            .take(usize::from(rows.height))
            .map(|(hit, nested)| {
                let line = hit.map(|hit| result_line(app, hit, nested, width, t));
                ListItem::new(line.unwrap_or_default())
            })
            .collect();
        let mut state =
            ListState::default().with_selected(Some(s.selected.saturating_sub(s.offset)));
        let list = List::new(items).highlight_style(t.selected);
        StatefulWidget::render(list, rows, buf, &mut state);
    }
}

/// One result: drug, pane, the urgency of a side effect, the snippet cut
/// to the row around its matched words, and "+N more" (Tab shows them).
/// A passage opened out under its drug's row shows only where it is.
fn result_line<'a>(
    app: &'a App,
    hit: &'a SearchHit,
    nested: bool,
    width: usize,
    t: &Theme,
) -> Line<'a> {
    let more = (hit.more > 0).then(|| format!("  +{} more", hit.more));
    let more_width = more.as_deref().map_or(0, UnicodeWidthStr::width);
    // Where the row is narrow, the snippet keeps its room and the row
    // says less of where it is: first the pane and urgency go, then the name.
    let full = where_it_is(app, hit, nested, true, t);
    let short = where_it_is(app, hit, nested, false, t);
    let room = hit.snippet.width().min(SNIPPET_ROOM);
    let fits = |spans: &Vec<Span<'_>>| {
        spans.iter().map(Span::width).sum::<usize>() + more_width + room <= width
    };
    let mut spans = if fits(&full) {
        full
    } else if fits(&short) {
        short
    } else {
        // The drug's name cut to a third of the row, so the snippet shows.
        let name = excerpt(&app.drugs()[hit.drug].name, &[], width / 3).0;
        vec![Span::styled(name, t.title), Span::styled(" — ", t.dim)]
    };
    let used: usize = spans.iter().map(Span::width).sum::<usize>() + more_width;
    let (snippet, highlights) = excerpt(&hit.snippet, &hit.highlights, width.saturating_sub(used));
    spans.extend(
        highlight_ranges(&snippet, &highlights, t.text, t.matched)
            .into_iter()
            .map(|span| Span::styled(span.content.into_owned(), span.style)),
    );
    spans.extend(more.map(|more| Span::styled(more, t.dim)));
    Line::from(spans)
}

/// Columns a result's snippet keeps before the row says less of where it is.
const SNIPPET_ROOM: usize = 16;

/// The start of a result's row: the drug (or an arrow, under its drug's
/// row), and with `whole`, the pane and the urgency of a side effect.
fn where_it_is<'a>(
    app: &'a App,
    hit: &'a SearchHit,
    nested: bool,
    whole: bool,
    t: &Theme,
) -> Vec<Span<'a>> {
    let mut spans = if nested {
        vec![Span::styled("   ↳ ", t.dim)]
    } else {
        vec![Span::styled(app.drugs()[hit.drug].name.as_str(), t.title)]
    };
    if whole {
        if !nested {
            spans.push(Span::styled(" — ", t.dim));
        }
        spans.push(Span::styled(hit.pane.title(), t.heading));
        if let Some(label) = hit.urgency.label() {
            spans.push(Span::styled(
                format!(" ({label})"),
                urgency_style(hit.urgency, t),
            ));
        }
    }
    spans.push(Span::styled(" — ", t.dim));
    spans
}

/// A side effect's urgency in the style of its group in a pane.
fn urgency_style(urgency: Urgency, t: &Theme) -> Style {
    match urgency {
        Urgency::Emergency => t.emergency,
        Urgency::CallDoctor => t.serious,
        Urgency::Common => t.common,
        Urgency::None => t.dim,
    }
}

/// Splits text into spans with the byte ranges styled as matched.
pub fn highlight_ranges<'a>(
    text: &'a str,
    ranges: &[(usize, usize)],
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], base));
        }
        spans.push(Span::styled(&text[start..end], matched));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], base));
    }
    spans
}
