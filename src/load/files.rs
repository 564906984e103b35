//! Finding monograph files. Files are listed first and read one at a time
//! while parsing, so a large directory never sits in memory twice and
//! progress can be counted.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::identity::{Asker, Identity};
use super::{MAX_FILE_BYTES, Source};
use crate::diagnostic::Diagnostic;
use crate::raw_file::RawFile;
use crate::userfile::read_capped;
use crate::walk::Order;

/// The monographs shipped inside the binary.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// A digest of every bundled file's path and bytes (see `build.rs`).
const BUNDLED_DIGEST: &str = env!("RXDOC_BUNDLED_DIGEST");

/// A bundled file's bytes by the path it is shown with (`data/<file>`).
pub fn bundled_bytes(path: &str) -> Option<&'static [u8]> {
    BUNDLED
        .get_file(path.strip_prefix("data/")?)
        .map(include_dir::File::contents)
}

/// A file found in a source, not yet read.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// Path as shown to users.
    pub path: String,
    content: Content,
}

/// Where a file was found, as the stored catalogue keeps it: its path as
/// shown to users and whether it is bundled (a user's `data/x.toml` is
/// not the bundled one of that name).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// Path as shown to users.
    pub path: String,
    /// Compiled into the binary.
    pub bundled: bool,
}

impl Origin {
    /// The file's bytes, as loading reads them (see [`Found::read`]); a
    /// bundled file this binary does not have is a problem.
    pub fn read(&self) -> Result<RawFile, Diagnostic> {
        let content = if self.bundled {
            Content::Bundled(
                bundled_bytes(&self.path)
                    .ok_or_else(|| Diagnostic::file(&self.path, "not bundled with this rxdoc"))?,
            )
        } else {
            Content::Disk(PathBuf::from(&self.path))
        };
        let found = Found {
            path: self.path.clone(),
            content,
        };
        found.read()
    }
}

#[derive(Debug, Clone)]
enum Content {
    Bundled(&'static [u8]),
    Disk(PathBuf),
}

impl Found {
    /// Where the file is on disk, as the walk found it; `None` for a
    /// bundled file. Unlike [`Found::path`], never made lossy.
    pub fn on_disk_at(&self) -> Option<&Path> {
        match &self.content {
            Content::Bundled(_) => None,
            Content::Disk(path) => Some(path),
        }
    }

    /// What identifies this file's contents without reading it, for
    /// [`Found::identify`] (see [`Identity`]), asked through `asker`.
    pub fn identity(&self, asker: &mut Asker) -> Identity {
        match &self.content {
            Content::Bundled(_) => Identity(None),
            Content::Disk(path) => asker.identity(path),
        }
    }

    /// Feeds the path and `identity` to `hash` (for a bundled file, the
    /// digest of every bundled file, made when rxdoc was built).
    pub fn identify(&self, identity: Identity, hash: &mut impl FnMut(&[u8])) {
        match &self.content {
            Content::Bundled(_) => {
                hash(self.path.as_bytes());
                hash(BUNDLED_DIGEST.as_bytes());
            }
            Content::Disk(_) => identify_on_disk(&self.path, identity, hash),
        }
    }

    /// Where it was found, as the stored catalogue keeps it.
    pub fn origin(&self) -> Origin {
        Origin {
            path: self.path.clone(),
            bundled: matches!(self.content, Content::Bundled(_)),
        }
    }

    /// The file's bytes; over-large and unreadable files are problems.
    pub fn read(&self) -> Result<RawFile, Diagnostic> {
        let bytes = match &self.content {
            Content::Bundled(bytes) => bytes.to_vec(),
            Content::Disk(path) => read_capped(path, MAX_FILE_BYTES as u64)
                .map_err(|e| Diagnostic::file(&self.path, e.to_string()))?,
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
    let problems = each_found(source, Order::Sorted, |found| files.push(found));
    (files, problems)
}

/// Hands `each` every `*.toml` file of a source (or the file itself) as it
/// is found, directories walked in `order`; returns the problems met while
/// walking them.
pub(super) fn each_found(
    source: &Source,
    order: Order,
    each: impl FnMut(Found),
) -> Vec<Diagnostic> {
    each_found_and_dir(source, order, each, |_| {})
}

/// [`each_found`], handing `each_dir` every directory walked.
pub(super) fn each_found_and_dir(
    source: &Source,
    order: Order,
    mut each: impl FnMut(Found),
    each_dir: impl FnMut(&Path),
) -> Vec<Diagnostic> {
    match source {
        Source::Bundled => {
            let mut files = Vec::new();
            collect_bundled(&BUNDLED, &mut files);
            files.into_iter().for_each(each);
            Vec::new()
        }
        Source::Path(path) if path.is_dir() => {
            let on_file = |path: PathBuf| {
                if is_toml(&path) {
                    each(on_disk(path));
                }
            };
            let errors = crate::walk::each_file_and_dir_under(path, order, on_file, each_dir);
            errors
                .into_iter()
                .map(|(path, message)| Diagnostic::file(path.display().to_string(), message))
                .collect()
        }
        Source::Path(path) => {
            each(on_disk(path.clone()));
            Vec::new()
        }
    }
}

/// Feeds the path of a file on disk, as shown, and its `identity` to
/// `hash`, as [`Found::identify`] does.
pub(super) fn identify_on_disk(path: &str, identity: Identity, hash: &mut impl FnMut(&[u8])) {
    hash(path.as_bytes());
    match identity.0 {
        Some(identity) => {
            for value in identity {
                hash(&value.to_le_bytes());
            }
        }
        None => hash(b"unreadable"),
    }
}

pub(super) fn on_disk(path: PathBuf) -> Found {
    Found {
        // As `display` shows it, without the formatting machinery: a
        // survey makes one for every file. Nearly every name is UTF-8,
        // which is checked faster than it is cut into valid runs.
        path: path
            .to_str()
            .map_or_else(|| path.to_string_lossy().into_owned(), str::to_owned),
        content: Content::Disk(path),
    }
}

/// The bundled files of search words, read, in the order loading reads
/// them.
pub(super) fn bundled_search_words() -> Vec<RawFile> {
    let mut files = Vec::new();
    collect_bundled(&BUNDLED, &mut files);
    files.retain(|f| super::is_search_words_file(&f.path));
    read_in_loading_order(files)
}

/// `files` read, in the order a sorted walk finds them, as loading reads
/// them; one that cannot be read is left out (loading reports it).
pub(super) fn read_in_loading_order(mut files: Vec<Found>) -> Vec<RawFile> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.iter().filter_map(|f| f.read().ok()).collect()
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

/// Whether a file found by a walk is named `*.toml` (any case). Read
/// from the name's bytes: a survey asks it of every file it lists, and
/// taking the path apart into components would cost more than the asking.
fn is_toml(path: &Path) -> bool {
    let name = crate::walk::name_bytes(path);
    name.len() > ".toml".len() && name[name.len() - ".toml".len()..].eq_ignore_ascii_case(b".toml")
}

#[cfg(test)]
mod tests {
    use super::is_toml;
    use std::path::Path;

    #[test]
    fn toml_files_are_told_by_their_extension_in_any_case() {
        for (name, toml) in [
            ("dir/warfarin.toml", true),
            ("dir/WARFARIN.TOML", true),
            ("x.toml", true),
            ("dir/notes.txt", false),
            ("dir/toml", false),
            ("dir/.toml", false),
            ("dir.toml/readme", false),
        ] {
            assert_eq!(is_toml(Path::new(name)), toml, "{name}");
            let by_extension = Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            assert_eq!(is_toml(Path::new(name)), by_extension, "{name}");
        }
    }
}
