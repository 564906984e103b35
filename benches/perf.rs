//! Performance figures at pharmacy scale: `cargo bench`.
//!
//! Reports the browser's start (first frame, list usable, search usable),
//! per-keystroke name-filter latency, full-text search latency, frame render
//! time, peak memory, and command-line search with its stored index beside
//! `rg -il`, on generated corpora of 1,000 and 10,000 monographs (50,000 with
//! `RXDOC_BENCH_50K=1`), plus the start-up time of `rxdoc list` on the
//! bundled data; and first, search relevance on the judged query set of
//! `tests/relevance/judged.toml` beside the latency of the same searches.
//! Figures are printed, not asserted: the machines are shared and timings
//! vary (the relevance floors are asserted by `tests/relevance.rs`).

/// The binary's allocator, so that time and memory are what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/bulk.rs"]
mod bulk;
#[path = "support/corpus.rs"]
mod corpus;
// The judged set's scores; the per-query table the test prints is not used.
#[allow(dead_code)]
#[path = "../tests/support/relevance.rs"]
mod relevance;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::Arc;

use rxdoc::app::{Action, App, Update, loader};
use rxdoc::cache;
use rxdoc::load::{Library, Source};
use rxdoc::pane::Pane;
use rxdoc::search::fulltext::Index;
use rxdoc::search::names::NameIndex;
use rxdoc::theme::Theme;
use rxdoc::ui::{self, Areas};

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a rounded index in 0..len, as p is in 0..=1"
)]
fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn report(label: &str, samples: &mut [Duration]) {
    let p50 = percentile(samples, 0.5);
    let p99 = percentile(samples, 0.99);
    println!(
        "  {label:<44} p50 {:>12}  p99 {:>12}  (n={})",
        ms(p50),
        ms(p99),
        samples.len()
    );
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Starts peak-RSS accounting afresh, so each figure is its own phase's
/// (Linux: writing 5 to `clear_refs` resets the high-water mark).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn rss_line(label: &str, bytes: u64) {
    let peak = peak_rss_mb();
    println!(
        "  peak RSS, {label:<33}{peak:.0} MB ({:.2}x the corpus on disk)",
        peak * 1e6 / bytes as f64
    );
}

/// Where the benchmark keeps its stored search indexes.
fn bench_cache() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-cache")
}

fn corpus(n: usize) -> (PathBuf, u64) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(format!("target/bench-corpus-{n}"));
    if !dir.join(".complete").exists() {
        corpus::write_corpus(&dir, n, 42, &root.join("data")).expect("write corpus");
        std::fs::write(dir.join(".complete"), "").expect("mark corpus");
    }
    let bytes = corpus_bytes(&dir);
    (dir, bytes)
}

/// Bytes of the files in `dir`.
fn corpus_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// Keystrokes a user types: prefixes of real names, 1 to 8 characters, and typos.
fn name_queries(drugs: &[rxdoc::model::Monograph]) -> Vec<String> {
    let mut rng = corpus::Rng::new(7);
    let names: Vec<&str> = drugs.iter().map(|m| m.name.as_str()).collect();
    let mut out = Vec::new();
    for _ in 0..40 {
        let name = names[rng.below(names.len())].to_lowercase();
        for len in 1..=8.min(name.len()) {
            out.push(name[..len].to_string());
        }
        let mut typo: Vec<char> = name.chars().take(8).collect();
        if typo.len() > 4 {
            typo.swap(2, 3);
            out.push(typo.into_iter().collect());
        }
    }
    out
}

fn render(app: &mut App, width: u16, height: u16, theme: &Theme) -> Duration {
    let area = Rect::new(0, 0, width, height);
    let keys = rxdoc::keymap::KeyBindings::default();
    app.set_viewport(Areas::new(area, app).viewport(app, &keys));
    let mut buf = Buffer::empty(area);
    let t = Instant::now();
    ui::render(area, &mut buf, app, theme, &keys);
    t.elapsed()
}

fn frames(app: &mut App, theme: &Theme, label: &str) {
    let mut samples: Vec<Duration> = (0..50).map(|_| render(app, 200, 60, theme)).collect();
    report(&format!("frame 200x60: {label}"), &mut samples);
}

