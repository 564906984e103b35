//! A directory's listing kept from one survey to the next, so that a search
//! need not list a large directory again while it has not changed: what
//! git's untracked cache does. Listing thousands of names costs more than
//! asking each file's stamp (an ext4 directory of 6,400 files takes 5 ms to
//! list), and the stamps must be asked anyway, for edits in place.
//!
//! A directory's modification time changes whenever a name is added to it,
//! removed or renamed, so a listing holds while every directory it walked
//! has the device, inode, modification and change times it had. One rule
//! keeps that sound: a listing is kept only if every directory had last
//! changed [`SETTLED`] before it was listed, so no later change can fall
//! in the same tick of the clock and leave the time as it was. A time set
//! back by hand does not hide a change: the change time moves with it, and
//! both are compared. A listing
//! that cannot be read, does not decode or fails its hash is ignored, and
//! the directory is listed as before.

use std::path::Path;

/// How long before the listing each directory must have last changed.
pub const SETTLED: std::time::Duration = std::time::Duration::from_secs(2);

/// The file beside a stored index that keeps its directory's listing.
pub const SUFFIX: &str = ".dirs";

/// Most bytes a listing file may hold: far beyond a million names.
const MOST_BYTES: u64 = 256 << 20;

const MAGIC: &[u8; 8] = b"RXDOCLS1";

/// A directory's identity and times: what changes when its names do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    device: u64,
    inode: u64,
    modified: (i64, i64),
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of the directory at `path`, where the system has one.
    pub fn of(path: &Path) -> Option<Stamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(Stamp {
                device: meta.dev(),
                inode: meta.ino(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }

    /// Whether the directory's names had last changed [`SETTLED`] before
    /// `listed`. Only the modification time counts: a change of names sets
    /// it to the time of the change, so a later one moves it on, whatever
    /// else (a `chmod`, a time set back) moved the change time.
    fn settled_before(&self, listed: (i64, i64)) -> bool {
        let margin = i64::try_from(SETTLED.as_secs()).unwrap_or(i64::MAX);
        (self.modified.0.saturating_add(margin), self.modified.1) < listed
    }

    fn values(&self) -> [i64; 6] {
        [
            self.device.cast_signed(),
            self.inode.cast_signed(),
            self.modified.0,
            self.modified.1,
            self.changed.0,
            self.changed.1,
        ]
    }
}

/// The directories a walk read, with their stamps, and the files it found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listing {
    dirs: Vec<(String, Stamp)>,
    files: Vec<String>,
}

impl Listing {
    /// Records a directory the walk read; `false` if it has no stamp, in
    /// which case no listing can be kept.
    pub fn add_dir(&mut self, path: &Path) -> bool {
        match (path.to_str(), Stamp::of(path)) {
            (Some(name), Some(stamp)) => {
                self.dirs.push((name.to_string(), stamp));
                true
            }
            _ => false,
        }
    }

    /// Records a file the walk found; `false` if its name is not UTF-8.
    pub fn add_file(&mut self, path: &Path) -> bool {
        path.to_str()
            .map(|name| self.files.push(name.to_string()))
            .is_some()
    }

    /// The files listed.
    pub fn into_files(self) -> Vec<String> {
        self.files
    }

    /// Whether every directory had settled before `listed` (seconds and
    /// nanoseconds since the epoch), so the listing may be kept.
    pub fn settled_before(&self, listed: (i64, i64)) -> bool {
        !self.dirs.is_empty() && self.dirs.iter().all(|(_, s)| s.settled_before(listed))
    }

    /// Whether every directory still has the stamp it had when listed.
    pub fn still_holds(&self) -> bool {
        !self.dirs.is_empty()
            && self
                .dirs
                .iter()
                .all(|(path, stamp)| Stamp::of(Path::new(path)) == Some(*stamp))
    }

