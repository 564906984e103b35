//! Words of a question that are not what it is about, from
//! `query-words.toml` files: **filler** ("a lot", "all the time", "that
//! won't go away"), dropped from a query, and **section words** ("side
//! effects", "interactions", "pregnancy"), which say in which pane the
//! answer is wanted.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::pane::Pane;
use crate::raw_file::{RawFile, parse_toml};
use crate::search::normalize::{Phrase, terms};

/// Name of the file of filler and section words, which is not a monograph.
pub const QUERY_WORDS_FILE: &str = "query-words.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    filler: Vec<String>,
    #[serde(default)]
    section: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    pane: String,
    words: Vec<String>,
}

/// Phrases of normalised terms, looked up by the longest one starting at a
/// query word.
#[derive(Debug, Clone)]
struct PhraseTable<T> {
    by_phrase: HashMap<Phrase, T>,
    longest: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_phrase: HashMap::new(),
            longest: 0,
        }
    }
}

impl<T> PhraseTable<T> {
    fn insert(&mut self, phrase: Phrase, value: T) {
        if !phrase.is_empty() {
            self.longest = self.longest.max(phrase.len());
            self.by_phrase.insert(phrase, value);
        }
    }

    /// The longest phrase of the table starting at `terms[0]`: its length
    /// in terms and its value.
    fn longest_at(&self, terms: &[String]) -> Option<(usize, &T)> {
        (1..=self.longest.min(terms.len()))
            .rev()
            .find_map(|len| self.by_phrase.get(&terms[..len]).map(|v| (len, v)))
    }
}

/// Filler and section words.
#[derive(Debug, Clone, Default)]
pub struct QueryWords {
    filler: PhraseTable<()>,
    /// Each section phrase's group in `groups`.
    sections: PhraseTable<usize>,
    /// Each `[[section]]`: its pane and its phrases, which are searched as
    /// one ("adverse reactions" finds "Common side effects").
    groups: Vec<(Pane, Vec<Phrase>)>,
}

/// A section phrase found in a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionWords<'a> {
    /// Its length in query terms.
    pub len: usize,
    /// The pane it names.
    pub pane: Pane,
    /// The other phrases of its group.
    pub others: Vec<&'a Phrase>,
}

impl QueryWords {
    /// Adds the words of one `query-words.toml` file.
    pub(crate) fn add_file(&mut self, file: &RawFile) -> Result<(), Diagnostic> {
        let parsed: File = parse_toml(&file.path, &file.bytes)?;
        let mut sections = Vec::new();
        for (i, words) in parsed.section.iter().enumerate() {
            let pane: Pane = words.pane.parse().map_err(|e: String| {
                Diagnostic::file(&file.path, format!("section {}: {e}", i + 1))
            })?;
            sections.push((pane, words.words.clone()));
        }
        for phrase in &parsed.filler {
            self.filler.insert(terms(phrase), ());
        }
        for (pane, words) in sections {
            self.add_section(pane, &words);
        }
        Ok(())
    }

    /// Adds filler phrases (for tests and tools).
    pub fn add_filler<S: AsRef<str>>(&mut self, phrases: &[S]) {
        for phrase in phrases {
            self.filler.insert(terms(phrase.as_ref()), ());
        }
    }

    /// Adds a group of section words for `pane`.
    pub fn add_section<S: AsRef<str>>(&mut self, pane: Pane, words: &[S]) {
        let id = self.groups.len();
        let phrases: Vec<Phrase> = words
            .iter()
            .map(|w| terms(w.as_ref()))
            .filter(|t| !t.is_empty())
            .collect();
        for phrase in &phrases {
            self.sections.insert(phrase.clone(), id);
        }
        self.groups.push((pane, phrases));
    }

    /// Length in terms of the longest filler phrase starting at `terms[0]`.
    pub fn filler_at(&self, terms: &[String]) -> Option<usize> {
        self.filler.longest_at(terms).map(|(len, _)| len)
    }

    /// The longest section phrase starting at `terms[0]`.
    pub fn section_at(&self, terms: &[String]) -> Option<SectionWords<'_>> {
        let (len, id) = self.sections.longest_at(terms)?;
        let (pane, phrases) = &self.groups[*id];
        Some(SectionWords {
            len,
            pane: *pane,
            others: phrases.iter().filter(|p| p[..] != terms[..len]).collect(),
        })
    }

    /// Whether there are no words at all.
    pub fn is_empty(&self) -> bool {
        self.filler.by_phrase.is_empty() && self.sections.by_phrase.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> RawFile {
        RawFile {
            path: "query-words.toml".into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn filler_and_sections_are_found_longest_first() {
        let mut words = QueryWords::default();
        words
            .add_file(&file(
                "filler = [\"a lot\", \"all the time\", \"that won't go away\"]\n\
                 [[section]]\npane = \"side-effects\"\nwords = [\"side effects\", \"side\"]\n",
            ))
            .unwrap();
        assert_eq!(words.filler_at(&terms("that won't go away")), Some(4));
        assert_eq!(words.filler_at(&terms("all the time tired")), Some(2));
        assert_eq!(words.filler_at(&terms("time")), None);
        let found = words
            .section_at(&terms("side effects of warfarin"))
            .unwrap();
        assert_eq!((found.len, found.pane), (2, Pane::SideEffects));
        assert_eq!(found.others, [&terms("side")]);
    }

    #[test]
    fn a_bad_pane_or_key_is_reported_with_its_place() {
        let mut words = QueryWords::default();
        let bad = words
            .add_file(&file("[[section]]\npane = \"sides\"\nwords = [\"x\"]\n"))
            .unwrap_err();
        assert!(
            bad.to_string()
                .contains("section 1: unknown section `sides`"),
            "{bad}"
        );
        let bad = words.add_file(&file("filer = [\"a\"]\n")).unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("query-words.toml:1:1: unknown field `filer`"),
            "{bad}"
        );
        assert!(words.is_empty(), "nothing of a broken file is kept");
    }
}
