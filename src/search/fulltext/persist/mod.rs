//! The index in a cache file (format 9). Layout, all little-endian:
//!
//! ```text
//! header     magic, version, then fingerprint, total length, the head's
//!            offset, length and hash, the dictionary's length and hash,
//!            and the offsets of the table, postings, spans, passages and
//!            marks
//! dictionary the first 16 KB of text indexed, which every group of texts
//!            is compressed against
//! texts      groups of 64 passages' texts, each group LZ4-compressed
//!            (see `group`)
//! table      (offset, length, hash) of each group of texts
//! postings   each term's, then each phrase's (passage, position) entries
//!            as varint gaps, as they are in memory (see `compact`)
//! spans      (offset, length, count, hash) of each postings list
//! passages   each passage's drug, pane, kind, urgency, words, section and
//!            first mark, 17 bytes each
//! marks      the byte offset of every 64th word of each passage
//! head       extra strings the caller keeps (drug ids and names, load
//!            problems); the counts of drugs, passages, marks and lists;
//!            the end and hash of each chunk of passages, marks and spans;
//!            terms, term order and lengths; the phrases' term ids; the
//!            name lines' passages and word counts
//! ```
//!
//! Opening reads the header and the head (checked against its hash), and
//! checks that the parts follow one another as the header says; nothing
//! else. Spans, passages and marks are tables of fixed-size records stored
//! in chunks of about 16 KB, each compressed (`chunked`); a chunk, a
//! postings list and a group of texts are each read, and checked against
//! their hash, the first time a search needs them, by positioned reads
//! (`reader`). A
//! mismatch marks the index damaged ([`Index::damaged`](super::Index::damaged))
//! so the caller can rebuild; a file of another format, of the wrong
//! length, or whose head does not match its hash or agree with itself, is
//! refused on opening.
//!
//! The parts come in the order they are known while indexing, so an index
//! is written as it is built: texts go to the file a group at a time,
//! never all held in memory, and the header is filled in last. The table
//! and the postings, known as texts are written but placed after them,
//! wait in a scratch file as they pile up ([`super::spill`]).

mod read;

use crate::narrow::to_u32;
use crate::search::fulltext::ToIndex;
use std::io::{self, Read, Seek, SeekFrom, Write};

pub use read::{Refused, read};

use super::builder::{self, Built, Sink};
use super::chunked::Layout;
use super::compact::Compact;
use super::group::{DICTIONARY, Group};
use super::packer::Packer;
use super::phrases;
use super::spill::Spill;
use super::store::{PASSAGE_BYTES, SPAN_BYTES, TEXT_GROUP, hash_of};
use crate::progress::Progress;
use crate::search::synonyms::Synonyms;

const MAGIC: &[u8; 8] = b"RXDOCIDX";
/// Bumped whenever the layout or the meaning of the index changes.
const VERSION: u32 = 9;
/// Magic, version, then twelve values (see [`Header`]).
const HEADER_LEN: usize = 8 + 4 + 8 * 12;

/// Records of each lazily read table to a chunk: about 16 KB each, a few
/// pages read and checked at a time.
const PASSAGES_PER_CHUNK: usize = 1024;
const MARKS_PER_CHUNK: usize = 4096;
const SPANS_PER_CHUNK: usize = 512;

/// Where each part is, as the header gives it after magic and version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Header {
    fingerprint: u64,
    total: u64,
    head_at: u64,
    head_len: u64,
    head_hash: u64,
    dictionary_len: u64,
    dictionary_hash: u64,
    table_at: u64,
    postings_at: u64,
    spans_at: u64,
    passages_at: u64,
    marks_at: u64,
}

impl Header {
    /// The values in the order the file stores them.
    fn values(&self) -> [u64; 12] {
        [
            self.fingerprint,
            self.total,
            self.head_at,
            self.head_len,
            self.head_hash,
            self.dictionary_len,
            self.dictionary_hash,
            self.table_at,
            self.postings_at,
            self.spans_at,
            self.passages_at,
            self.marks_at,
        ]
    }

