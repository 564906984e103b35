//! Windows drawn over the browser: key help and the load-problems notice.
//! They cover the body only; the hint bar and disclaimer stay visible.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use crate::app::App;
use crate::keymap::HELP;
use crate::theme::Theme;

/// A centred rectangle of at most `width`×`height` inside `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The key help.
pub struct Help<'a> {
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let key_width = HELP
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let lines: Vec<Line<'_>> = HELP
            .iter()
            .map(|(keys, what)| {
                Line::from(vec![
                    Span::styled(format!("{keys:>key_width$}  "), t.key),
                    Span::styled(*what, t.text),
                ])
            })
            .collect();
        let what_width = HELP
            .iter()
            .map(|(_, w)| w.chars().count())
            .max()
            .unwrap_or(0);
        let width = u16::try_from(key_width + what_width + 4).unwrap_or(u16::MAX);
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(Span::styled(" Keys ", t.title))
                    .title_bottom(Line::styled(" Esc or ? closes ", t.dim).right_aligned())
                    .border_style(t.border_focus),
            )
            .render(popup, buf);
    }
}

/// Files that failed to load, with their locations.
pub struct Notice<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for Notice<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut lines = vec![
            Line::styled(
                "These files could not be loaded; everything else is available.",
                t.text,
            ),
            Line::default(),
        ];
        lines.extend(
            self.app
                .diagnostics
                .iter()
                .map(|d| Line::styled(format!("• {d}"), t.serious)),
        );
        lines.push(Line::default());
        lines.push(Line::styled(
            "Fix them and run `rxdoc check`. Press ! to see this again.",
            t.dim,
        ));
        let width = area.width.saturating_sub(4).min(100);
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .title(Span::styled(" ⚠ Load problems ", t.serious))
                    .title_bottom(Line::styled(" Esc dismisses ", t.dim).right_aligned())
                    .border_style(t.serious),
            )
            .render(popup, buf);
    }
}
