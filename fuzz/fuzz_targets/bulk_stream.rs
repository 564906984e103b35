//! Any bytes as an openFDA bulk document, streamed record by record: records
//! in order, each within its limit, and an end or a reason.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxdoc_fuzz::check_bulk_stream;

fuzz_target!(|bytes: &[u8]| check_bulk_stream(bytes));
