//! Relevance of search on the bundled library, judged by hand: the judged
//! set and its metrics, shared by `tests/relevance.rs` (which holds the
//! floors) and the benchmark (which prints them beside latency).
//!
//! `tests/relevance/judged.toml` lists queries people type, each with the
//! results a person asking it would accept, judged from the monographs' text
//! (its header describes the format). Every query is run as `rxdoc search`
//! runs it, with its default limit, and the first [`DEPTH`] result rows are
//! scored:
//!
//! - precision: acceptable rows / min(DEPTH, number of acceptable rows the
//!   judgements allow); a row no judgement allows counts as wrong;
//! - first row: whether the first row is acceptable (and is the query's
//!   `first` when it names one).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use clap::Parser;
use regex::Regex;
use rxdoc::cli::{Cli, Command};
use rxdoc::load::{Library, Source};
use rxdoc::model::Monograph;
use rxdoc::pane::{Pane, Section, document};
use rxdoc::search::fulltext::{Index, SearchHit, passages_of};
use rxdoc::text::Block;
use serde::Deserialize;

/// How many rows are scored: what a person reads before giving up.
pub const DEPTH: usize = 5;

const JUDGED: &str = include_str!("../relevance/judged.toml");

/// What counts as one result row: one per drug (its best passage), as
/// `rxdoc search` shows them by default; every count below follows.
fn row_key(drug: &str, _pane: Pane) -> RowKey {
    (drug.to_string(), None)
}

/// A row's identity: the drug's id and, were rows per pane, the pane.
type RowKey = (String, Option<Pane>);

#[derive(Deserialize)]
struct File {
    query: Vec<RawQuery>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuery {
    text: String,
    kind: String,
    ok: Vec<String>,
    first: Option<String>,
}

/// One acceptable kind of passage: `DRUG/PANE [~ TEXT] [!~ NOT] [@ TITLE]`.
#[derive(Debug)]
struct Judgement {
    drug: Option<String>,
    pane: Option<Pane>,
    text: Option<Regex>,
    not: Option<Regex>,
    title: Option<Regex>,
}

/// A passage as the index holds it: its drug, pane, the title of the
/// section it is in ("" for the identity lines and the boxed warning), and
/// the text a judgement's patterns are matched against: the passage's own,
/// except in FAQs, where a question and its answer are read as one.
struct Passage<'a> {
    drug: &'a str,
    pane: Pane,
    title: String,
    text: String,
}

impl<'a> Passage<'a> {
    /// The passage `text` of `m`'s `pane`, in the document section
    /// `section` if any.
    fn new(m: &'a Monograph, pane: Pane, section: Option<&Section>, text: &str) -> Self {
        let title = section.and_then(|s| s.title.clone()).unwrap_or_default();
        let text = match section {
            Some(s) if pane == Pane::Faqs => {
                let answer = s.blocks.iter().flat_map(Block::pieces);
                std::iter::once(&title)
                    .chain(answer)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => text.to_string(),
        };
        Passage {
            drug: &m.id,
            pane,
            title,
            text,
        }
    }
}

struct Query {
    text: String,
    kind: String,
    ok: Vec<Judgement>,
    /// The drug, and perhaps pane, the first row must be.
    first: Option<(String, Option<Pane>)>,
}

/// A query's score.
pub struct Scored {
    /// Acceptable rows among the first [`DEPTH`], out of what could be.
    pub precision: f64,
    /// Whether the first row is acceptable.
    pub first_ok: bool,
    /// How many rows the judgements allow in the whole library.
    pub acceptable: usize,
    /// The first three rows as `drug/pane`, `✗` before an unacceptable one.
    pub top: Vec<String>,
}

fn case_insensitive(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).unwrap_or_else(|e| panic!("bad pattern {pattern:?}: {e}"))
}

/// `spec` cut at `separator`: what comes before, and the pattern after.
fn split_pattern<'a>(spec: &'a str, separator: &str) -> (&'a str, Option<Regex>) {
    match spec.split_once(separator) {
        Some((rest, pattern)) => (rest, Some(case_insensitive(pattern.trim()))),
        None => (spec, None),
    }
}

