//! A cache file read at offsets, shared by the lazily read parts of an
//! index: memory-mapped where the system allows it, otherwise read with
//! positioned reads. Either way, opening reads nothing but what is asked
//! for, and each part is read (and checked) the first time it is used.

use std::borrow::Cow;
use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};

use super::compact::Compact;
use super::store::hash_of;

/// How a cache file's bytes are reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Memory-mapped: a part read is a slice of the mapping, paged in by
    /// the kernel as it is touched; nothing is copied.
    Mapped,
    /// Positioned reads (`pread`): each part read is copied into a buffer
    /// of its own.
    Positioned,
}

/// A file read at offsets.
#[derive(Debug)]
pub(super) struct Reader {
    bytes: Backing,
    len: u64,
    /// Set when something read failed its check: the caller should not
    /// trust this search and rebuild.
    damaged: AtomicBool,
}

#[derive(Debug)]
enum Backing {
    Mapped(memmap2::Mmap),
    Positioned(File),
}

impl Reader {
    /// Reads `file` by `access`; mapped falls back to positioned reads if
    /// the file cannot be mapped (an empty file, or a file system that does
    /// not map).
    pub fn new(file: File, access: Access) -> std::io::Result<Self> {
        let len = file.metadata()?.len();
        let bytes = match access {
            Access::Mapped => match super::mapped::map(&file) {
                Ok(map) => Backing::Mapped(map),
                Err(e) => {
                    log::info!("cannot map the stored index ({e}): reading it at offsets");
                    Backing::Positioned(file)
                }
            },
            Access::Positioned => Backing::Positioned(file),
        };
        Ok(Self {
            bytes,
            len,
            damaged: AtomicBool::new(false),
        })
    }

    /// The file's length when opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether anything read so far was damaged.
    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Marks the file damaged: something read from it did not decode.
    pub fn mark_damaged(&self) {
        self.damaged.store(true, Ordering::Relaxed);
    }

    /// `len` bytes at `offset`, or `None` if the file is shorter (a damaged
    /// or truncated cache).
    pub fn read(&self, offset: u64, len: usize) -> Option<Cow<'_, [u8]>> {
        let end = offset.checked_add(len as u64)?;
        if end > self.len {
            return None;
        }
        match &self.bytes {
            Backing::Mapped(map) => {
                let start = usize::try_from(offset).ok()?;
                map.get(start..start + len).map(Cow::Borrowed)
            }
            Backing::Positioned(file) => {
                let mut bytes = vec![0; len];
                read_exact_at(file, &mut bytes, offset).ok()?;
                Some(Cow::Owned(bytes))
            }
        }
    }

    /// `len` bytes at `offset` whose hash is `hash`; `None`, and the file
    /// marked damaged, otherwise.
    pub fn read_checked(&self, offset: u64, len: usize, hash: u64) -> Option<Cow<'_, [u8]>> {
        let read = self.read(offset, len).filter(|b| hash_of(b) == hash);
        if read.is_none() {
            self.mark_damaged();
        }
        read
    }

    /// The `count` postings encoded as varint gaps ([`Compact`]) in the
    /// `len` bytes at `offset`, if their hash is `hash`; `None`, and the
    /// file marked damaged, otherwise.
    pub fn read_list(
        &self,
        offset: u64,
        len: usize,
        count: u32,
        hash: u64,
    ) -> Option<Vec<(u32, u32)>> {
        let bytes = self.read_checked(offset, len, hash)?;
        // Every entry takes at least two bytes: a count beyond that is
        // damage, and must not ask for more memory than the file holds.
        if count as usize > bytes.len() / 2 {
            self.mark_damaged();
            return None;
        }
        let mut list = Vec::with_capacity(count as usize);
        list.extend(Compact::decode(&bytes, count));
        Some(list)
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut bytes: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_read(bytes, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                bytes = &mut bytes[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
