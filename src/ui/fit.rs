//! Styled lines cut to a width with "…" where they are cut, so a reader
//! knows there is more (a brand list, a warning), never a silent cut.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::wrap::cut_marked;

/// `line` cut to `width` columns, its end replaced by "…" (in the style
/// of the text it cuts) when it does not fit; as it is when it does.
pub fn fit_line(line: Line<'_>, width: u16) -> Line<'_> {
    let width = usize::from(width);
    if line.width() <= width {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
        ..
    } = line;
    let mut kept = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.content.width();
        // The last column is the mark's: a span ending right at the edge
        // is cut too.
        if used + w < width {
            used += w;
            kept.push(span);
            continue;
        }
        let rest = cut_marked(&span.content, width - used);
        kept.push(Span::styled(rest, span.style));
        break;
    }
    let mut out = Line::from(kept).style(style);
    out.alignment = alignment;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_cut_line_ends_in_an_ellipsis_within_its_width() {
        let line = Line::from(vec![Span::raw("Brands "), Span::raw("Levora, Seasonique")]);
        assert_eq!(
            shown(&fit_line(line.clone(), 40)),
            "Brands Levora, Seasonique"
        );
        assert_eq!(shown(&fit_line(line.clone(), 16)), "Brands Levora,…");
        assert_eq!(shown(&fit_line(line.clone(), 7)), "Brands…");
        for width in 0..30 {
            assert!(fit_line(line.clone(), width).width() <= usize::from(width));
        }
    }
}
