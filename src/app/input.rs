//! A one-line text input with the editing keys of a shell prompt: a cursor
//! that moves by user-perceived characters (graphemes), Home/End, and
//! deleting back, forward, a word or to the start.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Action;
use crate::sanitize::is_harmless;

/// Text typed by the user, and where the cursor is in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
    /// Byte offset of the cursor, always at a grapheme boundary.
    cursor: usize,
}

/// Longest input kept; more is ignored so a pasted novel cannot stall search.
pub const MAX_INPUT_CHARS: usize = 256;

/// What an action did to an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text changed: what it filters must be worked out again.
    Changed,
    /// Only the cursor moved, or nothing could be done (deleting at an end).
    Unchanged,
    /// Not an editing action: the caller handles it.
    NotEditing,
}

impl Input {
    /// An input holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> Self {
        let mut input = Self::default();
        text.chars().for_each(|c| input.push(c));
        input
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Columns the text before the cursor takes on screen (wide characters
    /// take two).
    pub fn cursor_column(&self) -> usize {
        self.before_cursor().width()
    }

    /// Applies an editing action: typing, deleting, moving the cursor.
    pub fn apply(&mut self, action: Action) -> Edit {
        let before = self.text.len();
        match action {
            Action::Type(c) => self.push(c),
            Action::Backspace => self.backspace(),
            Action::DeleteForward => self.delete_forward(),
            Action::DeleteWord => self.delete_word(),
            Action::DeleteToStart => self.delete_to_start(),
            Action::CursorLeft => self.cursor = self.previous_boundary(),
            Action::CursorRight => self.cursor = self.next_boundary(),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            _ => return Edit::NotEditing,
        }
        if self.text.len() == before {
            Edit::Unchanged
        } else {
            Edit::Changed
        }
    }

    /// Inserts a printable character at the cursor; a control character,
    /// or one that would reorder or hide the text around it, is dropped.
    pub fn push(&mut self, c: char) {
        if !c.is_control() && is_harmless(c) && self.text.chars().count() < MAX_INPUT_CHARS {
            self.text.insert(self.cursor, c);
            // A combining mark joins the character before it: the cursor
            // goes after the whole of what it now belongs to.
            let end = self.cursor + c.len_utf8();
            self.cursor = self.boundary_at_or_after(end);
        }
    }

    /// Deletes the character (grapheme) before the cursor.
    pub fn backspace(&mut self) {
        let start = self.previous_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the character (grapheme) under the cursor.
    pub fn delete_forward(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Deletes the word before the cursor and the spaces after it, as
    /// Ctrl-w does in a shell.
    pub fn delete_word(&mut self) {
        let before = self.before_cursor().trim_end();
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes from the start to the cursor, as Ctrl-u does in a shell.
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    fn previous_boundary(&self) -> usize {
        self.before_cursor()
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }

    /// The first grapheme boundary at or after byte `at`.
    fn boundary_at_or_after(&self, at: usize) -> usize {
        let mut end = 0;
        for g in self.text.graphemes(true) {
            if end >= at {
                break;
            }
            end += g.len();
        }
        end
    }
}

/// The characters of pasted text as they are typed into an input: a line
/// break (CR, LF or CRLF) or a tab is a space, and other control characters
/// are dropped. At most [`MAX_INPUT_CHARS`] are given, so a pasted book
/// costs no more than a full input.
pub fn pasted(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    return Some(' ');
                }
                '\n' | '\t' => return Some(' '),
                c if c.is_control() || !is_harmless(c) => {}
                c => return Some(c),
            }
        }
    })
    .take(MAX_INPUT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with `|` where the cursor is.
    fn shown(i: &Input) -> String {
        format!(
            "{}|{}",
            i.before_cursor(),
            &i.text()[i.before_cursor().len()..]
        )
    }

    fn apply_all(i: &mut Input, actions: &[Action]) {
        actions.iter().for_each(|a| {
            i.apply(*a);
        });
    }

    #[test]
    fn the_cursor_moves_and_text_goes_in_where_it_is() {
        let mut i = Input::with_text("warfrin");
        apply_all(
            &mut i,
            &[Action::CursorLeft, Action::CursorLeft, Action::CursorLeft],
        );
        assert_eq!(shown(&i), "warf|rin");
        i.apply(Action::Type('a'));
        assert_eq!(shown(&i), "warfa|rin");
        i.apply(Action::LineStart);
        assert_eq!(i.apply(Action::CursorLeft), Edit::Unchanged);
        assert_eq!(shown(&i), "|warfarin");
        i.apply(Action::LineEnd);
        assert_eq!(i.apply(Action::CursorRight), Edit::Unchanged);
        assert_eq!(shown(&i), "warfarin|");
    }

    #[test]
    fn deleting_back_forward_a_word_and_to_the_start() {
        let mut i = Input::with_text("yellow  skin rash");
        apply_all(&mut i, &[Action::CursorLeft; 5]);
        assert_eq!(shown(&i), "yellow  skin| rash");
        assert_eq!(i.apply(Action::DeleteWord), Edit::Changed);
        assert_eq!(shown(&i), "yellow  | rash");
        i.apply(Action::DeleteWord);
        assert_eq!(shown(&i), "| rash");
        assert_eq!(i.apply(Action::Backspace), Edit::Unchanged);
        i.apply(Action::DeleteForward);
        assert_eq!(shown(&i), "|rash");
        apply_all(&mut i, &[Action::CursorRight, Action::CursorRight]);
        i.apply(Action::DeleteToStart);
        assert_eq!(shown(&i), "|sh");
        i.apply(Action::LineEnd);
        assert_eq!(i.apply(Action::DeleteForward), Edit::Unchanged);
        i.apply(Action::Backspace);
        assert_eq!(shown(&i), "s|");
        assert_eq!(i.apply(Action::Open), Edit::NotEditing);
    }

    #[test]
    fn wide_and_combined_characters_are_one_step_and_take_their_width() {
        // "é" written as e and a combining accent; 薬 (drug) is two columns wide.
        let mut i = Input::with_text("e\u{301}薬x");
        assert_eq!(i.cursor_column(), 4);
        i.apply(Action::CursorLeft);
        i.apply(Action::CursorLeft);
        assert_eq!(shown(&i), "e\u{301}|薬x");
        assert_eq!(i.cursor_column(), 1);
        i.apply(Action::Backspace);
        assert_eq!(shown(&i), "|薬x", "the accent goes with its letter");
        i.apply(Action::DeleteForward);
        assert_eq!(shown(&i), "|x");
        // A combining mark typed after a letter stays with it.
        let mut i = Input::with_text("e");
        i.apply(Action::Type('\u{301}'));
        i.apply(Action::CursorLeft);
        assert_eq!(shown(&i), "|e\u{301}");
    }

    #[test]
    fn editing_keys() {
        let mut i = Input::with_text("yellow skin");
        i.push('\u{1b}');
        i.push('\u{202e}');
        assert_eq!(i.text(), "yellow skin");
        i.delete_word();
        assert_eq!(i.text(), "yellow ");
        i.backspace();
        assert_eq!(i.text(), "yellow");
        i.clear();
        assert!(i.is_empty());
    }

    #[test]
    fn input_is_bounded() {
        let mut i = Input::default();
        (0..1000).for_each(|_| i.push('x'));
        assert_eq!(i.text().len(), MAX_INPUT_CHARS);
    }

    #[test]
    fn pasted_line_breaks_are_spaces_and_the_paste_is_bounded() {
        let got: String = pasted("warfarin\nquetiapine\r\nq\tx\ry\u{1b}[2J").collect();
        assert_eq!(got, "warfarin quetiapine q x y[2J");
        let long = "ab\n".repeat(100_000);
        assert_eq!(pasted(&long).count(), MAX_INPUT_CHARS);
    }
}
