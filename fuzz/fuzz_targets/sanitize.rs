//! Any text through the sanitiser.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| rxdoc_fuzz::check_sanitize(text));
