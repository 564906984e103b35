//! A stored full-text index for the command line and the browser, so that
//! searching a large directory needs no reading and indexing of every file.
//!
//! It lives in the user cache directory ([`crate::places::cache_dir`]:
//! `RXDOC_CACHE_DIR`, else `~/.cache/rxdoc` or the platform's own), one
//! file per rxdoc version and list of sources, each directory named by its
//! canonical path ([`file::file_name`]). It is used only while its
//! fingerprint — every file's path, size, modification and change times and
//! inode — still matches, and is rebuilt otherwise. One process at a time
//! builds a cache file, holding its lock ([`lock`]); another that needs it
//! waits, then uses what the first stored. A damaged cache is rebuilt; one
//! that cannot be written is not kept, and the index lives in a temporary
//! file for the run. Each refusal, rebuild and failure to write is logged
//! ([`crate::logging`]). After each store, the least recently used cache
//! files beyond [`prune::MAX_FILES`] files or [`prune::MAX_BYTES`] bytes are
//! removed. The bundled library alone is small enough to index in memory
//! every time and is never cached. Beside each index file, the stored
//! catalogue ([`catalogue`]) lists the monographs for the commands and the
//! browser's first list, under the same rules.

pub mod catalogue;
mod file;
pub(crate) mod lock;
mod prune;
mod stored;

use crate::search::fulltext::ToIndex;
use std::io::BufWriter;

use crate::diagnostic::Diagnostic;
use crate::load::{Library, Source};
use crate::model::Monograph;
use crate::pane::Pane;
use crate::progress::Progress;
use crate::search::fulltext::persist;
use crate::search::fulltext::{Index, Rows, SearchHit};
use crate::search::synonyms::Synonyms;
use crate::text_list::TextList;
use lock::Lock;
use stored::Stored;

pub use file::open_regular;
pub use prune::{MAX_BYTES, MAX_FILES};

/// What a search needs: the index, each drug's id and name, and the load
/// problems to report.
#[derive(Debug)]
pub struct Searchable {
    /// Drug ids, in index order.
    pub ids: TextList,
    /// Drug names, in index order.
    pub names: TextList,
    /// Load problems, as `path:line:column: message`.
    pub problems: Vec<String>,
    /// The full-text index.
    pub index: Index,
    /// Where it was read from, to rebuild it if it proves damaged.
    stored: Option<Stored>,
}

impl Searchable {
    /// Indexes `library`, loaded from `sources`, without storing it (see
    /// [`unstored`]).
    fn unstored(sources: &[Source], library: &Library) -> Self {
        let drugs: Vec<&Monograph> = library.monographs().collect();
        let [ids, names, problems] = extras(&drugs, &library.diagnostics);
        Self {
            ids: ids.iter().map(String::as_str).collect(),
            names: names.iter().map(String::as_str).collect(),
            problems,
            index: unstored(
                sources,
                Handed::borrowed(&drugs),
                library.synonyms.clone(),
                &|_| {},
            ),
            stored: None,
        }
    }

    /// Results for `query` (see [`Index::search`]). If the stored index
    /// turns out to be damaged, it is rebuilt from the files and the search
    /// run again.
    pub fn search(
        &mut self,
        query: &str,
        only: Option<Pane>,
        limit: usize,
        rows: Rows,
    ) -> Vec<SearchHit> {
        let hits = self.index.search_rows(query, only, limit, rows);
        match self.stored.take() {
            Some(stored) if self.index.damaged() => {
                log::warn!(
                    "the stored search index {} is damaged (a part read by a search fails \
                     its checksum): rebuilding it",
                    stored.path.display()
                );
                let lock = stored.lock(&|| {});
                *self = rebuild(&stored, lock);
                self.index.search_rows(query, only, limit, rows)
            }
            stored => {
                self.stored = stored;
                hits
            }
        }
    }
}

/// What the caller is told while an index is found or made.
#[derive(Clone, Copy)]
pub struct Tell<'a> {
    /// How many drugs a build has indexed.
    pub progress: &'a dyn Fn(Progress),
    /// Another process is building this index: it is waited for.
    pub waiting: &'a dyn Fn(),
}

impl Tell<'_> {
    /// Nothing is told.
    pub const NOTHING: Tell<'static> = Tell {
        progress: &|_| {},
        waiting: &|| {},
    };
}

/// The searchable library of `sources`: from the cache when it is current,
/// otherwise loaded, indexed and stored for next time. If another process
/// is building this very index, `waiting` is told and its index waited for.
pub fn load(sources: &[Source], waiting: &dyn Fn()) -> Searchable {
    let Some(Survey { stored, synonyms }) = Survey::of(sources) else {
        return Searchable::unstored(sources, &Library::load(sources));
    };
    if let Some(found) = stored.open(synonyms.clone(), |_| Ok(())) {
        return found;
    }
    // Looked for again once the lock is held: the process that held it may
    // have just stored it.
    let lock = stored.lock(waiting);
    if lock.is_some()
        && let Some(found) = stored.open_again(synonyms, |_| Ok(()))
    {
        return found;
    }
    rebuild(&stored, lock)
}

