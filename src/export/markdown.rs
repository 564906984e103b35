//! Markdown handout.

use std::fmt::Write;

use crate::DISCLAIMER;
use crate::model::Monograph;
use crate::pane::{Pane, Tone, document, identity};
use crate::text::Block;

/// Escapes what Markdown would read as markup: the characters of inline
/// markup anywhere, and a block marker opening a line (of the text, or after
/// a line break in it), so a line of text reading "---", "# x", "1. x" or
/// "+ x" stays text rather than becoming a rule, a heading or a list.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        escape_line(line, &mut out);
    }
    out
}

/// [`escape`] for one line.
fn escape_line(line: &str, out: &mut String) {
    let body = line.trim_start_matches([' ', '\t']);
    out.push_str(&line[..line.len() - body.len()]);
    // Where a block marker stands: a rule, setext underline, list or fence
    // character first, or the `.` or `)` after an ordered list's number.
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if body.starts_with(['-', '+', '=', '~']) {
        Some(0)
    } else if digits > 0 && body[digits..].starts_with(['.', ')']) {
        Some(digits)
    } else {
        None
    };
    for (at, c) in body.char_indices() {
        let inline = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        );
        if inline || marker == Some(at) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Renders the whole monograph as a Markdown handout.
pub fn render(m: &Monograph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&m.name));
    let _ = writeln!(out, "*{}*\n", escape(DISCLAIMER));
    for (label, value) in identity(m) {
        let _ = writeln!(out, "- **{label}:** {}", escape(&value));
    }
    if let Some(warning) = &m.boxed_warning {
        let _ = writeln!(out, "\n> **Warning:** {}", escape(warning.trim()));
    }
    for pane in Pane::ALL {
        let _ = writeln!(out, "\n## {}", pane.title());
        for section in document(m, pane) {
            if let Some(title) = &section.title {
                let marker = if section.tone == Tone::Emergency {
                    " ⚠"
                } else {
                    ""
                };
                let _ = writeln!(out, "\n### {}{marker}\n", escape(title));
            }
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => {
                        let _ = writeln!(out, "{}\n", escape(p));
                    }
                    Block::Bullets(items) => {
                        for item in items {
                            let _ = writeln!(out, "- {}", escape(item));
                        }
                        out.push('\n');
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "\n## Sources\n");
    for source in &m.sources {
        let _ = writeln!(out, "- {}", escape(source));
    }
    let _ = writeln!(out, "\n---\n\n*{}*", escape(DISCLAIMER));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_monograph;

    const TEMPLATE: &str = include_str!("../../tests/fixtures/good/testamol.toml");

    #[test]
    fn lines_of_text_that_look_like_markdown_blocks_stay_text() {
        let how = "Take it.\\n\\n---\\n\\n# Not a heading\\n\\n1. Not a list\\n\\n\
                   + Nor this\\n\\n=== Nor a rule\\n\\n2) Nor this";
        let text = TEMPLATE.replace("Once a day with water.", how).replace(
            "reviewed = ",
            "boxed_warning = \"Stop.\\n---\\n  ## Not one\\n~~~\"\nreviewed = ",
        );
        let m = parse_monograph("testamol", text.as_bytes()).unwrap();
        let out = render(&m);
        // The only headings are the handout's own: the name, the panes
        // and their sections.
        let headings: Vec<&str> = out.lines().filter(|l| l.starts_with('#')).collect();
        assert!(headings.iter().all(|h| !h.contains("Not")), "{headings:?}");
        assert_eq!(headings[0], "# Testamol");
        // Only the handout's own rule, before the disclaimer.
        let rules = out.lines().filter(|l| l.trim().starts_with("---")).count();
        assert_eq!(rules, 1, "{out}");
        for line in out.lines().map(str::trim_start) {
            for block in ["1.", "2)", "+ ", "===", "~~~", "#"] {
                let own_heading = headings.contains(&line);
                assert!(!line.starts_with(block) || own_heading, "{line:?}");
            }
        }
        for escaped in [
            "\\---",
            "\\# Not a heading",
            "1\\. Not a list",
            "\\+ Nor this",
        ] {
            assert!(out.contains(escaped), "{escaped:?} in\n{out}");
        }
        assert!(out.contains("\\=== Nor a rule") && out.contains("2\\) Nor this"));
        assert!(out.contains("\n  \\#\\# Not one\n\\~~~"), "{out}");
    }
}
