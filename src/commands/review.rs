//! The content review of `rxdoc check --strict`: runs the rules of
//! [`crate::lint`] over what loaded and places each finding in its file.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use crate::lint::{Context, lint};
use crate::load::{Library, Source, bundled_bytes, locate};
use crate::model::Monograph;

/// Every finding, as diagnostics located `path:line:column` and prefixed
/// with the rule's name.
pub fn review(library: &Library, sources: &[Source]) -> Vec<Diagnostic> {
    // The rules read the bundled synonyms table as well as any of the
    // checked directories', so a user's files are held to the same words.
    let mut with_bundled = vec![Source::Bundled];
    with_bundled.extend(sources.iter().filter(|s| **s != Source::Bundled).cloned());
    let (_, synonyms) = Library::survey(&with_bundled, None);

    let monographs: Vec<&Monograph> = library.monographs().collect();
    let origins: Vec<&str> = library.entries.iter().map(|e| e.origin.as_str()).collect();
    let bundled = sources.contains(&Source::Bundled);
    // A user's interaction entries may name bundled drugs: a typo of one
    // is found when their directory is checked on its own too.
    let bundled_library = (!bundled).then(|| Library::load(&[Source::Bundled]));
    let also_known: Vec<&Monograph> = bundled_library
        .iter()
        .flat_map(Library::monographs)
        .collect();
    let cx = Context {
        synonyms: &synonyms,
        classes: &library.classes,
        also_known: &also_known,
    };
    let mut out = Vec::new();
    for (entry, findings) in library.entries.iter().zip(lint(&monographs, &origins, &cx)) {
        if findings.is_empty() {
            continue;
        }
        let text = file_text(&entry.origin, bundled);
        for f in findings {
            out.push(Diagnostic::at(
                &entry.origin,
                &text,
                locate(&text, &f.path),
                format!("{}: {}", f.rule, f.message),
            ));
        }
    }
    out
}

/// A loaded file's text again, to place findings in it (empty if it has
/// gone since: findings then point at its first line).
fn file_text(origin: &str, bundled: bool) -> String {
    let bytes: Cow<'_, [u8]> = match bundled_bytes(origin).filter(|_| bundled) {
        Some(b) => Cow::Borrowed(b),
        None => Cow::Owned(std::fs::read(origin).unwrap_or_default()),
    };
    String::from_utf8_lossy(&bytes).into_owned()
}
