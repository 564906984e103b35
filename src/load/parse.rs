//! One monograph file's bytes → a validated, sanitised monograph, or every
//! problem with its line and column.

use toml::de::{DeTable, DeValue};

use super::MAX_FILE_BYTES;
use crate::diagnostic::Diagnostic;
use crate::model::Monograph;
use crate::raw_file::{decode, toml_problem};
use crate::sanitize::sanitize;
use crate::validate::{FieldPath, Step, validate};

/// Parses one monograph file, reporting every problem with its position.
pub fn parse_monograph(path: &str, bytes: &[u8]) -> Result<Monograph, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::file(
            path,
            format!(
                "file is {} bytes; monographs are limited to {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )]);
    }
    let text = decode(path, bytes).map_err(|d| vec![d])?;
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file(path, "file is empty")]);
    }
    let mut monograph: Monograph =
        toml::from_str(text).map_err(|e| vec![toml_problem(path, text, &e)])?;
    monograph.for_each_text_mut(|s| {
        if needs_sanitizing(s) {
            *s = sanitize(s);
        }
    });
    let problems = validate(&monograph);
    if problems.is_empty() {
        return Ok(monograph);
    }
    Err(problems
        .into_iter()
        .map(|p| Diagnostic::at(path, text, locate(text, &p.path), p.message))
        .collect())
}

/// Whether `text` holds anything [`sanitize`] may change: a control
/// character other than a line break, or any non-ASCII character. Nearly
/// every string of a library is plain ASCII and every load checks them
/// all, so the bytes are looked at 32 at a time, each block without an
/// early exit, which the compiler turns into a few vector instructions.
fn needs_sanitizing(text: &str) -> bool {
    let odd = |b: u8| b >= 0x7f || (b < 0x20 && b != b'\n');
    text.as_bytes()
        .chunks(32)
        .any(|block| block.iter().fold(false, |seen, &b| seen | odd(b)))
}

/// Byte offset of the value at `path`, or of its nearest existing ancestor.
pub fn locate(text: &str, path: &FieldPath) -> usize {
    let Ok(root) = DeTable::parse(text) else {
        return 0;
    };
    let mut offset = 0;
    let mut table = Some(root.get_ref());
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    for step in &path.0 {
        let found = match (step, table, array) {
            (Step::Key(key), Some(t), _) => t
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == *key)
                .map(|(k, v)| (k.span().start, v)),
            (Step::Index(i), _, Some(a)) => a.get(*i).map(|v| (v.span().start, v)),
            _ => None,
        };
        let Some((start, value)) = found else { break };
        offset = start;
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::needs_sanitizing;

    #[test]
    fn the_byte_scan_finds_what_a_char_scan_finds() {
        let by_chars = |s: &str| s.chars().any(|c| c.is_control() && c != '\n') || !s.is_ascii();
        for text in [
            "plain text",
            "two\nlines",
            "tab\there",
            "cr\r",
            "del\u{7f}",
            "café",
            "next\u{85}line",
            "bidi\u{202e}",
            "",
            "\u{1b}[31m",
        ] {
            assert_eq!(needs_sanitizing(text), by_chars(text), "{text:?}");
        }
        // Blocks of 32 bytes: an odd character first, last or past the
        // first block is found wherever it stands.
        for at in [0, 31, 32, 33, 95, 100] {
            for odd in ["\u{1b}", "é", "\t"] {
                let text = format!("{}{odd}{}", "a".repeat(at), "b".repeat(7));
                assert!(needs_sanitizing(&text), "{text:?}");
            }
            assert!(!needs_sanitizing(&"a\n".repeat(at)));
        }
    }
}
