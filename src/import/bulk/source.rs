//! Inputs of a bulk import as a stream of labels, each with where it was
//! found: openFDA JSON (plain or in a zip) record by record, DailyMed
//! zips of label zips entry by entry. What cannot be read is reported and
//! the rest read on.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use serde_json::Value;

use super::archive::{Archive, Kind, read_to_limit};
use super::stream::{self, Record};
use super::{Location, Options, Problem, Skip};
use crate::import::label::Label;
use crate::import::{fda, spl};

/// Which labels to read in full (the rest are passed over unread), or all.
pub enum Wanted<'a> {
    /// Every label.
    All,
    /// Only these, and the entries that hold them.
    Only(&'a HashSet<Location>, HashSet<(usize, usize)>),
}

impl<'a> Wanted<'a> {
    /// Only the labels at these places.
    pub fn only(labels: &'a HashSet<Location>) -> Self {
        Wanted::Only(labels, labels.iter().map(|l| (l.input, l.entry)).collect())
    }

    fn label(&self, at: Location) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Only(labels, _) => labels.contains(&at),
        }
    }

    fn entry(&self, input: usize, entry: usize) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Only(_, entries) => entries.contains(&(input, entry)),
        }
    }
}

/// Called for every label found: where, its origin in words, and the label
/// or why it was skipped.
pub type Each<'e> = dyn FnMut(Location, &str, Result<Label, Skip>) + 'e;

/// The fields of an openFDA record that identify its label (names, route,
/// labeller, type, set id, version, date): all the first pass needs.
const IDENTITY: &[&str] = &[
    "openfda",
    "set_id",
    "version",
    "effective_time",
    "spl_product_data_elements",
];

/// Whether a file is a zip archive (by its first bytes, whatever its name).
pub fn is_zip(path: &Path) -> bool {
    // Only a regular file is opened: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut magic = [0u8; 4];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06")
}

/// Reads input number `input`, calling `each` for every label in it;
/// returns what could not be read.
pub fn read_input(
    path: &Path,
    input: usize,
    options: &Options,
    wanted: &Wanted,
    each: &mut Each,
) -> Vec<Problem> {
    let shown = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return vec![Problem::new(&shown, format!("cannot read: {e}"))],
    };
    if is_zip(path) {
        return read_archive(file, &shown, input, options, wanted, each);
    }
    if !wanted.entry(input, 0) {
        return Vec::new();
    }
    let origin = shown.clone();
    read_json(
        file,
        &origin,
        Location::new(input, 0),
        options,
        wanted,
        each,
    )
    .map(|p| vec![Problem::new(&shown, p)])
    .unwrap_or_default()
}

/// Every label of a zip archive held in memory (input number 0), for tests
/// and fuzzing of the archive reader.
pub fn read_zip_bytes(bytes: &[u8], options: &Options, each: &mut Each) -> Vec<Problem> {
    read_archive(
        std::io::Cursor::new(bytes),
        "archive",
        0,
        options,
        &Wanted::All,
        each,
    )
}

/// Every entry of a zip archive.
fn read_archive<R: Read + Seek>(
    reader: R,
    shown: &str,
    input: usize,
    options: &Options,
    wanted: &Wanted,
    each: &mut Each,
) -> Vec<Problem> {
    let mut archive = match Archive::open(reader, options.limits) {
        Ok(a) => a,
        Err(e) => return vec![Problem::new(shown, e.to_string())],
    };
    let mut problems = Vec::new();
    for entry in 0..archive.len() {
        if !wanted.entry(input, entry) {
            continue;
        }
        let at = Location::new(input, entry);
        let (name, kind) = match archive.entry(entry) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem::new(
                    &format!("{shown}, entry {entry}"),
                    e.to_string(),
                ));
                continue;
            }
        };
        let origin = format!("{shown}: {name}");
        let problem = match kind {
            None => None,
            Some(Kind::Json) => archive
                .with_entry(entry, |r| read_json(r, &origin, at, options, wanted, each))
                .unwrap_or_else(|e| Some(e.to_string())),
            Some(Kind::Xml) => archive
                .with_entry(entry, |r| read_spl(r, options.record_limit))
                .map(|label| each(at, &origin, label))
                .err()
                .map(|e| e.to_string()),
            Some(Kind::Zip) => match archive.nested(entry) {
                Ok(mut inner) => {
                    each(at, &origin, nested_label(&mut inner, options.record_limit));
                    None
                }
                Err(e) => {
                    each(at, &origin, Err(Skip::Unreadable(e.to_string())));
                    None
                }
            },
        };
        if let Some(why) = problem {
            problems.push(Problem::new(&origin, why));
        }
        if options.stopped() {
            break;
        }
    }
    problems
}

