//! The index in a cache file. Layout, all little-endian:
//!
//! ```text
//! header   magic, version, fingerprint, total length, then the offsets of
//!          the parts below
//! texts    each passage's text, read a passage at a time for the results
//!          shown
//! table    (offset, length, hash) of each text
//! postings (passage, position) pairs, read a term at a time when used
//! passages each passage's drug, pane, section and first mark, packed —
//!          read whole when the file is opened, straight into place
//! head     extra strings the caller keeps, the passages' count and hash,
//!          marks, terms, term order and lengths, each term's (then each
//!          phrase's) postings offset and count, and the phrases' term
//!          ids — read whole when the file is opened
//! ```
//!
//! The parts come in the order they are known while indexing, so an index
//! is written as it is built: texts go straight to the file, never held in
//! memory, and the header is filled in last. The table and the postings,
//! known as texts are written but placed after them, wait in a scratch file
//! as they pile up ([`super::spill`]).
//!
//! A file of the wrong length, or whose head does not parse or agree with
//! itself, is refused. Each postings list and text carries a hash, checked
//! when it is read; a mismatch marks the index damaged
//! ([`Index::damaged`](super::Index::damaged)) so the caller can rebuild.

mod read;

use crate::narrow::to_u32;
use std::io::{self, Read, Seek, SeekFrom, Write};

pub use read::{Refused, read};

use super::builder::{self, Built, Sink};
use super::compact::Compact;
use super::phrases;
use super::spill::Spill;
use super::store::{TEXT_ENTRY, hash_of};
use crate::model::Monograph;
use crate::progress::Progress;
use crate::search::synonyms::Synonyms;

const MAGIC: &[u8; 8] = b"RXDOCIDX";
/// Bumped whenever the layout or the meaning of the index changes.
const VERSION: u32 = 7;
const HEADER_LEN: usize = 8 + 4 + 8 * 7;

/// Indexes `drugs` into `out`, with `extra` string lists (kept verbatim for
/// the caller) and the phrases of `synonyms` indexed as wholes, telling
/// `report` how many drugs are done as it goes. Postings wait in `scratch`
/// until they are written, so the build's memory stays bounded.
pub fn build_into<'a>(
    out: &mut (impl Write + Seek),
    scratch: impl Read + Write + Seek,
    fingerprint: u64,
    extra: &[&[String]],
    drugs: impl IntoIterator<Item = &'a Monograph>,
    synonyms: &Synonyms,
    report: &dyn Fn(Progress),
) -> io::Result<()> {
    let file = ToFile::new(out, Spill::new(scratch), Budget::DEFAULT, report);
    write_index(file, fingerprint, extra, drugs, synonyms)
}

fn write_index<'a, O: Write + Seek, S: Read + Write + Seek>(
    mut file: ToFile<'_, O, S>,
    fingerprint: u64,
    extra: &[&[String]],
    drugs: impl IntoIterator<Item = &'a Monograph>,
    synonyms: &Synonyms,
) -> io::Result<()> {
    file.out.seek(SeekFrom::Start(0))?;
    file.out.write_all(&[0; HEADER_LEN])?;
    let mut built = builder::build(drugs, &phrases::wanted(synonyms), &mut file);
    file.written?;
    let out = file.out;
    let table_at = file.at;
    for span in file.parked {
        file.spill.copy(span, out)?;
    }
    out.write_all(&file.table)?;
    let postings_at = table_at + built.passages.len() as u64 * TEXT_ENTRY;
    // Each list is dropped once written, so the head is made in the memory
    // they held.
    let lists = std::mem::take(&mut built.lists);
    let spans = write_postings(out, lists, built.terms.len(), file.spill)?;
    let postings_len: u64 = spans
        .iter()
        .map(|(_, count, _)| 8 * u64::from(*count))
        .sum();
    let passages_at = postings_at + postings_len;
    out.write_all(built.passages.bytes())?;
    let head_at = passages_at + built.passages.bytes().len() as u64;
    write_head(out, &built, extra, &spans)?;
    let total = out.stream_position()?;
    out.seek(SeekFrom::Start(0))?;
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    for value in [
        fingerprint,
        total,
        head_at,
        total - head_at,
        postings_at,
        table_at,
        passages_at,
    ] {
        out.write_all(&value.to_le_bytes())?;
    }
    Ok(())
}

