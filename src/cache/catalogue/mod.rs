//! The stored catalogue: what the drug list and name lookups need of every
//! monograph (id, names, brands, aliases, related brands, class,
//! provenance and review), with where each came from and the load
//! problems, kept beside the stored search index (`search-VERSION-KEY.cat`
//! beside `…idx`). With it, `rxdoc list`, finding the drug that `show`,
//! `export`, `interactions` and `compare` name, and the browser's first
//! list need no parsing of every file: only the named monographs' files are
//! read.
//!
//! It is used only while the fingerprint of the files (see
//! [`super::Survey`]) matches the one it was made from, and only if it is
//! whole and in this format ([`format`]); otherwise the files are loaded
//! and a new catalogue stored. It is written as the index is: whole, to a
//! temporary file renamed into place, by the holder of its lock (never
//! waited for: another process storing it stores the same), then the cache
//! directory pruned.

mod entry;
mod format;

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::lock::Lock;
use super::{MAX_BYTES, MAX_FILES, Survey, file, prune};
use crate::classes::ClassTable;
use crate::diagnostic::Diagnostic;
use crate::load::{Library, Loaded, Origin};
use crate::model::Monograph;
pub use entry::{Entry, ReadWhenIndexed, Unreadable, listing_only};
pub use format::{FORMAT, Refused};

pub use super::file::CATALOGUE_SUFFIX as SUFFIX;

/// Every monograph's listing, and the load problems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    /// One entry a monograph, in the library's order (by name).
    pub entries: Vec<Entry>,
    /// The load problems, as loading reported them.
    pub problems: Vec<Diagnostic>,
    /// Where the class tables were read from, in order.
    pub class_origins: Vec<Origin>,
}

impl Catalogue {
    /// The catalogue of a loaded library.
    pub fn of(library: &Library) -> Self {
        Self {
            entries: library
                .entries
                .iter()
                .map(|e| {
                    let origin = Origin {
                        path: e.origin.clone(),
                        bundled: e.bundled,
                    };
                    Entry::of(&e.monograph, origin)
                })
                .collect(),
            problems: library.diagnostics.clone(),
            class_origins: library.class_origins.clone(),
        }
    }

    /// The library as far as a command naming `names` needs it: every
    /// monograph listed ([`Entry::into_stub`]), the ones `names` find (by
    /// the rule of [`crate::resolve::resolve`]) read whole from their
    /// files, the class table read if any name is given, and the load
    /// problems. `None` if a file no longer says what the catalogue does:
    /// the caller then loads every file.
    pub fn library_for(self, names: &[&str]) -> Option<Library> {
        let mut library = Library::default();
        let mut named = Vec::new();
        if !names.is_empty() {
            library.classes = read_class_table(&self.class_origins)?;
        }
        for name in names {
            // A name found by no entry is reported by the command, with the
            // same suggestions, or is a food of the class table.
            let Ok(found) = crate::resolve::find(self.entries.iter(), name) else {
                continue;
            };
            let entry = &self.entries[found];
            let Ok(monograph) = entry.read() else {
                log::info!(
                    "{} no longer says what the stored catalogue does: reading every file",
                    entry.origin.path
                );
                return None;
            };
            named.push((found, monograph));
        }
        library.entries = self
            .entries
            .into_iter()
            .map(|e| {
                let (origin, bundled) = (e.origin.path.clone(), e.origin.bundled);
                Loaded {
                    monograph: e.into_stub(),
                    origin,
                    bundled,
                }
            })
            .collect();
        for (found, monograph) in named {
            library.entries[found].monograph = monograph;
        }
        library.diagnostics = self.problems;
        library.class_origins = self.class_origins;
        Some(library)
    }
}

/// The class table from the files it was read from when the catalogue was
/// made; `None` if one can no longer be read.
fn read_class_table(origins: &[Origin]) -> Option<ClassTable> {
    let tables: Result<Vec<_>, _> = origins.iter().map(Origin::read).collect();
    Some(ClassTable::load(&tables.ok()?).0)
}

/// [`read_class_table`] for the browser's list: a table that can no
/// longer be read is left out and its problem told, as loading does. (The
/// tables' own problems were told when the catalogue was made: they are
/// among its problems.)
pub fn class_table(origins: &[Origin]) -> (ClassTable, Vec<Diagnostic>) {
    let (mut tables, mut problems) = (Vec::new(), Vec::new());
    for read in origins.iter().map(Origin::read) {
        match read {
            Ok(table) => tables.push(table),
            Err(problem) => problems.push(problem),
        }
    }
    (ClassTable::load(&tables).0, problems)
}

/// The content of a listed drug (a stub made by [`Entry::into_stub`]),
/// read from `origin`, if its file still lists it as the catalogue did.
pub fn read_listed(stub: &Monograph, origin: &Origin) -> Result<Monograph, Unreadable> {
    Entry::of(stub, origin.clone()).read()
}

