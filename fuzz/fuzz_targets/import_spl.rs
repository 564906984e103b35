//! Any bytes read as a DailyMed SPL XML label: refused with a position
//! inside the file, or imported as valid, sanitised monographs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxdoc_fuzz::check_spl;

fuzz_target!(|bytes: &[u8]| check_spl(bytes));
