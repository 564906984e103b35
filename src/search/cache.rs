//! A stored full-text index for the command line, so `rxdoc search` over a
//! large directory answers without reading and indexing every file.
//!
//! It lives under the user cache directory (`RXDOC_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/rxdoc`, else `~/.cache/rxdoc`), one file per rxdoc
//! version and list of sources. It is used only while its fingerprint —
//! every file's path, size and modification time — still matches, and is
//! rebuilt otherwise. A damaged cache is rebuilt; one that cannot be written
//! is simply not kept, and the index lives in a temporary file for the run.
//! The bundled library alone is small enough to index in memory every time
//! and is never cached.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::load::{Fnv, Library, Progress, Source};
use crate::model::Monograph;
use crate::pane::Pane;
use crate::search::fulltext::{Index, Rows, SearchHit, persist};
use crate::search::synonyms::Synonyms;

/// What a search needs: the index, each drug's id and name, and the load
/// problems to report.
#[derive(Debug)]
pub struct Searchable {
    /// Drug ids, in index order.
    pub ids: Vec<String>,
    /// Drug names, in index order.
    pub names: Vec<String>,
    /// Load problems, as `path:line:column: message`.
    pub problems: Vec<String>,
    /// The full-text index.
    pub index: Index,
    /// Where it was read from, to rebuild it if it proves damaged.
    stored: Option<Stored>,
}

/// A cache file and what it was made from.
#[derive(Debug, Clone)]
struct Stored {
    sources: Vec<Source>,
    path: PathBuf,
    fingerprint: u64,
}

impl Searchable {
    /// Indexes `library`, loaded from `sources`, without storing it (see
    /// [`unstored`]).
    fn unstored(sources: &[Source], library: &Library) -> Self {
        let drugs: Vec<&Monograph> = library.monographs().collect();
        let [ids, names, problems] = extras(&drugs, &library.diagnostics);
        Self {
            ids,
            names,
            problems,
            index: unstored(sources, &drugs, library.synonyms.clone(), &|_| {}),
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
                *self = rebuild(stored);
                self.index.search_rows(query, only, limit, rows)
            }
            stored => {
                self.stored = stored;
                hits
            }
        }
    }
}

/// The cache directory, if the environment names one.
pub fn dir() -> Option<PathBuf> {
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from("RXDOC_CACHE_DIR")
        .or_else(|| from("XDG_CACHE_HOME").map(|d| d.join("rxdoc")))
        .or_else(|| from("HOME").map(|d| d.join(".cache").join("rxdoc")))
}

/// The searchable library of `sources`: from the cache when it is current,
/// otherwise loaded, indexed and stored for next time.
pub fn load(sources: &[Source]) -> Searchable {
    match Survey::of(sources) {
        Some(Survey { stored, synonyms }) => {
            open(&stored, synonyms).unwrap_or_else(|| rebuild(stored))
        }
        None => Searchable::unstored(sources, &Library::load(sources)),
    }
}

/// The index of `drugs`, loaded from `sources`, where no cache file can
/// hold it. The bundled library alone is small and is indexed in memory.
/// A user's directories are indexed into a temporary file, gone when the
/// program ends, and read from it as a stored index is, so their texts and
/// postings stay on disk; in memory only if no temporary file can be made.
/// `report` is told how many drugs are indexed as it goes.
pub fn unstored(
    sources: &[Source],
    drugs: &[&Monograph],
    synonyms: Synonyms,
    report: &dyn Fn(Progress),
) -> Index {
    if sources.iter().all(|s| matches!(s, Source::Bundled)) {
        return Index::build(drugs.iter().copied(), synonyms);
    }
    temporary(drugs, synonyms, report)
}

/// The index of `drugs` in a temporary file (see [`unstored`]); in memory
/// only if no temporary file can be made.
pub fn temporary(drugs: &[&Monograph], synonyms: Synonyms, report: &dyn Fn(Progress)) -> Index {
    in_temporary_file(drugs, &synonyms, report)
        .unwrap_or_else(|_| Index::build(drugs.iter().copied(), synonyms))
}