    /// The header stored as `bytes` (after magic and version).
    fn from_bytes(bytes: &[u8]) -> Self {
        let at = |i: usize| super::store::u64_at(bytes, 8 * i);
        Header {
            fingerprint: at(0),
            total: at(1),
            head_at: at(2),
            head_len: at(3),
            head_hash: at(4),
            dictionary_len: at(5),
            dictionary_hash: at(6),
            table_at: at(7),
            postings_at: at(8),
            spans_at: at(9),
            passages_at: at(10),
            marks_at: at(11),
        }
    }
}

/// The layouts of the three lazily read tables.
fn layouts(header: &Header, passages: usize, marks: usize, spans: usize) -> [Layout; 3] {
    [
        Layout {
            at: header.passages_at,
            record: PASSAGE_BYTES,
            count: passages,
            per_chunk: PASSAGES_PER_CHUNK,
        },
        Layout {
            at: header.marks_at,
            record: 4,
            count: marks,
            per_chunk: MARKS_PER_CHUNK,
        },
        Layout {
            at: header.spans_at,
            record: SPAN_BYTES,
            count: spans,
            per_chunk: SPANS_PER_CHUNK,
        },
    ]
}

/// Indexes `drugs` into `out`, with `extra` string lists (kept verbatim for
/// the caller) and the phrases of `synonyms` indexed as wholes, telling
/// `report` how many drugs are done as it goes. Postings wait in `scratch`
/// until they are written, so the build's memory stays bounded.
pub fn build_into<D: ToIndex>(
    out: &mut (impl Write + Seek),
    scratch: impl Read + Write + Seek,
    fingerprint: u64,
    extra: &[&[String]],
    drugs: impl IntoIterator<Item = D>,
    synonyms: &Synonyms,
    report: &dyn Fn(Progress),
) -> io::Result<()> {
    let file = ToFile::new(out, Spill::new(scratch), Budget::DEFAULT, report);
    write_index(file, fingerprint, extra, drugs, synonyms, true)
}

/// [`build_into`] through `file`; with `share`, on two threads where the
/// machine has two cores (the file is the same either way).
fn write_index<D: ToIndex, O: Write + Seek, S: Read + Write + Seek>(
    mut file: ToFile<'_, O, S>,
    fingerprint: u64,
    extra: &[&[String]],
    drugs: impl IntoIterator<Item = D>,
    synonyms: &Synonyms,
    share: bool,
) -> io::Result<()> {
    let share = share && crate::parallel::two_cores();
    file.out.seek(SeekFrom::Start(0))?;
    file.out.write_all(&[0; HEADER_LEN])?;
    let built = std::thread::scope(|scope| {
        if share {
            file.packer = Packer::on_helper(scope);
        }
        let built = builder::build(drugs, &phrases::wanted(synonyms), share, &mut file);
        // Every group handed to the helper is back and written, and the
        // helper ends with the scope.
        file.finish_texts();
        built
    });
    write_after_texts(file, built, fingerprint, extra)
}

/// The rest of the file once the texts are written: postings, the tables,
/// the head, then the header over the zeros left for it.
fn write_after_texts<O: Write + Seek, S: Read + Write + Seek>(
    mut file: ToFile<'_, O, S>,
    mut built: builder::Built,
    fingerprint: u64,
    extra: &[&[String]],
) -> io::Result<()> {
    file.written?;
    let out = file.out;
    let mut header = Header {
        fingerprint,
        dictionary_len: file.dictionary.len() as u64,
        dictionary_hash: hash_of(&file.dictionary),
        table_at: file.at,
        ..Header::default()
    };
    for span in file.parked {
        file.spill.copy(span, out)?;
    }
    out.write_all(&file.table)?;
    header.postings_at = out.stream_position()?;
    // Each list is dropped once written, so the head is made in the memory
    // they held.
    let lists = std::mem::take(&mut built.lists);
    let spans = write_postings(out, lists, built.terms.len(), file.spill)?;
    header.spans_at = out.stream_position()?;
    let marks: Vec<u8> = built.marks.iter().flat_map(|m| m.to_le_bytes()).collect();
    let [passages, marks_layout, spans_layout] = layouts(
        &header,
        built.passages.len(),
        built.marks.len(),
        spans.len() / SPAN_BYTES,
    );
    let (spans, span_chunks) = spans_layout.pack(&spans);
    out.write_all(&spans)?;
    header.passages_at = header.spans_at + spans.len() as u64;
    let (passages, passage_chunks) = passages.pack(built.passages.bytes());
    out.write_all(&passages)?;
    header.marks_at = header.passages_at + passages.len() as u64;
    let (marks, mark_chunks) = marks_layout.pack(&marks);
    out.write_all(&marks)?;
    header.head_at = header.marks_at + marks.len() as u64;
    let chunks = [passage_chunks, mark_chunks, span_chunks];
    let mut head = Vec::new();
    write_head(&mut head, &built, extra, &chunks)?;
    out.write_all(&head)?;
    header.head_len = head.len() as u64;
    header.head_hash = hash_of(&head);
    header.total = header.head_at + header.head_len;
    out.seek(SeekFrom::Start(0))?;
    out.write_all(MAGIC)?;
    out.write_all(&VERSION.to_le_bytes())?;
    for value in header.values() {
        out.write_all(&value.to_le_bytes())?;
    }
    Ok(())
}

