//! Files → monographs, with every problem reported and none fatal.
//!
//! The bundled `data/` directory is compiled into the binary. User directories
//! (`--data`, `RXDOC_DATA`) are read after it, so a user file with the same id
//! replaces the bundled monograph — unless it is an unreviewed import and the
//! monograph it would replace is reviewed: then both stay, the import under
//! the id `<id>-imported`, sorted after the reviewed one.

mod classes;
mod files;
mod identity;
pub mod listing;
mod parse;
mod survey;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::classes::{CLASSES_FILE, ClassTable};
use crate::diagnostic::Diagnostic;
use crate::model::Monograph;
pub use crate::progress::Progress;
use crate::raw_file::RawFile;
use crate::search::query_words::QUERY_WORDS_FILE;
use crate::search::synonyms::{SYNONYMS_FILE, Synonyms};
use crate::validate::{FieldPath, Step};
use files::Found;
pub use files::{Origin, bundled_bytes};
pub use parse::{locate, parse_monograph};

/// Largest monograph file read; larger files are reported, not loaded.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Whether a file holds words for search (synonyms, filler, section
/// words) rather than a monograph.
pub fn is_search_words_file(path: &str) -> bool {
    let name = file_name(path);
    name == SYNONYMS_FILE || name == QUERY_WORDS_FILE
}

/// Whether a file is a table read beside the monographs (search words or
/// the class table), never parsed as a monograph.
fn is_table_file(path: &str) -> bool {
    is_search_words_file(path) || file_name(path) == CLASSES_FILE
}

/// What loading keeps of a monograph it has parsed, from the monograph
/// and the file it came from (see [`Library::load_keeping`]).
pub type Keep<'a> = &'a (dyn Fn(Monograph, Origin) -> Monograph + Sync);

/// Where monographs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The data compiled into the binary.
    Bundled,
    /// A directory (searched recursively for `*.toml`) or a single file.
    Path(PathBuf),
}

/// A monograph and the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The parsed, sanitised, validated monograph.
    pub monograph: Monograph,
    /// The file's path as shown to users.
    pub origin: String,
    /// Whether the file is bundled (compiled in) rather than on disk.
    pub bundled: bool,
}

/// Everything loaded from a list of sources.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Monographs sorted by name, one per id.
    pub entries: Vec<Loaded>,
    /// Problems, in the order files were read.
    pub diagnostics: Vec<Diagnostic>,
    /// Lay-word synonyms from every source's `synonyms.toml`, and filler
    /// and section words from its `query-words.toml`.
    pub synonyms: Synonyms,
    synonym_files: Vec<RawFile>,
    /// Drug classes and foods from the bundled and every source's
    /// `classes.toml`.
    pub classes: ClassTable,
    class_files: Vec<RawFile>,
    /// Where the class tables were read from, in order: what the stored
    /// catalogue needs to read them again without walking directories.
    pub class_origins: Vec<Origin>,
}

/// Counts parsed files across threads and reports every so often.
struct Counter<'a> {
    done: AtomicUsize,
    total: usize,
    report: &'a (dyn Fn(Progress) + Sync),
}

impl Counter<'_> {
    /// Files between reports: often enough for a smooth progress bar, rarely
    /// enough to cost nothing.
    const EVERY: usize = 64;

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of(Self::EVERY) || done == self.total {
            (self.report)(Progress {
                done,
                total: self.total,
            });
        }
    }
}

impl Library {
    /// Loads every source in order; later sources override earlier ones by id.
    pub fn load(sources: &[Source]) -> Self {
        Self::load_reporting(sources, &|_| {})
    }

    /// [`Library::load`], telling `report` how far it has got as it goes.
    pub fn load_reporting(sources: &[Source], report: &(dyn Fn(Progress) + Sync)) -> Self {
        Self::load_keeping(sources, report, &|monograph, _| monograph)
    }

