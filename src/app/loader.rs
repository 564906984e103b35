//! Loading and indexing off the input thread. The browser draws its first
//! frame at once and stays responsive while a large library is read (with a
//! progress count) and indexed (the list works meanwhile; search waits).

use std::sync::Arc;

use super::shelf::Shelf;
use crate::cache::catalogue::{self, Catalogue, ReadWhenIndexed};
use crate::cache::{self, Survey, Tell};
use crate::classes::ClassTable;
use crate::diagnostic::Diagnostic;
use crate::load::{Library, Origin, Progress, Source};
use crate::model::Monograph;
use crate::search::fulltext::Index;
use crate::search::names::NameIndex;

/// What the browser's data is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reading monograph files.
    Loading(Progress),
    /// The list is usable, from the stored catalogue; the monographs are
    /// still being read, so none can be opened yet.
    Listed(Progress),
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
    /// The list, from the stored catalogue, before any file is read: its
    /// monographs carry names and listing only ([`catalogue::Entry::into_stub`]),
    /// each read from its file when shown ([`Shelf::listed`]).
    Listed(Box<Loaded>),
    /// Every listed drug's content, as [`ReadAll`] read it (or why not).
    Read(Vec<Result<Monograph, Diagnostic>>),
    /// Every file is read: the list of what was read can be shown (listed
    /// as the catalogue lists it, each monograph read again when shown;
    /// the bundled library alone whole).
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
    /// Monographs sorted by name, whole (the bundled library alone), or
    /// the catalogue's listing of them, each read when first shown.
    pub shelf: Shelf,
    /// The drug-name filter.
    pub names: NameIndex,
    /// Files that failed to load.
    pub diagnostics: Vec<Diagnostic>,
    /// Drug classes and foods, for the interaction check.
    pub classes: ClassTable,
}

/// Runs every step of loading, handing each result to `send` as it comes.
/// The full-text index comes from the stored one of `rxdoc search` when it
/// is current (see [`crate::cache`]), and is stored otherwise.
/// Only this thread ever waits for another rxdoc building that index: the
/// browser keeps its list and says so.
pub fn load(sources: &[Source], send: &(dyn Fn(Update) + Sync)) {
    let (survey, listed) = catalogue::survey_and_open(sources);
    load_listed(survey, listed, sources, send);
}

/// [`load`], with the stored index's `survey` taken. When the stored
/// catalogue is current, the list is sent from it first, before any file
/// is read; otherwise a new catalogue is stored once the list is shown.
pub fn load_surveyed(survey: Option<Survey>, sources: &[Source], send: &(dyn Fn(Update) + Sync)) {
    let listed = survey.as_ref().and_then(catalogue::open);
    load_listed(survey, listed, sources, send);
}

/// [`load_surveyed`], with the stored catalogue found (if current).
fn load_listed(
    survey: Option<Survey>,
    listed: Option<Catalogue>,
    sources: &[Source],
    send: &(dyn Fn(Update) + Sync),
) {
    let unlisted = listed.is_none();
    if let Some(listed) = listed {
        let loaded = Loaded::listing(listed);
        let stubs = loaded.shelf.shared();
        send(Update::Listed(Box::new(loaded)));
        // With the index current too, no file need be parsed: the browser
        // reads a monograph when it shows it.
        let index = survey.as_ref().and_then(|survey| {
            let ids: Vec<&str> = stubs.iter().map(|m| m.id.as_str()).collect();
            cache::stored_index(survey, &ids)
        });
        // Let go at once: the app copies a list it shares to read into it.
        drop(stubs);
        if let Some(index) = index {
            index.prepare_for_typing();
            send(Update::Indexed(Box::new(index)));
            return;
        }
    }
    // Each monograph is parsed and checked, and only its listing kept:
    // the build reads each file again as it comes to it.
    let progress = |p| send(Update::Progress(p));
    let library = Library::load_keeping(sources, &progress, &catalogue::listing_only);
    let store_catalogue = survey.as_ref().filter(|_| unlisted);
    let catalogue = Catalogue::of(&library);
    let Library {
        diagnostics,
        synonyms,
        classes,
        ..
    } = library;
    // The browser is given the list, as a start with the catalogue current
    // is: each monograph is read from its file again when shown. Indexing
    // is given the list too, and reads each file again as it comes to it
    // and lets it go once indexed, so the library is never held whole, not
    // even beside the index being built.
    send(Update::Loaded(Box::new(Loaded::of_catalogue(
        catalogue.clone(),
        classes,
        Vec::new(),
    ))));
    if let Some(survey) = store_catalogue {
        catalogue::store(survey, &catalogue);
    }
    let listed = catalogue.entries;
    let unread =
        |listed: &[catalogue::Entry]| listed.iter().cloned().map(ReadWhenIndexed::new).collect();
    let drugs = cache::Handed {
        drugs: unread(&listed),
        again: Box::new(move || unread(&listed)),
    };
    let tell = Tell {
        progress: &|p| send(Update::Indexing(p)),
        waiting: &|| send(Update::WaitingForOther),
    };
    let index = cache::index(survey, sources, drugs, &diagnostics, synonyms, tell);
    index.prepare_for_typing();
    send(Update::Indexed(Box::new(index)));
}

