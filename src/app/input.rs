//! A one-line text input with the editing keys of a shell prompt.

/// Text typed by the user; the cursor is always at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    text: String,
}

/// Longest input kept; more is ignored so a pasted novel cannot stall search.
pub const MAX_INPUT_CHARS: usize = 256;

impl Input {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether nothing is typed.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends a printable character.
    pub fn push(&mut self, c: char) {
        if !c.is_control() && self.text.chars().count() < MAX_INPUT_CHARS {
            self.text.push(c);
        }
    }

    /// Deletes the last character.
    pub fn backspace(&mut self) {
        self.text.pop();
    }

    /// Deletes the last word and the spaces after it.
    pub fn delete_word(&mut self) {
        let trimmed = self.text.trim_end();
        let cut = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.text.truncate(cut);
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.text.clear();
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
                c if c.is_control() => {}
                c => return Some(c),
            }
        }
    })
    .take(MAX_INPUT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_keys() {
        let mut i = Input::default();
        "yellow skin".chars().for_each(|c| i.push(c));
        i.push('\u{1b}');
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
