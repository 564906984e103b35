//! How rxdoc's programs allocate: mimalloc, told to give freed memory back
//! to the system at once.
//!
//! Building the search index allocates and frees millions of small pieces
//! across threads; mimalloc does that in less time than the system's
//! allocator (about half a second less on a first start at 10,000
//! monographs). It is built without asking for transparent huge pages
//! (Cargo.toml): a huge page counts whole in memory from its first byte.
//! By default it also keeps freed pages for a second before returning them.
//! A first start frees its parsed library drug by drug as the index is
//! built, and with that delay would peak as if nothing were freed (60 MB
//! against 44 MB at 1,000 monographs, 356 against 294 MB at 10,000, and a
//! little faster without it): [`return_freed_memory_at_once`] turns it off.
// The one use of `unsafe`: mimalloc's options are set through its C API.
#![allow(unsafe_code)]

/// mimalloc's `mi_option_purge_delay` (mimalloc.h, `mi_option_e`), which
/// `libmimalloc-sys` leaves unnamed: how long freed pages are kept, in
/// milliseconds.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has mimalloc return freed pages to the system as soon as they are free.
///
/// # Safety
/// mimalloc's options are plain values, read without synchronisation:
/// call this before any other thread is started.
pub unsafe fn return_freed_memory_at_once() {
    // SAFETY: the caller runs alone (above), and the option is a number
    // mimalloc reads whenever it decides whether to purge.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // mimalloc's documented default for the purge delay (a second);
        // no other option defaults to it, so a renumbering shows here.
        // SAFETY: reading an option is what mimalloc does on every purge.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
    }
}
