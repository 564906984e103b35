//! Markdown handout.

use std::fmt::Write;

use crate::DISCLAIMER;
use crate::model::Monograph;
use crate::pane::{Pane, Tone, document, identity};
use crate::text::Block;

/// Escapes characters Markdown would read as markup at the start of text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Renders the whole monograph as a Markdown handout.
pub fn render(m: &Monograph) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&m.name));
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
