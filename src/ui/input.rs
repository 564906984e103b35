//! An input line: its prompt, then its text scrolled sideways so the cursor
//! is always on screen, and where the terminal's cursor goes in it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::app::Input;
use crate::theme::Theme;

/// One input on one line.
pub struct InputLine<'a> {
    /// What the input is for, before it (`/ `, `Search: `).
    pub prompt: &'a str,
    /// The input.
    pub input: &'a Input,
    /// Styles.
    pub theme: &'a Theme,
}

impl InputLine<'_> {
    /// The text shown in `width` columns after the prompt: from the first
    /// character that leaves room for the cursor, and how many columns of
    /// text the cursor is from its left.
    fn visible(&self, width: usize) -> (&str, usize) {
        let room = width.saturating_sub(self.prompt.width() + 1);
        let text = self.input.text();
        let mut column = self.input.cursor_column();
        let mut start = 0;
        // Characters scroll off the left, whole, until the cursor fits.
        for grapheme in text.graphemes(true) {
            if column <= room {
                break;
            }
            start += grapheme.len();
            column -= grapheme.width();
        }
        (&text[start..], column)
    }

    /// Where the terminal's cursor goes when the input is drawn in `area`;
    /// none if the prompt leaves no room.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        if area.is_empty() || self.prompt.width() >= usize::from(area.width) {
            return None;
        }
        let (_, column) = self.visible(usize::from(area.width));
        let x = area.x + u16::try_from(self.prompt.width() + column).ok()?;
        Some(Position::new(x.min(area.right() - 1), area.y))
    }
}

impl Widget for InputLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (text, _) = self.visible(usize::from(area.width));
        Line::from(vec![
            Span::styled(self.prompt, self.theme.key),
            Span::styled(text, self.theme.text),
        ])
        .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;

    fn drawn(input: &Input, width: u16) -> (String, Option<Position>) {
        let theme = Theme::monochrome();
        let line = InputLine {
            prompt: "/ ",
            input,
            theme: &theme,
        };
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        let cursor = line.cursor(area);
        line.render(area, &mut buf);
        let shown: String = (0..width).map(|x| buf[(x, 0)].symbol()).collect();
        (shown, cursor)
    }

    #[test]
    fn the_cursor_sits_after_the_text_before_it() {
        let mut input = Input::with_text("warfarin");
        assert_eq!(
            drawn(&input, 20),
            ("/ warfarin          ".into(), Some(Position::new(10, 0)))
        );
        input.apply(Action::LineStart);
        assert_eq!(drawn(&input, 20).1, Some(Position::new(2, 0)));
    }

    #[test]
    fn a_long_input_scrolls_so_the_cursor_shows() {
        let input = Input::with_text("abcdefghijklmnop");
        let (shown, cursor) = drawn(&input, 10);
        assert_eq!(shown, "/ jklmnop ");
        assert_eq!(cursor, Some(Position::new(9, 0)));
    }

    #[test]
    fn wide_characters_take_two_columns_and_scroll_whole() {
        let mut input = Input::with_text("薬薬薬薬薬");
        assert_eq!(drawn(&input, 20).1, Some(Position::new(12, 0)));
        let (shown, cursor) = drawn(&input, 9);
        // Three wide characters and the cursor fit after the prompt.
        assert_eq!(shown.replace(' ', ""), "/薬薬薬");
        assert_eq!(cursor, Some(Position::new(8, 0)));
        input.apply(Action::CursorLeft);
        assert_eq!(drawn(&input, 20).1, Some(Position::new(10, 0)));
    }

    #[test]
    fn no_cursor_where_the_prompt_fills_the_line() {
        assert_eq!(drawn(&Input::with_text("x"), 2).1, None);
        assert_eq!(drawn(&Input::default(), 3).1, Some(Position::new(2, 0)));
    }
}
