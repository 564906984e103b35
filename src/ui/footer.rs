//! The hint bar: the keys that matter right now, the active input, and a
//! marker while any file failed to load.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use super::input::InputLine;
use crate::app::{App, Editing, Message, Overlay};
use crate::keymap::{Context, Hint, KeyBindings};
use crate::sanitize::{escape, escape_path};
use crate::text::plural;
use crate::theme::Theme;

/// The hint bar.
pub struct Hints<'a> {
    /// State.
    pub app: &'a App,
    /// Styles.
    pub theme: &'a Theme,
    /// The keys, whose hints for the current state are shown.
    pub keys: &'a KeyBindings,
}

/// A message's words, and whether it reports a failure. Paths are escaped:
/// a file name typed or found may hold anything.
fn message_text(message: &Message, keys: &KeyBindings) -> (String, bool) {
    let mouse_key = |turns: &str| {
        keys.first_key("mouse")
            .map_or_else(String::new, |k| format!(" ({k} turns it {turns})"))
    };
    match message {
        Message::Mouse { on: true } => (
            format!(
                "Mouse on: the wheel scrolls, a click selects{}",
                mouse_key("off")
            ),
            false,
        ),
        Message::Mouse { on: false } => (
            format!(
                "Mouse off: drag to select text and copy it{}",
                mouse_key("back on")
            ),
            false,
        ),
        Message::Exported { path } => (format!("Wrote {}", escape_path(path)), false),
        Message::ExportKept { path } => (
            format!("Kept {}; nothing written", escape_path(path)),
            false,
        ),
        Message::AlreadyChecked { name } => (
            format!("{} is already in the check, counted once", escape(name)),
            false,
        ),
        Message::Removed { name } => (format!("Removed {}", escape(name)), false),
        Message::NoSuchName { typed } => (
            format!("No drug, food or drink named \"{}\"", escape(typed)),
            true,
        ),
        Message::Unreadable { name, why } => (
            format!("Could not read {}: {}", escape(name), escape(why)),
            true,
        ),
        Message::ExportFailed { path, error } => (
            format!("Could not write {}: {}", escape_path(path), escape(error)),
            true,
        ),
    }
}

/// The find line's area at the left of the hint bar (empty unless finding):
/// as wide as what is typed, the hints after it.
pub fn find_area(area: Rect, app: &App) -> Rect {
    let width = if app.editing == Some(Editing::Find) {
        FIND_PROMPT.width() + app.find.text().width() + 2
    } else {
        0
    };
    Rect {
        width: u16::try_from(width).unwrap_or(u16::MAX).min(area.width),
        ..area
    }
}

const FIND_PROMPT: &str = "Find: ";

/// The find line.
pub fn find_line<'a>(app: &'a App, theme: &'a Theme) -> InputLine<'a> {
    InputLine {
        prompt: FIND_PROMPT,
        input: &app.find,
        theme,
    }
}

impl Widget for Hints<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let find = find_area(area, self.app);
        if !find.is_empty() {
            find_line(self.app, t).render(find, buf);
        }
        let area = Rect {
            x: find.right(),
            width: area.width - find.width,
            ..area
        };
        if let Some(message) = &self.app.message {
            let (text, failure) = message_text(message, self.keys);
            let line = Line::styled(text, if failure { t.serious } else { t.text });
            // A long path or reason is cut with "…", never silently.
            return super::fit::fit_line(line, area.width).render(area, buf);
        }
        let mut spans = Vec::new();
        let problems = self.app.diagnostics.len();
        let marker = (problems > 0)
            .then(|| format!("⚠ {} (!) ", plural(problems, "load problem")))
            .filter(|m| m.width() < usize::from(area.width));
        let marker_width = marker.as_ref().map_or(0, |m| m.width());
        // Whole hints only, as many as fit, and two spaces clear of the
        // marker: a hint cut short would run into it.
        let room = usize::from(area.width) - marker_width;
        let gap = if marker.is_some() { 2 } else { 0 };
        let mut used = 0;
        // Over the help or the notice, which say in their own borders how
        // to leave them, the bar keeps the hints of the screen underneath.
        let mut cx = Context::of(self.app);
        if matches!(cx.overlay, Overlay::Help | Overlay::Notice) {
            cx.overlay = Overlay::None;
        }
        for Hint { keys, text: what } in self.keys.hints(cx) {
            let end = used + keys.width() + 1 + what.width();
            if end + gap > room {
                break;
            }
            spans.push(Span::styled(keys, t.key));
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
