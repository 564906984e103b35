//! Files under a directory the way users expect: recursively, sorted, hidden
//! files and folders skipped, and depth bounded so a link loop cannot hang.

use std::path::{Path, PathBuf};

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
    visit(dir, 0, &mut walk);
    walk
}

fn visit(dir: &Path, depth: usize, walk: &mut Walk) {
    if depth > MAX_DEPTH {
        walk.errors.push((
            dir.to_path_buf(),
            "directories nested too deeply (a link loop?); skipped".into(),
        ));
        return;
    }
    let mut entries: Vec<std::fs::DirEntry> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().collect(),
        Err(e) => {
            walk.errors
                .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
            return;
        }
    };
    // One directory's entries differ only in their names; comparing names
    // is the same order as comparing paths, and much cheaper.
    entries.sort_by_cached_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().as_encoded_bytes().starts_with(b".") {
            continue;
        }
        let path = entry.path();
        // The entry's type needs no extra system call; a link is followed.
        let kind = entry.file_type().ok();
        let is_link = kind.is_none_or(|k| k.is_symlink());
        if (is_link && path.is_dir()) || kind.is_some_and(|k| k.is_dir()) {
            visit(&path, depth + 1, walk);
        } else if (is_link && path.is_file()) || kind.is_some_and(|k| k.is_file()) {
            walk.files.push(path);
        }
    }
}
