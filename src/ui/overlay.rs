//! Windows drawn over the browser: key help and the load-problems notice.
//! They cover the body only; the hint bar and disclaimer stay visible.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::keymap::KeyBindings;
use crate::theme::Theme;
use crate::wrap::wrap;

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

/// Widest the keys column grows on a narrow screen (a third of a wide
/// one); a longer list of keys wraps within it.
const KEY_COLUMN: usize = 16;

/// The key help laid out for a body: its window and its rows, each
/// description wrapped beside its keys so nothing is cut.
pub struct HelpLayout {
    /// The window, border included.
    pub popup: Rect,
    /// Rows: keys (blank on a description's later lines) and text.
    pub rows: Vec<(String, String)>,
}

impl HelpLayout {
    /// The help's layout in `body`, from the key table.
    pub fn new(body: Rect, keys: &KeyBindings) -> Self {
        let entries: Vec<(String, &str)> = keys
            .help()
            .iter()
            .map(|e| (e.keys_text(), e.text))
            .collect();
        let key_width = entries
            .iter()
            .map(|(k, _)| k.width())
            .max()
            .unwrap_or(0)
            .min(KEY_COLUMN.max(usize::from(body.width) / 3));
        let what_width = entries.iter().map(|(_, w)| w.width()).max().unwrap_or(0);
        let width = u16::try_from(key_width + what_width + 4)
            .unwrap_or(u16::MAX)
            .min(body.width);
        let room = usize::from(width.saturating_sub(2))
            .saturating_sub(key_width + 2)
            .max(1);
        let mut rows = Vec::new();
        for (keys, what) in &entries {
            let keys = wrap(keys, key_width.max(1), "", "");
            let what = wrap(what, room, "", "");
            for n in 0..keys.len().max(what.len()) {
                let k = keys.get(n).map_or("", String::as_str);
                let w = what.get(n).cloned().unwrap_or_default();
                rows.push((format!("{}  ", pad_left(k, key_width)), w));
            }
        }
        let height = u16::try_from(rows.len())
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        Self {
            popup: centered(body, width, height),
            rows,
        }
    }

    /// Rows shown at once.
    pub fn visible(&self) -> u16 {
        self.popup.height.saturating_sub(2)
    }
}

/// `text` right-aligned in `width` columns.
fn pad_left(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{:fill$}{text}", "")
}

/// The key help, scrolled to its first row shown.
pub struct Help<'a> {
    /// The first row shown.
    pub offset: usize,
    /// Styles.
    pub theme: &'a Theme,
    /// The keys.
    pub keys: &'a KeyBindings,
}

impl Widget for Help<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let layout = HelpLayout::new(area, self.keys);
        let visible = usize::from(layout.visible());
        let offset = self.offset.min(layout.rows.len().saturating_sub(visible));
        let lines: Vec<Line<'_>> = layout
            .rows
            .iter()
            .skip(offset)
            .take(visible)
            .map(|(keys, what)| {
                Line::from(vec![
                    Span::styled(keys.as_str(), t.key),
                    Span::styled(what.as_str(), t.text),
                ])
            })
            .collect();
        // A help taller than its window says it scrolls.
        let closes = if layout.rows.len() > visible {
            " j/k scroll  Esc closes "
        } else {
            " Esc or ? closes "
        };
        Clear.render(layout.popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(Span::styled(" Keys ", t.title))
                    .title_bottom(Line::styled(closes, t.dim).right_aligned())
                    .border_style(t.border_focus),
            )
            .render(layout.popup, buf);
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
