//! The interaction check screen: what is checked in the title, the name
//! being typed, and the findings with their matched words highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::input::InputLine;
use super::pane::styled_view_line;
use super::search::frame;
use crate::app::App;
use crate::app::interactions::InteractionCheck;
use crate::theme::Theme;

/// The screen's input line.
pub fn input_line<'a>(check: &'a InteractionCheck, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "Add: ",
        input: &check.input,
        theme,
    }
}

/// The interaction check.
pub struct InteractionView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for InteractionView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let Some(check) = app.interaction_check() else {
            return;
        };
        let names = check.names(app.drugs(), app.classes());
        let title = if names.is_empty() {
            " Interaction check ".to_string()
        } else {
            format!(" Interaction check · {} ", names.join(" + "))
        };
        let rows = frame(area, buf, title, input_line(check, t));
        let [text, bar] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Length(1)]).areas(rows);
        let height = usize::from(text.height);
        let lines: Vec<Line<'_>> = (check.lines.iter())
            .skip(check.scroll)
            .take(height)
            .map(|(line, marks)| {
                let hits: Vec<(usize, (usize, usize))> =
                    marks.iter().map(|&m| (usize::MAX, m)).collect();
                styled_view_line(line, &hits, None, true, t)
            })
            .collect();
        Paragraph::new(lines).render(text, buf);
        super::scrollbar::render(bar, buf, check.lines.len(), height, check.scroll);
    }
}
