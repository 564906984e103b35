//! Files read and written without trusting what is at their path.
//!
//! A path may name a FIFO (opening it would wait for a writer), a device
//! (`/dev/zero` never ends and reports a size of 0), a file far larger than
//! its metadata says, or a symbolic link planted where a file is to be
//! written. Reading opens without blocking, asks the open file what it is,
//! and reads through a limit; writing goes to a fresh temporary file with a
//! random name beside the target and is renamed into place, and replaces
//! only a regular file.

use std::fs::{FileType, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The system refused.
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
    /// A FIFO, device, socket or directory.
    #[error("is {0}, not a regular file")]
    NotRegular(&'static str),
    /// Over the limit: the size if the file said so, the limit.
    #[error("file is {} bytes; the limit is {limit} bytes", size.map_or_else(|| format!("over {limit}"), |s| s.to_string()))]
    TooLarge {
        /// The size the file reported, if it reported one over the limit.
        size: Option<u64>,
        /// The limit.
        limit: u64,
    },
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Something is already there and was to be kept.
    #[error("already exists")]
    Exists,
    /// Something other than a regular file is there; it is never replaced.
    #[error("is {0}; only a regular file is overwritten")]
    NotRegular(&'static str),
    /// The system refused.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// What to do when the target already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Leave it, and fail with [`WriteError::Exists`].
    Keep,
    /// Replace it, if it is a regular file.
    Replace,
}

impl Existing {
    /// [`Existing::Replace`] when the user said `--force`.
    pub fn replaced_if(force: bool) -> Self {
        if force {
            Existing::Replace
        } else {
            Existing::Keep
        }
    }
}

/// The whole of a regular file, refused without reading it whole if it is
/// over `limit` bytes, whatever its metadata says.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    // Opening a FIFO waits for a writer unless told not to; the type is
    // asked of the open file, so it cannot change between asking and reading.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: Some(meta.len()),
            limit,
        });
    }
    // The reported size is a hint (a file can grow while being read, and
    // some file systems report none), so the limit is enforced on the bytes.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { size: None, limit });
    }
    Ok(bytes)
}

/// Writes `bytes` to a new temporary file beside `target` (random name,
/// created exclusively, so nothing planted there is followed), then renames
/// it into place, so a crash or a full disk never leaves half a file.
/// With [`Existing::Keep`] the rename itself refuses an existing target, so
/// nothing created in the meantime is overwritten either.
pub fn write_atomically(target: &Path, bytes: &[u8], existing: Existing) -> Result<(), WriteError> {
    if existing == Existing::Replace {
        match std::fs::symlink_metadata(target) {
            Ok(meta) if !meta.is_file() => {
                return Err(WriteError::NotRegular(describe(meta.file_type())));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".rxdoc-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    // A failed persist drops the temporary file, which removes it.
    match existing {
        Existing::Replace => temp.persist(target).map(drop),
        Existing::Keep => temp.persist_noclobber(target).map(drop),
    }
    .map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => WriteError::Exists,
        _ => WriteError::Io(e.error),
    })
}

/// What a file that is not a regular file is, in words.
fn describe(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_limit_whatever_the_size_says() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_capped(&path, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_capped(&path, 9),
            Err(ReadError::TooLarge {
                size: Some(10),
                limit: 9
            })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_and_directories_are_not_read() {
        let zero = read_capped(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(zero.to_string(), "is a device, not a regular file");
        let dir = tempfile::tempdir().unwrap();
        let err = read_capped(dir.path(), 1 << 20).unwrap_err();
        assert_eq!(err.to_string(), "is a directory, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_replaced_or_refused_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let target = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        let err = write_atomically(&target, b"new", Existing::Replace).unwrap_err();
        assert_eq!(
            err.to_string(),
            "is a symbolic link; only a regular file is overwritten"
        );
        assert!(matches!(
            write_atomically(&target, b"new", Existing::Keep),
            Err(WriteError::Exists)
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        // Nothing is left behind but the link and the victim.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn keep_refuses_and_replace_overwrites_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        write_atomically(&target, b"one", Existing::Keep).unwrap();
        assert!(matches!(
            write_atomically(&target, b"two", Existing::Keep),
            Err(WriteError::Exists)
        ));
        write_atomically(&target, b"three", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "three");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
