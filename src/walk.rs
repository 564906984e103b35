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
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(e) => {
            walk.errors
                .push((dir.to_path_buf(), format!("cannot read directory: {e}")));
            return;
        }
    };
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            visit(&path, depth + 1, walk);
        } else if path.is_file() {
            walk.files.push(path);
        }
    }
}
