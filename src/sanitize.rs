//! Makes untrusted text safe to print on a terminal.
//!
//! Monograph and page files are written by other people. Every string that
//! enters the model passes through [`sanitize`] once, at load or import, so no
//! later printer has to remember to do it. Messages and paths — file names,
//! unknown keys, bad values, whatever their source — are not data to clean
//! but evidence to show: they pass through [`escape`] where they are printed,
//! which shows a control character as an inert escape rather than dropping it.

use std::borrow::Cow;
use std::path::Path;

/// Spaces a tab expands to.
const TAB_WIDTH: usize = 4;

/// Removes control characters, terminal escape sequences and bidirectional
/// overrides; expands tabs; keeps newlines.
pub fn sanitize(input: &str) -> String {
    if input.chars().all(is_harmless) {
        return input.to_string();
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // A lone CR would return the cursor; CRLF is just a line end.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            c if is_harmless(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Shows every control character, bidirectional control and line separator
/// of a message or path as an inert escape (`\e`, `\n`, `\u{202e}`), so
/// nothing in it can move the cursor, set the title or clipboard, reorder
/// text or fake another line. Backslashes are left alone, so escaping twice
/// changes nothing.
pub fn escape(input: &str) -> Cow<'_, str> {
    if !input.chars().any(needs_escape) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`escape`] for a path, which may not be UTF-8.
pub fn escape_path(path: &Path) -> String {
    escape(&path.to_string_lossy()).into_owned()
}

/// Whether a character must be escaped in a message: as [`is_harmless`],
/// but a newline too, and the Unicode line and paragraph separators.
fn needs_escape(c: char) -> bool {
    !is_harmless(c) || matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// Whether a character can be printed as it is.
pub fn is_harmless(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_bidi_control(c) || c == '\u{feff}')
}

/// Characters that reorder or hide the text around them: bidirectional
/// controls and zero-width marks.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
    )
}

/// Consumes the rest of an escape sequence whose ESC was already read:
/// CSI (`ESC [ ... final`), OSC/DCS/APC/PM/SOS strings (up to BEL or `ESC \`),
/// or a two-character escape.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, sanitize};

    #[test]
    fn plain_text_is_untouched() {
        let s = "Take with food.\nNot medical advice — ask your pharmacist. Ünïcödé 药";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("x\u{1b}]0;evil title\u{7}y"), "xy");
        assert_eq!(sanitize("x\u{1b}]52;c;Zm9v\u{1b}\\y"), "xy");
        assert_eq!(sanitize("x\u{1b}Py"), "x");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
    }

    #[test]
    fn control_and_bidi_characters_are_dropped_and_tabs_expanded() {
        assert_eq!(sanitize("a\u{7}b\u{0}c\u{9b}d\u{85}e"), "abcde");
        assert_eq!(sanitize("safe\u{202e}txt.exe\u{2066}"), "safetxt.exe");
        assert_eq!(sanitize("a\tb"), "a    b");
        assert_eq!(sanitize("one\r\ntwo\rthree"), "one\ntwo\nthree");
    }

    #[test]
    fn escape_shows_controls_inert_and_leaves_the_rest() {
        assert_eq!(escape("plain 药.toml"), "plain 药.toml");
        assert_eq!(
            escape("\u{1b}]52;c;ZXZpbA==\u{7}"),
            "\\e]52;c;ZXZpbA==\\u{7}"
        );
        assert_eq!(
            escape("a\u{202e}b\u{9b}c\u{7f}"),
            "a\\u{202e}b\\u{9b}c\\u{7f}"
        );
        assert_eq!(
            escape("x\nwarning: fake\r\t\u{2028}"),
            "x\\nwarning: fake\\r\\t\\u{2028}"
        );
        let once = escape("\u{1b}[2J\\e");
        assert_eq!(escape(&once), once);
        assert!(!once.chars().any(char::is_control));
    }
}
