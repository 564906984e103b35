//! The right-hand side: header, boxed warning, tabs and the active pane,
//! with a scrollbar and the scroll position.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::header::{BoxedWarning, Header};
use super::tabs::TabBar;
use crate::app::pane_view::{Kind, ViewLine};
use crate::app::{App, Focus, Wrapped};
use crate::pane::{Pane, Tone};
use crate::sanitize::escape;
use crate::theme::Theme;

/// The regions inside the pane's block.
#[derive(Debug, Clone, Copy, Default)]
pub struct PaneArea {
    /// Identity facts.
    pub header: Rect,
    /// Boxed warning.
    pub warning: Rect,
    /// Tab titles.
    pub tabs: Rect,
    /// The pane's text.
    pub text: Rect,
    /// The scrollbar column.
    pub scrollbar: Rect,
}

impl PaneArea {
    /// Splits the pane block; smaller heights drop the header and shrink the warning.
    pub fn new(block: Rect, app: &App) -> Self {
        let inner = Block::bordered().inner(block);
        let h = inner.height;
        let header = app
            .current()
            .map_or(0, |drug| Header::rows(drug, inner.width, h));
        let warning = match app.current().and_then(|m| m.boxed_warning.as_deref()) {
            Some(w) if h >= 14 => BoxedWarning::height(w, inner.width).min((h / 4).max(3)),
            Some(_) if h >= 6 => 1,
            _ => 0,
        };
        let tabs = u16::from(h >= 2);
        let [header, warning, tabs, body] = Layout::vertical([
            Constraint::Length(header),
            Constraint::Length(warning),
            Constraint::Length(tabs),
            Constraint::Fill(1),
        ])
        .areas(inner);
        // The scrollbar column is always reserved so the wrap width does not
        // change when a pane becomes long enough to scroll.
        let [text, scrollbar] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(1)]).areas(body);
        Self {
            header,
            warning,
            tabs,
            text,
            scrollbar,
        }
    }
}

/// Column ranges of each tab title as the tab bar lays them out, for
/// mouse clicks.
pub fn tab_spans(area: Rect, active: Pane) -> Vec<(Pane, u16, u16)> {
    TabBar::fitting(area.width, active).columns(area.x)
}

/// The monograph view.
pub struct MonographView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for MonographView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let border = if app.focus == Focus::Pane {
            t.border_focus
        } else {
            t.border
        };
        let mut block = Block::bordered().border_style(border);
        // A listed drug's content is read when shown: before the list is
        // loaded there is none, and a file may have changed since.
        let Some(drug) = app.current().filter(|_| app.monographs_read()) else {
            let (empty, style) = match app.current_problem() {
                Some(why) => (
                    format!("Could not read this monograph: {}", escape(why)),
                    t.serious,
                ),
                None if !app.monographs_read() => ("Loading…".to_string(), t.dim),
                None => ("No drug selected.".to_string(), t.dim),
            };
            Paragraph::new(empty)
                .style(style)
                .wrap(Wrap { trim: true })
                .block(block)
                .render(area, buf);
            return;
        };
        let areas = PaneArea::new(area, app);
        let view = app.view();
        let (scroll, height) = (app.scroll(), usize::from(areas.text.height));
        if !view.lines.is_empty() && height > 0 {
            let last = (scroll + height).min(view.lines.len());
            let percent = if view.lines.len() <= height {
                100
            } else {
                100 * last / view.lines.len()
            };
            let position = format!(" {}-{last}/{} {percent}% ", scroll + 1, view.lines.len());
            block = block.title_bottom(Line::styled(position, t.dim).right_aligned());
        }
        if !app.find.is_empty() || app.editing == Some(crate::app::Editing::Find) {
            let wrapped = match app.find_wrapped {
                Some(Wrapped::ToTop) => "wrapped to the top ",
                Some(Wrapped::ToBottom) => "wrapped to the bottom ",
                None => "",
            };
            let counter = match app.hits.len() {
                0 => " no match ".to_string(),
                n => format!(" {}/{n} {wrapped}", app.hit_index + 1),
            };
            block = block.title_bottom(Line::styled(counter, t.matched).left_aligned());
        }
        block.render(area, buf);
        Header { drug, theme: t }.render(areas.header, buf);
        if let Some(warning) = &drug.boxed_warning {
            BoxedWarning {
                text: warning,
                theme: t,
            }
            .render(areas.warning, buf);
        }
        TabBar::fitting(areas.tabs.width, app.tab)
            .line(app.tab, t)
            .render(areas.tabs, buf);
        let lines: Vec<Line<'_>> = view
            .lines
            .iter()
            .enumerate()
            .skip(scroll)
            .take(height)
            .map(|(i, line)| {
                let hits: Vec<(usize, (usize, usize))> = app
                    .hits
                    .iter()
                    .enumerate()
                    .filter_map(|(n, h)| Some((n, h.range_on(i, view)?)))
                    .collect();
                styled_view_line(
                    line,
                    &hits,
                    Some(app.hit_index),
                    app.focus == Focus::Pane,
                    t,
                )
            })
            .collect();
        Paragraph::new(lines).render(areas.text, buf);
        super::scrollbar::render(areas.scrollbar, buf, view.lines.len(), height, scroll);
        if view.lines.is_empty() {
            Paragraph::new("Nothing in this section.")
                .wrap(Wrap { trim: true })
                .style(t.dim)
                .render(areas.text, buf);
        }
    }
}

fn kind_style(kind: Kind, focused: bool, t: &Theme) -> Style {
    match kind {
        Kind::Heading(Tone::Emergency) => t.emergency,
        Kind::Heading(Tone::Serious) => t.serious,
        Kind::Heading(Tone::Common) => t.common,
        Kind::Heading(_) => t.heading,
        Kind::Text => t.text,
        Kind::Marker => t.marker,
        Kind::Question { selected } if selected && focused => t.selected,
        Kind::Question { .. } => t.question,
        Kind::Bar => t.bar,
        Kind::Dim => t.dim,
    }
}

/// A view line with its kinds styled and the given byte ranges of find
/// matches (numbered, so the `current` one stands out) highlighted.
pub fn styled_view_line<'a>(
    line: &'a ViewLine,
    hits: &[(usize, (usize, usize))],
    current: Option<usize>,
    focused: bool,
    t: &Theme,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for segment in &line.segments {
        let base = kind_style(segment.kind, focused, t);
        let (start, end) = (offset, offset + segment.text.len());
        let mut cut = start;
        for (n, (hit_start, hit_end)) in hits {
            let (hs, he) = ((*hit_start).max(start), (*hit_end).min(end));
            if hs >= he
                || !segment.text.is_char_boundary(hs - start)
                || !segment.text.is_char_boundary(he - start)
            {
                continue;
            }
            if hs > cut {
                spans.push(Span::styled(&segment.text[cut - start..hs - start], base));
            }
            let style = if Some(*n) == current {
                t.hit_current
            } else {
                t.hit
            };
            spans.push(Span::styled(&segment.text[hs - start..he - start], style));
            cut = he;
        }
        if cut < end {
            spans.push(Span::styled(&segment.text[cut - start..], base));
        }
        offset = end;
    }
    Line::from(spans)
}