/// Whether two drugs (whole or stubs) are listed alike, each from its
/// origin: the same catalogue entry.
pub fn listed_alike(a: (&Monograph, &Origin), b: (&Monograph, &Origin)) -> bool {
    Entry::of(a.0, a.1.clone()) == Entry::of(b.0, b.1.clone())
}

impl Survey {
    /// The catalogue file beside the index file.
    pub(crate) fn catalogue_path(&self) -> PathBuf {
        self.stored.path.with_extension(&SUFFIX[1..])
    }
}

/// The stored catalogue of `survey`'s sources, if it is current and whole;
/// why not is logged.
pub fn open(survey: &Survey) -> Option<Catalogue> {
    let path = survey.catalogue_path();
    accept(&path, read(&path), survey.stored.fingerprint)
}

/// The survey of `sources` (see [`Survey::of`]) and their stored catalogue
/// if it is current: on two cores, the catalogue is read and decoded on
/// one while the files are surveyed on the other.
pub fn survey_and_open(sources: &[crate::load::Source]) -> (Option<Survey>, Option<Catalogue>) {
    let Some(dir) = crate::places::cache_dir() else {
        return (None, None);
    };
    let Some(path) = Survey::index_path(sources, &dir).map(|p| p.with_extension(&SUFFIX[1..]))
    else {
        return (None, None);
    };
    let (survey, found) = if crate::parallel::two_cores() {
        std::thread::scope(|scope| {
            let reading = scope.spawn(|| read(&path));
            let survey = Survey::in_dir(sources, &dir);
            let found = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (survey, found)
        })
    } else {
        (Survey::in_dir(sources, &dir), read(&path))
    };
    let catalogue = survey
        .as_ref()
        .and_then(|survey| accept(&path, found, survey.stored.fingerprint));
    (survey, catalogue)
}

/// A catalogue file read and decoded: the file (to mark its use), the
/// fingerprint it was made from, and what it lists.
type Found = (File, u64, Catalogue);

/// Why a catalogue file was not read.
enum Unread {
    Io(std::io::Error),
    Refused(Refused),
}

/// The catalogue file at `path`, read and decoded, not yet checked
/// against the files.
fn read(path: &Path) -> Result<Found, Unread> {
    let mut file = file::open_regular(File::options().read(true), path).map_err(Unread::Io)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(Unread::Io)?;
    let (made_from, catalogue) = format::decode_any(&bytes).map_err(Unread::Refused)?;
    Ok((file, made_from, catalogue))
}

/// The catalogue `found` at `path` if it was made from files with
/// `fingerprint`; why not is logged.
fn accept(path: &Path, found: Result<Found, Unread>, fingerprint: u64) -> Option<Catalogue> {
    let shown = path.display();
    match found {
        Ok((file, made_from, catalogue)) if made_from == fingerprint => {
            // Its modification time is its last use, for pruning.
            let _ = file.set_modified(SystemTime::now());
            Some(catalogue)
        }
        Ok(_) => {
            log::info!(
                "the stored catalogue {shown} is out of date: {}",
                Refused::Stale
            );
            None
        }
        Err(Unread::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            log::debug!("no stored catalogue at {shown} yet");
            None
        }
        Err(Unread::Io(e)) => {
            log::warn!("the stored catalogue {shown} is not used: {e}");
            None
        }
        Err(Unread::Refused(why)) => {
            log::warn!("the stored catalogue {shown} is not used: {why}");
            None
        }
    }
}

/// Stores `catalogue`, of a library loaded after `survey` was taken, and
/// prunes the cache directory. Skipped if another process holds its lock
/// (it is storing the same); a failure is logged, and costs the next run
/// time only.
pub fn store(survey: &Survey, catalogue: &Catalogue) {
    let path = survey.catalogue_path();
    let shown = path.display();
    let stored = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| Lock::try_acquire(&path))
        .and_then(|lock| {
            let Some(lock) = lock else {
                log::info!("another rxdoc is storing the catalogue {shown}");
                return Ok(None);
            };
            let bytes = format::encode(catalogue, survey.stored.fingerprint)
                .map_err(std::io::Error::other)?;
            file::save(&path, |out, _| out.write_all(&bytes))?;
            Ok(Some(lock))
        });
    match stored {
        Ok(Some(_lock)) => {
            log::info!(
                "stored the catalogue of {} drugs in {shown}",
                catalogue.entries.len()
            );
            if let Some(dir) = path.parent() {
                for removed in prune::prune(dir, &path, MAX_FILES, MAX_BYTES) {
                    log::info!("removed the least recently used {}", removed.display());
                }
            }
        }
        Ok(None) => {}
        Err(e) => {
            log::warn!("cannot store the catalogue {shown} ({e}): it is made again next time");
        }
    }
}

