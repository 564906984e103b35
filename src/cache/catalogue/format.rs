//! The stored catalogue's bytes: a fixed header (what it is, its format,
//! the fingerprint of the files it was made from, the body's length and
//! checksum), then the body as JSON. A file that fails any check is
//! refused, never partly trusted.

use crate::hash::Fnv;

use super::Catalogue;

/// What every catalogue file starts with.
const MAGIC: &[u8; 16] = b"rxdoc catalogue\n";

/// The format written; any other is refused (and the catalogue rebuilt).
/// Raised whenever [`Catalogue`] or the header changes.
pub const FORMAT: u32 = 1;

/// Magic, format, fingerprint, body length, checksum.
const HEADER: usize = MAGIC.len() + 4 + 8 + 8 + 8;

/// Why a stored catalogue was not used.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Not a catalogue at all.
    #[error("it is not a catalogue")]
    NotCatalogue,
    /// Written in another format (an older rxdoc's).
    #[error("it is in format {0}, not {FORMAT}")]
    Format(u32),
    /// Made from files that have changed since.
    #[error("the files have changed since it was made")]
    Stale,
    /// Shorter or longer than its header says.
    #[error("it is truncated or has bytes after its end")]
    Truncated,
    /// Its body fails its checksum or does not parse.
    #[error("it is damaged ({0})")]
    Damaged(String),
}

/// The bytes of `catalogue`, made from files with `fingerprint`.
pub fn encode(catalogue: &Catalogue, fingerprint: u64) -> serde_json::Result<Vec<u8>> {
    let body = serde_json::to_vec(catalogue)?;
    let mut bytes = Vec::with_capacity(HEADER + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

/// The catalogue in `bytes`, if it is whole, in this format and made from
/// files with `fingerprint`.
#[cfg(test)]
pub fn decode(bytes: &[u8], fingerprint: u64) -> Result<Catalogue, Refused> {
    let (made_from, catalogue) = decode_any(bytes)?;
    if made_from == fingerprint {
        Ok(catalogue)
    } else {
        Err(Refused::Stale)
    }
}

/// The catalogue in `bytes`, if it is whole and in this format, and the
/// fingerprint of the files it was made from (for the caller to check:
/// the files may be surveyed while it is decoded).
pub fn decode_any(bytes: &[u8]) -> Result<(u64, Catalogue), Refused> {
    let (magic, rest) = bytes
        .split_at_checked(MAGIC.len())
        .ok_or(Refused::NotCatalogue)?;
    if magic != MAGIC {
        return Err(Refused::NotCatalogue);
    }
    let (format, rest) = take::<4>(rest)?;
    let format = u32::from_le_bytes(format);
    if format != FORMAT {
        return Err(Refused::Format(format));
    }
    let (made_from, rest) = take::<8>(rest)?;
    let (length, rest) = take::<8>(rest)?;
    let (sum, body) = take::<8>(rest)?;
    if u64::try_from(body.len()).ok() != Some(u64::from_le_bytes(length)) {
        return Err(Refused::Truncated);
    }
    if checksum(body) != u64::from_le_bytes(sum) {
        return Err(Refused::Damaged("its checksum does not match".into()));
    }
    let catalogue = serde_json::from_slice(body).map_err(|e| Refused::Damaged(e.to_string()))?;
    Ok((u64::from_le_bytes(made_from), catalogue))
}

/// The first `N` bytes of `bytes` and the rest; a header cut short is a
/// truncated file.
fn take<const N: usize>(bytes: &[u8]) -> Result<([u8; N], &[u8]), Refused> {
    let (head, rest) = bytes.split_at_checked(N).ok_or(Refused::Truncated)?;
    let head = <[u8; N]>::try_from(head).map_err(|_| Refused::Truncated)?;
    Ok((head, rest))
}

/// FNV-1a's step over eight bytes at a time (the last word padded with
/// zeros), with the length first: a catalogue is megabytes, read on every
/// start, and a byte at a time would cost milliseconds.
fn checksum(body: &[u8]) -> u64 {
    let mut hash = Fnv::default();
    hash.write(&(body.len() as u64).to_le_bytes());
    let mut step = |word: u64| {
        hash.0 = (hash.0 ^ word)
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(23);
    };
    let mut words = body.chunks_exact(8);
    for word in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(word);
        step(u64::from_le_bytes(bytes));
    }
    let mut last = [0; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    step(u64::from_le_bytes(last));
    hash.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Library, Source};

    fn bundled() -> (Catalogue, Vec<u8>) {
        let catalogue = Catalogue::of(&Library::load(&[Source::Bundled]));
        let bytes = encode(&catalogue, 42).unwrap();
        (catalogue, bytes)
    }

    #[test]
    fn a_catalogue_reads_back_as_written() {
        let (catalogue, bytes) = bundled();
        assert!(catalogue.entries.len() > 100);
        assert_eq!(decode(&bytes, 42).unwrap(), catalogue);
    }

    #[test]
    fn stale_truncated_damaged_foreign_and_older_catalogues_are_refused() {
        let (_, bytes) = bundled();
        assert!(matches!(decode(&bytes, 43), Err(Refused::Stale)));
        for cut in [0, 10, HEADER - 1, HEADER, bytes.len() - 1] {
            let refused = decode(&bytes[..cut], 42).unwrap_err();
            assert!(
                matches!(refused, Refused::Truncated | Refused::NotCatalogue),
                "{cut}: {refused}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(b' ');
        assert!(matches!(decode(&longer, 42), Err(Refused::Truncated)));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 2;
        flipped[last] ^= 0x20;
        assert!(matches!(decode(&flipped, 42), Err(Refused::Damaged(_))));
        let mut older = bytes.clone();
        older[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&0u32.to_le_bytes());
        assert!(matches!(decode(&older, 42), Err(Refused::Format(0))));
        let mut foreign = bytes;
        foreign[0] = b'R';
        assert!(matches!(decode(&foreign, 42), Err(Refused::NotCatalogue)));
    }

    #[test]
    fn a_body_that_passes_its_checksum_but_not_its_shape_is_damaged() {
        let body = br#"{"entries": 7}"#;
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&42u64.to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(body).to_le_bytes());
        bytes.extend_from_slice(body);
        assert!(matches!(decode(&bytes, 42), Err(Refused::Damaged(_))));
    }
}
