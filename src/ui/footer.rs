//! The hint bar: the keys that matter right now, the active input, and a
//! marker while any file failed to load.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::{App, Editing, Focus, Screen};
use crate::commands::plural;
use crate::pane::Pane;
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
                    ("Esc", "back"),
                    ("F1", "help"),
                ];
            }
            Screen::Browse => {}
        }
        match (self.app.editing, self.app.focus) {
            (Some(Editing::Filter), _) => &[
                ("Enter", "open top match"),
                ("↑↓", "move"),
                ("Esc", "clear"),
            ],
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
        for (key, what) in self.keys() {
            spans.push(Span::styled(*key, t.key));
            spans.push(Span::styled(format!(" {what}  "), t.dim));
        }
        let problems = self.app.diagnostics.len();
        if problems > 0 {
            let marker = format!("⚠ {} (!) ", plural(problems, "load problem"));
            let marker_width = u16::try_from(marker.chars().count()).unwrap_or(u16::MAX);
            if area.width > marker_width {
                let right = Rect {
                    x: area.right() - marker_width,
                    width: marker_width,
                    ..area
                };
                let left = Rect {
                    width: area.width - marker_width,
                    ..area
                };
                Line::from(spans).render(left, buf);
                Line::styled(marker, t.serious).render(right, buf);
                return;
            }
        }
        Line::from(spans).render(area, buf);
    }
}
