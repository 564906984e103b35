//! A fingerprint of what loading would read, found without reading the
//! monographs: each file's path and what identifies its contents (size,
//! times, inode). It is all a search of a large library does before
//! answering from a current stored index, so it is made on both cores, and
//! the two halves of the work overlap: one thread lists the directories
//! while the other asks about the files listed so far; once the listing is
//! done, both ask. Files are taken in the order the directories list them,
//! so the fingerprint adds up one hash a file, which no order changes.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver};

use super::files::{self, Found};
use super::{Source, is_search_words_file};
use crate::hash::Fnv;
use crate::search::synonyms::Synonyms;
use crate::walk::Order;

/// Files handed from the thread listing them to the ones asking about
/// them at a time: enough to make the handing cheap, few enough that the
/// asking starts at once.
const BATCH: usize = 64;

/// The fingerprint of `sources` and their lay-word synonyms, which are
/// read.
pub(super) fn survey(sources: &[Source]) -> (u64, Synonyms) {
    let mut hash = Fnv::default();
    let mut synonym_files = Vec::new();
    for source in sources {
        let (mut tally, problems) = match source {
            Source::Path(path) if path.is_dir() && crate::parallel::two_cores() => {
                on_two_threads(source)
            }
            _ => {
                let mut tally = Tally::default();
                let problems = files::each_found(source, Order::AsListed, |f| tally.add(f));
                (tally, problems)
            }
        };
        hash.write(&tally.sum.to_le_bytes());
        hash.write(&tally.count.to_le_bytes());
        // In the order a sorted walk finds them, as loading reads them.
        tally.words.sort_by(|a, b| a.path.cmp(&b.path));
        synonym_files.extend(tally.words.iter().filter_map(|f| f.read().ok()));
        let mut problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
        problems.sort();
        for problem in &problems {
            hash.write(problem.as_bytes());
        }
        hash.write(b"\0");
    }
    (hash.0, Synonyms::load(&synonym_files).0)
}

/// What a survey has found of a source so far.
#[derive(Default)]
struct Tally {
    /// The sum of each file's hash.
    sum: u64,
    count: u64,
    /// Files of search words, read once the survey is done.
    words: Vec<Found>,
}

impl Tally {
    /// Asks what identifies `file`'s contents and adds it in.
    fn add(&mut self, file: Found) {
        let mut hash = Fnv::default();
        file.identify(&file.identity(), &mut |bytes| hash.write(bytes));
        self.sum = self.sum.wrapping_add(hash.0);
        self.count += 1;
        if is_search_words_file(&file.path) {
            self.words.push(file);
        }
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

/// The tally of a directory: this thread lists it, handing files to a
/// helper as they are found, then both ask about what is left.
fn on_two_threads(source: &Source) -> (Tally, Vec<crate::diagnostic::Diagnostic>) {
    let (send, receive) = mpsc::channel::<Vec<Found>>();
    let batches = Mutex::new(receive);
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| Tally::default().drain(&batches));
        let mut batch = Vec::with_capacity(BATCH);
        let problems = files::each_found(source, Order::AsListed, |file| {
            batch.push(file);
            if batch.len() == BATCH {
                // The helper only stops once every sender is gone.
                let _ = send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
        });
        let _ = send.send(batch);
        drop(send);
        let mine = Tally::default().drain(&batches);
        let tally = match helper.join() {
            Ok(theirs) => mine.join(theirs),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (tally, problems)
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
        let (two, _) = on_two_threads(&source);
        assert_eq!((two.sum, two.count), (one.sum, one.count));
        assert_eq!(one.count, 3 * BATCH as u64 + 5);
    }

    #[test]
    fn search_words_files_are_kept_to_be_read() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), BATCH + 1);
        let name = crate::search::synonyms::SYNONYMS_FILE;
        std::fs::write(dir.path().join(name), "").unwrap();
        let (tally, _) = on_two_threads(&Source::Path(dir.path().to_path_buf()));
        let words: Vec<&str> = tally.words.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(words.len(), 1, "{words:?}");
        assert!(words[0].ends_with(name), "{words:?}");
        assert_eq!(tally.count, BATCH as u64 + 2, "counted as a file too");
    }

    #[test]
    fn an_edit_a_new_file_and_a_removal_each_change_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path(), BATCH + 1);
        let sources = [Source::Path(dir.path().to_path_buf())];
        let print = || survey(&sources).0;
        let first = print();
        assert_eq!(print(), first, "nothing changed");
        std::fs::write(dir.path().join("000.toml"), "id = \"changed, longer\"").unwrap();
        let edited = print();
        assert_ne!(edited, first);
        std::fs::write(dir.path().join("new.toml"), "").unwrap();
        let added = print();
        assert_ne!(added, edited);
        std::fs::remove_file(dir.path().join("new.toml")).unwrap();
        assert_eq!(print(), edited, "back as it was");
        // Hidden files and other extensions are never read.
        std::fs::write(dir.path().join(".hidden.toml"), "").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        assert_eq!(print(), edited);
    }
}
