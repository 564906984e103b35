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

/// Every non-hidden file under `dir`.
pub fn files_under(dir: &Path) -> Walk {
    let mut walk = Walk::default();
    let mut seen = HashSet::new();
    // A directory one level deeper than followed is listed only to be
    // reported as skipped.
    let mut entries = WalkDir::new(dir)
        .follow_links(true)
        .max_depth(MAX_DEPTH + 1)
        // By name within each directory: siblings share their parent's
        // path, so comparing whole paths compares names, without taking
        // each path apart into components on every comparison.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            // A link back to a directory being walked adds nothing; a
            // dangling link is no file.
            Err(e) if e.loop_ancestor().is_some() || is_dangling(&e) => continue,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                walk.errors
                    .push((path, format!("cannot read directory: {e}")));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_file() {
            walk.files.push(entry.into_path());
        } else if kind.is_dir() && entry.depth() > MAX_DEPTH {
            walk.errors.push((
                entry.into_path(),
                "directories nested too deeply; skipped".into(),
            ));
        } else if kind.is_dir()
            && let Some(id) = identity(&entry)
            && !seen.insert(id)
        {
            // Reached again through a link: its files are listed already.
            entries.skip_current_dir();
        }
    }
    walk
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
