//! Zip archives as the FDA ships them, read entry by entry with the `zip`
//! crate: openFDA's `drug-label-NNNN-of-NNNN.json.zip` holds one JSON
//! document; DailyMed's full release holds one zip per label, each with
//! the label's SPL XML. Nothing is unpacked to disk.
//!
//! A zip bomb is refused by [`Limits`], checked first against what the
//! archive declares and then against the bytes actually inflated (a
//! declaration can lie): the number of entries, the total uncompressed size,
//! each entry's ratio of inflated to compressed bytes, and the size of a
//! nested zip (which has to be held in memory to be opened).

use std::cell::Cell;
use std::io::{self, Cursor, Read, Seek};
use std::rc::Rc;

use zip::ZipArchive;

/// Limits that refuse a zip bomb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most entries in one archive.
    pub entries: usize,
    /// Most bytes inflated from one archive, nested zips included.
    pub total: u64,
    /// Most inflated bytes per compressed byte of one entry (beyond the
    /// first 1 MiB, which any entry may have).
    pub ratio: u64,
    /// Largest nested zip (read into memory to be opened).
    pub nested: u64,
}

impl Default for Limits {
    /// Room for the largest real files: openFDA's label files inflate
    /// about tenfold to under 2 GB; DailyMed's release parts hold tens of
    /// thousands of label zips of a few MB at most.
    fn default() -> Self {
        Limits {
            entries: 200_000,
            total: 16 << 30,
            ratio: 100,
            nested: 64 << 20,
        }
    }
}

/// Slack every entry has before its ratio is checked: tiny entries
/// compress far better than large ones.
const RATIO_SLACK: u64 = 1 << 20;

/// Why an archive (or one of its entries) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// Not a zip file, or damaged.
    #[error("not a readable zip archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// Refused as a likely zip bomb.
    #[error("refused as a likely zip bomb: {0}")]
    Bomb(String),
}

/// What an entry holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An openFDA JSON document.
    Json,
    /// A nested zip (DailyMed: one label's SPL and its images).
    Zip,
    /// An SPL XML label.
    Xml,
}

impl Kind {
    /// The kind an entry's name says, or `None` for anything else (images,
    /// READMEs), which is passed over.
    pub fn of(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".json") {
            Some(Kind::Json)
        } else if lower.ends_with(".zip") {
            Some(Kind::Zip)
        } else if lower.ends_with(".xml") {
            Some(Kind::Xml)
        } else {
            None
        }
    }
}

/// An open archive and what has been inflated from it so far.
pub struct Archive<R> {
    zip: ZipArchive<R>,
    limits: Limits,
    inflated: Rc<Cell<u64>>,
}

impl<R: Read + Seek> Archive<R> {
    /// Opens an archive, refusing it if what it declares is over the limits.
    pub fn open(reader: R, limits: Limits) -> Result<Self, ArchiveError> {
        let zip = ZipArchive::new(reader)?;
        if zip.len() > limits.entries {
            return Err(ArchiveError::Bomb(format!(
                "{} entries; the limit is {}",
                zip.len(),
                limits.entries
            )));
        }
        if let Some(declared) = zip.decompressed_size()
            && declared > u128::from(limits.total)
        {
            return Err(ArchiveError::Bomb(format!(
                "it declares {declared} bytes uncompressed; the limit is {}",
                limits.total
            )));
        }
        Ok(Archive {
            zip,
            limits,
            inflated: Rc::new(Cell::new(0)),
        })
    }

    /// How many entries it has.
    pub fn len(&self) -> usize {
        self.zip.len()
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.zip.len() == 0
    }

    /// The name and kind of entry `index` (`None` kind: passed over).
    pub fn entry(&mut self, index: usize) -> Result<(String, Option<Kind>), ArchiveError> {
        let file = self.zip.by_index_raw(index)?;
        let name = file.name()?.to_string();
        let kind = if file.is_dir() { None } else { Kind::of(&name) };
        Ok((name, kind))
    }

    /// Calls `read` with a reader of entry `index`'s inflated bytes, held
    /// to the limits: a reader error names the limit that was passed.
    pub fn with_entry<T>(
        &mut self,
        index: usize,
        read: impl FnOnce(&mut dyn Read) -> T,
    ) -> Result<T, ArchiveError> {
        let limits = self.limits;
        let file = self.zip.by_index(index)?;
        let allowed = file
            .compressed_size()
            .saturating_mul(limits.ratio)
            .saturating_add(RATIO_SLACK)
            .min(file.size());
        let mut held = Held {
            inner: file,
            left: allowed,
            ratio: limits.ratio,
            inflated: &self.inflated,
            total: limits.total,
        };
        Ok(read(&mut held))
    }

