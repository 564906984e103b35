//! Drug classes and foods by the names a label uses for them, from
//! `classes.toml` files.
//!
//! Each `[[class]]` has an id (what a monograph's `classes` list names) and
//! the lay and clinical names a label uses for the class ("NSAIDs",
//! "anti-inflammatory painkillers"). Each `[[food]]` is a food or drink a
//! reader can name in an interaction check ("alcohol", "grapefruit"). The
//! bundled table is always read first; a `classes.toml` in a data directory
//! adds classes, or names to a class of the same id.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::raw_file::{RawFile, parse_toml};

/// Name of the class table file, which is not a monograph.
pub const CLASSES_FILE: &str = "classes.toml";

/// The bundled table, compiled in so that a user's monographs can name its
/// classes when checked on their own.
const BUNDLED: &str = include_str!("../data/classes.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    class: Vec<Group>,
    #[serde(default)]
    food: Vec<Group>,
}

/// A class, or a food or drink, and the names that mean it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id, e.g. `nsaids`.
    pub id: String,
    /// Names a label uses for it, the first one shown to readers.
    pub names: Vec<String>,
}

impl Group {
    /// The name shown to readers.
    pub fn label(&self) -> &str {
        self.names.first().map_or(self.id.as_str(), String::as_str)
    }
}

/// Every class and food known.
#[derive(Debug, Clone, Default)]
pub struct ClassTable {
    /// Drug classes, in file order.
    pub classes: Vec<Group>,
    /// Foods and drinks, in file order.
    pub foods: Vec<Group>,
}

impl ClassTable {
    /// The bundled table, then every file given; a broken file is reported
    /// and skipped.
    pub fn load(files: &[RawFile]) -> (Self, Vec<Diagnostic>) {
        let mut table = ClassTable::default();
        let mut problems = Vec::new();
        let bundled = RawFile {
            path: format!("data/{CLASSES_FILE}"),
            bytes: BUNDLED.as_bytes().to_vec(),
        };
        // The bundled file may also be among `files` (the bundled source):
        // reading it twice changes nothing, since names are merged.
        for file in std::iter::once(&bundled).chain(files) {
            match Self::parse(file) {
                Ok(parsed) => {
                    merge(&mut table.classes, parsed.class);
                    merge(&mut table.foods, parsed.food);
                }
                Err(problem) => problems.push(problem),
            }
        }
        (table, problems)
    }

    fn parse(file: &RawFile) -> Result<File, Diagnostic> {
        let parsed: File = parse_toml(&file.path, &file.bytes)?;
        for group in parsed.class.iter().chain(&parsed.food) {
            if group.id.trim().is_empty() || group.names.iter().all(|n| n.trim().is_empty()) {
                return Err(Diagnostic::file(
                    &file.path,
                    format!("`{}` needs an id and at least one name", group.id),
                ));
            }
        }
        Ok(parsed)
    }

    /// The class of this id.
    pub fn class(&self, id: &str) -> Option<&Group> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// The food or drink called `name` (by id or any of its names).
    pub fn food(&self, name: &str) -> Option<&Group> {
        let wanted = name.trim().to_lowercase();
        self.foods
            .iter()
            .find(|f| f.id == wanted || f.names.iter().any(|n| n.to_lowercase() == wanted))
    }
}

/// Adds `new` groups to `into`, merging the names of a group whose id is
/// already there.
fn merge(into: &mut Vec<Group>, new: Vec<Group>) {
    for group in new {
        match into.iter_mut().find(|g| g.id == group.id) {
            Some(existing) => {
                for name in group.names {
                    if !existing.names.contains(&name) {
                        existing.names.push(name);
                    }
                }
            }
            None => into.push(group),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawFile {
        RawFile {
            path: "extra/classes.toml".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_bundled_table_is_always_read_and_a_file_adds_to_it() {
        let (table, problems) = ClassTable::load(&[raw(
            "[[class]]\nid = \"nsaids\"\nnames = [\"painkillers like ibuprofen\"]\n\
             [[class]]\nid = \"local\"\nnames = [\"local class\"]\n",
        )]);
        assert!(problems.is_empty(), "{problems:?}");
        let nsaids = table.class("nsaids").expect("bundled");
        assert_eq!(nsaids.label(), "NSAIDs");
        assert!(
            nsaids
                .names
                .iter()
                .any(|n| n == "painkillers like ibuprofen")
        );
        assert_eq!(table.class("local").map(Group::label), Some("local class"));
        assert_eq!(
            table.food("Alcohol").map(|f| f.id.as_str()),
            Some("alcohol")
        );
    }

    #[test]
    fn a_broken_file_is_reported_with_its_place() {
        let (table, problems) = ClassTable::load(&[raw("[[class]]\nid = \"x\"\nnamez = []\n")]);
        assert!(table.class("nsaids").is_some());
        assert_eq!(problems.len(), 1);
        let text = problems[0].to_string();
        assert!(
            text.starts_with("extra/classes.toml:3:1: unknown field `namez`"),
            "{text}"
        );
    }
}
