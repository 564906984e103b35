//! Monographs out: plain text, Markdown and self-contained HTML handouts.
//! Every format carries the disclaimer.

pub mod html;
pub mod markdown;
pub mod plain;
pub mod toml;

use std::fmt;
use std::str::FromStr;

/// A handout format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Txt,
    /// Markdown.
    Md,
    /// Self-contained HTML.
    Html,
}

impl Format {
    /// Renders a monograph as a handout in this format.
    pub fn render(self, m: &crate::model::Monograph) -> String {
        match self {
            Format::Txt => plain::render(m, &crate::pane::Pane::ALL, Some(80)),
            Format::Md => markdown::render(m),
            Format::Html => html::render(m),
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Ok(Format::Txt),
            "md" | "markdown" => Ok(Format::Md),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(format!("unknown format `{s}`; expected html, md or txt")),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
        })
    }
}
