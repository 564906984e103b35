//! What must hold for any input at each untrusted entry point. Shared by the
//! property tests, the fuzz-finding regression test and the fuzz targets in
//! `fuzz/`, so all three check the same things.

#![allow(dead_code)] // each user needs only some of the checks

use rxdoc::import::{Shape, convert_as};
use rxdoc::load::{Library, Source, parse_monograph};
use rxdoc::raw_file::RawFile;
use rxdoc::sanitize::sanitize;
use rxdoc::search::fulltext::Index;
use rxdoc::search::names::NameIndex;
use rxdoc::search::synonyms::Synonyms;
use rxdoc::settings::parse;
use rxdoc::validate::validate;

/// True when no character of `text` could act on a terminal.
pub fn is_terminal_safe(text: &str) -> bool {
    !text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
    })
}

/// Sanitised text is terminal-safe, and sanitising it again changes nothing.
pub fn check_sanitize(text: &str) {
    let clean = sanitize(text);
    assert!(is_terminal_safe(&clean), "{clean:?}");
    assert_eq!(sanitize(&clean), clean, "sanitising is idempotent");
}

/// A monograph that loads is valid; a file that does not gives at least one
/// problem, and every position reported lies inside the file.
pub fn check_load(bytes: &[u8]) {
    match parse_monograph("input.toml", bytes) {
        Ok(monograph) => assert!(validate(&monograph).is_empty()),
        Err(problems) => {
            assert!(!problems.is_empty());
            let lines = bytes.split(|&b| b == b'\n').count();
            for problem in &problems {
                if let Some((line, column)) = problem.location.position {
                    assert!((1..=lines).contains(&line) && column >= 1, "{problem}");
                }
            }
        }
    }
}

/// Any bytes as a `query-words.toml` or a `synonyms.toml`: every problem
/// lies inside the file, and whatever was loaded, a search with it answers
/// any words of the file (a filler phrase, a section word, a group) within
/// its limit.
pub fn check_search_words(bytes: &[u8]) {
    let monograph = parse_monograph("t.toml", include_bytes!("../fixtures/good/testamol.toml"))
        .expect("the fixture monograph loads");
    let lines = bytes.split(|&b| b == b'\n').count();
    for name in ["query-words.toml", "synonyms.toml"] {
        let file = RawFile {
            path: name.into(),
            bytes: bytes.to_vec(),
        };
        let (words, problems) = Synonyms::load(&[file]);
        for problem in &problems {
            if let Some((line, column)) = problem.location.position {
                assert!((1..=lines).contains(&line) && column >= 1, "{problem}");
            }
        }
        let index = Index::build([&monograph], words);
        let text = String::from_utf8_lossy(bytes);
        for query in text.split(['"', '\n', ',', '[', ']']).take(16) {
            assert!(index.search(query, None, 5).len() <= 5);
        }
    }
}

/// Any bytes as a settings file: never a panic; every problem has a line
/// and column inside the file, and reads safely on a terminal.
pub fn check_settings(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    let (_, problems) = parse("config.toml", bytes, &Default::default());
    for problem in &problems {
        let (line, column) = problem
            .location
            .position
            .unwrap_or_else(|| panic!("no position: {problem}"));
        assert!((1..=lines.len()).contains(&line), "{problem}");
        let width = lines[line - 1].chars().count();
        assert!((1..=width + 1).contains(&column), "{problem}");
        assert!(is_terminal_safe(&problem.to_string()), "{problem}");
    }
}

/// Every monograph imported from `bytes` read as `shape` is valid and safe
/// to print. Bytes that are not UTF-8 are refused before any importer runs.
pub fn check_import(shape: Shape, bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let today = "2026-01-01".parse().expect("a valid date");
    for (mut monograph, _) in convert_as(shape, "input", text, today)
        .into_iter()
        .flatten()
    {
        assert!(validate(&monograph).is_empty(), "imports always validate");
        let mut safe = true;
        monograph.for_each_text_mut(|s| safe &= is_terminal_safe(s));
        assert!(safe, "unsanitised text in {monograph:?}");
    }
}

