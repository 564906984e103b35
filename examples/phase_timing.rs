//! Times loading, indexing and a few searches on a directory of monographs:
//! `cargo run --release --example phase_timing -- DIR`. Handy under `perf record`.

use std::time::Instant;
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let lib = rxdoc::load::Library::load(&[rxdoc::load::Source::Path(dir.into())]);
    println!("load {:?} ({} drugs)", t.elapsed(), lib.entries.len());
    let t = Instant::now();
    let idx = rxdoc::search::fulltext::Index::build(lib.monographs(), lib.synonyms.clone());
    println!("index {:?} ({} terms)", t.elapsed(), idx.vocabulary_len());
    for q in ["bleeding gums", "bleeding", "jaundise", "xyz"] {
        let t = Instant::now();
        let hits = idx.search(q, None, 20);
        println!("search {q:?} {:?} ({} hits)", t.elapsed(), hits.len());
    }
}