    /// [`Library::load_reporting`], keeping of each monograph what `keep`
    /// makes of it and its origin as soon as it is parsed and checked, on
    /// the thread that parsed it: a first start keeps only each one's
    /// listing, so the whole library is never in memory at once.
    pub fn load_keeping(
        sources: &[Source],
        report: &(dyn Fn(Progress) + Sync),
        keep: Keep<'_>,
    ) -> Self {
        let found: Vec<_> = sources.iter().map(files::find).collect();
        let counter = Counter {
            done: AtomicUsize::new(0),
            total: found.iter().map(|(files, _)| files.len()).sum(),
            report,
        };
        let mut lib = Library::default();
        for (files, mut problems) in found {
            lib.diagnostics.append(&mut problems);
            lib.add_source(files, &counter, keep);
        }
        lib.finish()
    }

    /// Sorts the entries and checks the synonym files.
    fn finish(mut self) -> Self {
        self.entries
            .sort_by(|a, b| sort_key(&a.monograph).cmp(&sort_key(&b.monograph)));
        let (synonyms, mut problems) = Synonyms::load(&std::mem::take(&mut self.synonym_files));
        self.synonyms = synonyms;
        self.diagnostics.append(&mut problems);
        let (classes, mut problems) = ClassTable::load(&std::mem::take(&mut self.class_files));
        self.classes = classes;
        self.diagnostics.append(&mut problems);
        let unknown = classes::unknown_classes(&self.entries, &self.classes);
        self.diagnostics.extend(unknown);
        self
    }

    /// Loads the sources as if they were one directory: an id used twice is
    /// an error rather than an override. This is what `check` wants.
    pub fn load_as_one(sources: &[Source]) -> Self {
        let mut lib = Library::default();
        let mut files = Vec::new();
        for source in sources {
            let (mut found, mut problems) = files::find(source);
            files.append(&mut found);
            lib.diagnostics.append(&mut problems);
        }
        let counter = Counter {
            done: AtomicUsize::new(0),
            total: files.len(),
            report: &|_| {},
        };
        lib.add_source(files, &counter, &|monograph, _| monograph);
        lib.finish()
    }

    /// A fingerprint of what loading `sources` would read — every file's
    /// path, size and modification time, which change when a file is added,
    /// removed or edited — found without reading the monographs; and their
    /// lay-word synonyms, which are read. `kept`: where a directory's
    /// listing may be kept between surveys ([`listing`]).
    pub fn survey(sources: &[Source], kept: Option<&std::path::Path>) -> (u64, Synonyms) {
        survey::survey(sources, kept)
    }

    /// The monographs, sorted by name.
    pub fn monographs(&self) -> impl ExactSizeIterator<Item = &Monograph> + Clone {
        self.entries.iter().map(|e| &e.monograph)
    }

    fn add_source(&mut self, files: Vec<Found>, counter: &Counter, keep: Keep<'_>) {
        let (synonym_files, files): (Vec<Found>, Vec<Found>) =
            files.into_iter().partition(|f| is_table_file(&f.path));
        for file in synonym_files {
            match file.read() {
                Ok(raw) if file_name(&raw.path) == CLASSES_FILE => {
                    self.class_origins.push(file.origin());
                    self.class_files.push(raw);
                }
                Ok(raw) => self.synonym_files.push(raw),
                Err(problem) => self.diagnostics.push(problem),
            }
            counter.tick();
        }
        let first_of_source = self.entries.len();
        let mut by_id: HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.monograph.id.clone(), i))
            .collect();
        // Earlier sources' entries this source has replaced.
        let mut overridden = HashSet::new();
        for (file, parsed) in files.iter().zip(parse_all(&files, counter, keep)) {
            let monograph = match parsed {
                Ok(m) => m,
                Err(mut problems) => {
                    self.diagnostics.append(&mut problems);
                    continue;
                }
            };
            let mut monograph = monograph;
            let mut existing = by_id.get(&monograph.id).copied();
            // An unreviewed import never silently takes a reviewed
            // monograph's place: both stay, the import under its own id.
            if let Some(i) = existing
                && i < first_of_source
                && monograph.is_unreviewed_import()
                && !self.entries[i].monograph.is_unreviewed_import()
            {
                monograph.id = beside(&monograph.id, &by_id);
                existing = None;
            }
            match existing {
                // Two files of one source claiming an id is a mistake — also
                // when the first of them overrode an earlier source's; a
                // later source claiming it is a deliberate local override.
                Some(i) if i >= first_of_source || overridden.contains(&i) => {
                    self.diagnostics.push(duplicate_id(file, &self.entries[i]));
                }
                Some(i) => {
                    overridden.insert(i);
                    self.entries[i] = Loaded {
                        monograph,
                        origin: file.path.clone(),
                        bundled: file.origin().bundled,
                    }
                }
                None => {
                    by_id.insert(monograph.id.clone(), self.entries.len());
                    self.entries.push(Loaded {
                        monograph,
                        origin: file.path.clone(),
                        bundled: file.origin().bundled,
                    });
                }
            }
        }
    }
}

