//! Turning what a user typed (`besponsa`, `Inotuzumab`, `./my.toml`) into a monograph.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::load::{Library, MAX_FILE_BYTES, parse_monograph};
use crate::model::{Monograph, Named};
use crate::sanitize::escape;
use crate::userfile::read_capped;

/// Why a drug could not be found.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// No id, name, brand or alias matched.
    #[error("no drug named `{}`{}", escape(.query), did_you_mean(.suggestions))]
    Unknown {
        /// What was typed.
        query: String,
        /// Close names, best first.
        suggestions: Vec<String>,
    },
    /// A path was given but the file did not load.
    #[error("{} could not be loaded:\n{}", escape(.path), .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    BadFile {
        /// The path.
        path: String,
        /// Its problems.
        problems: Vec<Diagnostic>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", escape(&suggestions.join(", ")))
    }
}

/// A resolved drug: borrowed from the library or loaded from a path.
#[derive(Debug)]
pub enum Resolved<'a> {
    /// From the library.
    Library(&'a Monograph),
    /// From a file the user named.
    File(Box<Monograph>),
}

impl std::ops::Deref for Resolved<'_> {
    type Target = Monograph;
    fn deref(&self) -> &Monograph {
        match self {
            Resolved::Library(m) => m,
            Resolved::File(m) => m,
        }
    }
}

/// Finds a drug case-insensitively by id, generic name, brand or alias, or
/// loads it from a `.toml` path.
pub fn resolve<'a>(library: &'a Library, query: &str) -> Result<Resolved<'a>, ResolveError> {
    let path = Path::new(query);
    // Anything but a directory is tried as a file, so a FIFO or a device is
    // reported as what it is rather than looked up as a name.
    let on_disk = std::fs::metadata(path).is_ok_and(|meta| !meta.is_dir());
    if query.to_ascii_lowercase().ends_with(".toml") && on_disk {
        let bytes =
            read_capped(path, MAX_FILE_BYTES as u64).map_err(|e| ResolveError::BadFile {
                path: query.to_string(),
                problems: vec![Diagnostic::file(query, e.to_string())],
            })?;
        return parse_monograph(query, &bytes)
            .map(|m| Resolved::File(Box::new(m)))
            .map_err(|problems| ResolveError::BadFile {
                path: query.to_string(),
                problems,
            });
    }
    let found = find(library.monographs(), query)?;
    library
        .monographs()
        .nth(found)
        .map(Resolved::Library)
        .ok_or_else(|| unknown(library.monographs(), query))
}

/// The position in `drugs` (sorted as the library is) of the drug a user
/// named, case-insensitively by id, generic name, brand or alias; by a
/// related product's brand only when no drug carries it as its own.
pub fn find<'a, T: Named + 'a>(
    drugs: impl Iterator<Item = &'a T> + Clone,
    query: &str,
) -> Result<usize, ResolveError> {
    let wanted = query.trim().to_lowercase();
    let is_wanted = |n: &str| n.to_lowercase() == wanted;
    let exact = drugs
        .clone()
        .position(|m| m.id() == wanted || m.names().any(is_wanted));
    // A related product's brand (a combination, say) finds this monograph
    // only when no monograph carries that brand as its own.
    let related = || drugs.clone().position(|m| m.related_names().any(is_wanted));
    exact.or_else(related).ok_or_else(|| unknown(drugs, query))
}

fn unknown<'a, T: Named + 'a>(drugs: impl Iterator<Item = &'a T>, query: &str) -> ResolveError {
    ResolveError::Unknown {
        query: query.to_string(),
        suggestions: crate::suggest::suggest(query, drugs, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Loaded;

    const TEMPLATE: &str = include_str!("../tests/fixtures/good/testamol.toml");

    fn library(files: &[(&str, &str)]) -> Library {
        let mut lib = Library::default();
        for (id, names) in files {
            let text = TEMPLATE
                .replace("id = \"testamol\"", &format!("id = \"{id}\""))
                .replace("brands = [\"Testix\"]", names)
                .replace("aliases = [\"Testamole\"]", "aliases = []");
            let monograph = parse_monograph(id, text.as_bytes()).expect("valid");
            lib.entries.push(Loaded {
                monograph,
                origin: format!("{id}.toml"),
                bundled: false,
            });
        }
        lib
    }

    #[test]
    fn a_related_brand_finds_its_ingredient_unless_a_monograph_owns_the_brand() {
        let related = "brands = [\"Solo\"]\nrelated_brands = [{ name = \"Combi\", note = \"with another drug\" }]";
        let alone = library(&[("ingredient", related)]);
        assert_eq!(
            resolve(&alone, "combi")
                .map(|m| m.id.clone())
                .ok()
                .as_deref(),
            Some("ingredient")
        );
        // The combination's own monograph wins, whatever the order.
        let both = library(&[
            ("ingredient", related),
            ("combination", "brands = [\"Combi\"]"),
        ]);
        assert_eq!(
            resolve(&both, "COMBI")
                .map(|m| m.id.clone())
                .ok()
                .as_deref(),
            Some("combination")
        );
    }
}
