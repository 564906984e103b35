//! A cache file read at offsets with positioned reads (`pread`), shared
//! by the lazily read parts of an index: opening reads nothing but what is
//! asked for, and each part is read (and checked) the first time it is
//! used. Positioned reads, not a memory map: measured, they were as fast
//! or faster (see PERFORMANCE.md, "Stored index on disk"), and they need
//! no `unsafe`.

use std::fs::File;
use std::sync::atomic::{AtomicBool, Ordering};

use super::bytes::hash_of;
use super::compact::Compact;

/// A file read at offsets.
#[derive(Debug)]
pub(super) struct Reader {
    file: File,
    len: u64,
    /// Set when something read failed its check: the caller should not
    /// trust this search and rebuild.
    damaged: AtomicBool,
}

impl Reader {
    pub fn new(file: File) -> std::io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(Self {
            file,
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
    pub fn read(&self, offset: u64, len: usize) -> Option<Vec<u8>> {
        let end = offset.checked_add(len as u64)?;
        if end > self.len {
            return None;
        }
        let mut bytes = vec![0; len];
        read_exact_at(&self.file, &mut bytes, offset).ok()?;
        Some(bytes)
    }

    /// `len` bytes at `offset` whose hash is `hash`; `None`, and the file
    /// marked damaged, otherwise.
    pub fn read_checked(&self, offset: u64, len: usize, hash: u64) -> Option<Vec<u8>> {
        let read = self.read(offset, len).filter(|b| hash_of(b) == hash);
        if read.is_none() {
            self.mark_damaged();
        }
        read
    }

    /// The postings before passage `reach` of the `count` encoded as
    /// varint gaps ([`Compact`]) in the `len` bytes at `offset`, if their
    /// hash is `hash`; `None`, and the file marked damaged, otherwise. (The
    /// hash covers the whole list, so all of it is read and checked.)
    pub fn read_list(
        &self,
        offset: u64,
        (len, count): (usize, u32),
        hash: u64,
        reach: u32,
    ) -> Option<Vec<(u32, u32)>> {
        let bytes = self.read_checked(offset, len, hash)?;
        // Every entry takes at least two bytes: a count beyond that is
        // damage, and must not ask for more memory than the file holds.
        if count as usize > bytes.len() / 2 {
            self.mark_damaged();
            return None;
        }
        let whole = reach == u32::MAX;
        let mut list = Vec::with_capacity(if whole { count as usize } else { 0 });
        list.extend(Compact::decode(&bytes, count).take_while(|&(p, _)| whole || p < reach));
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