/// Reads and parses files on every core, keeping their order. Each thread
/// holds one file's bytes at a time.
fn parse_all(
    files: &[Found],
    counter: &Counter,
    keep: Keep<'_>,
) -> Vec<Result<Monograph, Vec<Diagnostic>>> {
    let parse = |file: &Found| {
        let parsed = file
            .read()
            .map_err(|problem| vec![problem])
            .and_then(|raw| parse_monograph(&raw.path, &raw.bytes))
            .map(|monograph| keep(monograph, file.origin()));
        counter.tick();
        parsed
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // Below a few dozen files a thread costs more than it saves.
    if threads == 1 || files.len() < 64 {
        return files.iter().map(parse).collect();
    }
    let chunk = files.len().div_ceil(threads);
    std::thread::scope(|scope| {
        // This thread parses the first part itself: what parsing frees here
        // is reused by what follows (indexing), where a helper's is not.
        let mut parts = files.chunks(chunk);
        let own = parts.next().unwrap_or_default();
        let helpers: Vec<_> = parts
            .map(|part| scope.spawn(move || part.iter().map(parse).collect::<Vec<_>>()))
            .collect();
        let mut parsed: Vec<_> = own.iter().map(parse).collect();
        for helper in helpers {
            parsed.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        parsed
    })
}

/// By name; of two monographs with one name, the reviewed one first.
fn sort_key(m: &Monograph) -> (String, bool, &str) {
    (m.name.to_lowercase(), m.is_unreviewed_import(), &m.id)
}

/// The id an unreviewed import gets beside a reviewed monograph of the
/// same id: `ibuprofen` → `ibuprofen-imported` (numbered if that is taken).
fn beside(id: &str, taken: &HashMap<String, usize>) -> String {
    let mut ids = crate::slug::Ids::default();
    for other in taken.keys() {
        ids.insert(other);
    }
    ids.unique(&format!("{id}-imported"))
}

/// The last component of `path`. Found byte by byte: both separators are
/// ASCII, so the cut is a char boundary, and a survey asks it of every
/// file of the library (splitting by chars showed in its profile).
fn file_name(path: &str) -> &str {
    match path.bytes().rposition(|b| b == b'/' || b == b'\\') {
        Some(separator) => &path[separator + 1..],
        None => path,
    }
}

fn duplicate_id(file: &Found, first: &Loaded) -> Diagnostic {
    // Re-read only now: duplicates are rare, and the file parsed moments ago.
    let bytes = file.read().map(|raw| raw.bytes).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let offset = locate(&text, &FieldPath(vec![Step::Key("id")]));
    Diagnostic::at(
        &file.path,
        &text,
        offset,
        format!(
            "duplicate id `{}`: already used by {}",
            first.monograph.id, first.origin
        ),
    )
}

/// The directories `RXDOC_DATA` names, separated as `PATH`'s are; empty
/// entries are skipped.
pub fn env_data_dirs(value: Option<&std::ffi::OsStr>) -> Vec<PathBuf> {
    value
        .map(|v| {
            std::env::split_paths(v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The bundled data, then `dirs` in order: a later directory overrides an
/// earlier one, and every one the bundled data, by id.
pub fn default_sources(dirs: impl IntoIterator<Item = PathBuf>) -> Vec<Source> {
    std::iter::once(Source::Bundled)
        .chain(dirs.into_iter().map(Source::Path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn a_file_name_is_what_follows_the_last_separator_of_either_kind() {
        assert_eq!(file_name("data/synonyms.toml"), "synonyms.toml");
        assert_eq!(file_name("C:\\lib\\ünïcode\\classes.toml"), "classes.toml");
        assert_eq!(file_name("a/b\\é.toml"), "é.toml");
        assert_eq!(file_name("plain.toml"), "plain.toml");
        assert_eq!(file_name("dir/"), "");
    }
}