/// Writes every list's postings as (passage, position) pairs: for each of
/// the `terms` terms, those set aside in `spill`, then the rest; the
/// phrases' lists after them are never set aside. Returns each list's
/// offset, count and hash.
fn write_postings<S: Read + Write + Seek>(
    out: &mut impl Write,
    lists: Vec<Compact>,
    terms: usize,
    spill: Spill<S>,
) -> io::Result<Vec<(u64, u32, u64)>> {
    let mut set_aside = spill.runs()?;
    let mut spans = Vec::with_capacity(lists.len());
    let mut buffer = Vec::new();
    let mut offset = 0u64;
    for (id, list) in lists.into_iter().enumerate() {
        buffer.clear();
        let mut put = |passage: u32, position: u32| {
            buffer.extend_from_slice(&passage.to_le_bytes());
            buffer.extend_from_slice(&position.to_le_bytes());
        };
        if id < terms {
            set_aside.entries_of(to_u32(id), &mut put)?;
        }
        list.entries()
            .for_each(|(passage, position)| put(passage, position));
        out.write_all(&buffer)?;
        spans.push((offset, to_u32(buffer.len() / 8), hash_of(&buffer)));
        offset += buffer.len() as u64;
    }
    Ok(spans)
}

/// A build bound for a file: texts go straight out, each with its table
/// entry (offset, length, hash) kept for later; postings and table entries
/// are set aside in the scratch file as they reach their [`Budget`].
struct ToFile<'o, O, S> {
    out: &'o mut O,
    spill: Spill<S>,
    budget: Budget,
    /// Where the next text goes in `out`.
    at: u64,
    /// Table entries not yet set aside.
    table: Vec<u8>,
    /// Table entries set aside, in order.
    parked: Vec<(u64, u64)>,
    /// The first error, after which nothing more is written.
    written: io::Result<()>,
    report: &'o dyn Fn(Progress),
}

/// How much a build for a file holds before setting it aside.
#[derive(Debug, Clone, Copy)]
struct Budget {
    /// Postings entries.
    entries: usize,
    /// Bytes of table entries.
    table: usize,
}

impl Budget {
    /// About 1.5 MB of postings, so a thousand-drug library needs a handful
    /// of segments and a fifty-thousand-drug one a few hundred; table
    /// entries 64 KB at a time.
    const DEFAULT: Budget = Budget {
        entries: 1 << 19,
        table: 64 << 10,
    };
}

impl<'o, O, S: Read + Write + Seek> ToFile<'o, O, S> {
    fn new(out: &'o mut O, spill: Spill<S>, budget: Budget, report: &'o dyn Fn(Progress)) -> Self {
        ToFile {
            out,
            spill,
            budget,
            at: HEADER_LEN as u64,
            table: Vec::new(),
            parked: Vec::new(),
            written: Ok(()),
            report,
        }
    }
}

impl<O: Write, S: Read + Write + Seek> Sink for ToFile<'_, O, S> {
    fn text(&mut self, text: String) {
        if self.written.is_ok() {
            self.written = self.out.write_all(text.as_bytes());
        }
        self.table.extend_from_slice(&self.at.to_le_bytes());
        self.table
            .extend_from_slice(&to_u32(text.len()).to_le_bytes());
        self.table
            .extend_from_slice(&hash_of(text.as_bytes()).to_le_bytes());
        self.at += text.len() as u64;
        if self.table.len() >= self.budget.table {
            if self.written.is_ok() {
                self.written = self
                    .spill
                    .park(&self.table)
                    .map(|span| self.parked.push(span));
            }
            self.table.clear();
        }
    }

    fn budget(&self) -> usize {
        self.budget.entries
    }

    fn set_aside(&mut self, lists: &mut [Compact]) {
        if self.written.is_ok() {
            self.written = self.spill.segment(lists);
        }
        // After an error the lists are dropped all the same: the build is
        // lost, and its memory must stay bounded until it ends.
        lists.fill_with(Compact::default);
    }

    fn indexed(&mut self, done: usize, total: usize) {
        // Often enough for a smooth progress bar, rarely enough to cost
        // nothing.
        if done.is_multiple_of(64) || done == total {
            (self.report)(Progress { done, total });
        }
    }
}

