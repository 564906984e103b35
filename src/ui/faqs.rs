//! The FAQ browser screen.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::input::InputLine;
use super::pane::styled_view_line;
use super::search::frame;
use crate::app::App;
use crate::app::faqs::FaqBrowser;
use crate::app::pane_view::word_ranges;
use crate::theme::Theme;

/// The FAQ browser's input line.
pub fn input_line<'a>(faqs: &'a FaqBrowser, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "Filter: ",
        input: &faqs.input,
        theme,
    }
}

/// The FAQ browser's text and its scrollbar column, in its rows' area.
fn text_and_scrollbar(rows: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Fill(1), Constraint::Length(1)]).areas(rows)
}

/// Where the FAQ browser's text is drawn in its screen.
pub fn text_area(screen: Rect) -> Rect {
    text_and_scrollbar(super::search::rows_area(screen))[0]
}

/// The FAQ browser.
pub struct FaqView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for FaqView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let Some(f) = &app.faqs else { return };
        if !app.monographs_whole() {
            // A listed library's questions are being read in the background.
            let rows = frame(area, buf, " FAQs ".to_string(), input_line(f, t));
            Paragraph::new("Reading every monograph's questions…")
                .wrap(Wrap { trim: true })
                .style(t.dim)
                .render(rows, buf);
            return;
        }
        let title = if f.input.is_empty() {
            format!(" FAQs · {} questions ", f.total())
        } else {
            format!(" FAQs · {}/{} questions ", f.visible.len(), f.total())
        };
        let rows = frame(area, buf, title, input_line(f, t));
        if f.visible.is_empty() {
            Paragraph::new("No question matches. Esc clears the filter.")
                .wrap(Wrap { trim: true })
                .style(t.dim)
                .render(rows, buf);
            return;
        }
        let [text, bar] = text_and_scrollbar(rows);
        let height = usize::from(text.height);
        let words: Vec<String> = f
            .input
            .text()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let lines: Vec<Line<'_>> = f
            .lines
            .iter()
            .skip(f.scroll)
            .take(height)
            .map(|line| {
                let marks: Vec<(usize, (usize, usize))> = word_ranges(&line.text(), &words)
                    .into_iter()
                    .map(|range| (usize::MAX, range))
                    .collect();
                styled_view_line(line, &marks, None, true, t)
            })
            .collect();
        Paragraph::new(lines).render(text, buf);
        super::scrollbar::render(bar, buf, f.lines.len(), height, f.scroll);
    }
}
