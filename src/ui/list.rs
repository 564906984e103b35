//! The drug list: generic names with brands dimmed, the filter line, the count.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::fit::fit_line;
use super::input::InputLine;
use crate::app::{App, Editing, Focus, Status};
use crate::search::names::{Field, NameMatch};
use crate::text::plural;
use crate::theme::Theme;

/// The list region.
pub struct DrugList<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

/// Whether the filter line is shown above the rows.
fn shows_filter(app: &App) -> bool {
    app.editing == Some(Editing::Filter) || !app.filter.is_empty()
}

/// The rows' area inside the list block.
pub fn rows_area(block: Rect, app: &App) -> Rect {
    let inner = Block::bordered().inner(block);
    if shows_filter(app) && inner.height > 1 {
        Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        }
    } else {
        inner
    }
}

/// The filter line's area inside the list block.
pub fn filter_area(block: Rect) -> Rect {
    let inner = Block::bordered().inner(block);
    Rect {
        height: inner.height.min(1),
        ..inner
    }
}

/// The filter line.
pub fn filter_line<'a>(app: &'a App, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "/ ",
        input: &app.filter,
        theme,
    }
}

impl Widget for DrugList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, theme) = (self.app, self.theme);
        let total = app.drugs().len();
        let count = if matches!(app.status, Status::Loading(_)) {
            " Loading… ".to_string()
        } else if app.filter.is_empty() {
            format!(" {} ", plural(total, "drug"))
        } else {
            format!(" {}/{total} drugs ", app.matches.len())
        };
        let border = if app.focus == Focus::List {
            theme.border_focus
        } else {
            theme.border
        };
        let block = Block::bordered().title(count).border_style(border);
        block.render(area, buf);
        if shows_filter(app) {
            filter_line(app, theme).render(filter_area(area), buf);
        }
        let rows = rows_area(area, app);
        if matches!(app.status, Status::Loading(_)) {
            super::loading::Waiting {
                status: app.status,
                needs_index: false,
                theme,
            }
            .render(rows, buf);
            return;
        }
        if app.matches.is_empty() {
            let message = format!(
                "No drug matches “{}”. Esc clears the filter.",
                app.filter.text()
            );
            Paragraph::new(message)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .style(theme.dim)
                .render(rows, buf);
            return;
        }
        let items: Vec<ListItem<'_>> = app
            .matches
            .iter()
            .skip(app.list_offset)
            .take(usize::from(rows.height))
            .map(|m| ListItem::new(fit_line(row(app, m, theme), rows.width)))
            .collect();
        let mut state = ListState::default().with_selected(Some(app.selected - app.list_offset));
        let list = List::new(items).highlight_style(theme.selected);
        StatefulWidget::render(list, rows, buf, &mut state);
    }
}

/// One row: the generic name, then brands (or the alias or class that matched).
fn row<'a>(app: &'a App, m: &'a NameMatch, theme: &Theme) -> Line<'a> {
    let drug = &app.drugs()[m.drug];
    let (text, positions) = app.name_highlight(m);
    let name_hits = if m.field == Field::Name {
        &positions[..]
    } else {
        &[]
    };
    let mut spans = highlighted(&drug.name, name_hits, theme.text, theme.matched);
    let (extra, hits): (String, &[usize]) = match m.field {
        Field::Name => (drug.brands.join(", "), &[]),
        Field::Brand | Field::Alias | Field::Class => (text.to_string(), &positions),
    };
    if !extra.is_empty() {
        spans.push(Span::styled("  ", theme.dim));
        spans.extend(highlighted(&extra, hits, theme.dim, theme.matched));
    }
    Line::from(spans)
}

/// Splits `text` into spans, styling the characters at `positions` as matched.
pub fn highlighted<'a>(
    text: &str,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in text.chars().enumerate() {
        let is_match = positions.contains(&i);
        if is_match != run_matched && !run.is_empty() {
            let style = if run_matched { matched } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_matched { matched } else { base }));
    }
    spans
}
