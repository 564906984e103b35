//! Writes a synthetic corpus of monographs for benchmarking and load testing:
//! `cargo run --release --example gen_corpus -- 10000 /tmp/corpus-10k`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| format!("corpus-{n}")));
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let bytes = corpus::write_corpus(&dir, n, seed, &data)?;
    println!(
        "wrote {n} monographs ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