/// The head: what is read whole when the file is opened.
fn write_head(
    out: &mut impl Write,
    built: &Built,
    extra: &[&[String]],
    spans: &[(u64, u32, u64)],
) -> io::Result<()> {
    put_u32(out, to_u32(extra.len()))?;
    for list in extra {
        put_strings(out, list)?;
    }
    put_u32(out, built.drugs)?;
    put_u32(out, to_u32(built.passages.len()))?;
    put_u64(out, hash_of(built.passages.bytes()))?;
    put_u32s(out, &built.marks)?;
    put_strings(out, &built.terms)?;
    put_u32s(out, &built.sorted)?;
    put_u32(out, to_u32(built.by_length.len()))?;
    for bucket in &built.by_length {
        put_u32s(out, bucket)?;
    }
    put_u32(out, to_u32(spans.len()))?;
    for (offset, count, hash) in spans {
        put_u64(out, *offset)?;
        put_u32(out, *count)?;
        put_u64(out, *hash)?;
    }
    put_u32(out, to_u32(built.phrases.len()))?;
    built.phrases.iter().try_for_each(|ids| put_u32s(out, ids))
}

fn put_u32(out: &mut impl Write, value: u32) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

fn put_u64(out: &mut impl Write, value: u64) -> io::Result<()> {
    out.write_all(&value.to_le_bytes())
}

fn put_u32s(out: &mut impl Write, values: &[u32]) -> io::Result<()> {
    put_u32(out, to_u32(values.len()))?;
    values.iter().try_for_each(|v| put_u32(out, *v))
}