    /// The listing as its file holds it: magic, the body's length and hash,
    /// then the body (directories, their stamps, files).
    pub fn encode(&self) -> Vec<u8> {
        let mut body = Vec::new();
        let mut put = |value: u64| body.extend_from_slice(&value.to_le_bytes());
        put(self.dirs.len() as u64);
        put(self.files.len() as u64);
        for (path, stamp) in &self.dirs {
            stamp.values().iter().for_each(|v| put(v.cast_unsigned()));
            put(path.len() as u64);
        }
        for file in &self.files {
            put(file.len() as u64);
        }
        for text in self.dirs.iter().map(|(p, _)| p).chain(&self.files) {
            body.extend_from_slice(text.as_bytes());
        }
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&hash(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// A listing from the bytes of its file; `None` for anything else.
    pub fn decode(bytes: &[u8]) -> Option<Listing> {
        let mut at = Cursor { bytes, at: 0 };
        if at.take(8)? != MAGIC {
            return None;
        }
        let len = usize::try_from(at.u64()?).ok()?;
        let claimed = at.u64()?;
        let body = at.take(len)?;
        if at.at != bytes.len() || hash(body) != claimed {
            return None;
        }
        let mut at = Cursor { bytes: body, at: 0 };
        let dirs = at.count()?;
        let files = at.count()?;
        let mut stamps = Vec::with_capacity(dirs);
        let mut lengths = Vec::with_capacity(dirs + files);
        for _ in 0..dirs {
            let mut value = || at.u64().map(u64::cast_signed);
            stamps.push(Stamp {
                device: value()?.cast_unsigned(),
                inode: value()?.cast_unsigned(),
                modified: (value()?, value()?),
                changed: (value()?, value()?),
            });
            lengths.push(at.count()?);
        }
        for _ in 0..files {
            lengths.push(at.count()?);
        }
        let mut texts = Vec::with_capacity(lengths.len());
        for len in lengths {
            texts.push(std::str::from_utf8(at.take(len)?).ok()?.to_string());
        }
        if at.at != body.len() {
            return None;
        }
        let files = texts.split_off(dirs);
        Some(Listing {
            dirs: texts.into_iter().zip(stamps).collect(),
            files,
        })
    }

    /// The listing kept at `path`, if there is a sound one.
    pub fn read(path: &Path) -> Option<Listing> {
        let bytes = crate::userfile::read_capped(path, MOST_BYTES).ok()?;
        Self::decode(&bytes)
    }

    /// Keeps the listing at `path`, replacing one there; a listing that
    /// cannot be written is only a slower next search, so errors are
    /// logged, not returned.
    pub fn write(&self, path: &Path) {
        let written = crate::userfile::write_atomically(
            path,
            &self.encode(),
            crate::userfile::Existing::Replace,
        );
        if let Err(e) = written {
            log::info!("cannot keep the directory listing {}: {e}", path.display());
        }
    }
}

/// The body's hash, as the file stores it: the stored index's own, which
/// takes eight bytes at a time, since a search reads the whole listing.
fn hash(body: &[u8]) -> u64 {
    crate::search::fulltext::bytes::hash_of(body)
}

/// Reads a listing's parts in order, every length checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(len)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count or length: never more than the bytes left, which a sound
    /// file always has room for, so damage cannot ask for huge memory.
    fn count(&mut self) -> Option<usize> {
        let value = usize::try_from(self.u64()?).ok()?;
        (value <= self.bytes.len() - self.at).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Listing {
        let dir = tempfile::tempdir().unwrap();
        let mut listing = Listing::default();
        assert!(listing.add_dir(dir.path()));
        for name in ["a.toml", "b.toml", "é.toml"] {
            assert!(listing.add_file(&dir.path().join(name)));
        }
        listing
    }

    #[test]
    fn a_listing_comes_back_as_it_was_written() {
        let listing = sample();
        assert_eq!(Listing::decode(&listing.encode()), Some(listing));
    }

    #[test]
    fn a_directory_changed_since_it_was_listed_breaks_the_listing() {
        let dir = tempfile::tempdir().unwrap();
        let mut listing = Listing::default();
        listing.add_dir(dir.path());
        assert!(listing.still_holds());
        // The clock may not have moved since the directory was made; a
        // new name moves its change time past what was recorded.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("new.toml"), "").unwrap();
        assert!(!listing.still_holds());
    }

    #[test]
    fn only_a_directory_settled_well_before_the_listing_lets_it_be_kept() {
        let listing = sample();
        let (_, stamp) = listing.dirs[0];
        let changed = stamp.modified;
        assert!(!listing.settled_before(changed));
        assert!(!listing.settled_before((changed.0 + 1, changed.1)));
        assert!(listing.settled_before((changed.0 + 3, changed.1)));
        assert!(!Listing::default().settled_before((i64::MAX, 0)));
    }

    proptest! {
        #[test]
        fn damage_is_refused_or_read_whole(cut in 0usize..400, flip in 0usize..400, bit in 0u8..8) {
            let bytes = sample().encode();
            let short = &bytes[..cut.min(bytes.len())];
            prop_assert!(short.len() == bytes.len() || Listing::decode(short).is_none());
            let mut flipped = bytes.clone();
            let at = flip % flipped.len();
            flipped[at] ^= 1 << bit;
            prop_assert!(Listing::decode(&flipped).is_none());
        }

        #[test]
        fn any_bytes_decode_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = Listing::decode(&bytes);
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            framed.extend_from_slice(&hash(&bytes).to_le_bytes());
            framed.extend_from_slice(&bytes);
            let _ = Listing::decode(&framed);
        }
    }
}
