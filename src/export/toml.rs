//! A monograph back to TOML, in the documented key order.

use crate::model::Monograph;

/// The monograph as a TOML document that `rxdoc check` accepts.
pub fn render(m: &Monograph) -> Result<String, toml::ser::Error> {
    let body = toml::to_string_pretty(m)?;
    Ok(format!(
        "# Monograph for {}. Format: docs/FORMAT.md in the rxdoc source.\n{body}",
        m.name
    ))
}