fn drug_and_pane(spec: &str, ids: &BTreeSet<&str>) -> (Option<String>, Option<Pane>) {
    let (drug, pane) = spec.split_once('/').unwrap_or((spec, "*"));
    let (drug, pane) = (drug.trim(), pane.trim());
    let drug = (drug != "*").then(|| {
        assert!(ids.contains(drug), "unknown drug `{drug}` in `{spec}`");
        drug.to_string()
    });
    let pane = (pane != "*").then(|| pane.parse().unwrap_or_else(|e| panic!("`{spec}`: {e}")));
    (drug, pane)
}

impl Judgement {
    /// Parses `DRUG/PANE [~ TEXT] [!~ NOT] [@ TITLE]`, where DRUG and PANE
    /// may be `*` and TEXT, NOT and TITLE are case-insensitive patterns that
    /// the passage must match, the passage must not match, and the title of
    /// its section must match.
    fn parse(spec: &str, ids: &BTreeSet<&str>) -> Self {
        let (rest, title) = split_pattern(spec, " @ ");
        let (rest, not) = split_pattern(rest, " !~ ");
        let (head, text) = split_pattern(rest, " ~ ");
        let (drug, pane) = drug_and_pane(head, ids);
        Judgement {
            drug,
            pane,
            text,
            not,
            title,
        }
    }

    fn allows(&self, p: &Passage<'_>) -> bool {
        self.drug.as_deref().is_none_or(|d| d == p.drug)
            && self.pane.is_none_or(|pane| pane == p.pane)
            && self.text.as_ref().is_none_or(|r| r.is_match(&p.text))
            && self.not.as_ref().is_none_or(|r| !r.is_match(&p.text))
            && self.title.as_ref().is_none_or(|r| r.is_match(&p.title))
    }
}

/// Every passage of `m`, as the index splits a monograph.
fn passages(m: &Monograph) -> Vec<Passage<'_>> {
    let documents: Vec<_> = Pane::ALL.iter().map(|pane| document(m, *pane)).collect();
    passages_of(m)
        .into_iter()
        .map(|(pane, section, text)| {
            let section = section.and_then(|s| documents[pane.index()].get(s));
            Passage::new(m, pane, section, &text)
        })
        .collect()
}

/// The passage a hit shows.
fn hit_passage<'a>(hit: &SearchHit, drugs: &[&'a Monograph]) -> Passage<'a> {
    let m = drugs[hit.drug];
    let section = hit
        .section
        .and_then(|s| document(m, hit.pane).into_iter().nth(s));
    Passage::new(m, hit.pane, section.as_ref(), &hit.passage)
}

/// The result limit `rxdoc search` uses when given none.
fn default_limit() -> usize {
    match Cli::try_parse_from(["rxdoc", "search", "x"]).map(|c| c.command) {
        Ok(Some(Command::Search { limit, .. })) => limit,
        other => panic!("`rxdoc search x` parses as {other:?}"),
    }
}

fn load_queries(ids: &BTreeSet<&str>) -> Vec<Query> {
    let file: File = toml::from_str(JUDGED).unwrap_or_else(|e| panic!("judged.toml: {e}"));
    file.query
        .into_iter()
        .map(|q| {
            assert!(!q.ok.is_empty(), "`{}` has no judgements", q.text);
            Query {
                ok: q.ok.iter().map(|s| Judgement::parse(s, ids)).collect(),
                first: q.first.as_deref().map(|f| {
                    let (drug, pane) = drug_and_pane(f, ids);
                    (drug.expect("`first` names a drug"), pane)
                }),
                text: q.text,
                kind: q.kind,
            }
        })
        .collect()
}

