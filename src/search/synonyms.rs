//! Lay words ↔ clinical words, from `synonyms.toml` files.
//!
//! Each `[[group]]` lists words and phrases a reader uses for the same thing
//! ("yellow skin", "jaundice"). A query phrase found in a group also searches
//! every other member of that group.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::raw_file::{RawFile, parse_toml};
pub use crate::search::normalize::Phrase;
use crate::search::normalize::terms;
use crate::search::query_words::{QUERY_WORDS_FILE, QueryWords};
use crate::search::typo::{Pattern, allowed_typos};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    group: Vec<Group>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    words: Vec<String>,
    /// Whether the group is a symptom or condition a patient may search
    /// for (the default), rather than a term of prescribing language.
    #[serde(default = "symptom_by_default")]
    symptom: bool,
}

fn symptom_by_default() -> bool {
    true
}

/// Name of the lay-word synonyms file, which is not a monograph.
pub const SYNONYMS_FILE: &str = "synonyms.toml";

/// All synonym groups, indexed by phrase; and the filler and section
/// words a query is read with (see [`QueryWords`]).
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Phrase>>,
    /// Whether each group is a symptom or condition.
    symptoms: Vec<bool>,
    by_phrase: HashMap<Phrase, Vec<usize>>,
    longest: usize,
    /// Every term of every phrase, by length, for correcting typos.
    by_length: Vec<Vec<String>>,
    words: QueryWords,
}

impl Synonyms {
    /// Parses every synonyms and query-words file; a broken file is
    /// reported and skipped.
    pub fn load(files: &[RawFile]) -> (Self, Vec<Diagnostic>) {
        let mut synonyms = Synonyms::default();
        let problems = synonyms.add_files(files);
        (synonyms, problems)
    }

    /// Parses `files` into these synonyms, as if [`Synonyms::load`] had
    /// read them after the files these came from; returns the problems.
    pub fn add_files(&mut self, files: &[RawFile]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for file in files {
            let parsed = if file.path.ends_with(QUERY_WORDS_FILE) {
                self.words.add_file(file)
            } else {
                Self::parse_file(file).map(|groups| {
                    for group in groups {
                        self.add(&group.words, group.symptom);
                    }
                })
            };
            problems.extend(parsed.err());
        }
        problems
    }

    /// The filler and section words.
    pub fn words(&self) -> &QueryWords {
        &self.words
    }

    /// The filler and section words, to add to.
    pub fn words_mut(&mut self) -> &mut QueryWords {
        &mut self.words
    }

    /// The term of the table closest to `term` within the typos its length
    /// allows, if `term` is not itself one: "jaundise" → the term of
    /// "jaundice", so a misspelt lay word keeps its group. Ties go to the
    /// earlier term in sorted order, so the answer never depends on load order.
    pub fn correct(&self, term: &str) -> Option<&str> {
        let length = term.chars().count();
        let limit = allowed_typos(length);
        if limit == 0 || self.by_phrase.contains_key(&[term.to_string()][..]) {
            return None;
        }
        let pattern = Pattern::new(term);
        (length.saturating_sub(limit)..=length + limit)
            .filter_map(|len| self.by_length.get(len))
            .flatten()
            .filter_map(|candidate| {
                let distance = pattern.distance_within(candidate, limit)?;
                Some((distance, candidate.as_str()))
            })
            .min()
            .map(|(_, candidate)| candidate)
    }

    fn parse_file(file: &RawFile) -> Result<Vec<Group>, Diagnostic> {
        let parsed: File = parse_toml(&file.path, &file.bytes)?;
        for (i, group) in parsed.group.iter().enumerate() {
            if group.words.iter().filter(|w| !terms(w).is_empty()).count() < 2 {
                return Err(Diagnostic::file(
                    &file.path,
                    format!("group {} needs at least two words or phrases", i + 1),
                ));
            }
        }
        Ok(parsed.group)
    }

    /// Adds a group of equivalent words and phrases for a symptom or condition.
    pub fn add_group<S: AsRef<str>>(&mut self, words: &[S]) {
        self.add(words, true);
    }

