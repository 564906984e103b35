//! Any text as a name to make an id from.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| rxdoc_fuzz::check_slug(text));
