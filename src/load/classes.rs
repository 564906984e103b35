//! Class ids a monograph names that no class table has, found once every
//! file is loaded (a later source's `classes.toml` may add the class).

use std::path::Path;

use super::{Loaded, MAX_FILE_BYTES, bundled_bytes, locate};
use crate::classes::{CLASSES_FILE, ClassTable};
use crate::diagnostic::Diagnostic;
use crate::userfile::read_capped;
use crate::validate::{FieldPath, Step};

/// Every class id a monograph names that the table lacks, located by line
/// and column in the monograph's file.
pub(super) fn unknown_classes(entries: &[Loaded], table: &ClassTable) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for entry in entries {
        let unknown: Vec<(usize, &String)> = (entry.monograph.classes.iter().enumerate())
            .filter(|(_, id)| table.class(id).is_none())
            .collect();
        if unknown.is_empty() {
            continue;
        }
        // Re-read only now: unknown ids are rare, and the file parsed moments ago.
        let text = file_text(&entry.origin);
        for (i, id) in unknown {
            let path = FieldPath(vec![Step::Key("classes"), Step::Index(i)]);
            problems.push(Diagnostic::at(
                &entry.origin,
                &text,
                locate(&text, &path),
                format!("unknown class `{id}`: not in any {CLASSES_FILE}"),
            ));
        }
    }
    problems
}

fn file_text(origin: &str) -> String {
    let bytes = bundled_bytes(origin)
        .map(<[u8]>::to_vec)
        .or_else(|| read_capped(Path::new(origin), MAX_FILE_BYTES as u64).ok())
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
