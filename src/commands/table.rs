//! Rows of data (`list`, `search`) for a person or for a program: aligned
//! with a heading and a closing line on a terminal; one tab-separated line
//! an item when piped, with the closing line and its disclaimer on standard
//! error, so that `rxdoc list | wc -l` counts monographs.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

use crate::DISCLAIMER;

/// Where a command's standard output goes, which decides its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// A person reads it at a terminal.
    Terminal,
    /// Another program, or a file, reads it.
    Pipe,
}

impl Destination {
    /// Where this process's standard output goes.
    pub fn of_stdout() -> Self {
        if io::stdout().is_terminal() {
            Destination::Terminal
        } else {
            Destination::Pipe
        }
    }
}

/// Says what the rows were ("25 drugs") and the disclaimer: after the rows
/// on a terminal, on standard error when piped.
pub(crate) fn closing(
    summary: &str,
    to: Destination,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match to {
        Destination::Terminal => writeln!(out, "\n{summary}. {DISCLAIMER}"),
        Destination::Pipe => {
            // Rows gathered for a pipe go first: with both streams sent to
            // one place, the closing line stays last.
            out.flush()?;
            writeln!(err, "{summary}. {DISCLAIMER}")
        }
    }
}

/// JSON stays pure JSON: the disclaimer goes to standard error, where a
/// person running the command still sees it, after the JSON in `out`.
pub(crate) fn json_disclaimer(out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
    out.flush()?;
    writeln!(err, "{DISCLAIMER}")
}

/// One tab-separated line of `fields`; a tab or line break inside a field
/// becomes a space, so every item stays one line of as many columns.
pub(crate) fn tab_separated(fields: &[&str], out: &mut dyn Write) -> io::Result<()> {
    let fields: Vec<Cow<'_, str>> = fields.iter().map(|f| field(f)).collect();
    writeln!(out, "{}", fields.join("\t"))
}

fn field(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_never_splits_its_line_or_its_columns() {
        let mut out = Vec::new();
        tab_separated(&["a\tb", "c\nd", "e"], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a b\tc d\te\n");
    }

    #[test]
    fn the_closing_line_follows_the_rows_on_a_terminal_and_leaves_a_pipe() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        closing("2 drugs", Destination::Terminal, &mut out, &mut err).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out),
            format!("\n2 drugs. {DISCLAIMER}\n")
        );
        assert!(err.is_empty());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        closing("2 drugs", Destination::Pipe, &mut out, &mut err).unwrap();
        assert!(out.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&err),
            format!("2 drugs. {DISCLAIMER}\n")
        );
    }
}
