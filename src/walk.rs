//! Files under a directory the way users expect: recursively, sorted, hidden
//! files and folders skipped, links followed, each directory read once (so
//! neither a link loop nor links branching back into a tree can multiply the
//! walk or list a file twice), and depth bounded.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Deepest directory level followed.
pub const MAX_DEPTH: usize = 16;

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Regular files, in sorted order.
    pub files: Vec<PathBuf>,
    /// Directories that could not be read (or were too deep), with the reason.
    pub errors: Vec<(PathBuf, String)>,
}

/// The order files are handed on in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By name within each directory.
    Sorted,
    /// As each directory lists them, which does not change while the
    /// directory does not: nothing waits for a directory to be read whole.
    AsListed,
}

/// Every non-hidden file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Walk {
    let mut files = Vec::new();
    let errors = each_file_under(dir, Order::Sorted, |path| files.push(path));
    Walk { files, errors }
}

/// Hands `each` every non-hidden file under `dir` as it is found, in
/// `order`; returns the directories that could not be read (or were too
/// deep), with the reason.
pub fn each_file_under(
    dir: &Path,
    order: Order,
    each: impl FnMut(PathBuf),
) -> Vec<(PathBuf, String)> {
    each_file_and_dir_under(dir, order, each, |_| {})
}

/// [`each_file_under`], handing `each_dir` every directory whose files it
/// lists (`dir` itself first), as it comes to it.
pub fn each_file_and_dir_under(
    dir: &Path,
    order: Order,
    mut each: impl FnMut(PathBuf),
    mut each_dir: impl FnMut(&Path),
) -> Vec<(PathBuf, String)> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    // A directory one level deeper than followed is listed only to be
    // reported as skipped.
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .max_depth(MAX_DEPTH + 1);
    if order == Order::Sorted {
        // By name within each directory: siblings share their parent's
        // path, so comparing whole paths compares names, without taking
        // each path apart into components on every comparison.
        walker = walker.sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()));
    }
    let mut entries = walker
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !name_bytes(e.path()).starts_with(b"."));
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a directory being walked adds nothing; a
            // dangling link is no file.
            Err(e) if e.loop_ancestor().is_some() || is_dangling(&e) => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push((path, format!("cannot read directory: {e}")));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_file() {
            each(entry.into_path());
        } else if kind.is_dir() && entry.depth() > MAX_DEPTH {
            errors.push((
                entry.into_path(),
                "directories nested too deeply; skipped".into(),
            ));
        } else if kind.is_dir()
            && let Some(id) = identity(&entry)
            && !seen.insert(id)
        {
            // Reached again through a link: its files are listed already.
            entries.skip_current_dir();
        } else if kind.is_dir() {
            each_dir(entry.path());
        }
    }
    errors
}

/// The last part of a path a walk made (a directory joined with a name
/// it lists), as bytes: found without taking the whole path apart, which
/// a walk of thousands of files would do for every one.
pub fn name_bytes(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes
        .iter()
        .rposition(|&b| std::path::is_separator(char::from(b)))
        .map_or(0, |i| i + 1);
    &bytes[start..]
}

/// What tells two paths to one directory apart from two directories: the
/// device and inode where there are such, else the canonical path.
fn identity(entry: &walkdir::DirEntry) -> Option<(u64, u64, PathBuf)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = entry.metadata() {
            return Some((meta.dev(), meta.ino(), PathBuf::new()));
        }
    }
    std::fs::canonicalize(entry.path())
        .ok()
        .map(|path| (0, 0, path))
}

fn is_dangling(e: &walkdir::Error) -> bool {
    e.depth() > 0
        && e.io_error()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walked_path_s_name_is_its_last_part() {
        let dir = Path::new("some/dir");
        for name in ["warfarin.toml", ".hidden", "x.TOML", "no-extension"] {
            let path = dir.join(name);
            assert_eq!(name_bytes(&path), name.as_bytes());
            assert_eq!(
                Some(name_bytes(&path)),
                path.file_name().map(std::ffi::OsStr::as_encoded_bytes)
            );
        }
        assert_eq!(name_bytes(Path::new("alone.toml")), b"alone.toml");
    }
}
