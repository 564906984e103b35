//! Cache files on disk: their names, opening one safely, writing one whole.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::hash::Fnv;
use crate::load::Source;

/// Cache files are `search-VERSION-KEY.idx` ([`file_name`]).
pub const PREFIX: &str = "search-";
/// See [`PREFIX`].
pub const SUFFIX: &str = ".idx";
/// Catalogue files are `search-VERSION-KEY.cat`, beside the index file
/// (see [`super::catalogue`]).
pub const CATALOGUE_SUFFIX: &str = ".cat";
/// Directory listings are `search-VERSION-KEY.dirs`, beside the index file
/// ([`crate::load::listing`]).
pub const LISTING_SUFFIX: &str = crate::load::listing::SUFFIX;

/// `search-VERSION-KEY.idx`: one file per rxdoc version and list of sources,
/// each directory named by its canonical path, so that every spelling of
/// one directory (`d`, `./d/`, `/abs/d`, a symlink to it) shares one file
/// and `--data data` run from two places does not.
pub fn file_name(sources: &[Source]) -> String {
    let mut hash = Fnv::default();
    for source in sources {
        match source {
            Source::Bundled => hash.write(b"bundled"),
            Source::Path(path) => hash.write(canonical(path).as_os_str().as_encoded_bytes()),
        }
        hash.write(b"\0");
    }
    format!(
        "{PREFIX}{}-{:016x}{SUFFIX}",
        env!("CARGO_PKG_VERSION"),
        hash.0
    )
}

/// `path` with symlinks, `.` and `..` resolved; made absolute only, if it
/// does not exist (its index will hold nothing but that problem).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Opens `path` with `options` without waiting on a FIFO or device: on
/// Unix it is opened non-blocking, which changes nothing for a regular
/// file. The caller checks the open file's type, so that nothing can be
/// swapped in between (see [`open_regular`]).
pub fn open_nonblocking(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// [`open_nonblocking`], refusing anything but a regular file.
pub fn open_regular(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    let file = open_nonblocking(options, path)?;
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ))
    }
}

/// Writes with `write` to a temporary file (random name, created new)
/// beside `path` and renames it into place, so a reader never sees half a
/// cache. The temporary file is removed whenever it is not renamed — write
/// error, failed rename — and `write` gets a scratch file that has no name
/// at all. The caller holds the cache file's lock, so temporary files of
/// this cache file already there were left by an interrupted run, and go.
pub fn save(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut File>, &mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    remove_leftovers(dir, name);
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut scratch = tempfile::tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temporary.as_file_mut());
        write(&mut out, &mut scratch)?;
        // Not synced to disk: a cache torn by a crash fails its checks and
        // is rebuilt.
        out.flush()?;
    }
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files of cache file `name` in `dir` (left by a
/// run killed while storing). Only for the holder of its lock.
pub fn remove_leftovers(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_directory_names_one_file_and_other_directories_others() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        std::fs::create_dir_all(data.join("sub")).unwrap();
        let name = |path: PathBuf| file_name(&[Source::Bundled, Source::Path(path)]);
        let expected = name(data.clone());
        let mut spellings = vec![
            data.join("."),
            data.join("sub").join(".."),
            PathBuf::from(format!("{}/", data.display())),
            PathBuf::from(format!("{}//", data.display())),
        ];
        #[cfg(unix)]
        {
            let link = root.path().join("link");
            std::os::unix::fs::symlink(&data, &link).unwrap();
            spellings.push(link);
        }
        for spelling in spellings {
            assert_eq!(name(spelling.clone()), expected, "{}", spelling.display());
        }
        assert_ne!(name(data.join("sub")), expected);
        assert_ne!(file_name(&[Source::Path(data)]), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("search.idx");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let opened = open_regular(File::options().read(true), &fifo);
        assert_eq!(
            opened.map(|_| ()).unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
        assert!(open_regular(File::options().read(true), dir.path()).is_err());
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("search.idx");
        // A directory that is not empty cannot be renamed over.
        std::fs::create_dir_all(path.join("in the way")).unwrap();
        let saved = save(&path, |out, scratch| {
            scratch.write_all(b"scratch")?;
            out.write_all(&[7; 100_000])
        });
        assert!(saved.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("search.idx")]);
    }
}
