//! A fingerprint of what loading would read, found without reading the
//! monographs: each file's path and what identifies its contents (size,
//! times, inode). It is all a search of a large library does before
//! answering from a current stored index, so it is made on both cores, and
//! the two halves of the work overlap: one thread lists the directories
//! (or reads the kept listing) while the other parses the bundled search
//! words, then asks about the files listed so far; once the listing is
//! done, both ask, each taking the next batch of files. Files are taken in
//! the order the directories list them, so the fingerprint adds up one hash
//! a file, which no order changes.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};

use rustc_hash::FxHasher;

use super::files::{self, Found};
use super::identity::Asker;
use super::listing::Listing;
use super::{Source, is_search_words_file};
use crate::diagnostic::Diagnostic;
use crate::hash::Fnv;
use crate::raw_file::RawFile;
use crate::search::synonyms::Synonyms;
use crate::walk::Order;

/// Files handed from the thread listing them to the ones asking about
/// them at a time: enough to make the handing cheap, few enough that the
/// asking starts at once.
const BATCH: usize = 64;

/// The fingerprint of `sources` and their lay-word synonyms, which are
/// read. With `kept`, where a directory's listing is kept between surveys
/// (see [`listing`](super::listing)): a sole directory among the sources
/// is listed again only when it has changed.
pub(super) fn survey(sources: &[Source], kept: Option<&Path>) -> (u64, Synonyms) {
    if !crate::parallel::two_cores() || sources.first() != Some(&Source::Bundled) {
        let (fingerprint, words) = fingerprint(sources, kept, false);
        return (fingerprint, Synonyms::load(&words).0);
    }
    // The bundled search words come first, and are parsed on the other
    // core while this one reads the kept listing: parsed after the
    // survey, they were a tenth of a search from the command line.
    std::thread::scope(|scope| {
        let bundled = scope.spawn(|| Synonyms::load(&files::bundled_search_words()).0);
        let (fingerprint, words) = fingerprint(sources, kept, true);
        let mut synonyms = bundled
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        synonyms.add_files(&words);
        (fingerprint, synonyms)
    })
}

/// The fingerprint of `sources` and their files of search words, read in
/// the order loading reads them; without the bundled ones if
/// `bundled_words_read` already.
fn fingerprint(
    sources: &[Source],
    kept: Option<&Path>,
    bundled_words_read: bool,
) -> (u64, Vec<RawFile>) {
    let mut hash = Fnv::default();
    let mut synonym_files = Vec::new();
    let directories = sources
        .iter()
        .filter(|s| matches!(s, Source::Path(_)))
        .count();
    let kept = kept.filter(|_| directories == 1);
    for source in sources {
        let (tally, problems) = match source {
            Source::Path(path)
                if path.is_dir()
                    && let Some(kept) = kept =>
            {
                from_listing_kept_at(source, kept)
            }
            Source::Path(path) if path.is_dir() && crate::parallel::two_cores() => {
                let (tally, problems, _) = on_two_threads(source, false);
                (tally, problems)
            }
            _ => {
                let mut tally = Tally::default();
                let problems = files::each_found(source, Order::AsListed, |f| tally.add(f));
                (tally, problems)
            }
        };
        hash.write(&tally.sum.to_le_bytes());
        hash.write(&tally.count.to_le_bytes());
        if !(bundled_words_read && *source == Source::Bundled) {
            synonym_files.extend(files::read_in_loading_order(tally.words));
        }
        let mut problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        problems.sort();
        for problem in &problems {
            hash.write(problem.as_bytes());
        }
        hash.write(b"\0");
    }
    (hash.0, synonym_files)
}

/// What a survey has found of a source so far.
#[derive(Default)]
struct Tally {
    /// The sum of each file's hash: a sum, so the order in which the two
    /// threads find files does not matter.
    sum: u64,
    count: u64,
    /// Files of search words, read once the survey is done.
    words: Vec<Found>,
    /// This thread's asking, which keeps the last directory open.
    asker: Asker,
}

impl Tally {
    /// Asks what identifies `file`'s contents and adds it in.
    /// Each file's hash takes a word at a time, not a byte as [`Fnv`]
    /// does: a survey hashes every path of the library on every start and
    /// search, and byte at a time that was a twentieth of a search. It only
    /// needs to agree with what this same rxdoc stored; another version
    /// that hashes differently rebuilds the index once.
    fn add(&mut self, file: Found) {
        let mut hash = FxHasher::default();
        let identity = file.identity(&mut self.asker);
        file.identify(identity, &mut |bytes| hash.write(bytes));
        self.count_in(hash.finish());
        if is_search_words_file(&file.path) {
            self.words.push(file);
        }
    }