impl Loaded {
    /// The list of a stored catalogue: its monographs are stubs, each
    /// read from its file when shown, and its class tables are read.
    pub fn listing(catalogue: Catalogue) -> Self {
        let (classes, problems) = catalogue::class_table(&catalogue.class_origins);
        Self::of_catalogue(catalogue, classes, problems)
    }

    /// The list of `catalogue`, with its class tables as read, and the
    /// problems of reading them after the catalogue's own.
    fn of_catalogue(
        catalogue: Catalogue,
        classes: ClassTable,
        mut problems: Vec<Diagnostic>,
    ) -> Self {
        let origins: Arc<[Origin]> = catalogue.entries.iter().map(|e| e.origin.clone()).collect();
        let drugs: Arc<[Monograph]> = catalogue
            .entries
            .into_iter()
            .map(catalogue::Entry::into_stub)
            .collect();
        let mut diagnostics = catalogue.problems;
        diagnostics.append(&mut problems);
        Self {
            names: NameIndex::new(drugs.iter()),
            shelf: Shelf::listed(drugs, origins),
            diagnostics,
            classes,
        }
    }
}

/// The steps after reading files: the list, then the full-text index,
/// built in memory.
pub fn load_library(library: Library, send: &mut dyn FnMut(Update)) {
    let drugs: Arc<[Monograph]> = library.entries.into_iter().map(|e| e.monograph).collect();
    send(Update::Loaded(Box::new(Loaded {
        shelf: Shelf::whole(Arc::clone(&drugs)),
        names: NameIndex::new(drugs.iter()),
        diagnostics: library.diagnostics,
        classes: library.classes,
    })));
    let index = Index::build(drugs.iter(), library.synonyms);
    index.prepare_for_typing();
    send(Update::Indexed(Box::new(index)));
}

