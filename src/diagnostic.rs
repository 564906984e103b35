//! Problems found while loading or importing, located as `path:line:column`.
//! A problem is shown with its path and message escaped: both can carry
//! what a hostile file name or key put there.

use std::fmt;

use crate::sanitize::escape;

/// One problem with one file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
#[error("{location}: {}", escape(.message))]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in words a data author can act on.
    pub message: String,
}

/// A file, and a position in it when one is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// The file's path as the user gave it (or `data/<file>` for bundled data).
    pub path: String,
    /// 1-based line and column, if known.
    pub position: Option<(usize, usize)>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}", escape(&self.path)),
            None => f.write_str(&escape(&self.path)),
        }
    }
}

impl Diagnostic {
    /// A problem with a whole file (unreadable, too large, ...).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: Location {
                path: path.into(),
                position: None,
            },
            message: message.into(),
        }
    }

    /// A problem at a byte offset of a file's text.
    pub fn at(
        path: impl Into<String>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            location: Location {
                path: path.into(),
                position: Some(line_column(text, offset)),
            },
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (2, 2));
        assert_eq!(line_column(text, 8), (3, 1));
        assert_eq!(line_column(text, 999), (3, 2));
        assert_eq!(
            Diagnostic::at("x.toml", text, 4, "bad").to_string(),
            "x.toml:2:2: bad"
        );
        assert_eq!(
            Diagnostic::file("y.toml", "gone").to_string(),
            "y.toml: gone"
        );
    }

    #[test]
    fn paths_and_messages_are_shown_escaped() {
        let d = Diagnostic::at(
            "d/\u{1b}]0;pwned\u{7}.toml",
            "x",
            0,
            "unknown field `\u{1b}[2J`\nwarning: fake",
        );
        assert_eq!(
            d.to_string(),
            "d/\\e]0;pwned\\u{7}.toml:1:1: unknown field `\\e[2J`\\nwarning: fake"
        );
    }
}
