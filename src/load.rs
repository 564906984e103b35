//! Files → monographs, with every problem reported and none fatal.
//!
//! The bundled `data/` directory is compiled into the binary. User directories
//! (`--data`, `RXDOC_DATA`) are read after it, so a user file with the same id
//! replaces the bundled monograph.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::model::Monograph;
use crate::sanitize::sanitize;
use crate::search::synonyms::Synonyms;
use crate::validate::{FieldPath, Step, validate};

/// The monographs shipped inside the binary.
static BUNDLED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");

/// Largest monograph file read; larger files are reported, not loaded.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Name of the lay-word synonyms file, which is not a monograph.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

/// Where monographs come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The data compiled into the binary.
    Bundled,
    /// A directory (searched recursively for `*.toml`) or a single file.
    Path(PathBuf),
}

/// A monograph and the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The parsed, sanitised, validated monograph.
    pub monograph: Monograph,
    /// The file's path as shown to users.
    pub origin: String,
}

/// A file's name and its raw bytes, before parsing.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Path as shown to users.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Everything loaded from a list of sources.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Monographs sorted by name, one per id.
    pub entries: Vec<Loaded>,
    /// Problems, in the order files were read.
    pub diagnostics: Vec<Diagnostic>,
    /// Lay-word synonyms from every source's `synonyms.toml`.
    pub synonyms: Synonyms,
    synonym_files: Vec<RawFile>,
}

impl Library {
    /// Loads every source in order; later sources override earlier ones by id.
    pub fn load(sources: &[Source]) -> Self {
        let mut lib = Library::default();
        for source in sources {
            let (files, mut problems) = read_source(source);
            lib.diagnostics.append(&mut problems);
            lib.add_source(files);
        }
        lib.finish()
    }

    /// Sorts the entries and checks the synonym files.
    fn finish(mut self) -> Self {
        self.entries
            .sort_by(|a, b| sort_key(&a.monograph).cmp(&sort_key(&b.monograph)));
        let (synonyms, mut problems) = Synonyms::load(&std::mem::take(&mut self.synonym_files));
        self.synonyms = synonyms;
        self.diagnostics.append(&mut problems);
        self
    }

    /// Loads the sources as if they were one directory: an id used twice is
    /// an error rather than an override. This is what `check` wants.
    pub fn load_as_one(sources: &[Source]) -> Self {
        let mut lib = Library::default();
        let mut files = Vec::new();
        for source in sources {
            let (mut found, mut problems) = read_source(source);
            files.append(&mut found);
            lib.diagnostics.append(&mut problems);
        }
        lib.add_source(files);
        lib.finish()
    }

    /// The monographs, sorted by name.
    pub fn monographs(&self) -> impl ExactSizeIterator<Item = &Monograph> {
        self.entries.iter().map(|e| &e.monograph)
    }

    fn add_source(&mut self, files: Vec<RawFile>) {
        let first_of_source = self.entries.len();
        let mut by_id: HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.monograph.id.clone(), i))
            .collect();
        for file in files {
            if file_name(&file.path) == SYNONYMS_FILE {
                self.synonym_files.push(file);
                continue;
            }
            let monograph = match parse_monograph(&file.path, &file.bytes) {
                Ok(m) => m,
                Err(mut problems) => {
                    self.diagnostics.append(&mut problems);
                    continue;
                }
            };
            let existing = by_id.get(&monograph.id).copied();
            match existing {
                // Two files of one source claiming an id is a mistake; a later
                // source claiming it is a deliberate local override.
                Some(i) if i >= first_of_source => {
                    self.diagnostics.push(duplicate_id(&file, &self.entries[i]))
                }
                Some(i) => {
                    self.entries[i] = Loaded {
                        monograph,
                        origin: file.path,
                    }
                }
                None => {
                    by_id.insert(monograph.id.clone(), self.entries.len());
                    self.entries.push(Loaded {
                        monograph,
                        origin: file.path,
                    });
                }
            }
        }
    }
}

