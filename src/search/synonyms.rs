//! Lay words ↔ clinical words, from `synonyms.toml` files.
//!
//! Each `[[group]]` lists words and phrases a reader uses for the same thing
//! ("yellow skin", "jaundice"). A query phrase found in a group also searches
//! every other member of that group.

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::load::RawFile;
use crate::search::normalize::terms;

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
}

/// A phrase as normalised terms.
pub type Phrase = Vec<String>;

/// All synonym groups, indexed by phrase.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Phrase>>,
    by_phrase: HashMap<Phrase, Vec<usize>>,
    longest: usize,
}

impl Synonyms {
    /// Parses every synonyms file; a broken file is reported and skipped.
    pub fn load(files: &[RawFile]) -> (Self, Vec<Diagnostic>) {
        let mut synonyms = Synonyms::default();
        let mut problems = Vec::new();
        for file in files {
            match Self::parse_file(file) {
                Ok(groups) => groups.into_iter().for_each(|g| synonyms.add_group(&g)),
                Err(d) => problems.push(d),
            }
        }
        (synonyms, problems)
    }

    fn parse_file(file: &RawFile) -> Result<Vec<Vec<String>>, Diagnostic> {
        let text = std::str::from_utf8(&file.bytes)
            .map_err(|_| Diagnostic::file(&file.path, "file is not valid UTF-8 text"))?;
        let parsed: File = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Diagnostic::at(
                &file.path,
                text,
                offset,
                e.message().lines().next().unwrap_or_default(),
            )
        })?;
        for (i, group) in parsed.group.iter().enumerate() {
            if group.words.iter().filter(|w| !terms(w).is_empty()).count() < 2 {
                return Err(Diagnostic::file(
                    &file.path,
                    format!("group {} needs at least two words or phrases", i + 1),
                ));
            }
        }
        Ok(parsed.group.into_iter().map(|g| g.words).collect())
    }

    /// Adds a group of equivalent words and phrases.
    pub fn add_group<S: AsRef<str>>(&mut self, words: &[S]) {
        let phrases: Vec<Phrase> = words
            .iter()
            .map(|w| terms(w.as_ref()))
            .filter(|t| !t.is_empty())
            .collect();
        if phrases.len() < 2 {
            return;
        }
        let id = self.groups.len();
        for phrase in &phrases {
            self.longest = self.longest.max(phrase.len());
            let ids = self.by_phrase.entry(phrase.clone()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        self.groups.push(phrases);
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