fn put_strings(out: &mut impl Write, strings: &[String]) -> io::Result<()> {
    put_u32(out, to_u32(strings.len()))?;
    for s in strings {
        put_u32(out, to_u32(s.len()))?;
        out.write_all(s.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};
    use crate::narrow::to_usize;
    use crate::pane::Pane;
    use crate::search::fulltext::Index;
    use crate::search::fulltext::store::u64_at;

    const QUERIES: [&str; 6] = [
        "bleeding",
        "yellow skin",
        "jaundise",
        "mouth sores",
        "liv",
        "x",
    ];

    fn bundled() -> (Library, Index) {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        (library, index)
    }

    /// The index file of `library`, built within `budget`.
    fn written(library: &Library, budget: Budget) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        let scratch = Spill::new(io::Cursor::new(Vec::new()));
        let file = ToFile::new(&mut out, scratch, budget, &|_| {});
        let extra: &[String] = &["extra".to_string()];
        write_index(file, 7, &[extra], library.monographs(), &library.synonyms).unwrap();
        out.into_inner()
    }

    fn stored(library: &Library) -> (tempfile::NamedTempFile, Vec<u8>) {
        let bytes = written(library, Budget::DEFAULT);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        (file, bytes)
    }

    #[test]
    fn a_stored_index_answers_exactly_as_the_built_one() {
        let (library, built) = bundled();
        let (file, _) = stored(&library);
        let (extra, read) = read(file.reopen().unwrap(), 7, library.synonyms.clone()).unwrap();
        assert_eq!(extra, vec![vec!["extra".to_string()]]);
        for query in QUERIES {
            assert_eq!(
                read.search(query, None, 50),
                built.search(query, None, 50),
                "{query}"
            );
            assert_eq!(
                read.search_sections(query, Some(Pane::Faqs), 50),
                built.search_sections(query, Some(Pane::Faqs), 50)
            );
        }
        assert!(!read.damaged());
        assert!(matches!(
            super::read(file.reopen().unwrap(), 8, Synonyms::default()),
            Err(Refused::Fingerprint)
        ));
    }

    #[test]
    fn setting_parts_aside_changes_no_byte_of_the_file() {
        let library = Library::load(&[Source::Bundled]);
        let unbounded = Budget {
            entries: usize::MAX,
            table: usize::MAX,
        };
        let whole = written(&library, unbounded);
        // Every passage, every few passages, then once a term list or two
        // fills; the table a text at a time, then in a few parts.
        for (entries, table) in [(1, 1), (50, 1_000), (5_000, 20_000)] {
            let budget = Budget { entries, table };
            assert!(written(&library, budget) == whole, "{budget:?}");
        }
    }

    #[test]
    fn damage_in_the_stored_lists_and_texts_is_noticed() {
        let (library, built) = bundled();
        let (_, bytes) = stored(&library);
        let head_at = to_usize(u64_at(&bytes, 28));
        let passages_at = to_usize(u64_at(&bytes, 60));
        let (mut noticed, mut refused) = (0, 0);
        for at in (HEADER_LEN..head_at).step_by(997) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x01;
            let mut file = tempfile::NamedTempFile::new().unwrap();
            file.write_all(&damaged).unwrap();
            // Passages are checked whole when the file is opened.
            let Ok((_, read)) = read(file.reopen().unwrap(), 7, library.synonyms.clone()) else {
                assert!(at >= passages_at, "damage at {at} refused the file");
                refused += 1;
                continue;
            };
            assert!(
                at < passages_at,
                "damage to passages at {at} went unnoticed"
            );
            let answers: Vec<_> = QUERIES.iter().map(|q| read.search(q, None, 500)).collect();
            if read.damaged() {
                noticed += 1;
            } else {
                // Not read by these searches, so it cannot have changed them.
                let expected: Vec<_> = QUERIES.iter().map(|q| built.search(q, None, 500)).collect();
                assert_eq!(answers, expected, "damage at {at} went unnoticed");
            }
        }
        assert!(noticed > 0 && refused > 0);
    }

    /// Why `bytes` is refused as an index written with fingerprint 7.
    fn refusal(bytes: &[u8]) -> String {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        match read(file.reopen().unwrap(), 7, Synonyms::default()) {
            Ok(_) => "accepted".to_string(),
            Err(refused) => refused.to_string(),
        }
    }

    #[test]
    fn a_refused_file_says_why() {
        let library = Library::load(&[Source::Bundled]);
        let (_, bytes) = stored(&library);
        let passages_at = to_usize(u64_at(&bytes, 60));
        let mut other_version = bytes.clone();
        other_version[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
        let mut other_passages = bytes.clone();
        other_passages[passages_at] ^= 0x01;
        let mut appended = bytes.clone();
        appended.push(0);
        let cases = [
            (
                &b"not an index at all, but long enough for a header....................."[..],
                "it is not an rxdoc index".to_string(),
            ),
            (
                &bytes[..HEADER_LEN - 1],
                "it is damaged (in its header)".to_string(),
            ),
            (
                &other_version,
                format!(
                    "it is of format {}, and this rxdoc reads format {VERSION}",
                    VERSION + 1
                ),
            ),
            (
                &appended,
                format!(
                    "it is {} bytes long, and its header says {}",
                    bytes.len() + 1,
                    bytes.len()
                ),
            ),
            (
                &bytes[..bytes.len() - 1],
                format!(
                    "it is {} bytes long, and its header says {}",
                    bytes.len() - 1,
                    bytes.len()
                ),
            ),
            (
                &other_passages,
                "it is damaged: its passages fail their checksum".to_string(),
            ),
        ];
        for (damaged, why) in cases {
            assert_eq!(refusal(damaged), why);
        }
        assert_eq!(refusal(&bytes), "accepted");
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_is_refused_as_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let opened = std::fs::File::open(dir.path()).unwrap();
        assert!(matches!(
            read(opened, 7, Synonyms::default()),
            Err(Refused::NotRegular)
        ));
    }
}
