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
//! against 46 MB at 1,000 monographs, 324 against 290 MB at 10,000):
//! [`return_freed_memory_at_once`] turns it off for the browser, unless the
//! user's `MIMALLOC_PURGE_DELAY` says otherwise. The one-shot commands keep
//! the delay: they exit within milliseconds, and returning each freed page
//! at once cost `rxdoc search` 300 more page faults and about a millisecond
//! (on a real library of 6,409 monographs).
// The one use of `unsafe`: mimalloc's options are set through its C API.
#![allow(unsafe_code)]

/// mimalloc's `mi_option_purge_delay` (mimalloc.h, `mi_option_e`), which
/// `libmimalloc-sys` leaves unnamed: how long freed pages are kept, in
/// milliseconds. The same number in mimalloc 2 and 3; rxdoc builds 3, whose
/// default is a second.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has mimalloc return freed pages to the system as soon as they are free,
/// unless `MIMALLOC_PURGE_DELAY` says otherwise.
///
/// # Safety
/// mimalloc's options are plain values, read without synchronisation:
/// call this before any other thread is started.
pub unsafe fn return_freed_memory_at_once() {
    // SAFETY: the caller runs alone (above), and the option is a number
    // mimalloc reads whenever it decides whether to purge.
    // As a default: `MIMALLOC_PURGE_DELAY`, if set, still decides.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // mimalloc's documented default for the purge delay (a second);
        // no other option defaults to it, so a renumbering shows here.
        // SAFETY: no option is set while the tests run (only the binary's
        // and the bench's `main` set one).
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        let set = ["MIMALLOC_PURGE_DELAY", "MIMALLOC_RESET_DELAY"];
        if set.iter().all(|name| std::env::var_os(name).is_none()) {
            assert_eq!(default, 1000);
        }
    }
}