/// The index of `drugs`, loaded from `sources`, where no cache file can
/// hold it. The bundled library alone is small and is indexed in memory.
/// A user's directories are indexed into a temporary file, gone when the
/// program ends, and read from it as a stored index is, so their texts and
/// postings stay on disk; in memory only if no temporary file can be made.
/// `report` is told how many drugs are indexed as it goes.
pub fn unstored<D: ToIndex>(
    sources: &[Source],
    drugs: Handed<'_, D>,
    synonyms: Synonyms,
    report: &dyn Fn(Progress),
) -> Index {
    if sources.iter().all(|s| matches!(s, Source::Bundled)) {
        return Index::build(drugs.drugs, synonyms);
    }
    temporary(drugs, synonyms, report)
}

/// The index of `drugs` in a temporary file (see [`unstored`]); in memory
/// only if no temporary file can be made.
pub fn temporary<D: ToIndex>(
    drugs: Handed<'_, D>,
    synonyms: Synonyms,
    report: &dyn Fn(Progress),
) -> Index {
    let Handed { drugs, again } = drugs;
    in_temporary_file(drugs, &synonyms, report).unwrap_or_else(|e| {
        log::warn!("cannot index into a temporary file ({e}): indexing in memory");
        Index::build(again(), synonyms)
    })
}

fn in_temporary_file<D: ToIndex>(
    drugs: Vec<D>,
    synonyms: &Synonyms,
    report: &dyn Fn(Progress),
) -> std::io::Result<Index> {
    let mut out = BufWriter::new(tempfile::tempfile()?);
    persist::build_into(
        &mut out,
        tempfile::tempfile()?,
        0,
        &[],
        drugs,
        synonyms,
        report,
    )?;
    let file = out
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)?;
    let (_, index) = persist::read(file, 0, synonyms.clone()).map_err(std::io::Error::other)?;
    Ok(index)
}

/// What the stored index of some sources must match, taken before they are
/// loaded: if a file changes while loading, the next survey differs and the
/// index is rebuilt then.
#[derive(Debug)]
pub struct Survey {
    stored: Stored,
    synonyms: Synonyms,
}

impl Survey {
    /// `None` when nothing would be stored: the bundled library alone, or
    /// no cache directory (see [`crate::places::cache_dir`]).
    pub fn of(sources: &[Source]) -> Option<Self> {
        Self::in_dir(sources, &crate::places::cache_dir()?)
    }

    /// The cache file.
    #[cfg(test)]
    pub(crate) fn path(&self) -> &std::path::Path {
        &self.stored.path
    }

    /// Where the index of `sources` is stored in `dir`; `None` for the
    /// bundled library alone.
    fn index_path(sources: &[Source], dir: &std::path::Path) -> Option<std::path::PathBuf> {
        sources
            .iter()
            .any(|s| matches!(s, Source::Path(_)))
            .then(|| dir.join(file::file_name(sources)))
    }

    /// [`Survey::of`], with the cache in `dir`.
    pub fn in_dir(sources: &[Source], dir: &std::path::Path) -> Option<Self> {
        let path = Self::index_path(sources, dir)?;
        let kept = path.with_extension(&file::LISTING_SUFFIX[1..]);
        let (fingerprint, synonyms) = Library::survey(sources, Some(&kept));
        Some(Self {
            stored: Stored {
                sources: sources.to_vec(),
                path,
                fingerprint,
            },
            synonyms,
        })
    }
}

/// The stored index of `survey`'s sources, if it is current and indexes
/// the drugs `ids` names, in that order (those of a current stored
/// catalogue): found without loading any monograph. Never waits for
/// another process, nor builds: `None` leaves that to [`index`].
pub fn stored_index(survey: &Survey, ids: &[&str]) -> Option<Index> {
    let same_drugs = |found: &Searchable| {
        if found.ids.iter().eq(ids.iter().copied()) {
            Ok(())
        } else {
            Err("it indexes other drugs than are listed")
        }
    };
    let found = survey.stored.open(survey.synonyms.clone(), same_drugs)?;
    Some(found.index)
}

/// [`index`] of a loaded library; `waiting` is told if another process is
/// building it.
pub fn library_index(
    survey: Option<Survey>,
    sources: &[Source],
    library: &Library,
    waiting: &dyn Fn(),
) -> Index {
    let drugs: Vec<&Monograph> = library.monographs().collect();
    let synonyms = library.synonyms.clone();
    let tell = Tell {
        waiting,
        ..Tell::NOTHING
    };
    index(
        survey,
        sources,
        Handed::borrowed(&drugs),
        &library.diagnostics,
        synonyms,
        tell,
    )
}

