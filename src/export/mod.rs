//! Monographs out: plain text, Markdown and self-contained HTML handouts.
//! Every format carries the disclaimer.

pub mod markdown;
pub mod plain;

use std::fmt;
use std::str::FromStr;

/// A handout format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown.
    Md,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Txt),
            "md" | "markdown" => Ok(Format::Md),
            _ => Err(format!("unknown format `{s}`; expected txt or md")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Txt => "txt",
            Format::Md => "md",
        })
    }
}
