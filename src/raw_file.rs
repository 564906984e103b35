//! A file's bytes before parsing, and TOML read from them with every
//! problem located by line and column. Below both the loader and the search
//! words files it reads, so neither has to import the other for it.

use crate::diagnostic::Diagnostic;

/// A file's name and its raw bytes, before parsing.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Path as shown to users.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Parses a TOML file of words for search (synonyms, query words) or of
/// settings into `T`; a problem is located by line and column, as a
/// monograph's are.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &str,
    bytes: &[u8],
) -> Result<T, Diagnostic> {
    let text = decode(path, bytes)?;
    toml::from_str(text).map_err(|e| toml_problem(path, text, &e))
}

/// A user file's text: UTF-8, without a leading byte-order mark; where it
/// stops being UTF-8 is the problem's position.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        Diagnostic::at(path, &valid, valid.len(), "file is not valid UTF-8 text")
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A TOML error as a problem at its line and column, in its first line's
/// words.
pub fn toml_problem(path: &str, text: &str, error: &toml::de::Error) -> Diagnostic {
    let offset = error.span().map_or(0, |s| s.start);
    Diagnostic::at(path, text, offset, first_line(error.message()))
}

/// The first line of a parser's message: the rest repeats the source.
pub(crate) fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}