/// The browser's start on `dir`, as the terminal runner does it: the first
/// frame before anything is read, then loading and indexing in the
/// background. Returns what was loaded.
fn browser_start(dir: &Path, theme: &Theme) -> (Arc<[rxdoc::model::Monograph]>, NameIndex, Index) {
    let t = Instant::now();
    let mut app = App::starting();
    render(&mut app, 200, 60, theme);
    println!(
        "  browser first frame (loading in the background) {}",
        ms(t.elapsed())
    );
    let (send, updates) = std::sync::mpsc::channel();
    let t = Instant::now();
    // As `rxdoc --data DIR` does: the bundled data (and its synonyms) first.
    loader::spawn(
        vec![Source::Bundled, Source::Path(dir.to_path_buf())],
        move |u| {
            let _ = send.send((u, Instant::now()));
        },
    );
    let (mut loaded, mut indexed) = (None, None);
    for (update, at) in updates {
        match update {
            Update::Loaded(l) => {
                println!("  list usable (files read and parsed)       {}", ms(at - t));
                loaded = Some(*l);
            }
            Update::Indexed(index) => {
                println!("  search usable (index opened or built)     {}", ms(at - t));
                indexed = Some(*index);
            }
            Update::Listed(l) => {
                println!("  list usable (stored catalogue)            {}", ms(at - t));
                // With the index current too, no file is parsed: the list
                // is what the browser keeps.
                loaded = Some(*l);
            }
            Update::Progress(_)
            | Update::Indexing(_)
            | Update::WaitingForOther
            | Update::Read(_) => {}
        }
    }
    let (loaded, index) = (loaded.expect("loaded"), indexed.expect("indexed"));
    (loaded.shelf.shared(), loaded.names, index)
}

fn bench_size(n: usize) {
    let (dir, bytes) = corpus(n);
    println!("\n{n} monographs ({:.1} MB on disk)", bytes as f64 / 1e6);
    // The command line first: its first run stores the search index, which
    // the browser then reads, as it would for a user on a second start.
    cold_search(&dir);
    let theme = Theme::monochrome();
    let (drugs, names, stored) = browser_start(&dir, &theme);

    let mut samples = Vec::new();
    for q in name_queries(&drugs) {
        let t = Instant::now();
        std::hint::black_box(names.filter(&q));
        samples.push(t.elapsed());
    }
    report("name filter per keystroke (1-8 chars, typos)", &mut samples);
    search_latency("full-text search, stored index", &stored);
    drop((drugs, names, stored));
    in_fresh_process(STORED_START, &dir, "a start with the index stored");

    let _ = std::fs::remove_dir_all(bench_cache());
    in_fresh_process(FIRST_START, &dir, "a first start (no stored index yet)");

    in_fresh_process(NO_CACHE, &dir, "with no cache directory");

    reset_peak_rss();
    let lib = Library::load(&[Source::Bundled, Source::Path(dir.clone())]);
    let t = Instant::now();
    let built = Index::build(lib.monographs(), lib.synonyms.clone());
    built.prepare_for_typing();
    println!(
        "  index built in memory (first start)      {}",
        ms(t.elapsed())
    );
    search_latency("full-text search, index in memory", &built);
    rss_line("library and index in memory", bytes);
    drop(built);

    let mut app = App::new(lib);
    frames(&mut app, &theme, "drug list");
    app.apply(Action::Open);
    app.apply(Action::Tab(Pane::Usage));
    render(&mut app, 200, 60, &theme);
    app.apply(Action::Bottom);
    frames(&mut app, &theme, "long pane scrolled to the end");
    app.apply(Action::Back);
    app.apply(Action::StartSearch);
    "bleeding".chars().for_each(|c| app.apply(Action::Type(c)));
    frames(&mut app, &theme, "search results");
}

/// Rows of results a 200×60 screen shows, whose snippets the browser makes.
const SCREEN_ROWS: usize = 50;

