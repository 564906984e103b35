//! One monograph in the stored catalogue: what the list and name lookups
//! need of it, and the file it came from.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::date::ReviewedDate;
use crate::diagnostic::Diagnostic;
use crate::load::{Origin, parse_monograph};
use crate::model::Named;
use crate::model::{Monograph, Provenance, RelatedBrand};
use crate::search::fulltext::ToIndex;

/// What the list and name lookups need of one monograph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The id in the library (an unreviewed import beside a reviewed
    /// monograph has another than its file's).
    pub id: String,
    /// The generic name.
    pub name: String,
    /// Brand names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brands: Vec<String>,
    /// Other products' brands that find it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_brands: Vec<RelatedBrand>,
    /// Other spellings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The class in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub drug_class: String,
    /// The class table's ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// When a person reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<ReviewedDate>,
    /// Where an import came from, as its summary needs it: without the
    /// content hash and the merged labels' list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The file it came from.
    pub origin: Origin,
}

impl Entry {
    pub(super) fn of(monograph: &Monograph, origin: Origin) -> Self {
        let m = monograph;
        Self {
            id: m.id.clone(),
            name: m.name.clone(),
            brands: m.brands.clone(),
            related_brands: m.related_brands.clone(),
            aliases: m.aliases.clone(),
            drug_class: m.drug_class.clone(),
            classes: m.classes.clone(),
            reviewed: m.reviewed,
            provenance: m.provenance.as_ref().map(|p| Provenance {
                content_hash: None,
                labels: Vec::new(),
                ..p.clone()
            }),
            origin,
        }
    }

    /// A monograph with this entry's names and listing and no content:
    /// enough for the list and for finding a drug by name, never shown.
    pub fn into_stub(self) -> Monograph {
        Monograph {
            id: self.id,
            name: self.name,
            pronunciation: String::new(),
            brands: self.brands,
            brands_note: None,
            related_brands: self.related_brands,
            aliases: self.aliases,
            drug_class: self.drug_class,
            classes: self.classes,
            dosage_forms: Vec::new(),
            route: String::new(),
            boxed_warning: None,
            reviewed: self.reviewed,
            provenance: self.provenance,
            jurisdiction: None,
            sources: Vec::new(),
            usage: Default::default(),
            side_effects: Default::default(),
            how_it_works: Default::default(),
            faqs: Vec::new(),
            before_you_take: Default::default(),
            contraception: Default::default(),
        }
    }

    /// Its file's monograph if the file still reads as listed, else its
    /// stub: the same drug, under the same id, for a second build of the
    /// index (the stub's content empty, and the problem shown when the
    /// browser reads it).
    pub fn read_or_stub(&self) -> Monograph {
        self.read().unwrap_or_else(|why| {
            log::warn!("indexing {} by its name alone: {why}", self.name);
            self.clone().into_stub()
        })
    }

    /// The monograph, read and parsed from its file, if the file still
    /// says what this entry does.
    pub(super) fn read(&self) -> Result<Monograph, Unreadable> {
        let raw = self.origin.read().map_err(Unreadable::Read)?;
        let mut monograph = parse_monograph(&raw.path, &raw.bytes).map_err(Unreadable::Parse)?;
        // Loading renames an unreviewed import beside a reviewed monograph.
        if monograph.id != self.id && !self.id.starts_with(&format!("{}-", monograph.id)) {
            return Err(self.changed());
        }
        monograph.id.clone_from(&self.id);
        if Entry::of(&monograph, self.origin.clone()) == *self {
            Ok(monograph)
        } else {
            Err(self.changed())
        }
    }

    fn changed(&self) -> Unreadable {
        Unreadable::Changed(Diagnostic::file(
            &self.origin.path,
            "changed since the list was made; restart rxdoc to read it again",
        ))
    }
}

/// A listed drug handed to an index build, read from its file only when
/// the build comes to it and let go once indexed: a first start lists its
/// library without keeping it ([`listing_only`]) and hands the build the
/// list, so the whole library is never in memory beside the index being
/// built.
pub struct ReadWhenIndexed {
    entry: Entry,
    read: OnceLock<Box<Monograph>>,
}

impl ReadWhenIndexed {
    /// `entry`, to be read when indexed.
    pub fn new(entry: Entry) -> Self {
        Self {
            entry,
            read: OnceLock::new(),
        }
    }
}

impl ToIndex for ReadWhenIndexed {
    fn id(&self) -> &str {
        &self.entry.id
    }

    fn name(&self) -> &str {
        &self.entry.name
    }

    /// Read from its file (see [`Entry::read_or_stub`]) the first time.
    fn monograph(&self) -> &Monograph {
        self.read
            .get_or_init(|| Box::new(self.entry.read_or_stub()))
    }
}

/// What a first start keeps of each monograph as it is parsed: its stub,
/// the listing the catalogue stores ([`Entry::into_stub`]).
#[expect(
    clippy::needless_pass_by_value,
    reason = "a `load::Keep`, which is handed each monograph to keep or let go"
)]
pub fn listing_only(monograph: Monograph, origin: crate::load::Origin) -> Monograph {
    Entry::of(&monograph, origin).into_stub()
}

/// Why a listed monograph's content could not be read from its file.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// The file could not be read.
    Read(Diagnostic),
    /// The file no longer parses: its problems, each where it is.
    Parse(Vec<Diagnostic>),
    /// The file now names another drug, or lists it otherwise, than when
    /// the list was made.
    Changed(Diagnostic),
}

impl Unreadable {
    /// The problem as the load-problems notice lists it (the file at
    /// `path`): the first, saying how many more there are.
    pub fn into_problem(self, path: &str) -> Diagnostic {
        match self {
            Self::Read(problem) | Self::Changed(problem) => problem,
            Self::Parse(problems) => match problems.split_first() {
                Some((first, [])) => first.clone(),
                Some((first, rest)) => Diagnostic {
                    message: format!("{} (and {} more)", first.message, rest.len()),
                    ..first.clone()
                },
                None => Diagnostic::file(path, "the file no longer parses"),
            },
        }
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read(problem) | Self::Changed(problem) => write!(f, "{problem}"),
            Self::Parse(problems) => match problems.as_slice() {
                [] => f.write_str("the file no longer parses"),
                [only] => write!(f, "{only}"),
                [first, rest @ ..] => write!(f, "{first} (and {} more)", rest.len()),
            },
        }
    }
}

impl Named for Entry {
    fn id(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.brands.iter().map(String::as_str))
            .chain(self.aliases.iter().map(String::as_str))
    }
    fn related_names(&self) -> impl Iterator<Item = &str> {
        self.related_brands.iter().map(|b| b.name.as_str())
    }
}
