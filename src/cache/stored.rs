//! A cache file and what it was made from: opening it (why not, logged),
//! locking it, storing into it.

use crate::search::fulltext::ToIndex;
use std::fs::File;
use std::path::PathBuf;
use std::time::SystemTime;

use super::lock::Lock;
use super::{MAX_BYTES, MAX_FILES, Searchable, extras, file, prune};
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::progress::Progress;
use crate::search::fulltext::persist::{self, Refused};
use crate::search::synonyms::Synonyms;
use crate::text_list::TextList;

/// A cache file and what it was made from.
#[derive(Debug, Clone)]
pub(super) struct Stored {
    pub(super) sources: Vec<Source>,
    pub(super) path: PathBuf,
    pub(super) fingerprint: u64,
}

impl Stored {
    /// The cache file's lock, waited for (after telling `waiting`) while
    /// another process holds it; `None`, and the index not stored, if it
    /// cannot be taken.
    pub(super) fn lock(&self, waiting: &dyn Fn()) -> Option<Lock> {
        let path = self.path.display();
        let taken = self
            .path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| {
                Lock::acquire(&self.path, &|| {
                    log::info!("waiting for another rxdoc to finish building {path}");
                    waiting();
                })
            });
        taken
            .inspect_err(|e| {
                log::warn!("cannot lock {path} ({e}): the search index is kept for this run only");
            })
            .ok()
    }

    /// The stored index, if it is current and passes `check`; why not is
    /// logged.
    pub(super) fn open(
        &self,
        synonyms: Synonyms,
        check: impl Fn(&Searchable) -> Result<(), &'static str>,
    ) -> Option<Searchable> {
        self.checked(synonyms, check)
            .inspect_err(|why| why.log(&self.path))
            .ok()
    }

    /// [`Stored::open`] again once the lock is held, in case its last
    /// holder stored it: why not was logged the first time.
    pub(super) fn open_again(
        &self,
        synonyms: Synonyms,
        check: impl Fn(&Searchable) -> Result<(), &'static str>,
    ) -> Option<Searchable> {
        self.checked(synonyms, check).ok()
    }

    fn checked(
        &self,
        synonyms: Synonyms,
        check: impl Fn(&Searchable) -> Result<(), &'static str>,
    ) -> Result<Searchable, Unusable> {
        let found = self.try_open(synonyms)?;
        check(&found).map_err(Unusable::Other)?;
        Ok(found)
    }

    fn try_open(&self, synonyms: Synonyms) -> Result<Searchable, Unusable> {
        let file =
            file::open_nonblocking(File::options().read(true), &self.path).map_err(Refused::Io)?;
        let touch = file.try_clone();
        let (extra, index) = persist::read(file, self.fingerprint, synonyms)?;
        let [ids, names, problems] = <[TextList; 3]>::try_from(extra)
            .ok()
            .filter(|[ids, names, _]| ids.len() == names.len())
            .ok_or(Unusable::Other("its drug list is damaged"))?;
        let problems = problems.iter().map(String::from).collect();
        // Its modification time is its last use, for pruning.
        if let Ok(touch) = touch {
            let _ = touch.set_modified(SystemTime::now());
        }
        Ok(Searchable {
            ids,
            names,
            problems,
            index,
            stored: Some(self.clone()),
        })
    }

    /// Indexes `drugs` into the cache file, holding its `lock`, prunes the
    /// cache directory, and opens the new file.
    pub(super) fn store<D: ToIndex>(
        &self,
        _lock: &Lock,
        drugs: Vec<D>,
        problems: &[Diagnostic],
        synonyms: Synonyms,
        report: &dyn Fn(Progress),
    ) -> Option<Searchable> {
        let extra = extras(&drugs, problems);
        let count = drugs.len();
        let extra = [&extra[0][..], &extra[1][..], &extra[2][..]];
        let saved = file::save(&self.path, |out, scratch| {
            persist::build_into(
                out,
                scratch,
                self.fingerprint,
                &extra,
                drugs,
                &synonyms,
                report,
            )
        });
        let path = self.path.display();
        if let Err(e) = saved {
            log::warn!("cannot write the search index {path} ({e}): it is kept for this run only");
            return None;
        }
        log::info!(
            "stored the search index of {} drugs from {} in {path}",
            count,
            describe(&self.sources)
        );
        if let Some(dir) = self.path.parent() {
            for removed in prune::prune(dir, &self.path, MAX_FILES, MAX_BYTES) {
                log::info!("removed the least recently used {}", removed.display());
            }
        }
        self.open(synonyms, |_| Ok(()))
    }
}

/// The sources, as a log shows them.
fn describe(sources: &[Source]) -> String {
    let each = sources.iter().map(|source| match source {
        Source::Bundled => "the bundled library".to_string(),
        Source::Path(path) => path.display().to_string(),
    });
    each.collect::<Vec<_>>().join(", ")
}

/// Why a stored index was not used.
#[derive(Debug, thiserror::Error)]
enum Unusable {
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error("{0}")]
    Other(&'static str),
}

impl Unusable {
    /// Logs why the cache file at `path` was not used: a missing file is
    /// routine, changed files expected, anything else worth a warning.
    fn log(&self, path: &std::path::Path) {
        let path = path.display();
        match self {
            Unusable::Refused(Refused::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                log::debug!("no stored search index at {path} yet");
            }
            Unusable::Refused(Refused::Fingerprint) => {
                log::info!("the stored search index {path} is out of date: {self}");
            }
            _ => log::warn!("the stored search index {path} is not used: {self}"),
        }
    }
}