/// Search latency per keystroke, as the browser runs it: each benchmark
/// query typed a character at a time, each prefix ranked (up to 200
/// results) and a screenful of them made; three rounds. Then whole queries
/// with all 200 results made, as `rxdoc search --limit 200` would.
fn search_latency(label: &str, index: &Index) {
    let mut samples = Vec::new();
    for _ in 0..3 {
        for q in corpus::QUERIES {
            for typed in q.char_indices().map(|(i, c)| &q[..i + c.len_utf8()]) {
                let t = Instant::now();
                let ranked = index.rank(typed, None, 200);
                for rank in 0..SCREEN_ROWS.min(ranked.len()) {
                    std::hint::black_box(index.hit(&ranked, rank));
                }
                samples.push(t.elapsed());
            }
        }
    }
    report(
        &format!("{label}, per keystroke (1-3 words, typos, synonyms)"),
        &mut samples,
    );
    let mut samples = Vec::new();
    for _ in 0..3 {
        for q in corpus::QUERIES {
            let t = Instant::now();
            std::hint::black_box(index.search(q, None, 200));
            samples.push(t.elapsed());
        }
    }
    report(
        &format!("{label}, whole queries, 200 results made"),
        &mut samples,
    );
}

/// Milliseconds of a whole command, the median of ten runs.
fn command_ms(
    program: &Path,
    args: &[&std::ffi::OsStr],
    env: &[(&str, &Path)],
) -> Option<Duration> {
    let mut samples = Vec::new();
    for _ in 0..10 {
        samples.push(run_once((program, args, env))?);
    }
    Some(percentile(&mut samples, 0.5))
}

/// One run of a command, timed; its output (the answer and its closing
/// line, "the first 20 drugs…") is not the bench's to print.
fn run_once((program, args, env): Run<'_>) -> Option<Duration> {
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    let t = Instant::now();
    command.status().ok()?;
    Some(t.elapsed())
}

/// A command: program, arguments, environment.
type Run<'a> = (
    &'a Path,
    &'a [&'a std::ffi::OsStr],
    &'a [(&'a str, &'a Path)],
);

