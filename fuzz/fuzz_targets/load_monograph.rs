//! Any bytes as a monograph file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| rxdoc_fuzz::check_load(bytes));