/// Drugs handed to be indexed, in the order they were loaded, and how to
/// have them again. Owned, each is let go as soon as it is indexed, so a
/// first start frees its library as the index grows; should a build fail
/// part-way (a full disk), `again` gives them anew for the build that
/// takes its place.
pub struct Handed<'a, D> {
    /// The drugs.
    pub drugs: Vec<D>,
    /// The same drugs, for a second build.
    pub again: Box<dyn Fn() -> Vec<D> + 'a>,
}

impl<'a, 'm> Handed<'a, &'m Monograph> {
    /// Drugs held elsewhere, lent: nothing is let go, and a second build
    /// reads them where they are.
    pub fn borrowed(drugs: &'a [&'m Monograph]) -> Self {
        Self {
            drugs: drugs.to_vec(),
            again: Box::new(move || drugs.to_vec()),
        }
    }
}

/// The index of `drugs`, loaded from `sources` (with these problems and
/// synonyms) after `survey` was taken (see [`Survey::of`]): the stored one,
/// read as needed, when it is current and indexes these very drugs;
/// otherwise built straight into the cache file and read back, so that its
/// texts and postings stay on disk, not in memory. [`unstored`] if there is
/// no cache or it cannot be written. If another process is building it,
/// `tell.waiting` is told and its index waited for; a build tells
/// `tell.progress` how many drugs are indexed as it goes.
pub fn index<D: ToIndex>(
    survey: Option<Survey>,
    sources: &[Source],
    drugs: Handed<'_, D>,
    problems: &[Diagnostic],
    synonyms: Synonyms,
    tell: Tell,
) -> Index {
    let Some(Survey {
        stored,
        synonyms: stored_synonyms,
    }) = survey
    else {
        return unstored(sources, drugs, synonyms, tell.progress);
    };
    let same_drugs = |found: &Searchable| {
        let ids = drugs.drugs.iter().map(ToIndex::id);
        if found.ids.iter().eq(ids) {
            Ok(())
        } else {
            Err("it indexes other drugs than were loaded")
        }
    };
    if let Some(found) = stored.open(stored_synonyms.clone(), same_drugs) {
        return found.index;
    }
    let Some(lock) = stored.lock(tell.waiting) else {
        return unstored(&stored.sources, drugs, synonyms, tell.progress);
    };
    if let Some(found) = stored.open_again(stored_synonyms.clone(), same_drugs) {
        return found.index;
    }
    let Handed { drugs, again } = drugs;
    match stored.store(&lock, drugs, problems, stored_synonyms, tell.progress) {
        Some(found) => found.index,
        None => {
            let drugs = Handed {
                drugs: again(),
                again,
            };
            unstored(&stored.sources, drugs, synonyms, tell.progress)
        }
    }
}

/// What the cache keeps beside the index: each drug's id and name, and the
/// load problems.
fn extras<D: ToIndex>(drugs: &[D], problems: &[Diagnostic]) -> [Vec<String>; 3] {
    [
        drugs.iter().map(|m| m.id().to_string()).collect(),
        drugs.iter().map(|m| m.name().to_string()).collect(),
        problems
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
    ]
}

/// Loads and indexes the files, and stores the index if `lock` is held.
fn rebuild(stored: &Stored, lock: Option<Lock>) -> Searchable {
    let library = Library::load(&stored.sources);
    let drugs: Vec<&Monograph> = library.monographs().collect();
    // A cache that cannot be written costs the next run time, not this one.
    lock.and_then(|lock| {
        stored.store(
            &lock,
            drugs,
            &library.diagnostics,
            library.synonyms.clone(),
            &|_| {},
        )
    })
    .unwrap_or_else(|| Searchable::unstored(&stored.sources, &library))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_in_a_temporary_file_answers_as_one_in_memory_and_reports_progress() {
        let library = Library::load(&[Source::Bundled]);
        let drugs: Vec<&Monograph> = library.monographs().collect();
        let reports = std::cell::RefCell::new(Vec::new());
        let report = |p: Progress| reports.borrow_mut().push(p);
        let in_file = in_temporary_file(drugs.clone(), &library.synonyms, &report).unwrap();
        let reports = reports.into_inner();
        assert_eq!(reports.first().map(|p| p.done), Some(0));
        assert!(reports.windows(2).all(|w| w[0].done < w[1].done));
        let all = Progress {
            done: drugs.len(),
            total: drugs.len(),
        };
        assert_eq!(reports.last(), Some(&all), "the build reports its end");
        let in_memory = Index::build(drugs.iter().copied(), library.synonyms.clone());
        for query in ["bleeding", "yellow skin", "short of brea", "jaundise"] {
            assert_eq!(
                in_file.search(query, None, 100),
                in_memory.search(query, None, 100),
                "{query}"
            );
        }
        assert!(!in_file.damaged());
    }
}