/// The medians of 20 runs each of two commands, run in turn, each first
/// in every other round: a ratio of the two is then taken on the same
/// machine in the same moments, which a shared machine's changing load
/// otherwise skews.
fn alternating_ms(commands: [Run<'_>; 2]) -> Option<[Duration; 2]> {
    let mut samples = [Vec::new(), Vec::new()];
    for round in 0..20 {
        for k in [round % 2, 1 - round % 2] {
            samples[k].push(run_once(commands[k])?);
        }
    }
    let [mut a, mut b] = samples;
    Some([percentile(&mut a, 0.5), percentile(&mut b, 0.5)])
}

/// Runs this benchmark again as a fresh process doing one thing (`what`,
/// an environment variable set to `dir`), so that its peak memory is its
/// own and not what earlier measurements left behind.
fn in_fresh_process(what: &str, dir: &Path, label: &str) {
    println!("  {label}, in a fresh process:");
    let child = std::env::current_exe()
        .and_then(|exe| std::process::Command::new(exe).env(what, dir).status());
    if let Err(e) = child {
        println!("  (could not run it: {e})");
    }
}

/// Set to a corpus directory: run only the browser's first start on it,
/// before any index is stored (it builds the index, stores it and reads it
/// back).
const FIRST_START: &str = "RXDOC_BENCH_FIRST_START";

/// Set to a corpus directory: run only the browser's start on it, its
/// index stored and current (it is opened, not built).
const STORED_START: &str = "RXDOC_BENCH_STORED_START";

/// Set to a corpus directory: load and index it as the browser does with
/// no cache directory (into a temporary file).
const NO_CACHE: &str = "RXDOC_BENCH_NO_CACHE";

/// What [`in_fresh_process`] was asked to do, if anything.
fn fresh_process_task() -> bool {
    for (task, label) in [
        (STORED_START, "browser with the stored index"),
        (FIRST_START, "browser's first start"),
    ] {
        if let Some(dir) = std::env::var_os(task) {
            let dir = PathBuf::from(dir);
            let bytes = corpus_bytes(&dir);
            drop(browser_start(&dir, &Theme::monochrome()));
            rss_line(label, bytes);
            return true;
        }
    }
    if let Some(dir) = std::env::var_os(NO_CACHE) {
        let dir = PathBuf::from(dir);
        let bytes = corpus_bytes(&dir);
        let sources = [Source::Bundled, Source::Path(dir)];
        // As the browser does with no cache directory: no survey, the
        // files parsed for their listing and read again by the build, the
        // list kept as the browser keeps it.
        let kept = std::sync::Mutex::new(Vec::new());
        let t = Instant::now();
        loader::load_surveyed(None, &sources, &|update| {
            if let Update::Indexed(_) = update {
                println!(
                    "  index built into a temporary file        {}",
                    ms(t.elapsed())
                );
            }
            if !matches!(update, Update::Progress(_) | Update::Indexing(_)) {
                kept.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(update);
            }
        });
        drop(kept);
        rss_line("no cache directory", bytes);
        return true;
    }
    false
}

/// A search from the command line on the corpus, with its stored index,
/// beside `rg -il` on the same files.
fn cold_search(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/rxdoc");
    if !bin.exists() {
        println!("  (command-line search: build with `cargo build --release` first)");
        return;
    }
    let cache = bench_cache();
    let env = [("RXDOC_CACHE_DIR", cache.as_path())];
    // Measure the first run from scratch.
    let _ = std::fs::remove_dir_all(&cache);
    let args = [
        "--data".as_ref(),
        dir.as_os_str(),
        "search".as_ref(),
        "bleeding".as_ref(),
    ];
    let t = Instant::now();
    let _ = std::process::Command::new(&bin)
        .args(args)
        .envs(env)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    println!(
        "  `rxdoc search bleeding`, index stored      {} (first run, builds it)",
        ms(t.elapsed())
    );
    if let Some(d) = command_ms(&bin, &args, &env) {
        println!(
            "  `rxdoc search bleeding`, index current     {} (median of 10)",
            ms(d)
        );
    }
    let rg = ["-il".as_ref(), "bleeding".as_ref(), dir.as_os_str()];
    match command_ms(Path::new("rg"), &rg, &[]) {
        Some(d) => println!(
            "  `rg -il bleeding DIR`                      {} (median of 10)",
            ms(d)
        ),
        None => println!("  (rg not installed: no side-by-side)"),
    }
}

/// `rxdoc import` of 2,000 generated Markdown pages into an empty
/// directory, the real binary timed from start to exit; the median of 3.
fn import_pages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/rxdoc");
    if !bin.exists() {
        println!("\n(import: build with `cargo build --release` first)");
        return;
    }
    let pages = root.join("target/bench-pages-2000");
    if !pages.join(".complete").exists() {
        corpus::write_pages(&pages, 2_000, 42, &root.join("data")).expect("write pages");
        std::fs::write(pages.join(".complete"), "").expect("mark pages");
    }
    let out = root.join("target/bench-import");
    let mut samples: Vec<Duration> = (0..3)
        .map(|_| {
            let _ = std::fs::remove_dir_all(&out);
            let _ = std::fs::create_dir_all(&out);
            let t = Instant::now();
            let _ = std::process::Command::new(&bin)
                .arg("import")
                .arg(&pages)
                .arg("--out")
                .arg(&out)
                .output();
            t.elapsed()
        })
        .collect();
    let written = std::fs::read_dir(&out).map_or(0, std::iter::Iterator::count);
    let median = percentile(&mut samples, 0.5);
    println!(
        "\nimport: 2,000 Markdown pages of {:.1} KB on average, {written} monographs written, {} (median of 3): {:.0} pages/s",
        corpus_bytes(&pages) as f64 / 2_000.0 / 1e3,
        ms(median),
        2_000.0 / median.as_secs_f64()
    );
}

/// Bulk records in the bench's file, and how they split.
const BULK_DRUGS: usize = 500;
const BULK_LABELLERS: usize = 4;

