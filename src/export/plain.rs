//! Plain text: what `show` prints, and the `txt` handout.

use std::fmt::Write;

use crate::DISCLAIMER;
use crate::model::Monograph;
use crate::pane::{Pane, Tone, document, identity};
use crate::text::Block;
use crate::wrap::wrap;

/// Renders panes of a monograph as plain text. `width` wraps lines (`None`
/// leaves wrapping to the reader, which suits pipes and screen readers).
pub fn render(m: &Monograph, panes: &[Pane], width: Option<usize>) -> String {
    let mut out = String::new();
    let mut put = |text: &str, first: &str, rest: &str| match width {
        Some(w) => wrap(text, w, first, rest).into_iter().for_each(|l| {
            let _ = writeln!(out, "{}", l.trim_end());
        }),
        None => {
            let _ = writeln!(out, "{first}{text}");
        }
    };
    put(&m.name.to_uppercase(), "", "");
    // At the top as well as the end: a reader of the first page, or of a
    // pager's first screen, sees it before any advice.
    put(DISCLAIMER, "", "");
    put("", "", "");
    for (label, value) in identity(m) {
        put(&format!("{label}: {value}"), "", "  ");
    }
    if let Some(warning) = &m.boxed_warning {
        put("", "", "");
        put(&format!("WARNING: {}", warning.trim()), "! ", "! ");
    }
    for &pane in panes {
        put("", "", "");
        put(&format!("== {} ==", pane.title()), "", "");
        for section in document(m, pane) {
            if let Some(title) = &section.title {
                put("", "", "");
                let title = match section.tone {
                    Tone::Emergency => format!("{title} (!)"),
                    Tone::Question => format!("Q: {title}"),
                    _ => title.clone(),
                };
                put(&title, "", "  ");
            }
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => put(p, "  ", "  "),
                    Block::Bullets(items) => items.iter().for_each(|i| put(i, "  - ", "    ")),
                }
            }
        }
    }
    put("", "", "");
    put(&format!("Sources: {}", m.sources.join("; ")), "", "  ");
    put(DISCLAIMER, "", "");
    out
}
