//! Windows drawn over the browser: key help and the load-problems notice.
//! They cover the body only; the hint bar and disclaimer stay visible.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

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

/// Where the notice's parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeAreas {
    /// The window, border included.
    pub popup: Rect,
    /// The line saying what this is.
    pub intro: Rect,
    /// The problems, scrolled.
    pub rows: Rect,
    /// The line saying what to do, and which problems are shown.
    pub footer: Rect,
}

impl NoticeAreas {
    /// The notice's layout in `body`: as tall as its problems need, at most
    /// the whole body.
    pub fn new(body: Rect, app: &App) -> Self {
        let width = body.width.saturating_sub(4).min(100);
        let text_width = usize::from(width.saturating_sub(2));
        // Counted only as far as the body goes: there may be 100,000.
        let mut needed = 0;
        for d in &app.diagnostics {
            needed += problem_lines(d, text_width).len();
            if needed >= usize::from(body.height) {
                break;
            }
        }
        let height = u16::try_from(needed + 6).unwrap_or(u16::MAX);
        let popup = centered(body, width, height);
        let [intro, _, rows, _, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(Block::bordered().inner(popup));
        Self {
            popup,
            intro,
            rows,
            footer,
        }
    }
}

/// A problem as the notice shows it, wrapped to `width` with a bullet.
fn problem_lines(problem: &impl std::fmt::Display, width: usize) -> Vec<String> {
    crate::wrap::wrap(&problem.to_string(), width, "• ", "  ")
}

impl Widget for Notice<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (t, app) = (self.theme, self.app);
        let areas = NoticeAreas::new(area, app);
        let rows = usize::from(areas.rows.height);
        let mut lines = Vec::new();
        let mut shown = 0;
        for d in app.diagnostics.iter().skip(app.notice_offset) {
            if lines.len() >= rows {
                break;
            }
            lines.extend(problem_lines(d, usize::from(areas.rows.width)));
            shown += 1;
        }
        lines.truncate(rows);
        let total = app.diagnostics.len();
        let scrolls = shown < total;
        Clear.render(areas.popup, buf);
        Block::bordered()
            .title(Span::styled(" ⚠ Load problems ", t.serious))
            .title_bottom(
                Line::styled(
                    if scrolls {
                        " ↑↓ PgUp PgDn scroll · Esc dismisses "
                    } else {
                        " Esc dismisses "
                    },
                    t.dim,
                )
                .right_aligned(),
            )
            .border_style(t.serious)
            .render(areas.popup, buf);
        Line::styled(
            "These files could not be loaded; everything else is available.",
            t.text,
        )
        .render(areas.intro, buf);
        Paragraph::new(
            lines
                .into_iter()
                .map(|l| Line::styled(l, t.serious))
                .collect::<Vec<_>>(),
        )
        .render(areas.rows, buf);
        // Which problems are shown, at the right of the footer line, never
        // overwritten by its text.
        let position = if scrolls {
            let first = app.notice_offset + 1;
            format!(" {first}–{} of {total}", app.notice_offset + shown)
        } else {
            String::new()
        };
        let [advice, marker] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(u16::try_from(position.width()).unwrap_or(u16::MAX)),
        ])
        .areas(areas.footer);
        Line::styled(
            "Fix them and run `rxdoc check`. Press ! to see this again.",
            t.dim,
        )
        .render(advice, buf);
        Line::styled(position, t.text).render(marker, buf);
    }
}
