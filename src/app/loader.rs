//! Loading and indexing off the input thread. The browser draws its first
//! frame at once and stays responsive while a large library is read (with a
//! progress count) and indexed (the list works meanwhile; search waits).

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::{Library, Progress, Source};
use crate::model::Monograph;
use crate::search::fulltext::Index;
use crate::search::names::NameIndex;

/// What the browser's data is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reading monograph files.
    Loading(Progress),
    /// The list is usable; the full-text index is being built.
    Indexing,
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
pub fn load(sources: &[Source], send: &(dyn Fn(Update) + Sync)) {
    let library = Library::load_reporting(sources, &|p| send(Update::Progress(p)));
    load_library(library, &mut |update| send(update));
}

/// The steps after reading files: the list, then the full-text index.
pub fn load_library(library: Library, send: &mut dyn FnMut(Update)) {
    let drugs: Arc<[Monograph]> = library.entries.into_iter().map(|e| e.monograph).collect();
    send(Update::Loaded(Box::new(Loaded {
        drugs: Arc::clone(&drugs),
        names: NameIndex::new(drugs.iter()),
        diagnostics: library.diagnostics,
    })));
    let index = Index::build(drugs.iter(), library.synonyms);
    send(Update::Indexed(Box::new(index)));
}

/// [`load`] on a thread of its own.
pub fn spawn(sources: Vec<Source>, send: impl Fn(Update) + Send + Sync + 'static) {
    std::thread::spawn(move || load(&sources, &send));
}
