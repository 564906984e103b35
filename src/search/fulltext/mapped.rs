//! The one place rxdoc maps a file into memory, and so its one `unsafe`.
//!
//! Safety: a mapping is undefined behaviour in Rust if the file under it
//! changes while it is mapped. The only file mapped is rxdoc's own stored
//! index, in rxdoc's cache directory, and rxdoc never writes one in place:
//! an index is written to a temporary file and renamed over the old one
//! whole (see `cache::stored`), so a reader that mapped the old file keeps
//! the old inode, unchanged, until it unmaps it. What is mapped is checked
//! before it is trusted — its header and head when opened, every other part
//! against its hash when first read — so a file damaged on disk is refused
//! or rebuilt, never read past its end. Another program writing into
//! rxdoc's cache files is outside what rxdoc can defend against, as it is
//! for any program's own files.

use std::fs::File;

/// `file`, mapped read-only.
pub(super) fn map(file: &File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: see the module's comment: the file is rxdoc's own stored
    // index, replaced by rename and never written in place.
    unsafe { memmap2::Mmap::map(file) }
}
