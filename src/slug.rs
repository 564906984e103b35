//! The one rule by which rxdoc turns a name into a monograph id (and so a
//! file name): lowercase ASCII letters and digits in words joined by `-`,
//! transliterated from any script, at most [`MAX_ID_BYTES`] bytes cut at a
//! word, and unique among the ids already given out ([`Ids`]).

use std::collections::HashSet;

/// Longest id made, in bytes; well under every file system's name limit
/// once `.toml` is added.
pub const MAX_ID_BYTES: usize = 80;

/// The id for a name: "Amitriptyline + Pregabalin" → `amitriptyline-pregabalin`,
/// "Ácido fólico" → `acido-folico`. A name with nothing that transliterates
/// to a letter or digit gets `id-` and a short hash of the name, so distinct
/// names still get distinct ids.
pub fn slug(name: &str) -> String {
    // Apostrophes join a word ("Ringer's" → `ringers`) rather than split it.
    let ascii = deunicode::deunicode(&name.replace(['\'', '’', 'ʼ'], ""));
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        let needed = word.len() + usize::from(!out.is_empty());
        if out.len() + needed > MAX_ID_BYTES {
            if out.is_empty() {
                // One word longer than the limit: cut it, there is no word edge.
                out.push_str(&word[..MAX_ID_BYTES]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        format!("id-{:08x}", short_hash(name))
    } else {
        out
    }
}

/// A stable hash of the name (see [`crate::hash::Fnv`]), folded to 32 bits.
#[expect(
    clippy::cast_possible_truncation,
    reason = "folding: the high half is mixed into the low half, then dropped"
)]
fn short_hash(text: &str) -> u32 {
    let mut hash = crate::hash::Fnv::default();
    hash.write(text.as_bytes());
    (hash.0 ^ (hash.0 >> 32)) as u32
}

/// Ids given out so far; each new one is made unique with a numbered suffix.
#[derive(Debug, Default, Clone)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    /// Whether `id` has been given out.
    pub fn contains(&self, id: &str) -> bool {
        self.taken.contains(id)
    }

    /// Marks `id` as given out (for example, a file that already exists).
    pub fn insert(&mut self, id: &str) {
        self.taken.insert(id.to_string());
    }

    /// `base` if it is free, otherwise `base-2`, `base-3`, … (the base cut at
    /// a word so the whole stays within [`MAX_ID_BYTES`]); the result is
    /// marked as given out.
    pub fn unique(&mut self, base: &str) -> String {
        let mut n = 1;
        let mut id = base.to_string();
        while self.taken.contains(&id) {
            n += 1;
            let suffix = format!("-{n}");
            id = format!("{}{suffix}", cut_at_word(base, MAX_ID_BYTES - suffix.len()));
        }
        self.taken.insert(id.clone());
        id
    }
}

/// The longest prefix of a slug within `max` bytes that ends at a word.
fn cut_at_word(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    match slug[..=max].rfind('-') {
        Some(end) if end > 0 => &slug[..end],
        _ => &slug[..max],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::is_slug;

    #[test]
    fn combination_titles_keep_every_ingredient() {
        assert_eq!(
            slug("Amitriptyline + Pregabalin"),
            "amitriptyline-pregabalin"
        );
        assert_eq!(slug("Lidocaine/Lignocaine"), "lidocaine-lignocaine");
        assert_eq!(slug("  Ringer’s lactate "), "ringers-lactate");
    }

    #[test]
    fn other_scripts_are_transliterated_to_lowercase_ascii() {
        assert_eq!(slug("Ácido Fólico"), "acido-folico");
        assert_eq!(
            slug("Centruroides Immune F(ab’)2"),
            "centruroides-immune-f-ab-2"
        );
        assert_eq!(slug("Ибупрофен"), "ibuprofen");
    }

    #[test]
    fn nothing_transliterable_gets_a_stable_distinct_hash() {
        let a = slug("+++");
        let b = slug("---");
        assert!(a.starts_with("id-") && a.len() == 11, "{a}");
        assert_ne!(a, b);
        assert_eq!(a, slug("+++"));
        assert!(is_slug(&a));
    }

    #[test]
    fn long_names_are_cut_at_a_word_within_the_limit() {
        let title = "Acetylcysteine + Arginine + L-Histidine Hydrochloride + Lysine \
                     Note: This combination is not a single FDA-approved generic medicine";
        let id = slug(title);
        assert!(id.len() <= MAX_ID_BYTES, "{} bytes", id.len());
        assert_eq!(
            id,
            "acetylcysteine-arginine-l-histidine-hydrochloride-lysine-note-this-combination"
        );
        let word = "a".repeat(200);
        assert_eq!(slug(&word).len(), MAX_ID_BYTES);
    }

    #[test]
    fn repeated_ids_get_numbered_suffixes_within_the_limit() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("pregabalin"), "pregabalin");
        assert_eq!(ids.unique("pregabalin"), "pregabalin-2");
        assert_eq!(ids.unique("pregabalin"), "pregabalin-3");
        let long = slug(&"word ".repeat(40));
        assert_eq!(long.len(), 79);
        assert_eq!(ids.unique(&long), long);
        let second = ids.unique(&long);
        assert!(
            second.len() <= MAX_ID_BYTES && second.ends_with("-word-2"),
            "{second}"
        );
        assert!(is_slug(&second));
    }
}
