//! Any query against the bundled library's full-text index and name filter.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use rxdoc_fuzz::Searchers;

static SEARCHERS: LazyLock<Searchers> = LazyLock::new(Searchers::bundled);

fuzz_target!(|query: &str| SEARCHERS.check_query(query));
