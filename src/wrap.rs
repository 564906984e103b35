//! Word wrapping by display width, with hanging indents for bullets.

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

/// The part of `text` that fits in `width` columns, centred on the span
/// from its first highlight to its last (or starting at the first, if
/// that span is wider), with "…" where it is cut; the highlights that
/// remain whole, moved to the excerpt's byte offsets. A result's matched
/// words stay in view however narrow the terminal.
pub fn excerpt(
    text: &str,
    highlights: &[(usize, usize)],
    width: usize,
) -> (String, Vec<(usize, usize)>) {
    if text.width() <= width {
        return (text.to_string(), highlights.to_vec());
    }
    let columns: Vec<(usize, usize)> = text
        .char_indices()
        .map(|(at, c)| (at, c.width().unwrap_or(0)))
        .collect();
    let column_of = |byte: usize| -> usize {
        columns
            .iter()
            .take_while(|(at, _)| *at < byte)
            .map(|(_, w)| w)
            .sum()
    };
    let (focus_start, focus_end) = match (highlights.first(), highlights.last()) {
        (Some(first), Some(last)) => (column_of(first.0), column_of(last.1)),
        _ => (0, 0),
    };
    // Room for the text between two "…" marks.
    let room = width.saturating_sub(2).max(1);
    let focus = focus_end.saturating_sub(focus_start);
    let first_column = if focus >= room {
        focus_start
    } else {
        focus_start.saturating_sub((room - focus) / 2)
    };
    let (mut column, mut used) = (0, 0);
    let mut kept_bytes: Option<(usize, usize)> = None;
    for (i, &(at, w)) in columns.iter().enumerate() {
        if column >= first_column {
            if used + w > room {
                break;
            }
            used += w;
            let next = columns.get(i + 1).map_or(text.len(), |(next, _)| *next);
            kept_bytes = Some((kept_bytes.map_or(at, |(start, _)| start), next));
        }
        column += w;
    }
    let (start, end) = kept_bytes.unwrap_or((0, 0));
    let (mut out, mut kept) = (String::new(), Vec::new());
    let prefix = if start > 0 { "…" } else { "" };
    out.push_str(prefix);
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    for &(a, b) in highlights {
        if a >= start && b <= end {
            kept.push((a - start + prefix.len(), b - start + prefix.len()));
        }
    }
    (out, kept)
}

/// `text` cut to `width` columns, ending in "…" where anything is cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        text.to_string()
    } else {
        cut_marked(text, width)
    }
}

/// `text` followed by "…", cut to fit `width` columns with the mark: for
/// text known to go on beyond what is shown.
pub fn cut_marked(text: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let mut out = String::new();
    let mut used = 0;
    let mut mid_word = false;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            mid_word = !c.is_whitespace();
            break;
        }
        used += w;
        out.push(c);
    }
    // Cut after a whole word when that keeps at least half the room, so
    // "A stem cell" reads "A stem…", not "A stem cel…".
    if mid_word
        && let Some(space) = out.rfind(char::is_whitespace)
        && out[..space].width() * 2 >= room
    {
        out.truncate(space);
    }
    // A cut between words leaves no dangling space before the mark.
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `text` followed by spaces to fill `width` columns; as it is when wider.
pub fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{:fill$}", "")
}

#[cfg(test)]
mod tests {
    use super::{cut, cut_marked, excerpt, pad, wrap};

    #[test]
    fn a_cut_ends_in_an_ellipsis_and_fits() {
        assert_eq!(cut("Losartan", 20), "Losartan");
        assert_eq!(cut("Women: birth control", 10), "Women:…");
        assert_eq!(cut("Women: birth control", 18), "Women: birth…");
        assert_eq!(cut("Besponsa", 5), "Besp…");
        assert_eq!(cut("Get help at once", 9), "Get help…");
        assert_eq!(cut("药物药物", 5), "药物…");
        assert_eq!(cut_marked("Get help", 20), "Get help…");
        assert_eq!(cut_marked("Get help", 0), "");
        for width in 0..20 {
            assert!(cut("Can cause major or fatal bleeding", width).width() <= width);
        }
    }

    #[test]
    fn pads_by_display_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("药物", 6), "药物  ");
        assert_eq!(pad("Cafe\u{301}", 5), "Cafe\u{301} ");
        assert_eq!(pad("toolong", 3), "toolong");
    }
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn an_excerpt_keeps_the_match_in_view_at_any_width() {
        let text = "Tell your doctor about any side effect that bothers you, such as severe itching of the scalp, or that does not go away.";
        let at = text.find("itching").unwrap();
        for width in 12..text.width() {
            let (cut, marks) = excerpt(text, &[(at, at + 7)], width);
            assert!(cut.width() <= width, "{width}: {cut:?}");
            assert_eq!(marks.len(), 1, "{width}: {cut:?}");
            assert_eq!(&cut[marks[0].0..marks[0].1], "itching");
            assert!(
                cut.starts_with('…') || cut.ends_with('…'),
                "{width}: {cut:?}"
            );
        }
        assert_eq!(excerpt(text, &[], 200).0, text, "what fits is left whole");
    }

    #[test]
    fn an_excerpt_of_wide_characters_fits_its_columns() {
        let text = "药物药物药物药物药物 match 药物药物药物药物药物";
        let at = text.find("match").unwrap();
        for width in 3..30 {
            let (cut, _) = excerpt(text, &[(at, at + 5)], width);
            assert!(cut.width() <= width, "{width}: {cut:?}");
        }
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
