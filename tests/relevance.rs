//! Relevance of search on the bundled library, judged by hand (see
//! `support/relevance.rs` for the judged set and its metrics). The means
//! must stay at or above the floors, so ranking cannot get worse unnoticed.
//! `cargo test --test relevance -- --nocapture` prints the per-query table.

#[path = "support/relevance.rs"]
mod relevance;

use relevance::{DEPTH, bundled, judge};

/// Mean precision over the first [`DEPTH`] rows must not fall below this.
const FLOOR_PRECISION: f64 = 0.90;
/// The share of queries whose first row is acceptable must not fall below this.
const FLOOR_FIRST: f64 = 0.95;

#[test]
fn judged_queries_find_what_people_mean() {
    let (library, index) = bundled();
    let report = judge(&library, &index);
    println!(
        "{:<36} {:>5} {:>4} {:>5}  top 3 (✗ = not acceptable)",
        "query", "p@5", "1st", "ok"
    );
    for (text, _, s) in &report.queries {
        println!(
            "{:<36} {:>5.2} {:>4} {:>5}  {}",
            text,
            s.precision,
            if s.first_ok { "yes" } else { "no" },
            s.acceptable,
            s.top.join("  ")
        );
    }
    let (precision, first) = (report.precision, report.first);
    println!("\n{} queries: {:?}", report.queries.len(), report.kinds);
    println!("mean precision@{DEPTH} {precision:.3}, first row acceptable {first:.3}");
    assert!(
        report.queries.len() >= 70,
        "the judged set has {} queries",
        report.queries.len()
    );
    assert!(
        precision >= FLOOR_PRECISION,
        "mean precision@{DEPTH} {precision:.3} < {FLOOR_PRECISION}"
    );
    assert!(
        first >= FLOOR_FIRST,
        "first row acceptable {first:.3} < {FLOOR_FIRST}"
    );
}