    /// [`Tally::add`] for a file a kept listing names, whose path is as
    /// shown: nothing is made for it but its hash, unless it holds
    /// search words.
    fn add_listed(&mut self, path: &str) {
        let mut hash = FxHasher::default();
        let identity = self.asker.identity(Path::new(path));
        files::identify_on_disk(path, identity, &mut |bytes| hash.write(bytes));
        self.count_in(hash.finish());
        if is_search_words_file(path) {
            self.words.push(files::on_disk(PathBuf::from(path)));
        }
    }

    fn count_in(&mut self, hash: u64) {
        self.sum = self.sum.wrapping_add(hash);
        self.count += 1;
    }

    fn join(mut self, other: Tally) -> Tally {
        self.sum = self.sum.wrapping_add(other.sum);
        self.count += other.count;
        self.words.extend(other.words);
        self
    }

    /// Adds in every file sent on `batches` until no more can come.
    fn drain(mut self, batches: &Mutex<Receiver<Vec<Found>>>) -> Tally {
        loop {
            let batch = batches
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .recv();
            match batch {
                Ok(batch) => batch.into_iter().for_each(|file| self.add(file)),
                Err(_) => return self,
            }
        }
    }
}

/// The tally of a directory from the listing kept at `kept` if it still
/// holds; else from listing the directory, keeping the listing for next
/// time when the directory has settled and nothing went wrong.
fn from_listing_kept_at(source: &Source, kept: &Path) -> (Tally, Vec<Diagnostic>) {
    if let Some(listing) = Listing::read(kept).filter(Listing::still_holds) {
        return (tally_of_listed(&listing.into_files()), Vec::new());
    }
    let listed_at = now();
    let (tally, problems, listing) = on_two_threads(source, true);
    if let Some(listing) = listing
        && problems.is_empty()
        && listing.settled_before(listed_at)
        && kept.parent().is_some_and(Path::is_dir)
    {
        listing.write(kept);
    }
    (tally, problems)
}

/// Seconds and nanoseconds since the epoch.
fn now() -> (i64, i64) {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (
        i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        i64::from(since.subsec_nanos()),
    )
}

