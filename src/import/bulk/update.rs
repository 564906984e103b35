//! Importing a newer download over an earlier one. A monograph the bulk
//! importer wrote records its labels' set ids and a content hash in its
//! provenance; a later import recognises it by those set ids and replaces
//! it only while the hash still matches the file — a file a person has
//! edited since, or their own file, is left alone unless `--force`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::import::MAX_PAGE_BYTES;
use crate::model::{LabelSource, Monograph};
use crate::userfile::{Existing, WriteError, read_capped, write_atomically};

/// The key of the hash line in `[provenance]`.
const HASH_KEY: &str = "content_hash = \"";

/// What was in the output directory before this import.
#[derive(Debug, Default)]
pub struct Earlier {
    files: Vec<EarlierFile>,
    by_set_id: HashMap<String, usize>,
}

/// One monograph file already there.
#[derive(Debug)]
struct EarlierFile {
    path: PathBuf,
    /// Set id and version of each label it was made from.
    labels: Vec<(Option<String>, Option<String>)>,
    /// Its content hash matches: nobody has edited it since it was written.
    intact: bool,
    /// Taken by a drug of this import.
    claimed: bool,
}

/// What to do with a drug's monograph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Write a new file.
    Create(PathBuf),
    /// Replace an earlier import of the same labels.
    Replace(PathBuf),
    /// Leave this file as it is, for this reason.
    Keep(PathBuf, &'static str),
}

impl Plan {
    /// The file it is about.
    pub fn path(&self) -> &Path {
        match self {
            Plan::Create(p) | Plan::Replace(p) | Plan::Keep(p, _) => p,
        }
    }
}

/// Why a file is kept: it is as this import would write it.
pub const UP_TO_DATE: &str = "up to date (the same label versions)";
/// Why a file is kept: a person changed it.
pub const EDITED: &str = "edited since it was imported (use --force to replace it)";
/// Why a file is kept: it is not an import of these labels.
pub const NOT_OURS: &str =
    "already exists and is not an earlier import of these labels (use --force to overwrite)";

impl Earlier {
    /// Reads the provenance of every `.toml` file directly in `dir`.
    pub fn scan(dir: &Path) -> Earlier {
        let mut earlier = Earlier::default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return earlier;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let Ok(bytes) = read_capped(&path, MAX_PAGE_BYTES) else {
                continue;
            };
            let Some(provenance) =
                crate::load::parse_monograph(&path.display().to_string(), &bytes)
                    .ok()
                    .and_then(|m| m.provenance)
            else {
                continue;
            };
            let index = earlier.files.len();
            for label in &provenance.labels {
                if let Some(id) = &label.set_id {
                    earlier.by_set_id.entry(id.clone()).or_insert(index);
                }
            }
            earlier.files.push(EarlierFile {
                labels: provenance
                    .labels
                    .iter()
                    .map(|l| (l.set_id.clone(), l.version.clone()))
                    .collect(),
                intact: String::from_utf8(bytes).is_ok_and(|t| is_intact(&t)),
                path,
                claimed: false,
            });
        }
        earlier
    }

    /// Where a drug made of `labels` goes: an earlier import sharing the
    /// most set ids with it, or else `natural` (its own id's file).
    pub fn plan(
        &mut self,
        labels: &[LabelSource],
        natural: impl FnOnce() -> PathBuf,
        force: bool,
    ) -> Plan {
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for id in labels.iter().filter_map(|l| l.set_id.as_ref()) {
            if let Some(&file) = self.by_set_id.get(id)
                && !self.files[file].claimed
            {
                *votes.entry(file).or_default() += 1;
            }
        }
        let best = votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(file, _)| file);
        let Some(file) = best else {
            let natural = natural();
            return if !natural.exists() {
                Plan::Create(natural)
            } else if force {
                Plan::Replace(natural)
            } else {
                Plan::Keep(natural, NOT_OURS)
            };
        };
        let earlier = &mut self.files[file];
        earlier.claimed = true;
        let path = earlier.path.clone();
        let same: Vec<_> = labels
            .iter()
            .map(|l| (l.set_id.clone(), l.version.clone()))
            .collect();
        match (earlier.intact, force) {
            (true, _) if earlier.labels == same => Plan::Keep(path, UP_TO_DATE),
            (true, _) | (false, true) => Plan::Replace(path),
            (false, false) => Plan::Keep(path, EDITED),
        }
    }

    /// The ids (file stems) of the earlier imports: a new drug whose name
    /// makes one of them is given a numbered id instead.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.files
            .iter()
            .filter_map(|f| f.path.file_stem().and_then(|s| s.to_str()))
    }
}

/// The monograph as TOML with its content hash recorded in its provenance.
pub fn render_stamped(m: &Monograph) -> Result<String, String> {
    let mut m = m.clone();
    let placeholder = "0".repeat(64);
    if let Some(p) = &mut m.provenance {
        p.content_hash = Some(placeholder.clone());
    }
    let text = crate::export::toml::render(&m).map_err(|e| format!("cannot write TOML: {e}"))?;
    let (body, _) = without_hash(&text);
    Ok(text.replacen(
        &format!("{HASH_KEY}{placeholder}\""),
        &format!("{HASH_KEY}{}\"", hex_sha256(&body)),
        1,
    ))
}

/// Whether a file's recorded content hash matches the rest of it.
pub fn is_intact(text: &str) -> bool {
    match without_hash(text) {
        (body, Some(recorded)) => hex_sha256(&body) == recorded,
        (_, None) => false,
    }
}

/// The text without its hash line, and the hash that line recorded.
fn without_hash(text: &str) -> (String, Option<String>) {
    let mut recorded = None;
    let mut body = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if recorded.is_none()
            && let Some(rest) = line.strip_prefix(HASH_KEY)
        {
            recorded = Some(rest.trim_end().trim_end_matches('"').to_string());
            continue;
        }
        body.push_str(line);
    }
    (body, recorded)
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Carries out a plan's write: whether it wrote, or why it could not.
pub fn write(plan: &Plan, text: &str) -> Result<bool, String> {
    let existing = match plan {
        Plan::Create(_) => Existing::Keep,
        Plan::Replace(_) => Existing::Replace,
        Plan::Keep(..) => return Ok(false),
    };
    match write_atomically(plan.path(), text.as_bytes(), existing) {
        Ok(()) => Ok(true),
        // Made meanwhile by someone else: theirs, and kept.
        Err(WriteError::Exists) => Err(NOT_OURS.to_string()),
        Err(e) => Err(format!("cannot write: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_breaks_the_hash_and_the_stamp_keeps_it() {
        let text = "a = 1\n[provenance]\ncontent_hash = \"x\"\nb = 2\n";
        let (body, recorded) = without_hash(text);
        assert_eq!(body, "a = 1\n[provenance]\nb = 2\n");
        assert_eq!(recorded.as_deref(), Some("x"));
        let stamped = text.replace("\"x\"", &format!("\"{}\"", hex_sha256(&body)));
        assert!(is_intact(&stamped));
        assert!(!is_intact(&stamped.replace("b = 2", "b = 3")));
        assert!(!is_intact(&format!("# a note\n{stamped}")));
        assert!(!is_intact("a = 1\n"), "no hash: a person's own file");
    }
}