/// [`load`] on a thread of its own.
pub fn spawn(sources: Vec<Source>, send: impl Fn(Update) + Send + Sync + 'static) {
    std::thread::spawn(move || load(&sources, &send));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::cache::lock::Lock;
    use std::sync::mpsc;
    use std::time::Duration;

    const GOOD: &str = include_str!("../../tests/fixtures/good/testamol.toml");

    /// The next update, or a failure after `seconds`.
    fn next(updates: &mpsc::Receiver<Update>, seconds: u64) -> Update {
        updates
            .recv_timeout(Duration::from_secs(seconds))
            .expect("an update in time")
    }

    #[test]
    fn while_another_rxdoc_builds_the_index_the_list_works_and_the_browser_says_so() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        let other = Lock::try_acquire(survey.path()).unwrap().unwrap();
        let (send, updates) = mpsc::channel();
        let send = std::sync::Mutex::new(send);
        std::thread::scope(|s| {
            s.spawn(|| {
                load_surveyed(Some(survey), &sources, &|u| {
                    let _ = send.lock().unwrap().send(u);
                });
            });
            let mut app = App::starting();
            loop {
                match next(&updates, 60) {
                    Update::WaitingForOther => {
                        app.receive(Update::WaitingForOther);
                        break;
                    }
                    Update::Indexed(_) => panic!("indexed without waiting for the lock"),
                    update => app.receive(update),
                }
            }
            // The list is there, and the state says why search waits.
            assert!(app.drugs().iter().any(|m| m.id == "testamol"));
            assert_eq!(app.status, Status::WaitingForOther);
            assert!(updates.recv_timeout(Duration::from_millis(300)).is_err());
            drop(other);
            loop {
                if let Update::Indexed(index) = next(&updates, 60) {
                    let hits = index.search("headache", None, 500);
                    assert!(!hits.is_empty());
                    break;
                }
            }
        });
    }

    /// Every update `load_surveyed` sends for `sources`, with the cache in
    /// `cache`, in order.
    fn updates_of(sources: &[Source], cache: &std::path::Path) -> Vec<Update> {
        let updates = std::sync::Mutex::new(Vec::new());
        let survey = Survey::in_dir(sources, cache);
        load_surveyed(survey, sources, &|u| updates.lock().unwrap().push(u));
        updates.into_inner().unwrap()
    }

    #[test]
    fn with_a_current_catalogue_and_index_no_file_is_parsed_and_a_drug_is_read_when_shown() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        // No catalogue yet: the files are read first, and it is stored.
        let first = updates_of(&sources, cache.path());
        assert!(matches!(first[0], Update::Progress(_)), "{:?}", first[0]);
        assert!(!first.iter().any(|u| matches!(u, Update::Listed(_))));
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        assert!(catalogue::open(&survey).is_some(), "stored");

        // Both current: the list, then the index, and nothing parsed.
        let updates = updates_of(&sources, cache.path());
        let kinds: Vec<&str> = updates.iter().map(kind).collect();
        assert_eq!(kinds, ["listed", "indexed"]);
        let library = Library::load(&sources);
        let ids = |drugs: &[Monograph]| drugs.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
        let loaded: Vec<Monograph> = library.monographs().cloned().collect();
        let mut app = app_given(updates);
        assert_eq!(ids(app.drugs()), ids(&loaded));
        assert_eq!(app.status, Status::Ready);
        assert!(!app.monographs_whole());
        app.filter = crate::app::Input::default();
        let at = app.drugs().iter().position(|m| m.id == "testamol").unwrap();
        app.selected = app.matches.iter().position(|m| m.drug == at).unwrap();
        app.apply(crate::app::Action::StartExport);
        assert_eq!(app.current(), loaded.iter().find(|m| m.id == "testamol"));
        assert!(app.export.is_some(), "read when shown, so exported");
        // The FAQ browser wants every drug: read off the input thread.
        app.apply(crate::app::Action::Back);
        app.apply(crate::app::Action::OpenFaqBrowser);
        // Typed while the rest is read: the index knows every FAQ, the
        // browser only those read so far.
        for c in "real".chars() {
            app.apply(crate::app::Action::Type(c));
        }
        let job = app.take_read_all().expect("the rest to read");
        assert!(app.reading_all());
        app.receive(Update::Read(job.run()));
        assert!(app.monographs_whole() && !app.reading_all());
        assert_eq!(app.drugs(), loaded.as_slice());
        let questions: usize = loaded.iter().map(|m| m.faqs.len()).sum();
        let faqs = app.faqs.as_ref().expect("the FAQ browser");
        assert_eq!(faqs.total(), questions);
        let testamol = loaded.iter().position(|m| m.id == "testamol");
        assert!(
            faqs.visible.contains(&(testamol.unwrap(), 0)),
            "\"Is it real?\""
        );
    }

    #[test]
    fn a_first_start_keeps_only_listings_and_stores_the_index_a_whole_library_makes() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        let kinds: Vec<&str> = updates_of(&sources, cache.path())
            .iter()
            .map(kind)
            .filter(|k| *k != "other")
            .collect();
        assert_eq!(kinds, ["loaded", "indexed"]);
        let first_start = Survey::in_dir(&sources, cache.path()).unwrap();
        // The same library loaded whole and handed to a build, as the
        // command line builds it.
        let whole = Library::load(&sources);
        let elsewhere = tempfile::tempdir().unwrap();
        let survey = Survey::in_dir(&sources, elsewhere.path());
        let stored = survey.as_ref().unwrap().path().to_path_buf();
        let monographs: Vec<&Monograph> = whole.monographs().collect();
        cache::index(
            survey,
            &sources,
            cache::Handed::borrowed(&monographs),
            &whole.diagnostics,
            whole.synonyms.clone(),
            cache::Tell::NOTHING,
        );
        let read = |path: &std::path::Path| std::fs::read(path).unwrap();
        assert!(
            read(first_start.path()) == read(&stored),
            "the first start's index differs from the whole library's"
        );
        // What loading kept: each drug's listing, none of its content.
        let kept = Library::load_keeping(&sources, &|_| {}, &catalogue::listing_only);
        let ids = |l: &Library| l.monographs().map(|m| m.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&kept), ids(&whole));
        assert!(
            kept.monographs()
                .all(|m| m.faqs.is_empty() && m.sources.is_empty())
        );
        assert!(whole.monographs().any(|m| !m.faqs.is_empty()));
    }

    #[test]
    fn with_the_catalogue_current_but_no_index_the_files_are_read_to_build_it() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        updates_of(&sources, cache.path());
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        std::fs::remove_file(survey.path()).unwrap();
        let updates = updates_of(&sources, cache.path());
        let kinds: Vec<&str> = updates.iter().map(kind).filter(|k| *k != "other").collect();
        assert_eq!(kinds, ["listed", "loaded", "indexed"]);
        let mut app = App::starting();
        let mut updates = updates.into_iter();
        for update in updates.by_ref() {
            let listed = matches!(update, Update::Listed(_));
            app.receive(update);
            if listed {
                break;
            }
        }
        show(&mut app, "testamol");
        let testamol = app.drugs().iter().position(|m| m.id == "testamol").unwrap();
        assert!(app.shelf.content(testamol).is_some(), "read when shown");
        show(&mut app, "warfarin");
        for update in updates {
            app.receive(update);
        }
        assert_eq!(app.status, Status::Ready);
        // The same list, made again from the files: what was read stays.
        assert!(app.shelf.content(testamol).is_some());
        assert!(!app.monographs_whole());
    }

    #[test]
    fn a_first_start_lists_what_it_read_and_reads_a_drug_again_when_shown() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        let updates = updates_of(&sources, cache.path());
        let kinds: Vec<&str> = updates.iter().map(kind).filter(|k| *k != "other").collect();
        assert_eq!(kinds, ["loaded", "indexed"]);
        let mut app = app_given(updates);
        assert_eq!(app.status, Status::Ready);
        // The parsed library went to indexing, drug by drug: the browser
        // holds the list, as on a start with the catalogue current.
        assert!(!app.monographs_whole());
        show(&mut app, "testamol");
        let loaded = Library::load(&sources);
        let testamol = loaded.monographs().find(|m| m.id == "testamol");
        assert_eq!(app.current(), testamol);
        let hits = app
            .index
            .as_ref()
            .expect("indexed")
            .search("testamol", None, 5);
        let at = app.drugs().iter().position(|m| m.id == "testamol");
        assert_eq!(hits.first().map(|h| h.drug), at, "the index is of the list");
        // What it stored is current: the next start parses nothing.
        let kinds: Vec<&str> = updates_of(&sources, cache.path())
            .iter()
            .map(kind)
            .collect();
        assert_eq!(kinds, ["listed", "indexed"]);
    }

    #[test]
    fn a_build_that_cannot_be_stored_indexes_the_listed_drugs_read_again() {
        let (_data, cache, sources) = testamol_beside_the_bundled();
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        // A directory that is not empty where the index goes: the build
        // runs, letting its drugs go, and its file cannot be renamed into
        // place. The drugs are read again for an index in a temporary file.
        let blocked = survey.path().to_path_buf();
        std::fs::create_dir_all(blocked.join("in-the-way")).unwrap();
        let survey = Some(survey);
        let updates = std::sync::Mutex::new(Vec::new());
        load_surveyed(survey, &sources, &|u| updates.lock().unwrap().push(u));
        let mut app = App::starting();
        for update in updates.into_inner().unwrap() {
            app.receive(update);
        }
        assert_eq!(app.status, Status::Ready);
        let index = app.index.as_ref().expect("indexed");
        let at = |id: &str| app.drugs().iter().position(|m| m.id == id);
        for (query, id) in [("testamol", "testamol"), ("warfarin", "warfarin")] {
            let hits = index.search(query, None, 5);
            assert_eq!(hits.first().map(|h| h.drug), at(id), "{query}");
        }
        assert!(blocked.is_dir(), "nothing was stored");
    }

    /// A directory holding Testamol, read after the bundled library, and
    /// an empty cache directory.
    fn testamol_beside_the_bundled() -> (tempfile::TempDir, tempfile::TempDir, Vec<Source>) {
        let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
        let sources = vec![Source::Bundled, Source::Path(data.path().to_path_buf())];
        (data, cache, sources)
    }

    /// A browser that has taken in `updates`.
    fn app_given(updates: impl IntoIterator<Item = Update>) -> App {
        let mut app = App::starting();
        for update in updates {
            app.receive(update);
        }
        app
    }

    /// Selects the drug `id` in the list and opens it.
    fn show(app: &mut App, id: &str) {
        app.filter = crate::app::Input::default();
        app.refilter();
        let at = app.drugs().iter().position(|m| m.id == id).unwrap();
        app.selected = app.matches.iter().position(|m| m.drug == at).unwrap();
        app.apply(crate::app::Action::Open);
    }

    /// An update's kind, for comparing sequences.
    fn kind(update: &Update) -> &'static str {
        match update {
            Update::Listed(_) => "listed",
            Update::Loaded(_) => "loaded",
            Update::Indexed(_) => "indexed",
            _ => "other",
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_in_place_of_the_cache_file_does_not_hang_the_browser() {
        let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        std::fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
        let sources = vec![Source::Path(data.path().to_path_buf())];
        let survey = Survey::in_dir(&sources, cache.path()).unwrap();
        let fifo = survey.path().to_path_buf();
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let (send, updates) = mpsc::channel();
        let send = std::sync::Mutex::new(send);
        std::thread::spawn(move || {
            load_surveyed(Some(survey), &sources, &|u| {
                let _ = send.lock().unwrap().send(u);
            });
        });
        loop {
            if let Update::Indexed(index) = next(&updates, 30) {
                assert!(!index.search("headache", None, 10).is_empty());
                break;
            }
        }
        assert!(
            std::fs::metadata(&fifo).unwrap().is_file(),
            "stored in its place"
        );
    }
}
