//! Times loading, indexing and searches on a directory of monographs:
//! `cargo run --release --example phase_timing -- DIR [LIMIT] [ROUNDS] [QUERY]`.
//! Handy under `perf record`; more rounds make the searches dominate a profile.

use std::time::Instant;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: phase_timing DIR [LIMIT]");
    let limit: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let only = args.next();
    let queries: Vec<&str> = match &only {
        Some(q) => vec![q.as_str()],
        None => corpus::QUERIES.to_vec(),
    };
    let t = Instant::now();
    // As `rxdoc --data DIR` does: the bundled data (and its synonyms) first.
    let lib = rxdoc::load::Library::load(&[
        rxdoc::load::Source::Bundled,
        rxdoc::load::Source::Path(dir.into()),
    ]);
    println!("load {:?} ({} drugs)", t.elapsed(), lib.entries.len());
    let t = Instant::now();
    let idx = rxdoc::search::fulltext::Index::build(lib.monographs(), lib.synonyms.clone());
    println!(
        "index {:?} ({} terms, {} passages)",
        t.elapsed(),
        idx.vocabulary_len(),
        idx.passages_len()
    );
    let names = rxdoc::search::names::NameIndex::new(lib.monographs());
    let sample = lib.entries[lib.entries.len() / 2]
        .monograph
        .name
        .to_lowercase();
    let typo: String = sample.chars().rev().collect();
    for q in [
        &sample[..1],
        &sample[..2],
        &sample[..4],
        &sample,
        &typo,
        "zqzqzq",
    ] {
        let mut fastest = std::time::Duration::MAX;
        let mut count = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            count = names.filter(q).len();
            fastest = fastest.min(t.elapsed());
        }
        println!("name filter {q:?} {fastest:?} ({count} matches)");
    }
    // The fastest of the rounds: the least disturbed by other work. Each
    // query typed a character at a time, as the browser searches: ranked,
    // and a screenful (50) of results made.
    for q in &queries {
        let mut slowest = (std::time::Duration::ZERO, "");
        let mut count = 0;
        for typed in q.char_indices().map(|(i, c)| &q[..i + c.len_utf8()]) {
            let mut fastest = std::time::Duration::MAX;
            for _ in 0..rounds {
                let t = Instant::now();
                let ranked = idx.rank(typed, None, limit);
                for rank in 0..50.min(ranked.len()) {
                    std::hint::black_box(idx.hit(&ranked, rank));
                }
                count = ranked.len();
                fastest = fastest.min(t.elapsed());
            }
            slowest = slowest.max((fastest, typed));
        }
        println!(
            "search {q:?} {:?} ({count} hits); slowest keystroke {:?} at {:?}",
            slowest.0, slowest.0, slowest.1
        );
    }
}