    /// Adds a group of equivalent words and phrases; `symptom` if they name
    /// a symptom or condition.
    pub fn add<S: AsRef<str>>(&mut self, words: &[S], symptom: bool) {
        let phrases: Vec<Phrase> = words
            .iter()
            .map(|w| terms(w.as_ref()))
            .filter(|t| !t.is_empty())
            .collect();
        if phrases.len() < 2 {
            return;
        }
        let id = self.groups.len();
        for term in phrases.iter().flatten() {
            let len = term.chars().count();
            if self.by_length.len() <= len {
                self.by_length.resize(len + 1, Vec::new());
            }
            if let Err(at) = self.by_length[len].binary_search(term) {
                self.by_length[len].insert(at, term.clone());
            }
        }
        for phrase in &phrases {
            self.longest = self.longest.max(phrase.len());
            let ids = self.by_phrase.entry(phrase.clone()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.groups.push(phrases);
        self.symptoms.push(symptom);
    }

    /// Whether `phrase` is a wording of a symptom or condition.
    pub fn is_symptom(&self, phrase: &[String]) -> bool {
        self.by_phrase
            .get(phrase)
            .is_some_and(|ids| ids.iter().any(|id| self.symptoms[*id]))
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every word and phrase of the table, once each.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        self.by_phrase.keys()
    }

    /// The longest phrase in the table starting at `terms[0]`, with its other
    /// wordings, as (length in terms, alternatives).
    pub fn longest_at(&self, terms: &[String]) -> Option<(usize, Vec<&Phrase>)> {
        (1..=self.longest.min(terms.len())).rev().find_map(|len| {
            let ids = self.by_phrase.get(&terms[..len])?;
            let mut alternatives: Vec<&Phrase> = ids
                .iter()
                .flat_map(|id| &self.groups[*id])
                .filter(|p| p.as_slice() != &terms[..len])
                .collect();
            alternatives.dedup();
            Some((len, alternatives))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::stem;

    fn table() -> Synonyms {
        let mut s = Synonyms::default();
        s.add_group(&["jaundice", "yellow skin", "yellow eyes"]);
        s.add_group(&["vomiting", "throwing up", "being sick"]);
        s
    }

    #[test]
    fn longest_phrase_wins_and_lists_the_other_wordings() {
        let s = table();
        let q = terms("yellow skin and itching");
        let (len, alts) = s.longest_at(&q).unwrap();
        assert_eq!(len, 2);
        assert!(alts.contains(&&vec!["jaundic".to_string()]));
        assert!(alts.contains(&&terms("yellow eyes")));
        assert!(s.longest_at(&terms("itching")).is_none());
    }

    #[test]
    fn inflected_lay_words_still_match() {
        let s = table();
        let (_, alts) = s.longest_at(&terms("threw up")).map_or((0, vec![]), |x| x);
        assert!(
            alts.is_empty(),
            "only listed forms and their inflections match"
        );
        assert!(s.longest_at(&terms("throwing up")).is_some());
        assert!(s.longest_at(&terms("Vomited")).is_some());
    }

    #[test]
    fn a_misspelt_lay_word_is_corrected_to_the_nearest_word_of_the_table() {
        let s = table();
        assert_eq!(
            s.correct(&stem("jaundise")),
            Some(stem("jaundice").as_str())
        );
        assert_eq!(s.correct(&stem("vomitting")), Some("vomit"));
        assert_eq!(
            s.correct("vomit"),
            None,
            "a word of the table is left alone"
        );
        assert_eq!(s.correct("warfarin"), None, "nothing close");
        assert_eq!(s.correct("ab"), None, "too short to correct");
    }

    #[test]
    fn files_report_errors_with_location() {
        let bad = RawFile {
            path: "syn.toml".into(),
            bytes: b"[[group]]\nword = [\"a\", \"b\"]\n".to_vec(),
        };
        let (s, problems) = Synonyms::load(&[bad]);
        assert!(s.is_empty());
        assert!(
            problems[0]
                .to_string()
                .starts_with("syn.toml:2:1: unknown field `word`"),
            "{}",
            problems[0]
        );
        let lonely = RawFile {
            path: "syn.toml".into(),
            bytes: b"[[group]]\nwords = [\"alone\"]\n".to_vec(),
        };
        assert!(
            Synonyms::load(&[lonely]).1[0]
                .message
                .contains("at least two")
        );
    }
}