/// Writes every list's postings as varint gaps ([`Compact`]): for each
/// of the `terms` terms, those set aside in `spill`, then the rest; the
/// phrases' lists after them are never set aside. Returns each list's
/// span as the file stores them: offset, byte length, count and hash.
fn write_postings<S: Read + Write + Seek>(
    out: &mut impl Write,
    lists: Vec<Compact>,
    terms: usize,
    spill: Spill<S>,
) -> io::Result<Vec<u8>> {
    let mut set_aside = spill.runs()?;
    let mut spans = Vec::with_capacity(lists.len() * SPAN_BYTES);
    let mut offset = 0u64;
    for (id, list) in lists.into_iter().enumerate() {
        let whole = if id < terms {
            let mut whole = Compact::default();
            set_aside.append_to(to_u32(id), &mut whole)?;
            if whole.len() == 0 {
                list
            } else {
                whole.append(&list);
                whole
            }
        } else {
            list
        };
        let bytes = whole.bytes();
        out.write_all(bytes)?;
        spans.extend_from_slice(&offset.to_le_bytes());
        spans.extend_from_slice(&to_u32(bytes.len()).to_le_bytes());
        spans.extend_from_slice(&to_u32(whole.len()).to_le_bytes());
        spans.extend_from_slice(&hash_of(bytes).to_le_bytes());
        offset += bytes.len() as u64;
    }
    Ok(spans)
}

/// A build bound for a file: texts go out a group at a time, compressed,
/// each group with its table entry (offset, length, hash) kept for later;
/// postings and table entries are set aside in the scratch file as they
/// reach their [`Budget`].
struct ToFile<'o, O, S> {
    out: &'o mut O,
    spill: Spill<S>,
    budget: Budget,
    /// Texts not yet written.
    group: Group,
    /// Where groups are compressed.
    packer: Packer,
    /// The dictionary groups are compressed against: the first texts, up
    /// to [`DICTIONARY`] bytes.
    dictionary: Vec<u8>,
    /// Groups waiting for the dictionary to fill before they are packed.
    waiting: Vec<Group>,
    /// Whether the dictionary is full and written.
    dictionary_written: bool,
    /// Where the next group goes in `out`.
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
            group: Group::default(),
            packer: Packer::default(),
            dictionary: Vec::new(),
            waiting: Vec::new(),
            dictionary_written: false,
            at: HEADER_LEN as u64,
            table: Vec::new(),
            parked: Vec::new(),
            written: Ok(()),
            report,
        }
    }
}

