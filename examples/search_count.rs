//! Runs one query twice on a directory's stored index, the second time in
//! `measured`, so a profiler can count just a warm search:
//! `valgrind --tool=callgrind --toggle-collect='*measured*' \
//!  target/release/examples/search_count DIR QUERY`.

use rxdoc::load::Source;
use rxdoc::search::cache;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: search_count DIR QUERY");
    let query = args.collect::<Vec<_>>().join(" ");
    let mut searchable = cache::load(&[Source::Bundled, Source::Path(dir.into())]);
    let warm = searchable.search(&query, None, 200).len();
    let hits = measured(&mut searchable, &query);
    println!("{warm} then {hits} hits");
}

#[inline(never)]
fn measured(searchable: &mut cache::Searchable, query: &str) -> usize {
    searchable.search(query, None, 200).len()
}
