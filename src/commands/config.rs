//! `rxdoc config path` and `rxdoc config show`: where the settings file
//! is, and what is in effect once the environment and the command line
//! have had their say.

use std::io::{self, Write};

use super::Outcome;
use crate::diagnostic::Diagnostic;
use crate::sanitize::escape;
use crate::settings::Place;
use crate::settings::resolve::{Effective, Origin};

/// `rxdoc config path`: the file's path on standard output, and a word on
/// standard error when nothing is there yet.
pub fn path(
    place: Option<&Place>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let Some(place) = place else {
        writeln!(
            err,
            "rxdoc: no home directory to keep settings in; name a file with --config or RXDOC_CONFIG"
        )?;
        return Ok(Outcome::Error);
    };
    writeln!(out, "{}", escape(&place.path.display().to_string()))?;
    if !place.path.exists() {
        writeln!(
            err,
            "rxdoc: there is no settings file there yet; rxdoc runs on its defaults"
        )?;
    }
    Ok(Outcome::Success)
}

/// `rxdoc config show`: the settings in effect, written as a settings file
/// with where each comes from; the file's problems on standard error, and
/// exit status 1 if there are any.
pub fn show(
    place: Option<&Place>,
    effective: &Effective,
    problems: &[Diagnostic],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<Outcome> {
    let file = match place {
        Some(place) if place.path.exists() => {
            escape(&place.path.display().to_string()).into_owned()
        }
        Some(place) => format!(
            "{} (not there: defaults)",
            escape(&place.path.display().to_string())
        ),
        None => "none (no home directory)".to_string(),
    };
    writeln!(out, "# Settings in effect. Settings file: {file}")?;
    let (theme, origin) = effective.theme;
    writeln!(out, "theme = {}  # {origin}", quoted(theme.name()))?;
    let (tab, origin) = effective.tab;
    writeln!(out, "tab = {}  # {origin}", quoted(tab.slug()))?;
    let (mouse, origin) = effective.mouse;
    writeln!(out, "mouse = {mouse}  # {origin}")?;
    if effective.data.is_empty() {
        writeln!(out, "data = []  # {}", Origin::Default)?;
    } else {
        writeln!(out, "data = [")?;
        for (dir, origin) in &effective.data {
            writeln!(
                out,
                "    {},  # {origin}",
                quoted(&dir.display().to_string())
            )?;
        }
        writeln!(out, "]")?;
    }
    if effective.keys.is_empty() {
        writeln!(out, "# [keys]: the defaults (press ? in the browser)")?;
    } else {
        writeln!(out, "[keys]  # {}", Origin::File)?;
        for (action, keys) in &effective.keys {
            let keys: Vec<String> = keys.iter().map(|k| quoted(&k.to_string())).collect();
            writeln!(out, "{action} = [{}]", keys.join(", "))?;
        }
    }
    for problem in problems {
        writeln!(err, "warning: {problem}")?;
    }
    Ok(if problems.is_empty() {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}

/// A TOML string, its control characters escaped, so what is printed can
/// be pasted back into the file and never reaches the terminal raw.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}
