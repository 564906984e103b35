//! The search-everywhere screen: the query, the count, and one line per
//! result — drug, pane, snippet — with the matched words highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::app::App;
use crate::commands::plural;
use crate::search::fulltext::SearchHit;
use crate::theme::Theme;

/// The rows under the input line of a full-screen view.
pub fn rows_area(area: Rect) -> Rect {
    let inner = Block::bordered().inner(area);
    Rect {
        y: inner.y.saturating_add(1).min(inner.bottom()),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// Draws the bordered block and the input line; returns the rows below.
pub fn frame(
    area: Rect,
    buf: &mut Buffer,
    title: String,
    prompt: &str,
    input: &str,
    theme: &Theme,
) -> Rect {
    let block = Block::bordered()
        .title(Span::styled(title, theme.title))
        .border_style(theme.border_focus);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height > 0 {
        Line::from(vec![
            Span::styled(prompt, theme.key),
            Span::styled(input, theme.text),
            Span::styled("▏", theme.key),
        ])
        .render(Rect { height: 1, ..inner }, buf);
    }
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
        } else {
            format!(" Search everywhere · {} ", plural(s.len(), "result"))
        };
        let rows = frame(area, buf, title, "Search: ", s.input.text(), t);
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
        let items: Vec<ListItem<'_>> = s
            .from_offset()
            .take(usize::from(rows.height))
            .map(|hit| ListItem::new(hit.map(|hit| result_line(app, hit, t)).unwrap_or_default()))
            .collect();
        let mut state =
            ListState::default().with_selected(Some(s.selected.saturating_sub(s.offset)));
        let list = List::new(items).highlight_style(t.selected);
        StatefulWidget::render(list, rows, buf, &mut state);
    }
}

fn result_line<'a>(app: &'a App, hit: &'a SearchHit, t: &Theme) -> Line<'a> {
    let drug = &app.drugs()[hit.drug];
    let mut spans = vec![
        Span::styled(drug.name.as_str(), t.title),
        Span::styled(" — ", t.dim),
        Span::styled(hit.pane.title(), t.heading),
        Span::styled(" — ", t.dim),
    ];
    spans.extend(highlight_ranges(
        &hit.snippet,
        &hit.highlights,
        t.text,
        t.matched,
    ));
    Line::from(spans)
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
