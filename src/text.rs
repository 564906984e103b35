//! Monograph prose: paragraphs separated by blank lines, and bullet lists.
//!
//! A line starting with `- `, `* ` or `• ` opens a bullet; indented lines that
//! follow continue it. Any other line continues the current paragraph, so a
//! TOML multi-line string reads naturally in the file and on screen.

/// A unit of prose: one paragraph or one bullet list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Running text, already joined into one line.
    Paragraph(String),
    /// Bullet items, each joined into one line.
    Bullets(Vec<String>),
}

impl Block {
    /// The text of the block's pieces, for indexing and matching.
    pub fn pieces(&self) -> &[String] {
        match self {
            Block::Paragraph(p) => std::slice::from_ref(p),
            Block::Bullets(items) => items,
        }
    }
}

/// "1 drug", "2 drugs": a count and its noun, for nouns that take an "s".
pub fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Splits prose into blocks. Empty input gives no blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut paragraph = String::new();
    let mut in_bullets = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if matches!(trimmed, "-" | "*" | "•") {
            // An empty bullet carries nothing worth showing.
            continue;
        }
        if trimmed.is_empty() {
            flush_paragraph(&mut out, &mut paragraph);
            in_bullets = false;
        } else if let Some(item) = bullet_item(trimmed) {
            flush_paragraph(&mut out, &mut paragraph);
            push_bullet(&mut out, item.to_string());
            in_bullets = true;
        } else if in_bullets && line.starts_with([' ', '\t']) {
            if let Some(Block::Bullets(items)) = out.last_mut()
                && let Some(last) = items.last_mut()
            {
                last.push(' ');
                last.push_str(trimmed);
            }
        } else {
            in_bullets = false;
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(trimmed);
        }
    }
    flush_paragraph(&mut out, &mut paragraph);
    out
}

/// The text after a bullet marker, if the line is a bullet.
fn bullet_item(trimmed: &str) -> Option<&str> {
    ["- ", "* ", "• "]
        .iter()
        .find_map(|marker| trimmed.strip_prefix(marker))
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn flush_paragraph(out: &mut Vec<Block>, paragraph: &mut String) {
    if !paragraph.is_empty() {
        out.push(Block::Paragraph(std::mem::take(paragraph)));
    }
}

fn push_bullet(out: &mut Vec<Block>, item: String) {
    match out.last_mut() {
        Some(Block::Bullets(items)) => items.push(item),
        _ => out.push(Block::Bullets(vec![item])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_join_lines_and_split_on_blank_lines() {
        let got = blocks("First line\ncontinues.\n\nSecond.");
        assert_eq!(
            got,
            vec![
                Block::Paragraph("First line continues.".into()),
                Block::Paragraph("Second.".into())
            ]
        );
    }

    #[test]
    fn bullets_group_and_indented_lines_continue_them() {
        let got = blocks("Intro:\n- one\n  more\n* two\n• three\nAfter.");
        assert_eq!(
            got,
            vec![
                Block::Paragraph("Intro:".into()),
                Block::Bullets(vec!["one more".into(), "two".into(), "three".into()]),
                Block::Paragraph("After.".into()),
            ]
        );
    }

    #[test]
    fn empty_and_blank_text_gives_nothing() {
        assert!(blocks("").is_empty());
        assert!(blocks("  \n\n ").is_empty());
        assert!(blocks("- ").is_empty());
    }
}
