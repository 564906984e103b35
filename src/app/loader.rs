//! Loading and indexing off the input thread. The browser draws its first
//! frame at once and stays responsive while a large library is read (with a
//! progress count) and indexed (the list works meanwhile; search waits).

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::{Library, Progress, Source};
use crate::model::Monograph;
use crate::search::cache::{self, Survey, Tell};
use crate::search::fulltext::Index;
use crate::search::names::NameIndex;
use crate::search::synonyms::Synonyms;

/// What the browser's data is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reading monograph files.
    Loading(Progress),
    /// The list is usable; the full-text index is being opened or built
    /// (how far a build has got, once it reports).
    Indexing(Progress),
    /// The list is usable; another rxdoc is building the full-text index
    /// this one will use, and is waited for.
    WaitingForOther,
    /// Everything is ready.
    Ready,
}

/// One step of loading, as the background thread sends it.
#[derive(Debug)]
pub enum Update {
    /// More files were read.
    Progress(Progress),
    /// Every monograph is loaded: the list can be shown.
    Loaded(Box<Loaded>),
    /// More monographs were indexed.
    Indexing(Progress),
    /// Another rxdoc is building the index: it is waited for.
    WaitingForOther,
    /// The full-text index is built: search can run.
    Indexed(Box<Index>),
}

/// A loaded library in the form the browser keeps it.
#[derive(Debug)]
pub struct Loaded {
    /// Monographs sorted by name; shared with the indexing thread.
    pub drugs: Arc<[Monograph]>,
    /// The drug-name filter.
    pub names: NameIndex,
    /// Files that failed to load.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs every step of loading, handing each result to `send` as it comes.
/// The full-text index comes from the stored one of `rxdoc search` when it
/// is current (see [`crate::search::cache`]), and is stored otherwise.
/// Only this thread ever waits for another rxdoc building that index: the
/// browser keeps its list and says so.
pub fn load(sources: &[Source], send: &(dyn Fn(Update) + Sync)) {
    load_surveyed(Survey::of(sources), sources, send);
}

/// [`load`], with the stored index's `survey` taken.
pub fn load_surveyed(survey: Option<Survey>, sources: &[Source], send: &(dyn Fn(Update) + Sync)) {
    let library = Library::load_reporting(sources, &|p| send(Update::Progress(p)));
    deliver(
        library,
        &mut |update| send(update),
        |drugs, problems, synonyms| {
            let drugs: Vec<&Monograph> = drugs.iter().collect();
            let tell = Tell {
                progress: &|p| send(Update::Indexing(p)),
                waiting: &|| send(Update::WaitingForOther),
            };
            cache::index(survey, sources, &drugs, problems, synonyms, tell)
        },
    );
}

/// The steps after reading files: the list, then the full-text index,
/// built in memory.
pub fn load_library(library: Library, send: &mut dyn FnMut(Update)) {
    deliver(library, send, |drugs, _, synonyms| {
        Index::build(drugs.iter(), synonyms)
    });
}

fn deliver(
    library: Library,
    send: &mut dyn FnMut(Update),
    index: impl FnOnce(&[Monograph], &[Diagnostic], Synonyms) -> Index,
) {
    let drugs: Arc<[Monograph]> = library.entries.into_iter().map(|e| e.monograph).collect();
    send(Update::Loaded(Box::new(Loaded {
        drugs: Arc::clone(&drugs),
        names: NameIndex::new(drugs.iter()),
        diagnostics: library.diagnostics.clone(),
    })));
    let index = index(&drugs, &library.diagnostics, library.synonyms);
    index.prepare_for_typing();
    send(Update::Indexed(Box::new(index)));
}

/// [`load`] on a thread of its own.
pub fn spawn(sources: Vec<Source>, send: impl Fn(Update) + Send + Sync + 'static) {
    std::thread::spawn(move || load(&sources, &send));
}