fn sort_key(m: &Monograph) -> (String, &str) {
    (m.name.to_lowercase(), &m.id)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn duplicate_id(file: &RawFile, first: &Loaded) -> Diagnostic {
    let text = String::from_utf8_lossy(&file.bytes);
    let offset = locate(&text, &FieldPath(vec![Step::Key("id")]));
    Diagnostic::at(
        &file.path,
        &text,
        offset,
        format!(
            "duplicate id `{}`: already used by {}",
            first.monograph.id, first.origin
        ),
    )
}

/// Parses one monograph file, reporting every problem with its position.
pub fn parse_monograph(path: &str, bytes: &[u8]) -> Result<Monograph, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::file(
            path,
            format!(
                "file is {} bytes; monographs are limited to {} bytes",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )]);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        vec![Diagnostic::at(
            path,
            &valid,
            valid.len(),
            "file is not valid UTF-8 text",
        )]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::file(path, "file is empty")]);
    }
    let mut monograph: Monograph = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![Diagnostic::at(path, text, offset, first_line(e.message()))]
    })?;
    monograph.for_each_text_mut(|s| {
        if s.chars().any(|c| c.is_control() && c != '\n') || !s.is_ascii() {
            *s = sanitize(s);
        }
    });
    let problems = validate(&monograph);
    if problems.is_empty() {
        return Ok(monograph);
    }
    Err(problems
        .into_iter()
        .map(|p| Diagnostic::at(path, text, locate(text, &p.path), p.message))
        .collect())
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// Byte offset of the value at `path`, or of its nearest existing ancestor.
pub fn locate(text: &str, path: &FieldPath) -> usize {
    let Ok(root) = DeTable::parse(text) else {
        return 0;
    };
    let mut offset = 0;
    let mut table = Some(root.get_ref());
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    for step in &path.0 {
        let found = match (step, table, array) {
            (Step::Key(key), Some(t), _) => t
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == *key)
                .map(|(k, v)| (k.span().start, v)),
            (Step::Index(i), _, Some(a)) => a.get(*i).map(|v| (v.span().start, v)),
            _ => None,
        };
        let Some((start, value)) = found else { break };
        offset = start;
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    offset
}

fn read_source(source: &Source) -> (Vec<RawFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    match source {
        Source::Bundled => collect_bundled(&BUNDLED, &mut files),
        Source::Path(path) if path.is_dir() => collect_dir(path, &mut files, &mut problems),
        Source::Path(path) => match std::fs::read(path) {
            Ok(bytes) => files.push(RawFile {
                path: path.display().to_string(),
                bytes,
            }),
            Err(e) => problems.push(Diagnostic::file(
                path.display().to_string(),
                format!("cannot read: {e}"),
            )),
        },
    }
    (files, problems)
}

fn collect_bundled(dir: &Dir<'static>, files: &mut Vec<RawFile>) {
    for file in dir.files().filter(|f| is_toml(f.path())) {
        files.push(RawFile {
            path: format!("data/{}", file.path().display()),
            bytes: file.contents().to_vec(),
        });
    }
    for sub in dir.dirs() {
        collect_bundled(sub, files);
    }
}

fn collect_dir(dir: &Path, files: &mut Vec<RawFile>, problems: &mut Vec<Diagnostic>) {
    let walk = crate::walk::files_under(dir);
    for (path, message) in walk.errors {
        problems.push(Diagnostic::file(path.display().to_string(), message));
    }
    for path in walk.files.into_iter().filter(|p| is_toml(p)) {
        let shown = path.display().to_string();
        match read_limited(&path) {
            Ok(bytes) => files.push(RawFile { path: shown, bytes }),
            Err(message) => problems.push(Diagnostic::file(shown, message)),
        }
    }
}

/// Reads a file, refusing ones over the limit without reading them whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_FILE_BYTES as u64 {
        return Err(format!(
            "file is {size} bytes; monographs are limited to {MAX_FILE_BYTES} bytes"
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
}

fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The sources used when the user names none of their own: the bundled data,
/// then each directory in `RXDOC_DATA`, then each `--data` directory.
pub fn default_sources(env_data: Option<&std::ffi::OsStr>, data_dirs: &[PathBuf]) -> Vec<Source> {
    let env_dirs: Vec<PathBuf> = env_data
        .map(|v| {
            std::env::split_paths(v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    std::iter::once(Source::Bundled)
        .chain(env_dirs.into_iter().map(Source::Path))
        .chain(data_dirs.iter().cloned().map(Source::Path))
        .collect()
}