/// `rxdoc import` of a generated openFDA bulk download — 2,000 real-shaped
/// records (500 drugs × 4 labellers), as plain JSON and as the zip the FDA
/// ships — into an empty directory: the release binary timed from start to
/// exit, its peak RSS from its own rusage.
fn import_bulk() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/rxdoc");
    if !bin.exists() {
        println!("\n(bulk import: build with `cargo build --release` first)");
        return;
    }
    let dir = root.join("target/bench-bulk-2000");
    let json = dir.join("drug-label-0001-of-0001.json");
    let zipped = dir.join("drug-label-0001-of-0001.json.zip");
    if !dir.join(".complete").exists() {
        let _ = std::fs::create_dir_all(&dir);
        bulk::write_bulk(&json, BULK_DRUGS, BULK_LABELLERS, 42, &root.join("data"))
            .expect("write bulk file");
        zip_file(&json, &zipped).expect("zip bulk file");
        std::fs::write(dir.join(".complete"), "").expect("mark bulk file");
    }
    let records = BULK_DRUGS * BULK_LABELLERS;
    println!(
        "\nbulk import: {records} records ({BULK_DRUGS} drugs × {BULK_LABELLERS} labellers), {:.0} MB of JSON, {:.0} MB zipped; targets ≥ 100 records/s, peak RSS ≤ 400 MB",
        file_mb(&json),
        file_mb(&zipped)
    );
    for input in [&json, &zipped] {
        let out = root.join("target/bench-bulk-import");
        let _ = std::fs::remove_dir_all(&out);
        let t = Instant::now();
        let Some(peak_kb) = run_with_peak_rss(
            std::process::Command::new(&bin)
                .arg("import")
                .arg(input)
                .arg("--out")
                .arg(&out),
        ) else {
            println!("  (could not run {})", bin.display());
            return;
        };
        let elapsed = t.elapsed();
        let written = std::fs::read_dir(&out).map_or(0, std::iter::Iterator::count);
        println!(
            "  {:<44} {:>8.1} s  {:>6.0} records/s  peak RSS {:>6.1} MB  ({written} monographs)",
            input
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            elapsed.as_secs_f64(),
            records as f64 / elapsed.as_secs_f64(),
            peak_kb as f64 / 1024.0
        );
    }
}

fn file_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1e6)
}

/// Zips `from` as the FDA ships its files: one deflated entry.
fn zip_file(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to)?);
    let name = from
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    writer
        .start_file(
            name,
            zip::write::SimpleFileOptions::default().large_file(true),
        )
        .map_err(std::io::Error::other)?;
    std::io::copy(&mut std::fs::File::open(from)?, &mut writer)?;
    writer.finish().map_err(std::io::Error::other)?;
    Ok(())
}

/// Runs a command (output discarded) and returns its peak RSS in KiB, from
/// the rusage `wait4` reports for that child alone. The one `unsafe` of the
/// bench: the standard library does not report a child's resource use.
#[allow(unsafe_code)]
fn run_with_peak_rss(command: &mut std::process::Command) -> Option<i64> {
    let child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for this child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; the pointers are live.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    (waited == pid).then_some(usage.ru_maxrss)
}

/// Relevance on the judged query set, by kind, and how long those
/// searches take, as `rxdoc search` runs them on the bundled library.
fn judged_relevance() {
    let (library, index) = relevance::bundled();
    let mut judged = relevance::judge(&library, &index);
    println!(
        "\nsearch relevance, {} judged queries on the bundled library",
        judged.queries.len()
    );
    println!(
        "  all                                          precision@{} {:.3}  first row acceptable {:.3}",
        relevance::DEPTH,
        judged.precision,
        judged.first
    );
    for (kind, count) in &judged.kinds {
        let scores: Vec<_> = judged
            .queries
            .iter()
            .filter(|(_, k, _)| k == kind)
            .collect();
        let precision = scores.iter().map(|(_, _, s)| s.precision).sum::<f64>() / *count as f64;
        let first = scores.iter().filter(|(_, _, s)| s.first_ok).count() as f64 / *count as f64;
        println!(
            "  {:<44} precision@{} {precision:.3}  first row acceptable {first:.3}",
            format!("{kind} ({count})"),
            relevance::DEPTH,
        );
    }
    report("the same searches, 20 rows made", &mut judged.latencies);
}

fn startup() {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/rxdoc");
    if !bin.exists() {
        println!("\n(start-up: build with `cargo build --release` first)");
        return;
    }
    let mut samples: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            let _ = std::process::Command::new(&bin).arg("list").output();
            t.elapsed()
        })
        .collect();
    println!();
    report("startup: `rxdoc list`, bundled data", &mut samples);
}

