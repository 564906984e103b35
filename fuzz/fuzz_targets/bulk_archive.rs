//! Any bytes as a zip archive of FDA labels (openFDA JSON or DailyMed label
//! zips): read, skipped or refused with a reason, within the zip bomb limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxdoc_fuzz::check_bulk_archive;

fuzz_target!(|bytes: &[u8]| check_bulk_archive(bytes));