/// The library for a command naming `names` (see
/// [`Catalogue::library_for`]), and the survey of `sources` taken before
/// anything was read (`None`: the bundled library alone, or no cache
/// directory): from the stored catalogue when it is current, otherwise
/// every file loaded and the catalogue stored for next time.
pub fn library_for(sources: &[crate::load::Source], names: &[&str]) -> (Option<Survey>, Library) {
    let (survey, catalogue) = survey_and_open(sources);
    let library = loaded_for(survey.as_ref(), catalogue, sources, names);
    (survey, library)
}

/// [`library_for`], with the survey taken and the catalogue found.
fn loaded_for(
    survey: Option<&Survey>,
    catalogue: Option<Catalogue>,
    sources: &[crate::load::Source],
    names: &[&str],
) -> Library {
    if let Some(library) = catalogue.and_then(|catalogue| catalogue.library_for(names)) {
        return library;
    }
    let library = Library::load(sources);
    if let Some(survey) = survey {
        store(survey, &Catalogue::of(&library));
    }
    library
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Source;

    const GOOD: &str = include_str!("../../../tests/fixtures/good/testamol.toml");

    /// A data directory of testamol and `others` more drugs, its sources,
    /// and a cache directory.
    fn setup(others: usize) -> (tempfile::TempDir, tempfile::TempDir, Vec<Source>) {
        let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
        for n in 0..others {
            let text = GOOD
                .replace("testamol", &format!("other{n}"))
                .replace("Testamol", &format!("Other {n}"))
                .replace("Testix", &format!("Otherix {n}"));
            std::fs::write(data.path().join(format!("other{n}.toml")), text).unwrap();
        }
        let sources = vec![Source::Bundled, Source::Path(data.path().to_path_buf())];
        (data, cache, sources)
    }

    #[test]
    fn only_the_named_drugs_files_are_read_while_the_catalogue_is_current() {
        let (data, cache, sources) = setup(3);
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        let full = Library::load(&sources);
        store(&survey, &Catalogue::of(&full));
        // Broken behind the catalogue's back, with the survey of before:
        // it is not read, so it is not noticed.
        std::fs::write(data.path().join("other1.toml"), "not = [toml").unwrap();
        let library = loaded_for(Some(&survey), open(&survey), &sources, &["testix"]);
        let ids = |l: &Library| l.monographs().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&library), ids(&full));
        assert!(library.diagnostics.is_empty());
        let testamol = library.monographs().find(|m| m.id == "testamol").unwrap();
        assert_eq!(
            Some(testamol),
            full.monographs().find(|m| m.id == "testamol")
        );
        let other = library.monographs().find(|m| m.id == "other0").unwrap();
        assert!(other.sources.is_empty(), "listed, not read");
        // A fresh survey sees the change and reads every file.
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        let library = loaded_for(Some(&survey), open(&survey), &sources, &["testix"]);
        assert!(!library.monographs().any(|m| m.id == "other1"));
        assert_eq!(library.diagnostics.len(), 1);
        assert_eq!(open(&survey).map(|c| c.problems.len()), Some(1), "stored");
    }

    #[test]
    fn a_named_file_that_no_longer_says_what_the_catalogue_does_is_not_trusted() {
        let (data, cache, sources) = setup(1);
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        store(&survey, &Catalogue::of(&Library::load(&sources)));
        let catalogue = open(&survey).unwrap();
        assert!(catalogue.clone().library_for(&["testix"]).is_some());
        let renamed = GOOD.replace("Testix", "Testix Forte");
        std::fs::write(data.path().join("testamol.toml"), renamed).unwrap();
        assert!(catalogue.clone().library_for(&["testix"]).is_none());
        assert!(catalogue.library_for(&["other0"]).is_some());
        let library = loaded_for(Some(&survey), open(&survey), &sources, &["testix"]);
        let testamol = library.monographs().find(|m| m.id == "testamol").unwrap();
        assert_eq!(testamol.brands, ["Testix Forte"]);
    }

    #[test]
    fn catalogues_are_pruned_with_the_indexes_and_never_while_locked() {
        let (_data, cache, sources) = setup(0);
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        store(&survey, &Catalogue::of(&Library::load(&sources)));
        let path = survey.catalogue_path();
        assert!(path.exists());
        let held = Lock::try_acquire(&path).unwrap().unwrap();
        let keep = cache.path().join("search-0.0.0-0000000000000000.idx");
        std::fs::write(&keep, "").unwrap();
        assert!(prune::prune(cache.path(), &keep, 1, MAX_BYTES).is_empty());
        drop(held);
        assert_eq!(prune::prune(cache.path(), &keep, 1, MAX_BYTES), [path]);
    }
}