/// The stored catalogue on the `n`-monograph corpus: `rxdoc --data DIR
/// list` from it and from the files, the freshness check alone, and the
/// browser's list usable with it current and without it, each beside its
/// target. `cargo bench -- catalogue` runs only these.
fn catalogue_figures(n: usize) {
    let (dir, bytes) = corpus(n);
    println!(
        "\nstored catalogue: {n} monographs ({:.1} MB on disk)",
        bytes as f64 / 1e6
    );
    let sources = [Source::Bundled, Source::Path(dir.clone())];
    let mut samples: Vec<Duration> = (0..20)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(cache::Survey::of(&sources));
            t.elapsed()
        })
        .collect();
    report("freshness check (walk + one stat a file)", &mut samples);
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/rxdoc");
    if bin.exists() {
        let cache = bench_cache();
        let args = ["--data".as_ref(), dir.as_os_str(), "list".as_ref()];
        let nowhere = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml/cache");
        if let Some(d) = command_ms(&bin, &args, &[("RXDOC_CACHE_DIR", nowhere.as_path())]) {
            println!(
                "  `rxdoc list`, every file parsed (no cache) {} (median of 10)",
                ms(d)
            );
        }
        let _ = command_ms(&bin, &args, &[("RXDOC_CACHE_DIR", cache.as_path())]);
        if let Some(d) = command_ms(&bin, &args, &[("RXDOC_CACHE_DIR", cache.as_path())]) {
            println!(
                "  `rxdoc list`, catalogue current            {} (median of 10; target ≤ 50 ms)",
                ms(d)
            );
        }
        let show = [
            "--data".as_ref(),
            dir.as_os_str(),
            "show".as_ref(),
            "warfarin".as_ref(),
        ];
        if let Some(d) = command_ms(&bin, &show, &[("RXDOC_CACHE_DIR", cache.as_path())]) {
            println!(
                "  `rxdoc show warfarin`, catalogue current   {} (median of 10)",
                ms(d)
            );
        }
    } else {
        println!("  (`rxdoc list`: build with `cargo build --release` first)");
    }
    let mut samples: Vec<Duration> = (0..5).map(|_| list_usable(&sources)).collect();
    report("browser list usable, catalogue current", &mut samples);
    println!("  (target ≤ 150 ms at 10,000 monographs)");
    let mut samples: Vec<Duration> = (0..3)
        .map(|_| {
            remove_catalogues(&bench_cache());
            list_usable(&sources)
        })
        .collect();
    report("browser list usable, no catalogue (parsed)", &mut samples);
}

/// Removes the stored catalogues in `cache` (not the indexes).
fn remove_catalogues(cache: &Path) {
    for entry in std::fs::read_dir(cache).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "cat") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// From the loader's start to the first list the browser can use (the
/// stored catalogue's, or the loaded monographs').
fn list_usable(sources: &[Source]) -> Duration {
    let (send, updates) = std::sync::mpsc::channel();
    let t = Instant::now();
    loader::spawn(sources.to_vec(), move |u| {
        let _ = send.send((u, Instant::now()));
    });
    let mut usable = None;
    for (update, at) in updates {
        if matches!(update, Update::Listed(_) | Update::Loaded(_)) {
            usable.get_or_insert(at - t);
        }
    }
    usable.expect("a list")
}

/// The benchmark measures with its own cache directory, never the user's:
/// it runs itself again with `RXDOC_CACHE_DIR` set (which every `rxdoc`
/// it starts inherits) and returns that run's exit code; `None` when this
/// run is that one. Setting the variable in this process instead would
/// need `unsafe` (`std::env::set_var`).
fn with_bench_cache() -> Option<i32> {
    let cache = bench_cache();
    if std::env::var_os("RXDOC_CACHE_DIR").is_some_and(|dir| dir == cache.as_os_str()) {
        return None;
    }
    let status = std::env::current_exe()
        .and_then(|exe| {
            std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env("RXDOC_CACHE_DIR", &cache)
                .status()
        })
        .expect("the benchmark runs itself again with its cache directory");
    Some(status.code().unwrap_or(1))
}