/// The first SPL XML file of a label's zip.
fn nested_label<R: Read + Seek>(inner: &mut Archive<R>, limit: u64) -> Result<Label, Skip> {
    for index in 0..inner.len() {
        let (_, kind) = inner
            .entry(index)
            .map_err(|e| Skip::Unreadable(e.to_string()))?;
        if kind == Some(Kind::Xml) {
            return inner
                .with_entry(index, |r| read_spl(r, limit))
                .map_err(|e| Skip::Unreadable(e.to_string()))?;
        }
    }
    Err(Skip::Unreadable(
        "no SPL XML file in the label's zip".into(),
    ))
}

/// One SPL XML label, up to `limit` bytes.
fn read_spl(reader: &mut dyn Read, limit: u64) -> Result<Label, Skip> {
    let bytes = read_to_limit(reader, limit).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData if !e.to_string().contains("zip bomb") => Skip::TooLarge,
        _ => Skip::Unreadable(e.to_string()),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Skip::Unreadable("the SPL file is not valid UTF-8".into()))?;
    let label = spl::parse(&text)
        .map_err(|e| Skip::Unreadable(format!("not a readable SPL label: {e}")))?;
    named(label)
}

/// Every record of an openFDA JSON document; `Some` says why the rest of
/// it could not be read.
fn read_json(
    reader: impl Read,
    origin: &str,
    at: Location,
    options: &Options,
    wanted: &Wanted,
    each: &mut Each,
) -> Option<String> {
    let keep = |record: usize| wanted.label(at.record(record));
    let mut give = |record: usize, got: Record| {
        let label = match got {
            Record::Passed => return,
            Record::TooLarge => Err(Skip::TooLarge),
            Record::NotAnObject => Err(Skip::Unreadable("the record is not a JSON object".into())),
            Record::Read(map) => json_label(map),
        };
        each(
            at.record(record),
            &format!("{origin}, record {}", record + 1),
            label,
        );
    };
    let reader = Stoppable {
        inner: reader,
        options,
    };
    // Reading every label only to group them, only what identifies a label
    // is kept; the drugs' newest labels are then read whole.
    let field = |key: &str| !matches!(wanted, Wanted::All) || IDENTITY.contains(&key);
    let result =
        stream::for_each_record_with(reader, options.record_limit, &keep, &field, &mut give);
    // An interrupt ends the stream early; that is not a damaged file.
    result
        .err()
        .filter(|_| !options.stopped())
        .map(|e| e.to_string())
}

/// A reader that ends with an error once the import is interrupted, so a
/// long stream stops after the record being read.
struct Stoppable<'o, R> {
    inner: R,
    options: &'o Options,
}

impl<R: Read> Read for Stoppable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.options.stopped() {
            // Not `ErrorKind::Interrupted`, which readers retry.
            return Err(std::io::Error::other("interrupted"));
        }
        self.inner.read(buf)
    }
}

/// One openFDA record as a label, by the one openFDA reader.
fn json_label(map: serde_json::Map<String, Value>) -> Result<Label, Skip> {
    let text =
        serde_json::to_string(&Value::Object(map)).map_err(|e| Skip::Unreadable(e.to_string()))?;
    let label = fda::read(&text)
        .map_err(Skip::Unreadable)?
        .into_iter()
        .next()
        .ok_or_else(|| Skip::Unreadable("empty record".into()))?
        .map_err(Skip::Unreadable)?;
    named(label)
}

/// A label that names its active ingredients; others cannot be merged.
fn named(label: Label) -> Result<Label, Skip> {
    if label.generic_names.iter().all(|n| n.trim().is_empty()) {
        return Err(Skip::NoName);
    }
    Ok(label)
}
