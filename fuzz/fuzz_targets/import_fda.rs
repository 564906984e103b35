//! Any bytes read as openFDA label JSON: every monograph the importer
//! makes is valid and sanitised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rxdoc_fuzz::check_import;

fuzz_target!(|bytes: &[u8]| check_import(rxdoc::import::Shape::Fda, bytes));
