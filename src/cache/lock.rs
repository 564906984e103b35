//! One builder per cache file at a time. Whoever builds or removes a cache
//! file holds an exclusive lock on `NAME.lock` beside it, so two processes
//! never write the same index at once, nor remove each other's temporary
//! files; a second process waits for the first's index and uses it.
//! Readers take no lock: a cache file is replaced by a rename, whole.
//!
//! The lock is the operating system's advisory file lock (`flock` on Unix,
//! `LockFileEx` on Windows), released when its holder exits, however it
//! exits: a killed builder never leaves a stale lock.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use fs4::{FileExt, TryLockError};

use super::file::open_regular;

/// An exclusive hold on the lock of one cache file, released on drop.
#[derive(Debug)]
pub struct Lock {
    /// Held open for the lock; closing it lets go.
    _held: File,
    path: PathBuf,
}

impl Lock {
    /// The lock of the cache file `index`, waiting for it as long as
    /// another process holds it; `waiting` is told before the wait.
    pub fn acquire(index: &Path, waiting: &dyn Fn()) -> io::Result<Lock> {
        take(index, Some(waiting))?.ok_or_else(|| io::Error::other("the lock was not taken"))
    }

    /// The lock of the cache file `index` if no one holds it.
    pub fn try_acquire(index: &Path) -> io::Result<Option<Lock>> {
        take(index, None)
    }

    /// Removes the lock file, then lets go: for a cache file that is gone.
    pub fn remove(self) {
        // Anyone who opened it meanwhile notices it is gone once they lock
        // it (see `take`) and makes a new one.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The lock file of the cache file `index`.
pub fn path_of(index: &Path) -> PathBuf {
    let mut name = index.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the lock, waiting (after telling `waiting`) if given, else only if
/// free.
fn take(index: &Path, waiting: Option<&dyn Fn()>) -> io::Result<Option<Lock>> {
    let path = path_of(index);
    loop {
        let file = open_regular(File::options().read(true).write(true).create(true), &path)?;
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => match waiting {
                Some(waiting) => {
                    waiting();
                    FileExt::lock(&file)?;
                }
                None => return Ok(None),
            },
            Err(TryLockError::Error(e)) => return Err(e),
        }
        // A lock file removed (by a pruner holding it) between our opening
        // and our locking guards nothing: lock the one now there instead.
        if still_there(&file, &path) {
            return Ok(Some(Lock { _held: file, path }));
        }
    }
}

/// Whether `path` still names the file `file` has open.
fn still_there(file: &File, path: &Path) -> bool {
    let (Ok(held), Ok(named)) = (
        file.try_clone().and_then(same_file::Handle::from_file),
        same_file::Handle::from_path(path),
    ) else {
        return false;
    };
    held == named
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_second_taker_waits_until_the_first_lets_go_and_is_told_it_waits() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("search.idx");
        let first = Lock::acquire(&index, &|| panic!("nothing to wait for")).unwrap();
        assert!(Lock::try_acquire(&index).unwrap().is_none(), "held");
        let told = AtomicBool::new(false);
        let (done, finished) = mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                let second = Lock::acquire(&index, &|| told.store(true, Ordering::SeqCst));
                done.send(second.is_ok()).unwrap();
            });
            assert!(
                finished.recv_timeout(Duration::from_millis(300)).is_err(),
                "the second taker did not wait"
            );
            assert!(told.load(Ordering::SeqCst), "the waiter was not told");
            drop(first);
            assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok(true));
        });
    }

    #[test]
    fn a_removed_lock_file_is_made_anew_not_shared() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("search.idx");
        let first = Lock::try_acquire(&index).unwrap().unwrap();
        first.remove();
        assert!(!path_of(&index).exists());
        let again = Lock::try_acquire(&index).unwrap().unwrap();
        assert!(path_of(&index).exists());
        assert!(Lock::try_acquire(&index).unwrap().is_none());
        drop(again);
    }
}
