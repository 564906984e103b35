//! The export prompt: which drug, in which format, to which file, and the
//! question before a file is replaced.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::fit::fit_line;
use super::input::InputLine;
use crate::app::export::{ExportPrompt, FORMATS};
use crate::app::{App, Overlay};
use crate::export::Format;
use crate::sanitize::escape_path;
use crate::theme::Theme;

/// The prompt's parts in the body.
struct ExportAreas {
    popup: Rect,
    what: Rect,
    file: Rect,
    question: Rect,
}

impl ExportAreas {
    fn new(body: Rect) -> Self {
        let [row] = Layout::vertical([Constraint::Length(6.min(body.height))])
            .flex(Flex::Center)
            .areas(body);
        let [popup] = Layout::horizontal([Constraint::Length(64.min(body.width))])
            .flex(Flex::Center)
            .areas(row);
        let [what, file, question] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(Block::bordered().inner(popup));
        Self {
            popup,
            what,
            file,
            question,
        }
    }
}

/// The file line, where the cursor goes.
fn file_line<'a>(prompt: &'a ExportPrompt, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: "File: ",
        input: &prompt.path,
        theme,
    }
}

/// Where the terminal's cursor goes: in the file name, unless the prompt
/// is asking a question.
pub fn cursor(body: Rect, app: &App, theme: &Theme) -> Option<ratatui::layout::Position> {
    let prompt = app.export.as_ref()?;
    if app.overlay != Overlay::Export {
        return None;
    }
    file_line(prompt, theme).cursor(ExportAreas::new(body).file)
}

/// A format's name in words.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Md => "Markdown",
        Format::Txt => "plain text",
    }
}

/// The export prompt.
pub struct ExportView<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for ExportView<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let (app, t) = (self.app, self.theme);
        let Some(prompt) = &app.export else { return };
        let areas = ExportAreas::new(body);
        Clear.render(areas.popup, buf);
        Block::bordered()
            .title(Span::styled(" Export a handout ", t.title))
            .border_style(t.border_focus)
            .render(areas.popup, buf);
        let drug = &app.drugs()[prompt.drug];
        let what = Line::styled(
            format!("{} as {}", drug.name, format_name(prompt.format())),
            t.text,
        );
        fit_line(what, areas.what.width).render(areas.what, buf);
        file_line(prompt, t).render(areas.file, buf);
        let (said, style) = if app.overlay == Overlay::ConfirmReplace {
            let path = escape_path(&prompt.target());
            (format!("{path} already exists. Replace it?"), t.serious)
        } else {
            let formats: Vec<String> = FORMATS.iter().map(ToString::to_string).collect();
            (format!("Formats: {}", formats.join(", ")), t.dim)
        };
        Paragraph::new(said)
            .style(style)
            .wrap(Wrap { trim: true })
            .render(areas.question, buf);
    }
}