#[allow(unsafe_code)]
fn main() {
    // SAFETY: the first thing the bench does; no other thread exists yet.
    unsafe { rxdoc::allocator::return_freed_memory_at_once() };
    if let Some(status) = with_bench_cache() {
        std::process::exit(status);
    }
    if fresh_process_task() {
        return;
    }
    // `cargo bench` passes `--bench`; `cargo bench -- bulk` runs only the
    // bulk import, `cargo bench -- catalogue` only the stored catalogue's
    // figures, `cargo bench -- stored-index` only the stored index's; any
    // other filter is ignored.
    if std::env::args().any(|a| a == "bulk") {
        import_bulk();
        return;
    }
    if std::env::args().any(|a| a == "catalogue") {
        catalogue_figures(10_000);
        return;
    }
    if std::env::args().any(|a| a == "stored-index") {
        stored_index_figures();
        return;
    }
    println!(
        "rxdoc performance — {} cores",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    );
    judged_relevance();
    startup();
    import_pages();
    import_bulk();
    bench_size(1_000);
    bench_size(10_000);
    catalogue_figures(10_000);
    if std::env::var_os("RXDOC_BENCH_50K").is_some() {
        bench_size(50_000);
    }
    stored_index_figures();
}

// ---- The stored index on disk: lazy reads, compact parts ----------------

/// The stored index's figures, each beside its target: its size against
/// the corpus, its first build, and `rxdoc search` against `rg -il`. On the 10,000-monograph corpus,
/// and on `RXDOC_BENCH_REAL=DIR` (a real corpus imported with `rxdoc
/// import`) if set.
fn stored_index_figures() {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/rxdoc");
    if !bin.exists() {
        println!("stored index: build with `cargo build --release` first");
        return;
    }
    let mut corpora = vec![corpus(10_000).0];
    corpora.extend(std::env::var_os("RXDOC_BENCH_REAL").map(PathBuf::from));
    for dir in corpora {
        println!("stored index on disk, {}:", dir.display());
        stored_index_on(&bin, &dir);
    }
}

fn stored_index_on(bin: &Path, dir: &Path) {
    let cache = bench_cache().join("stored-index");
    let _ = std::fs::remove_dir_all(&cache);
    let search = [
        "--data".as_ref(),
        dir.as_os_str(),
        "search".as_ref(),
        "bleeding".as_ref(),
    ];
    let env = [("RXDOC_CACHE_DIR", cache.as_path())];
    let t = Instant::now();
    let built = std::process::Command::new(bin)
        .args(search)
        .envs(env)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let first = t.elapsed();
    if !built.is_ok_and(|s| s.success()) {
        println!("  (the first search failed)");
        return;
    }
    println!(
        "  first start, index built and stored     {:>10}   target ≤ 5 s at 10,000",
        ms(first)
    );
    let (index, [apparent, on_disk]) = (files_bytes(&cache, "idx")[0], files_bytes(dir, "toml"));
    println!(
        "  stored index                            {:>7.1} MB   {:.2}x the corpus's {:.1} MB on disk \
         ({:.2}x its {:.1} MB of files)   target ≤ 1x",
        index as f64 / 1e6,
        index as f64 / on_disk as f64,
        on_disk as f64 / 1e6,
        index as f64 / apparent as f64,
        apparent as f64 / 1e6,
    );
    let rg = ["-il".as_ref(), "bleeding".as_ref(), dir.as_os_str()];
    let Some([rxdoc, rg]) = alternating_ms([(bin, &search, &env), (Path::new("rg"), &rg, &[])])
    else {
        println!("  (rg not installed: no side-by-side)");
        return;
    };
    println!(
        "  `rxdoc search bleeding`, index current  {:>10}   {:.2}x `rg -il bleeding DIR` ({}; medians of 20, run in turn)   target ≤ 0.5x",
        ms(rxdoc),
        rxdoc.as_secs_f64() / rg.as_secs_f64(),
        ms(rg)
    );
}

/// Bytes of the files in `dir` whose names end in `.ext`: their lengths,
/// and the space allocated to them on disk.
fn files_bytes(dir: &Path, ext: &str) -> [u64; 2] {
    let mut bytes = [0, 0];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if entry.path().extension().is_some_and(|e| e == ext) {
            bytes[0] += meta.len();
            bytes[1] += allocated(&meta);
        }
    }
    bytes
}

#[cfg(unix)]
fn allocated(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::blocks(meta) * 512
}

#[cfg(not(unix))]
fn allocated(meta: &std::fs::Metadata) -> u64 {
    meta.len()
}