/// Judgements that allow no passage at all: mistakes in the judged set.
fn dead_judgements(queries: &[Query], all: &[Passage<'_>]) -> Vec<String> {
    queries
        .iter()
        .flat_map(|q| q.ok.iter().map(move |j| (q, j)))
        .filter(|(_, j)| !all.iter().any(|p| j.allows(p)))
        .map(|(q, j)| format!("`{}`: {j:?}", q.text))
        .collect()
}

/// The distinct rows the judgements of `q` allow anywhere in the library.
fn acceptable_rows(q: &Query, all: &[Passage<'_>]) -> BTreeSet<RowKey> {
    all.iter()
        .filter(|p| q.ok.iter().any(|j| j.allows(p)))
        .map(|p| row_key(p.drug, p.pane))
        .collect()
}

/// The first [`DEPTH`] rows of `hits`: one per row key, each shown by its
/// best (first) passage.
fn rows<'a>(hits: &[SearchHit], drugs: &[&'a Monograph]) -> Vec<Passage<'a>> {
    let mut seen = BTreeSet::new();
    hits.iter()
        .map(|h| hit_passage(h, drugs))
        .filter(|p| seen.insert(row_key(p.drug, p.pane)))
        .take(DEPTH)
        .collect()
}

fn score(q: &Query, hits: &[SearchHit], drugs: &[&Monograph], all: &[Passage<'_>]) -> Scored {
    let acceptable = acceptable_rows(q, all).len();
    let rows = rows(hits, drugs);
    let ok = |p: &Passage<'_>| q.ok.iter().any(|j| j.allows(p));
    let good = rows.iter().filter(|p| ok(p)).count();
    let first_ok = rows.first().is_some_and(|p| {
        ok(p)
            && q.first
                .as_ref()
                .is_none_or(|(drug, pane)| drug == p.drug && pane.is_none_or(|pane| pane == p.pane))
    });
    Scored {
        precision: good as f64 / DEPTH.min(acceptable) as f64,
        first_ok,
        acceptable,
        top: rows
            .iter()
            .take(3)
            .map(|p| format!("{}{}/{}", if ok(p) { "" } else { "✗" }, p.drug, p.pane))
            .collect(),
    }
}

/// The judged set's scores over one index of the bundled library.
pub struct Report {
    /// Each query's text, kind and score, in the file's order.
    pub queries: Vec<(String, String, Scored)>,
    /// Mean precision over the first [`DEPTH`] rows.
    pub precision: f64,
    /// Share of queries whose first row is acceptable.
    pub first: f64,
    /// How many queries of each kind.
    pub kinds: BTreeMap<String, usize>,
    /// How long each query's search took, as `rxdoc search` runs it.
    pub latencies: Vec<Duration>,
}

/// Runs every judged query over `index`, built from `library` (the
/// bundled one), and scores it. Panics on a judgement that allows nothing.
pub fn judge(library: &Library, index: &Index) -> Report {
    let drugs: Vec<&Monograph> = library.monographs().collect();
    let ids: BTreeSet<&str> = drugs.iter().map(|m| m.id.as_str()).collect();
    let all: Vec<Passage<'_>> = drugs.iter().flat_map(|m| passages(m)).collect();
    let queries = load_queries(&ids);
    let dead = dead_judgements(&queries, &all);
    assert!(
        dead.is_empty(),
        "judgements that allow nothing:\n{}",
        dead.join("\n")
    );
    let limit = default_limit();
    let mut report = Report {
        queries: Vec::new(),
        precision: 0.0,
        first: 0.0,
        kinds: BTreeMap::new(),
        latencies: Vec::new(),
    };
    for q in &queries {
        let start = Instant::now();
        let hits = index.search(&q.text, None, limit);
        report.latencies.push(start.elapsed());
        let s = score(q, &hits, &drugs, &all);
        *report.kinds.entry(q.kind.clone()).or_default() += 1;
        report.queries.push((q.text.clone(), q.kind.clone(), s));
    }
    let n = report.queries.len().max(1) as f64;
    report.precision = report
        .queries
        .iter()
        .map(|(_, _, s)| s.precision)
        .sum::<f64>()
        / n;
    report.first = report.queries.iter().filter(|(_, _, s)| s.first_ok).count() as f64 / n;
    report
}

/// The bundled library and its index in memory, as the judged set is run.
pub fn bundled() -> (Library, Index) {
    let library = Library::load(&[Source::Bundled]);
    assert!(library.diagnostics.is_empty(), "{:?}", library.diagnostics);
    let index = Index::build(library.monographs(), library.synonyms.clone());
    (library, index)
}
