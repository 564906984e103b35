//! Times loading, indexing and searches on a directory of monographs:
//! `cargo run --release --example phase_timing -- DIR [LIMIT] [ROUNDS]`.
//! Handy under `perf record`; more rounds make the searches dominate a profile.

use std::time::Instant;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: phase_timing DIR [LIMIT]");
    let limit: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let t = Instant::now();
    let lib = rxdoc::load::Library::load(&[rxdoc::load::Source::Path(dir.into())]);
    println!("load {:?} ({} drugs)", t.elapsed(), lib.entries.len());
    let t = Instant::now();
    let idx = rxdoc::search::fulltext::Index::build(lib.monographs(), lib.synonyms.clone());
    println!(
        "index {:?} ({} terms, {} passages)",
        t.elapsed(),
        idx.vocabulary_len(),
        idx.passages_len()
    );
    for round in 0..rounds {
        for q in corpus::QUERIES {
            let t = Instant::now();
            let hits = idx.search(q, None, limit);
            if round == 0 {
                println!("search {q:?} {:?} ({} hits)", t.elapsed(), hits.len());
            }
        }
    }
}
