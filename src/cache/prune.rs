//! Keeping the cache directory bounded: after an index is stored, the least
//! recently used cache files beyond [`MAX_FILES`] files or [`MAX_BYTES`]
//! bytes are removed (stored catalogues and directory listings count as
//! cache files too). A cache file's modification time is its last use: it
//! is set when the file is written and each time it is opened.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::file::{CATALOGUE_SUFFIX, LISTING_SUFFIX, PREFIX, SUFFIX, remove_leftovers};
use super::lock::Lock;

/// Most cache files kept.
pub const MAX_FILES: usize = 16;
/// Most bytes of cache files kept (1 GiB).
pub const MAX_BYTES: u64 = 1 << 30;

/// Removes the least recently used cache files in `dir` beyond the bounds,
/// never `keep` (the one just written) nor the other files of its library
/// (its index, catalogue and listing, which are used together), nor one
/// another process holds the lock of (it is being written or pruned).
/// Returns the files removed.
pub fn prune(dir: &Path, keep: &Path, max_files: usize, max_bytes: u64) -> Vec<PathBuf> {
    let mut files = cache_files(dir);
    // A library's files differ only in their extension. Were they weighed
    // apart, a library whose index alone fills the bound (a gigabyte at
    // 50,000 monographs) would have its index and catalogue remove each
    // other as each is stored, and be indexed afresh at every start.
    let kept = |path: &Path| path.file_stem() == keep.file_stem();
    // Most recently used first; the kept library first of all.
    files.sort_by_key(|(path, used, _)| (!kept(path), std::cmp::Reverse(*used)));
    let (mut count, mut bytes) = (0usize, 0u64);
    let mut removed = Vec::new();
    for (path, _, len) in files {
        if kept(&path) || (count < max_files && bytes.saturating_add(len) <= max_bytes) {
            count += 1;
            bytes = bytes.saturating_add(len);
            continue;
        }
        if remove(&path) {
            removed.push(path);
        }
    }
    removed
}

/// Every cache file in `dir` (of any version): path, last use, size.
fn cache_files(dir: &Path) -> Vec<(PathBuf, SystemTime, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(PREFIX)
                && [SUFFIX, CATALOGUE_SUFFIX, LISTING_SUFFIX]
                    .iter()
                    .any(|suffix| name.ends_with(suffix))
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            meta.is_file().then(|| (e.path(), used, meta.len()))
        })
        .collect()
}

/// Removes one cache file, its temporary files and its lock, holding the
/// lock meanwhile; not if another process holds it.
fn remove(path: &Path) -> bool {
    let Ok(Some(lock)) = Lock::try_acquire(path) else {
        return false;
    };
    let removed = std::fs::remove_file(path).is_ok();
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
        remove_leftovers(dir, &name.to_string_lossy());
    }
    lock.remove();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A cache file of `len` bytes last used `age` seconds ago.
    fn cache_file(dir: &Path, n: usize, len: usize, age: u64) -> PathBuf {
        let path = dir.join(format!("{PREFIX}0.1.0-{n:016x}{SUFFIX}"));
        std::fs::write(&path, vec![0; len]).unwrap();
        let used = SystemTime::now() - Duration::from_secs(age);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(used)
            .unwrap();
        path
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_least_recently_used_files_beyond_the_count_go_and_the_new_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        // File n was last used n hours ago; the newest is the oldest used.
        let files: Vec<PathBuf> = (0..6)
            .map(|n| cache_file(dir.path(), n, 10, n as u64 * 3600))
            .collect();
        std::fs::write(dir.path().join("unrelated.txt"), "kept").unwrap();
        let newest = &files[5];
        let removed = prune(dir.path(), newest, 3, MAX_BYTES);
        assert_eq!(
            removed,
            vec![files[2].clone(), files[3].clone(), files[4].clone()]
        );
        let left = names(dir.path());
        assert_eq!(left.len(), 4, "{left:?}");
        assert!(left.contains(&"unrelated.txt".to_string()));
        for kept in [&files[0], &files[1], newest] {
            assert!(kept.exists());
        }
        assert!(!left.iter().any(|n| n.ends_with(".lock")), "{left:?}");
    }

    #[test]
    fn a_library_beyond_the_byte_bound_keeps_its_index_and_catalogue_together() {
        let dir = tempfile::tempdir().unwrap();
        // One library's index fills the bound alone; another's is small and
        // was used since.
        let index = cache_file(dir.path(), 1, 3000, 600);
        let other = cache_file(dir.path(), 2, 10, 60);
        let catalogue = index.with_extension(&CATALOGUE_SUFFIX[1..]);
        std::fs::write(&catalogue, vec![0; 100]).unwrap();
        // Storing the catalogue leaves its index; storing the index, its
        // catalogue. The other library goes either way.
        assert_eq!(prune(dir.path(), &catalogue, MAX_FILES, 2500), [other]);
        assert!(prune(dir.path(), &index, MAX_FILES, 2500).is_empty());
        assert!(index.exists() && catalogue.exists());
    }

    #[test]
    fn files_beyond_the_byte_bound_go_but_not_one_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..4)
            .map(|n| cache_file(dir.path(), n, 1000, n as u64 * 60))
            .collect();
        // Another process is writing file 3.
        let busy = Lock::try_acquire(&files[3]).unwrap().unwrap();
        let removed = prune(dir.path(), &files[0], MAX_FILES, 2500);
        assert_eq!(removed, vec![files[2].clone()]);
        assert!(files[3].exists(), "a locked file is left alone");
        drop(busy);
        let removed = prune(dir.path(), &files[0], MAX_FILES, 2500);
        assert_eq!(removed, vec![files[3].clone()]);
    }
}
