//! A self-contained, print-friendly HTML handout: no external assets, every
//! piece of data escaped.

use std::fmt::Write;

use crate::DISCLAIMER;
use crate::model::Monograph;
use crate::pane::{Pane, Tone, document, identity};
use crate::text::Block;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font: 12pt/1.45 Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { border-bottom: 2px solid #333; padding-bottom: 0.1em; margin-top: 1.6em; }
h3 { margin-bottom: 0.2em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dl.facts dt { font-weight: bold; }
.warning { border: 3px solid #b00; padding: 0.6em 1em; margin: 1em 0; }
.warning strong { color: #b00; }
h3.emergency { color: #b00; }
h3.serious { color: #8a5a00; }
.disclaimer { border-top: 1px solid #999; margin-top: 2em; padding-top: 0.6em; font-weight: bold; }
.disclaimer-top { font-style: italic; margin: 0 0 1em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  section { break-inside: avoid-page; }
  .warning { border-color: #000; }
}
";

/// The disclaimer at the foot of every printed page: a page margin box,
/// in a bottom margin made tall enough for it, so it never covers the text.
fn running_footer() -> String {
    format!(
        "@page {{ margin: 16mm 16mm 22mm; @bottom-center {{ content: {}; font: 9pt Georgia, 'Times New Roman', serif; color: #222; }} }}\n",
        css_string(DISCLAIMER)
    )
}

/// `text` as a quoted CSS string; `<` escaped too, so the text cannot
/// close the `<style>` element it stands in.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '\n' => {
                let _ = write!(out, "\\{:X} ", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders the whole monograph as an HTML document.
pub fn render(m: &Monograph) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>\n",
        escape(&m.name),
        running_footer()
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&m.name));
    let _ = writeln!(
        out,
        "<p class=\"disclaimer-top\">{}</p>\n<dl class=\"facts\">",
        escape(DISCLAIMER)
    );
    for (label, value) in identity(m) {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", escape(&value));
    }
    out.push_str("</dl>\n");
    if let Some(w) = &m.boxed_warning {
        let _ = writeln!(
            out,
            "<div class=\"warning\"><strong>Warning:</strong> {}</div>",
            escape(w.trim())
        );
    }
    for pane in Pane::ALL {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", pane.title());
        for section in document(m, pane) {
            if let Some(title) = &section.title {
                let class = match section.tone {
                    Tone::Emergency => " class=\"emergency\"",
                    Tone::Serious => " class=\"serious\"",
                    _ => "",
                };
                let _ = writeln!(out, "<h3{class}>{}</h3>", escape(title));
            }
            for block in &section.blocks {
                match block {
                    Block::Paragraph(p) => {
                        let _ = writeln!(out, "<p>{}</p>", escape(p));
                    }
                    Block::Bullets(items) => {
                        out.push_str("<ul>\n");
                        for item in items {
                            let _ = writeln!(out, "<li>{}</li>", escape(item));
                        }
                        out.push_str("</ul>\n");
                    }
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("<section>\n<h2>Sources</h2>\n<ul>\n");
    for s in &m.sources {
        let _ = writeln!(out, "<li>{}</li>", escape(s));
    }
    out.push_str("</ul>\n");
    if let Some(p) = &m.provenance {
        let _ = writeln!(out, "<p>Source: {}</p>", escape(&p.summary()));
    }
    let _ = writeln!(
        out,
        "<p>Reviewed: {}</p>\n</section>",
        escape(&m.review_status())
    );
    let _ = writeln!(
        out,
        "<p class=\"disclaimer\">{}</p>\n</body>\n</html>",
        escape(DISCLAIMER)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::{css_string, escape};

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn css_strings_cannot_end_early_or_close_the_style() {
        assert_eq!(css_string("a\"b\\</style>"), "\"a\\22 b\\5C \\3C /style>\"");
        assert_eq!(css_string("Not medical advice."), "\"Not medical advice.\"");
    }
}
