//! The comparison screen: the name of the second drug being typed, then one
//! section of both monographs, side by side or one after the other.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::input::InputLine;
use super::pane::styled_view_line;
use super::search::{frame, input_area, rows_area};
use super::tabs::TabBar;
use crate::app::compare::{Comparison, GAP};
use crate::app::pane_view::ViewLine;
use crate::app::{App, Screen};
use crate::theme::Theme;

/// The line the second drug's name is typed into.
pub fn input_line<'a>(c: &'a Comparison, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "Compare with: ",
        input: &c.input,
        theme,
    }
}

/// The comparison.
pub struct CompareView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for CompareView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let Some(c) = app.comparison() else { return };
        let drugs = app.drugs();
        let first = &drugs[c.first].name;
        match c.second.filter(|_| app.screen == Screen::Compare) {
            None => {
                let title = format!(" Compare {first} ");
                let rows = frame(area, buf, title, input_line(c, t));
                let text = match c.suggestion {
                    Some(d) => format!("Enter compares with: {}", drugs[d].name),
                    None if c.input.is_empty() => format!(
                        "Type the name of a drug to compare {first} with, section by section; \
                         Enter chooses it."
                    ),
                    None => "No other drug by that name.".to_string(),
                };
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .style(t.dim)
                    .render(rows, buf);
            }
            Some(second) => {
                let title = format!(" Compare · {first} and {} ", drugs[second].name);
                let block = Block::bordered()
                    .title(Span::styled(title, t.title))
                    .border_style(t.border_focus);
                block.render(area, buf);
                let tabs = input_area(area);
                TabBar::fitting(tabs.width, c.tab)
                    .line(c.tab, t)
                    .render(tabs, buf);
                render_sides(c, rows_area(area), buf, t);
            }
        }
    }
}

/// Both sides from the common scroll position.
fn render_sides(c: &Comparison, rows: Rect, buf: &mut Buffer, t: &Theme) {
    let height = usize::from(rows.height);
    if c.side_by_side {
        let gap = u16::try_from(GAP).unwrap_or(1);
        let [left, _, right] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(gap),
            Constraint::Fill(1),
        ])
        .areas(rows);
        Paragraph::new(visible_lines(&c.left, c.scroll, height, t)).render(left, buf);
        Paragraph::new(visible_lines(&c.right, c.scroll, height, t)).render(right, buf);
    } else {
        Paragraph::new(visible_lines(&c.left, c.scroll, height, t)).render(rows, buf);
    }
}

/// The lines of one side from `scroll`, styled.
fn visible_lines<'a>(
    lines: &'a [ViewLine],
    scroll: usize,
    height: usize,
    t: &Theme,
) -> Vec<Line<'a>> {
    (lines.iter().skip(scroll).take(height))
        .map(|line| styled_view_line(line, &[], None, true, t))
        .collect()
}
