//! Word wrapping and padding by display width (a CJK character takes two
//! columns, a combining mark none), with hanging indents for bullets.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` to `width` columns. The first line starts with `first`, the
/// rest with `rest` (e.g. `"• "` and `"  "` for a bullet's hanging indent).
/// Words wider than a line are broken. Always returns at least one line.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut line_width = first.width();
    let mut empty = true;
    let indent_width = |lines: &Vec<String>| {
        if lines.is_empty() {
            first.width()
        } else {
            rest.width()
        }
    };
    for word in text.split_whitespace() {
        let word_width = word.width();
        let needed = if empty { word_width } else { word_width + 1 };
        if !empty && line_width + needed > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            line_width = rest.width();
            empty = true;
        }
        if empty && line_width + word_width > width {
            // Break an over-long word (a URL, a long chemical name) by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if line_width + cw > width && line_width > indent_width(&lines) {
                    lines.push(std::mem::replace(&mut line, rest.to_string()));
                    line_width = rest.width();
                }
                line.push(c);
                line_width += cw;
            }
            empty = false;
            continue;
        }
        if !empty {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
        empty = false;
    }
    lines.push(line);
    lines
}

/// `text` followed by spaces to fill `width` columns; as it is when wider.
pub fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{:fill$}", "")
}

#[cfg(test)]
mod tests {
    use super::{pad, wrap};

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("药物", 6), "药物  ");
        assert_eq!(pad("Cafe\u{301}", 5), "Cafe\u{301} ");
        assert_eq!(pad("toolong", 3), "toolong");
    }

    #[test]
    fn wraps_with_hanging_indent() {
        let got = wrap("one two three four five", 12, "• ", "  ");
        assert_eq!(got, vec!["• one two", "  three four", "  five"]);
    }

    #[test]
    fn breaks_words_longer_than_the_line() {
        let got = wrap("abcdefghij", 4, "", "");
        assert_eq!(got, vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn never_loops_or_panics_at_tiny_widths() {
        for width in 0..6 {
            let got = wrap("x yy zzz 药物", width, "• ", "  ");
            assert!(!got.is_empty());
        }
        assert_eq!(wrap("", 10, "", ""), vec![""]);
    }
}
