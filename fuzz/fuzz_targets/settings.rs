//! Any bytes as the settings file, `config.toml`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| rxdoc_fuzz::check_settings(bytes));