/// Any bytes as a DailyMed SPL label: read, or refused with a line and
/// column inside the file; and whatever is imported is valid and safe.
pub fn check_spl(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Err(e) = rxdoc::import::spl::parse(text) {
        let lines = text.split('\n').count();
        assert!((1..=lines).contains(&e.line) && e.column >= 1, "{e}");
    }
    check_import(Shape::Spl, bytes);
}

/// Any name makes a valid id of at most the limit, the same each time, and
/// ids handed out for it again are all distinct and valid.
pub fn check_slug(name: &str) {
    use rxdoc::slug::{Ids, MAX_ID_BYTES, slug};
    let id = slug(name);
    assert!(rxdoc::validate::is_slug(&id), "{id:?} from {name:?}");
    assert!(id.len() <= MAX_ID_BYTES, "{id:?} is too long");
    assert_eq!(slug(name), id, "the rule is stable");
    let mut ids = Ids::default();
    let given: Vec<String> = (0..12).map(|_| ids.unique(&id)).collect();
    for (n, g) in given.iter().enumerate() {
        assert!(
            rxdoc::validate::is_slug(g) && g.len() <= MAX_ID_BYTES,
            "{g:?}"
        );
        assert!(!given[..n].contains(g), "{g:?} given twice");
    }
}

/// The bundled library's indexes, built once.
pub struct Searchers {
    index: Index,
    names: NameIndex,
    drugs: usize,
}

impl Searchers {
    /// Indexes the bundled library.
    pub fn bundled() -> Self {
        let library = Library::load(&[Source::Bundled]);
        Self {
            index: Index::build(library.monographs(), library.synonyms.clone()),
            names: NameIndex::new(library.monographs()),
            drugs: library.entries.len(),
        }
    }

    /// Any query is answered within the limit by the full-text index, and
    /// the name filter returns only drugs that exist.
    pub fn check_query(&self, query: &str) {
        assert!(self.index.search(query, None, 20).len() <= 20);
        assert!(self.names.filter(query).iter().all(|m| m.drug < self.drugs));
    }
}

/// Any bytes as an openFDA bulk document, read as a stream with a small
/// record limit: records come in order, each kept record within twice the
/// limit (one field may run on past it), and reading ends or says why.
pub fn check_bulk_stream(bytes: &[u8]) {
    use rxdoc::import::bulk::stream::{Record, for_each_record};
    const LIMIT: u64 = 4096;
    let mut next = 0;
    let result = for_each_record(bytes, LIMIT, &|_| true, &mut |index, record| {
        assert_eq!(index, next, "records in order");
        next += 1;
        if let Record::Read(fields) = record {
            let size: usize = fields
                .iter()
                .map(|(k, v)| k.len() + v.to_string().len())
                .sum();
            let size = size as u64;
            assert!(size <= 2 * LIMIT + 1024, "a kept record of {size} bytes");
        }
    });
    match result {
        Ok(count) => assert_eq!(count, next),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// Any bytes as a zip archive of labels, read with small limits: whatever
/// it holds is read, skipped or refused with a reason, never a panic, and
/// every label read names its active ingredients.
pub fn check_bulk_archive(bytes: &[u8]) {
    use rxdoc::import::bulk::{Options, archive::Limits, read_zip_bytes};
    let mut options = Options::new(false, "2026-01-01".parse().expect("a date"));
    options.limits = Limits {
        entries: 64,
        total: 1 << 20,
        ratio: 100,
        nested: 1 << 18,
    };
    options.record_limit = 1 << 16;
    let problems = read_zip_bytes(bytes, &options, &mut |_, origin, label| {
        assert!(origin.starts_with("archive"));
        if let Ok(label) = label {
            assert!(label.generic_names.iter().any(|n| !n.trim().is_empty()));
        }
    });
    for p in problems {
        assert!(!p.why.is_empty() && p.what.starts_with("archive"));
    }
}

/// A directory listing kept beside a stored index: any bytes are refused or
/// read whole, and one that is read is written back the same.
pub fn check_listing(bytes: &[u8]) {
    use rxdoc::load::listing::Listing;
    if let Some(listing) = Listing::decode(bytes) {
        assert_eq!(listing.encode(), bytes, "read whole and written back alike");
        assert_eq!(Listing::decode(&listing.encode()), Some(listing));
    }
}