impl<O: Write, S: Read + Write + Seek> ToFile<'_, O, S> {
    /// Packs the texts gathered once the dictionary is written; until
    /// then, keeps them waiting.
    fn end_group(&mut self) {
        if self.dictionary_written {
            let mut group = std::mem::take(&mut self.group);
            self.write_group(&mut group);
        } else {
            self.waiting.push(std::mem::take(&mut self.group));
        }
    }

    /// Writes the dictionary, then the groups that waited for it.
    fn write_dictionary(&mut self) {
        self.dictionary.truncate(DICTIONARY);
        if self.written.is_ok() {
            self.written = self.out.write_all(&self.dictionary);
        }
        self.at += self.dictionary.len() as u64;
        self.dictionary_written = true;
        self.packer.set_dictionary(&self.dictionary);
        for mut group in std::mem::take(&mut self.waiting) {
            self.write_group(&mut group);
        }
    }

    /// Writes what is left of the texts once every passage is in.
    fn finish_texts(&mut self) {
        if self.group.len() > 0 {
            self.end_group();
        }
        if !self.dictionary_written {
            self.write_dictionary();
        }
        for packed in std::mem::take(&mut self.packer).finish() {
            self.write_packed(&packed);
        }
    }

    /// Hands `group` over to be compressed, and writes what is.
    fn write_group(&mut self, group: &mut Group) {
        for packed in self.packer.pack(std::mem::take(group)) {
            self.write_packed(&packed);
        }
    }

    /// Writes a compressed group, with its table entry.
    fn write_packed(&mut self, packed: &[u8]) {
        if self.written.is_ok() {
            self.written = self.out.write_all(packed);
        }
        self.table.extend_from_slice(&self.at.to_le_bytes());
        self.table
            .extend_from_slice(&to_u32(packed.len()).to_le_bytes());
        self.table.extend_from_slice(&hash_of(packed).to_le_bytes());
        self.at += packed.len() as u64;
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
}

