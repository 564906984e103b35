//! Runs one query twice on a directory's stored index as the browser does
//! (ranked, a screenful of 50 results made), the second time in `measured`,
//! so a profiler can count just a warm search:
//! `valgrind --tool=callgrind --toggle-collect='*measured*' \
//!  target/release/examples/search_count DIR QUERY`.

use rxdoc::cache;
use rxdoc::load::Source;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: search_count DIR QUERY");
    let query = args.collect::<Vec<_>>().join(" ");
    let searchable = cache::load(&[Source::Bundled, Source::Path(dir.into())], &|| {});
    let warm = browser_search(&searchable, &query);
    let hits = measured(&searchable, &query);
    println!("{warm} then {hits} hits");
}

fn browser_search(searchable: &cache::Searchable, query: &str) -> usize {
    let ranked = searchable.index.rank(query, None, 200);
    (0..50.min(ranked.len()))
        .filter_map(|rank| searchable.index.hit(&ranked, rank))
        .count()
}

#[inline(never)]
fn measured(searchable: &cache::Searchable, query: &str) -> usize {
    browser_search(searchable, query)
}