fn in_temporary_file(
    drugs: &[&Monograph],
    synonyms: &Synonyms,
    report: &dyn Fn(Progress),
) -> std::io::Result<Index> {
    let mut out = BufWriter::new(tempfile::tempfile()?);
    persist::build_into(
        &mut out,
        tempfile::tempfile()?,
        0,
        &[],
        drugs.iter().copied(),
        synonyms,
        report,
    )?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    let (_, index) = persist::read(file, 0, synonyms.clone())
        .ok_or_else(|| std::io::Error::other("the index did not read back"))?;
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
    /// no cache directory.
    pub fn of(sources: &[Source]) -> Option<Self> {
        let path = sources
            .iter()
            .any(|s| matches!(s, Source::Path(_)))
            .then(dir)
            .flatten()?
            .join(file_name(sources));
        let (fingerprint, synonyms) = Library::survey(sources);
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

/// [`index`] of a loaded library.
pub fn library_index(survey: Option<Survey>, sources: &[Source], library: &Library) -> Index {
    let drugs: Vec<&Monograph> = library.monographs().collect();
    let synonyms = library.synonyms.clone();
    index(
        survey,
        sources,
        &drugs,
        &library.diagnostics,
        synonyms,
        &|_| {},
    )
}

/// The index of `drugs`, loaded from `sources` (with these problems and
/// synonyms) after `survey` was taken (see [`Survey::of`]): the stored one,
/// read as needed, when it is current and indexes these very drugs;
/// otherwise built straight into the cache file and read back, so that its
/// texts and postings stay on disk, not in memory. [`unstored`] if there is
/// no cache or it cannot be written. A build tells `report` how many drugs
/// are indexed as it goes.
pub fn index(
    survey: Option<Survey>,
    sources: &[Source],
    drugs: &[&Monograph],
    problems: &[Diagnostic],
    synonyms: Synonyms,
    report: &dyn Fn(Progress),
) -> Index {
    let Some(Survey {
        stored,
        synonyms: stored_synonyms,
    }) = survey
    else {
        return unstored(sources, drugs, synonyms, report);
    };
    let same_drugs = |found: &Searchable| found.ids.iter().eq(drugs.iter().map(|m| &m.id));
    if let Some(found) = open(&stored, stored_synonyms.clone()).filter(same_drugs) {
        return found.index;
    }
    match store(&stored, drugs, problems, stored_synonyms, report) {
        Some(found) => found.index,
        None => unstored(&stored.sources, drugs, synonyms, report),
    }
}

/// Indexes `drugs` into the cache file of `stored` and opens it.
fn store(
    stored: &Stored,
    drugs: &[&Monograph],
    problems: &[Diagnostic],
    synonyms: Synonyms,
    report: &dyn Fn(Progress),
) -> Option<Searchable> {
    let extra = extras(drugs, problems);
    let extra = [&extra[0][..], &extra[1][..], &extra[2][..]];
    save(&stored.path, |out, scratch| {
        persist::build_into(
            out,
            scratch,
            stored.fingerprint,
            &extra,
            drugs.iter().copied(),
            &synonyms,
            report,
        )
    })
    .ok()?;
    open(stored, synonyms)
}

/// What the cache keeps beside the index: each drug's id and name, and the
/// load problems.
fn extras(drugs: &[&Monograph], problems: &[Diagnostic]) -> [Vec<String>; 3] {
    [
        drugs.iter().map(|m| m.id.clone()).collect(),
        drugs.iter().map(|m| m.name.clone()).collect(),
        problems.iter().map(|d| d.to_string()).collect(),
    ]
}

/// Loads and indexes the files, and stores the index.
fn rebuild(stored: Stored) -> Searchable {
    let library = Library::load(&stored.sources);
    let drugs: Vec<&Monograph> = library.monographs().collect();
    // A cache that cannot be written costs the next run time, not this one.
    store(
        &stored,
        &drugs,
        &library.diagnostics,
        library.synonyms.clone(),
        &|_| {},
    )
    .unwrap_or_else(|| Searchable::unstored(&stored.sources, &library))
}

/// `search-VERSION-HASH.idx`: one file per version and list of sources.
fn file_name(sources: &[Source]) -> String {
    let mut hash = Fnv::default();
    for source in sources {
        match source {
            Source::Bundled => hash.write(b"bundled"),
            Source::Path(path) => hash.write(path.as_os_str().as_encoded_bytes()),
        }
    }
    format!("search-{}-{:016x}.idx", env!("CARGO_PKG_VERSION"), hash.0)
}

fn open(stored: &Stored, synonyms: Synonyms) -> Option<Searchable> {
    let file = File::open(&stored.path).ok()?;
    let (extra, index) = persist::read(file, stored.fingerprint, synonyms)?;
    let [ids, names, problems] = <[Vec<String>; 3]>::try_from(extra).ok()?;
    (ids.len() == names.len()).then(|| Searchable {
        ids,
        names,
        problems,
        index,
        stored: Some(stored.clone()),
    })
}

/// Writes with `write` to a temporary file and renames it into place, so a
/// reader never sees half a cache and two writers never mix; temporary files
/// left by an interrupted write are removed first. (Removing another
/// writer's file just makes its rename fail: that run does not store its
/// index.) `write` also gets a scratch file of its own, removed after.
fn save(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>, &mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    // A browser closed while storing leaves its temporary files behind.
    let leftover = |entry: &std::fs::DirEntry| {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        file.starts_with(&format!(".{name}.")) && file.ends_with(".tmp")
    };
    for entry in std::fs::read_dir(dir)?.flatten().filter(leftover) {
        let _ = std::fs::remove_file(entry.path());
    }
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let scratch = dir.join(format!(".{name}.{}.scratch.tmp", std::process::id()));
    let written = (|| {
        let mut out = BufWriter::new(File::create(&temporary)?);
        let mut scratch = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&scratch)?;
        write(&mut out, &mut scratch)?;
        // Not synced to disk: a cache torn by a crash fails its checks and
        // is rebuilt.
        out.flush()
    })();
    let _ = std::fs::remove_file(&scratch);
    match written {
        Ok(()) => std::fs::rename(&temporary, path),
        Err(e) => {
            let _ = std::fs::remove_file(&temporary);
            Err(e)
        }
    }
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
        let in_file = in_temporary_file(&drugs, &library.synonyms, &report).unwrap();
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