impl<O: Write, S: Read + Write + Seek> Sink for ToFile<'_, O, S> {
    fn text(&mut self, text: String) {
        self.group.push(&text);
        if !self.dictionary_written {
            self.dictionary.extend_from_slice(text.as_bytes());
        }
        if self.group.len() == TEXT_GROUP as usize {
            self.end_group();
        }
        if !self.dictionary_written && self.dictionary.len() >= DICTIONARY {
            self.write_dictionary();
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

/// The head: what is read whole when the file is opened. `chunks` are the
/// end and hash of each chunk of the passages, the marks and the spans.
fn write_head(
    out: &mut impl Write,
    built: &Built,
    extra: &[&[String]],
    chunks: &[Vec<(u64, u64)>; 3],
) -> io::Result<()> {
    put_u32(out, to_u32(extra.len()))?;
    for list in extra {
        put_strings(out, list)?;
    }
    put_u32(out, built.drugs)?;
    put_u32(out, to_u32(built.passages.len()))?;
    put_u32(out, to_u32(built.marks.len()))?;
    put_u32(out, to_u32(built.terms.len() + built.phrases.len()))?;
    for part in chunks {
        put_u32(out, to_u32(part.len()))?;
        for (end, hash) in part {
            put_u64(out, *end)?;
            put_u64(out, *hash)?;
        }
    }
    put_strings(out, &built.terms)?;
    put_u32s(out, &built.sorted)?;
    put_u32(out, to_u32(built.by_length.len()))?;
    for bucket in &built.by_length {
        put_u32s(out, bucket)?;
    }
    put_u32(out, to_u32(built.phrases.len()))?;
    built
        .phrases
        .iter()
        .try_for_each(|ids| put_u32s(out, ids))?;
    let (names, words) = built.names.stored();
    put_u32s(out, names)?;
    put_u32s(out, &words)
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

    /// Offsets in the header of the head, the passages and the texts' table.
    const HEAD_AT: usize = 12 + 8 * 2;
    const PASSAGES_AT: usize = 12 + 8 * 10;
    const TABLE_AT: usize = 12 + 8 * 7;

    /// Every query of the judged set (tests/relevance/judged.toml), then
    /// [`QUERIES`].
    fn judged_queries() -> Vec<String> {
        let judged: toml::Table =
            toml::from_str(include_str!("../../../../tests/relevance/judged.toml")).unwrap();
        let queries = judged["query"].as_array().unwrap().iter();
        let texts = queries.map(|q| q["text"].as_str().unwrap().to_string());
        let judged: Vec<String> = texts.chain(QUERIES.map(String::from)).collect();
        assert!(judged.len() > 100);
        judged
    }

    fn bundled() -> (Library, Index) {
        let library = Library::load(&[Source::Bundled]);
        let index = Index::build(library.monographs(), library.synonyms.clone());
        (library, index)
    }

    /// The index file of `library`, built within `budget`.
    fn written(library: &Library, budget: Budget) -> Vec<u8> {
        written_sharing(library, budget, true)
    }

    /// [`written`], on one thread unless `share`.
    fn written_sharing(library: &Library, budget: Budget, share: bool) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        let scratch = Spill::new(io::Cursor::new(Vec::new()));
        let file = ToFile::new(&mut out, scratch, budget, &|_| {});
        let extra: &[String] = &["extra".to_string()];
        let drugs = library.monographs();
        write_index(file, 7, &[extra], drugs, &library.synonyms, share).unwrap();
        out.into_inner()
    }

    fn stored(library: &Library) -> (tempfile::NamedTempFile, Vec<u8>) {
        let bytes = written(library, Budget::DEFAULT);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        (file, bytes)
    }

    /// The index stored in `file` (of `library`), opened afresh.
    fn opened(file: &tempfile::NamedTempFile, library: &Library) -> Index {
        read(file.reopen().unwrap(), 7, library.synonyms.clone())
            .unwrap()
            .1
    }

    #[test]
    fn a_stored_index_answers_exactly_as_the_built_one() {
        let (library, built) = bundled();
        let (file, _) = stored(&library);
        let (extra, read) = read(file.reopen().unwrap(), 7, library.synonyms.clone()).unwrap();
        assert_eq!(extra, vec![["extra"].into_iter().collect()]);
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
    fn read_lazily_or_whole_the_index_answers_as_the_built_one() {
        let (library, built) = bundled();
        let (file, _) = stored(&library);
        let open = || opened(&file, &library);
        let (lazily, whole) = (open(), open());
        whole.read_all();
        for query in judged_queries() {
            let expected = built.search(&query, None, 200);
            for (how, index) in [("lazily", &lazily), ("whole", &whole)] {
                assert_eq!(index.search(&query, None, 200), expected, "{query}, {how}");
            }
            let sections = built.search_sections(&query, None, 50);
            assert_eq!(
                lazily.search_sections(&query, None, 50),
                sections,
                "{query}"
            );
        }
        assert!(!lazily.damaged() && !whole.damaged());
    }

    #[test]
    fn a_long_list_read_from_its_start_holds_every_entry_before_its_reach() {
        let (library, built) = bundled();
        let (file, _) = stored(&library);
        let open = || opened(&file, &library);
        let passages = to_u32(built.passages_len());
        let ends = [
            0,
            1,
            passages / 16,
            passages / 16 + 1,
            passages / 4,
            passages / 4 + 1,
            passages,
        ];
        let long: Vec<u32> = (0..to_u32(built.terms.len()))
            .filter(|&term| built.postings.get(term).len() >= 64)
            .step_by(50)
            .take(8)
            .collect();
        for &term in &long {
            let whole = built.postings.get(term);
            // A fresh index for each list, so that its beginnings are read
            // before the whole is, the nearer first and then the farther.
            let index = open();
            assert_eq!(index.postings.count(term), whole.len(), "term {term}");
            for end in ends.iter().step_by(2).chain(ends.iter().skip(1).step_by(2)) {
                let start = index.postings.upto(term, *end);
                assert!(whole.starts_with(start), "term {term} to {end}");
                let before = whole.partition_point(|&(p, _)| p < *end);
                assert!(start.len() >= before, "term {term} to {end}");
            }
            assert_eq!(index.postings.get(term), whole, "term {term}");
            assert!(!index.damaged());
        }
        assert!(long.len() > 3, "the bundled library has long lists");
    }

    #[test]
    fn stored_texts_take_under_two_thirds_of_their_size_and_come_back_whole() {
        let library = Library::load(&[Source::Bundled]);
        let bytes = written(&library, Budget::DEFAULT);
        let texts: Vec<String> = library
            .monographs()
            .flat_map(crate::search::fulltext::passages_of)
            .map(|(_, _, text)| text)
            .collect();
        let raw: usize = texts.iter().map(String::len).sum();
        // The dictionary and the compressed groups, before the table.
        let stored = to_usize(u64_at(&bytes, TABLE_AT)) - HEADER_LEN;
        // (Format 7 stored them as they came: `stored` was `raw`.)
        assert!(
            stored * 3 < raw * 2,
            "{stored} bytes stored for {raw} of text"
        );
        // Each text read back from the file is the text indexed (in
        // passage order, which is drug-name order: compared as sets).
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&bytes).unwrap();
        let (_, index) = read(file.reopen().unwrap(), 7, library.synonyms.clone()).unwrap();
        let mut read_back: Vec<String> = (0..to_u32(index.passages_len()))
            .map(|p| index.text_of(p).into_owned())
            .collect();
        let mut indexed = texts;
        read_back.sort();
        indexed.sort();
        assert!(read_back == indexed);
        assert!(!index.damaged());
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
        // fills; the table a group at a time, then in a few parts.
        for (entries, table) in [(1, 1), (50, 1_000), (5_000, 20_000)] {
            let budget = Budget { entries, table };
            assert!(written(&library, budget) == whole, "{budget:?}");
        }
    }

    #[test]
    fn a_build_on_two_threads_writes_the_file_one_thread_writes() {
        let library = Library::load(&[Source::Bundled]);
        assert!(library.entries.len() > 100, "too few drugs to share");
        let small = Budget {
            entries: 5_000,
            table: 1_000,
        };
        for budget in [Budget::DEFAULT, small] {
            let alone = written_sharing(&library, budget, false);
            assert!(
                written_sharing(&library, budget, true) == alone,
                "{budget:?}"
            );
        }
    }

    #[test]
    fn damage_in_the_lazily_read_parts_is_noticed_or_changes_nothing() {
        let (library, built) = bundled();
        let (_, bytes) = stored(&library);
        let head_at = to_usize(u64_at(&bytes, HEAD_AT));
        let queries = QUERIES;
        let expected: Vec<_> = queries.iter().map(|q| built.search(q, None, 500)).collect();
        let mut noticed = 0;
        for at in (HEADER_LEN..head_at).step_by(997) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x01;
            let mut file = tempfile::NamedTempFile::new().unwrap();
            file.write_all(&damaged).unwrap();
            // Nothing but the header and the head is checked on opening.
            let (_, read) = read(file.reopen().unwrap(), 7, library.synonyms.clone())
                .unwrap_or_else(|e| panic!("damage at {at} refused the file: {e}"));
            let answers: Vec<_> = queries.iter().map(|q| read.search(q, None, 500)).collect();
            if read.damaged() {
                noticed += 1;
            } else {
                // Not read by these searches, so it cannot have changed them.
                assert!(answers == expected, "damage at {at} went unnoticed");
            }
        }
        assert!(noticed > 0);
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
        let head_at = to_usize(u64_at(&bytes, HEAD_AT));
        let mut older = bytes.clone();
        older[8..12].copy_from_slice(&(VERSION - 1).to_le_bytes());
        let mut other_head = bytes.clone();
        other_head[head_at + 5] ^= 0x01;
        let mut misplaced = bytes.clone();
        let passages_at = u64_at(&bytes, PASSAGES_AT);
        misplaced[PASSAGES_AT..PASSAGES_AT + 8].copy_from_slice(&(passages_at + 17).to_le_bytes());
        let mut appended = bytes.clone();
        appended.push(0);
        let cases = [
            (
                &b"not an index at all, but long enough for a header, and then some more.........................................................."[..],
                "it is not an rxdoc index".to_string(),
            ),
            (
                &bytes[..HEADER_LEN - 1],
                "it is damaged (in its header)".to_string(),
            ),
            (
                &older,
                format!(
                    "it is of format {}, and this rxdoc reads format {VERSION}",
                    VERSION - 1
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
                &other_head,
                "it is damaged: its head does not match its checksum".to_string(),
            ),
            (&misplaced, "it is damaged (in its layout)".to_string()),
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
