//! Finding monograph files. Files are listed first and read one at a time
//! while parsing, so a large directory never sits in memory twice and
//! progress can be counted.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::{MAX_FILE_BYTES, RawFile, Source};
use crate::diagnostic::Diagnostic;

/// The monographs shipped inside the binary.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// A bundled file's bytes by the path it is shown with (`data/<file>`).
pub fn bundled_bytes(path: &str) -> Option<&'static [u8]> {
    BUNDLED
        .get_file(path.strip_prefix("data/")?)
        .map(|f| f.contents())
}

/// A file found in a source, not yet read.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Path as shown to users.
    pub path: String,
    content: Content,
}

/// A file's size and modification time, if it could be asked for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Identity(Option<(u64, u128)>);

#[derive(Debug, Clone)]
enum Content {
    Bundled(&'static [u8]),
    Disk(PathBuf),
}

impl Found {
    /// What identifies this file's contents without reading it, for
    /// [`Found::identify`]: for a file on disk, its size and modification
    /// time. (It asks the file system, so a survey of many files shares
    /// the asking between threads.)
    pub fn identity(&self) -> Identity {
        Identity(match &self.content {
            Content::Bundled(_) => None,
            Content::Disk(path) => std::fs::metadata(path).ok().map(|meta| {
                let modified = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                (meta.len(), modified)
            }),
        })
    }

    /// Feeds the path and `identity` to `hash` (a bundled file's bytes,
    /// which are in memory anyway).
    pub fn identify(&self, identity: &Identity, hash: &mut impl FnMut(&[u8])) {
        hash(self.path.as_bytes());
        match (&self.content, identity.0) {
            (Content::Bundled(bytes), _) => hash(bytes),
            (Content::Disk(_), Some((len, modified))) => {
                hash(&len.to_le_bytes());
                hash(&modified.to_le_bytes());
            }
            (Content::Disk(_), None) => hash(b"unreadable"),
        }
    }

    /// The file's bytes; over-large and unreadable files are problems.
    pub fn read(&self) -> Result<RawFile, Diagnostic> {
        let bytes = match &self.content {
            Content::Bundled(bytes) => bytes.to_vec(),
            Content::Disk(path) => {
                read_limited(path).map_err(|message| Diagnostic::file(&self.path, message))?
            }
        };
        Ok(RawFile {
            path: self.path.clone(),
            bytes,
        })
    }
}

/// Every `*.toml` file of a source (or the file itself), with the problems
/// met while walking directories.
pub(super) fn find(source: &Source) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    match source {
        Source::Bundled => collect_bundled(&BUNDLED, &mut files),
        Source::Path(path) if path.is_dir() => {
            let walk = crate::walk::files_under(path);
            for (path, message) in walk.errors {
                problems.push(Diagnostic::file(path.display().to_string(), message));
            }
            files.extend(walk.files.into_iter().filter(|p| is_toml(p)).map(on_disk));
        }
        Source::Path(path) => files.push(on_disk(path.clone())),
    }
    (files, problems)
}

fn on_disk(path: PathBuf) -> Found {
    Found {
        path: path.display().to_string(),
        content: Content::Disk(path),
    }
}

fn collect_bundled(dir: &Dir<'static>, files: &mut Vec<Found>) {
    for file in dir.files().filter(|f| is_toml(f.path())) {
        files.push(Found {
            path: format!("data/{}", file.path().display()),
            content: Content::Bundled(file.contents()),
        });
    }
    for sub in dir.dirs() {
        collect_bundled(sub, files);
    }
}

/// Reads a file, refusing ones over the limit without reading them whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(format!(
            "file is {size} bytes; monographs are limited to {MAX_FILE_BYTES} bytes"
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}
