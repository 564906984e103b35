//! Any bytes as the directory listing kept beside a stored search index.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| rxdoc_fuzz::check_listing(bytes));
