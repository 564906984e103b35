//! Makes untrusted text safe to print on a terminal.
//!
//! Monograph and page files are written by other people. Every string that
//! enters the model passes through [`sanitize`] once, at load or import, so no
//! later printer has to remember to do it.

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

/// Whether a character can be printed as it is.
fn is_harmless(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_bidi_control(c) || c == '\u{feff}')
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
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
    use super::sanitize;

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
}
