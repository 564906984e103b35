//! The hint bar: the keys that matter right now, the active input, and a
//! marker while any file failed to load.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Editing, Focus, Screen};
use crate::pane::Pane;
use crate::text::plural;
use crate::theme::Theme;

/// The hint bar.
pub struct Hints<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Hints<'_> {
    fn keys(&self) -> &'static [(&'static str, &'static str)] {
        match self.app.screen {
            Screen::Search => {
                return &[
                    ("↑↓", "move"),
                    ("Enter", "open"),
                    ("Esc", "back"),
                    ("F1", "help"),
                ];
            }
            Screen::Faqs => {
                return &[
                    ("↑↓", "move"),
                    ("Enter", "expand"),
                    ("Ctrl-e", "all"),
                    ("Ctrl-o", "drug"),
                    ("Esc", "back"),
                    ("F1", "help"),
                ];
            }
            Screen::Browse => {}
        }
        match (self.app.editing, self.app.focus) {
            (Some(Editing::Filter), _) => &[("Enter", "open"), ("↑↓", "move"), ("Esc", "clear")],
            (Some(Editing::Find), _) => &[("Enter", "keep"), ("Esc", "cancel")],
            (None, Focus::List) => &[
                ("j/k", "move"),
                ("/", "filter"),
                ("Enter", "open"),
                ("1-6", "tabs"),
                ("s", "search"),
                ("?", "help"),
                ("q", "quit"),
            ],
            (None, Focus::Pane) if self.app.tab == Pane::Faqs => &[
                ("j/k", "question"),
                ("Enter", "expand"),
                ("e", "all"),
                ("/", "find"),
                ("Esc", "back"),
                ("?", "help"),
            ],
            (None, Focus::Pane) => &[
                ("j/k", "scroll"),
                ("Tab", "next tab"),
                ("/", "find"),
                ("n/N", "match"),
                ("Esc", "back"),
                ("?", "help"),
            ],
        }
    }
}

impl Widget for Hints<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut spans = Vec::new();
        if self.app.editing == Some(Editing::Find) {
            spans.push(Span::styled("Find: ", t.key));
            spans.push(Span::styled(self.app.find.text(), t.text));
            spans.push(Span::styled("▏ ", t.key));
        }
        let problems = self.app.diagnostics.len();
        let marker = (problems > 0)
            .then(|| format!("⚠ {} (!) ", plural(problems, "load problem")))
            .filter(|m| m.width() < usize::from(area.width));
        let marker_width = marker.as_ref().map_or(0, |m| m.width());
        // Whole hints only, as many as fit, and two spaces clear of the
        // marker: a hint cut short would run into it.
        let room = usize::from(area.width) - marker_width;
        let gap = if marker.is_some() { 2 } else { 0 };
        let mut used: usize = spans.iter().map(Span::width).sum();
        for (key, what) in self.keys() {
            let end = used + key.width() + 1 + what.width();
            if end + gap > room {
                break;
            }
            spans.push(Span::styled(*key, t.key));
            spans.push(Span::styled(format!(" {what}  "), t.dim));
            used = end + 2;
        }
        let Some(marker) = marker else {
            return Line::from(spans).render(area, buf);
        };
        let [left, right] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(u16::try_from(marker_width).unwrap_or(u16::MAX)),
        ])
        .areas(area);
        Line::from(spans).render(left, buf);
        Line::styled(marker, t.serious).render(right, buf);
    }
}