/// The tally of files already listed, asked about on both cores. Each
/// takes the next batch of files as it is ready for one, in the order
/// listed, so that files of one directory come together: the other core
/// may start late (waking it took up to 4 ms) or ask more slowly, and
/// halves fixed in advance then left this one waiting for it.
fn tally_of_listed(files: &[String]) -> Tally {
    let next = AtomicUsize::new(0);
    let take_batches = || {
        let mut tally = Tally::default();
        loop {
            let start = next.fetch_add(BATCH, Ordering::Relaxed);
            match files.get(start..files.len().min(start + BATCH)) {
                Some(batch) if !batch.is_empty() => {
                    batch.iter().for_each(|file| tally.add_listed(file));
                }
                _ => return tally,
            }
        }
    };
    if !crate::parallel::two_cores() || files.len() <= BATCH {
        return take_batches();
    }
    std::thread::scope(|scope| {
        let helper = scope.spawn(take_batches);
        let mine = take_batches();
        match helper.join() {
            Ok(theirs) => mine.join(theirs),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The tally of a directory: this thread lists it, handing files to a
/// helper as they are found, then both ask about what is left. With
/// `record`, also the listing, unless a name is not UTF-8 or a directory
/// has no stamp.
fn on_two_threads(source: &Source, record: bool) -> (Tally, Vec<Diagnostic>, Option<Listing>) {
    let (send, receive) = mpsc::channel::<Vec<Found>>();
    let batches = Mutex::new(receive);
    let mut listing = record.then(Listing::default);
    let mut recordable = true;
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| Tally::default().drain(&batches));
        let mut batch = Vec::with_capacity(BATCH);
        let on_dir = |dir: &Path| {
            if let Some(listing) = listing.as_mut() {
                recordable &= listing.add_dir(dir);
            }
        };
        let mut files_seen = Vec::new();
        let problems = files::each_found_and_dir(
            source,
            Order::AsListed,
            |file| {
                if record {
                    // The name as it is on disk: a lossy one could not be
                    // asked about again.
                    files_seen.push(file.on_disk_at().map(Path::to_path_buf));
                }
                batch.push(file);
                if batch.len() == BATCH {
                    // The helper only stops once every sender is gone.
                    let _ = send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            },
            on_dir,
        );
        let _ = send.send(batch);
        drop(send);
        let mine = Tally::default().drain(&batches);
        let tally = match helper.join() {
            Ok(theirs) => mine.join(theirs),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let listing = listing.take().filter(|_| recordable).map(|mut listing| {
            for file in &files_seen {
                recordable &= file.as_deref().is_some_and(|f| listing.add_file(f));
            }
            listing
        });
        (tally, problems, listing.filter(|_| recordable))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &std::path::Path, count: usize) {
        for i in 0..count {
            std::fs::write(dir.join(format!("{i:03}.toml")), format!("id = \"{i}\"")).unwrap();
        }
    }

    #[test]
    fn two_threads_tally_what_one_does() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), 3 * BATCH + 5);
        let source = Source::Path(dir.path().to_path_buf());
        let mut one = Tally::default();
        files::each_found(&source, Order::Sorted, |f| one.add(f));
        let (two, _, _) = on_two_threads(&source, false);
        assert_eq!((two.sum, two.count), (one.sum, one.count));
        assert_eq!(one.count, 3 * BATCH as u64 + 5);
    }

    #[test]
    fn a_users_search_words_add_to_the_bundled_ones_parsed_aside() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), 3);
        // A group of the user's, and a word of theirs in a bundled group.
        let words = "[[group]]\nwords = [\"tummy bug\", \"stomach flu\"]\n\n\
                     [[group]]\nwords = [\"jaundice\", \"going yellow\"]\n";
        let name = crate::search::synonyms::SYNONYMS_FILE;
        std::fs::write(dir.path().join(name), words).unwrap();
        let sources = [Source::Bundled, Source::Path(dir.path().to_path_buf())];
        let (_, surveyed) = survey(&sources, None);
        let mut all = files::bundled_search_words();
        all.push(RawFile {
            path: dir.path().join(name).display().to_string(),
            bytes: words.as_bytes().to_vec(),
        });
        let (loaded, problems) = Synonyms::load(&all);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(loaded.len() > 2 && surveyed.len() == loaded.len());
        let mut phrases: Vec<_> = loaded.phrases().collect();
        phrases.sort();
        let mut theirs: Vec<_> = surveyed.phrases().collect();
        theirs.sort();
        assert_eq!(theirs, phrases);
        for phrase in phrases {
            assert_eq!(surveyed.longest_at(phrase), loaded.longest_at(phrase));
            assert_eq!(surveyed.is_symptom(phrase), loaded.is_symptom(phrase));
        }
        let terms = |words: &str| words.split(' ').map(String::from).collect::<Vec<_>>();
        let (_, yellow) = surveyed.longest_at(&terms("going yellow")).unwrap();
        // Phrases are kept stemmed.
        assert!(yellow.iter().any(|p| **p == ["jaundic"]), "{yellow:?}");
    }

    #[test]
    fn search_words_files_are_kept_to_be_read() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), BATCH + 1);
        let name = crate::search::synonyms::SYNONYMS_FILE;
        std::fs::write(dir.path().join(name), "").unwrap();
        let (tally, _, _) = on_two_threads(&Source::Path(dir.path().to_path_buf()), false);
        let words: Vec<&str> = tally.words.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(words.len(), 1, "{words:?}");
        assert!(words[0].ends_with(name), "{words:?}");
        assert_eq!(tally.count, BATCH as u64 + 2, "counted as a file too");
    }

    /// A directory of `count` files whose names last changed an hour ago.
    fn settled_dir(count: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), count);
        set_back(dir.path());
        dir
    }

    /// Sets `dir`'s modification time an hour back.
    fn set_back(dir: &std::path::Path) {
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::open(dir)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }

    /// A settled directory of files, a cache directory, where the listing
    /// is kept in it, and the directory as a source.
    fn settled_with_cache() -> (
        tempfile::TempDir,
        tempfile::TempDir,
        std::path::PathBuf,
        [Source; 1],
    ) {
        let dir = settled_dir(BATCH + 3);
        let cache = tempfile::tempdir().unwrap();
        let kept = cache.path().join("search.dirs");
        let sources = [Source::Path(dir.path().to_path_buf())];
        (dir, cache, kept, sources)
    }

    #[test]
    fn a_kept_listing_gives_the_fingerprint_of_listing_again() {
        let (dir, _cache, kept, sources) = settled_with_cache();
        let listed = survey(&sources, None).0;
        assert_eq!(survey(&sources, Some(&kept)).0, listed, "listed and kept");
        assert!(kept.is_file(), "a settled directory's listing is kept");
        assert_eq!(survey(&sources, Some(&kept)).0, listed, "read back");
        // The kept listing is what a survey goes by while the directory
        // holds: one written without a file leaves that file uncounted.
        let mut partial = Listing::default();
        partial.add_dir(dir.path());
        for i in 1..BATCH + 3 {
            partial.add_file(&dir.path().join(format!("{i:03}.toml")));
        }
        partial.write(&kept);
        let without_one = survey(&sources, Some(&kept)).0;
        assert_ne!(without_one, listed);
        // A name added, even with the time set back by hand, moves the
        // directory's change time, so the listing no longer holds.
        std::fs::write(dir.path().join("new.toml"), "").unwrap();
        set_back(dir.path());
        assert_eq!(survey(&sources, Some(&kept)).0, survey(&sources, None).0);
    }

    #[test]
    fn with_a_kept_listing_new_edited_and_removed_files_still_change_the_fingerprint() {
        let (dir, _cache, kept, sources) = settled_with_cache();
        let print = || {
            let with_kept = survey(&sources, Some(&kept)).0;
            assert_eq!(with_kept, survey(&sources, None).0);
            with_kept
        };
        let first = print();
        assert!(kept.is_file());
        // An edit in place leaves the directory as it was: the file's own
        // stamp tells.
        edit_add_remove(dir.path(), first, print);
    }

    /// Edits a file in place, adds one and removes it again, checking that
    /// each changes what `print` gives, and returns what it gives after
    /// the edit.
    fn edit_add_remove(dir: &std::path::Path, first: u64, print: impl Fn() -> u64) -> u64 {
        std::fs::write(dir.join("000.toml"), "id = \"edited, longer\"").unwrap();
        let edited = print();
        assert_ne!(edited, first, "an edit");
        std::fs::write(dir.join("new.toml"), "").unwrap();
        assert_ne!(print(), edited, "a new file");
        std::fs::remove_file(dir.join("new.toml")).unwrap();
        assert_eq!(print(), edited, "back as it was");
        edited
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_no_listing() {
        use std::os::unix::ffi::OsStrExt;
        let (dir, _cache, kept, sources) = settled_with_cache();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
        std::fs::write(dir.path().join(name), "").unwrap();
        set_back(dir.path());
        assert_eq!(survey(&sources, Some(&kept)).0, survey(&sources, None).0);
        assert!(
            !kept.exists(),
            "its lossy name could not be asked about again"
        );
    }

    #[test]
    fn a_directory_just_changed_or_a_damaged_listing_is_listed_again() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), 5);
        let cache = tempfile::tempdir().unwrap();
        let kept = cache.path().join("search.dirs");
        let sources = [Source::Path(dir.path().to_path_buf())];
        let listed = survey(&sources, None).0;
        assert_eq!(survey(&sources, Some(&kept)).0, listed);
        assert!(!kept.exists(), "changed a moment ago: not kept");
        set_back(dir.path());
        survey(&sources, Some(&kept));
        let mut bytes = std::fs::read(&kept).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&kept, bytes).unwrap();
        std::fs::write(dir.path().join("new.toml"), "").unwrap();
        set_back(dir.path());
        assert_eq!(
            survey(&sources, Some(&kept)).0,
            survey(&sources, None).0,
            "a damaged listing is not read"
        );
    }

    #[test]
    fn an_edit_a_new_file_and_a_removal_each_change_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), BATCH + 1);
        let sources = [Source::Path(dir.path().to_path_buf())];
        let print = || survey(&sources, None).0;
        let first = print();
        assert_eq!(print(), first, "nothing changed");
        let edited = edit_add_remove(dir.path(), first, print);
        // Hidden files and other extensions are never read.
        std::fs::write(dir.path().join(".hidden.toml"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        assert_eq!(print(), edited);
    }
}