    /// Entry `index`, a nested zip, read into memory and opened (it shares
    /// this archive's limits, the total included).
    pub fn nested(&mut self, index: usize) -> Result<Archive<Cursor<Vec<u8>>>, ArchiveError> {
        let limit = self.limits.nested;
        let bytes = self.with_entry(index, |r| read_to_limit(r, limit))?;
        let bytes = bytes.map_err(|e| match e.kind() {
            io::ErrorKind::InvalidData => ArchiveError::Bomb(e.to_string()),
            _ => ArchiveError::Zip(e.into()),
        })?;
        let mut inner = Archive::open(Cursor::new(bytes), self.limits)?;
        inner.inflated = Rc::clone(&self.inflated);
        Ok(inner)
    }
}

/// All of a reader up to `limit` bytes; more is an `InvalidData` error.
pub fn read_to_limit(reader: &mut dyn Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("over the {limit}-byte limit"),
        ));
    }
    Ok(bytes)
}

/// An entry's reader that stops at what it declared, its ratio, and the
/// archive's total.
struct Held<'a, R> {
    inner: R,
    left: u64,
    ratio: u64,
    inflated: &'a Cell<u64>,
    total: u64,
}

impl<R: Read> Read for Held<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = n as u64;
        if n64 > self.left {
            return Err(bomb(&format!(
                "an entry inflates past its declared size or {} times its compressed size",
                self.ratio
            )));
        }
        self.left -= n64;
        let so_far = self.inflated.get() + n64;
        self.inflated.set(so_far);
        if so_far > self.total {
            return Err(bomb(&format!(
                "over {} bytes inflated from one archive",
                self.total
            )));
        }
        Ok(n)
    }
}

fn bomb(why: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("zip bomb refused: {why}"),
    )
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn entries_are_named_and_read() {
        let bytes = zip_of(&[("a.json", b"[1]"), ("b.png", b"..")]);
        let mut a = Archive::open(Cursor::new(bytes), Limits::default()).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a.entry(0).unwrap(), ("a.json".into(), Some(Kind::Json)));
        assert_eq!(a.entry(1).unwrap().1, None);
        let text = a.with_entry(0, |r| read_to_limit(r, 10)).unwrap().unwrap();
        assert_eq!(text, b"[1]");
    }

    #[test]
    fn a_highly_compressed_entry_is_refused_as_it_inflates() {
        let zeros = vec![b'0'; 3 << 20];
        let bytes = zip_of(&[("a.json", &zeros)]);
        let mut a = Archive::open(Cursor::new(bytes), Limits::default()).unwrap();
        let err = a
            .with_entry(0, |r| read_to_limit(r, u64::MAX))
            .unwrap()
            .unwrap_err();
        assert!(err.to_string().contains("zip bomb refused"), "{err}");
    }

    #[test]
    fn too_many_entries_or_bytes_are_refused_before_reading() {
        let bytes = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let few = Limits {
            entries: 2,
            ..Limits::default()
        };
        let err = Archive::open(Cursor::new(bytes.clone()), few)
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "refused as a likely zip bomb: 3 entries; the limit is 2"
        );
        let small = Limits {
            total: 2,
            ..Limits::default()
        };
        let err = Archive::open(Cursor::new(bytes), small).err().unwrap();
        assert!(err.to_string().contains("declares 3 bytes"), "{err}");
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let mut bytes = zip_of(&[("a.json", b"[1, 2, 3]")]);
        let err = Archive::open(Cursor::new(bytes[..20].to_vec()), Limits::default())
            .err()
            .unwrap();
        assert!(err.to_string().starts_with("not a readable zip archive"));
        // A corrupted body fails its checksum when read.
        bytes[40] ^= 0xff;
        if let Ok(mut a) = Archive::open(Cursor::new(bytes), Limits::default()) {
            let read = a.with_entry(0, |r| read_to_limit(r, 100));
            assert!(!matches!(read, Ok(Ok(ref b)) if b == b"[1, 2, 3]"));
        }
    }
}
