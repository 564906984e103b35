//! Any bytes as a `query-words.toml` or `synonyms.toml` of a data directory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| rxdoc_fuzz::check_search_words(bytes));
