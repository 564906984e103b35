//! Reading monograph text the way the content rules need it: as concepts,
//! where the word forms of the search normaliser meet ("bruise",
//! "bruising") and every wording of a synonyms-table group counts as one
//! ("jaundice", "yellow skin").

use std::collections::HashSet;

use crate::search::normalize::terms;
use crate::search::synonyms::Synonyms;

/// Words that say how much or which of a symptom, not what it is: "mild
/// rash" and "any new rash" both name a rash.
const QUALIFIERS: &str = "mild slight minor some occasional any new sign signs symptom symptoms feeling \
                          unusual possible";

/// Turns text into concepts with one synonyms table.
pub struct Reader<'a> {
    synonyms: &'a Synonyms,
    qualifiers: HashSet<String>,
}

impl<'a> Reader<'a> {
    /// A reader using `synonyms`.
    pub fn new(synonyms: &'a Synonyms) -> Self {
        Self {
            synonyms,
            qualifiers: terms(QUALIFIERS).into_iter().collect(),
        }
    }

    /// The concepts of `text`, in order: a phrase of the synonyms table
    /// becomes its group's first wording in sorted order (the same for
    /// every wording); any other word, its normalised form.
    pub fn concepts(&self, text: &str) -> Vec<String> {
        let words = terms(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.synonyms.longest_at(&words[i..]) {
                Some((len, alternatives)) => {
                    let own = &words[i..i + len];
                    let first = alternatives
                        .into_iter()
                        .map(Vec::as_slice)
                        .chain(std::iter::once(own))
                        .min()
                        .unwrap_or(own);
                    out.push(first.join(" "));
                    i += len;
                }
                None => {
                    out.push(words[i].clone());
                    i += 1;
                }
            }
        }
        out
    }

    /// What a short symptom phrase names, without qualifiers, sorted: the
    /// same for "Mild rash", "any new skin rash" and "Rash".
    pub fn symptom(&self, text: &str) -> Vec<String> {
        let mut concepts: Vec<String> = self
            .concepts(text)
            .into_iter()
            .filter(|c| !self.qualifiers.contains(c))
            .collect();
        concepts.sort();
        concepts.dedup();
        concepts
    }

    /// The concept a single word or phrase stands for.
    pub fn concept(&self, word: &str) -> String {
        self.concepts(word).join(" ")
    }
}

/// The normalised forms of the given words, for matching any of them.
pub fn forms(words: &str) -> HashSet<String> {
    terms(words).into_iter().collect()
}

/// The symptoms an entry of a side-effect list names in its lead, before
/// any explanation (a colon or parenthesis), each alone: "Nausea or
/// vomiting" names two; "Signs of liver damage: yellow skin" names liver
/// damage. With `commas`, a comma separates symptoms too, as in a list of
/// common effects ("Nausea, diarrhea"); in a serious entry it does not, as
/// symptoms listed together there signal a problem together ("Headache,
/// confusion, weakness").
pub fn lead_parts(entry: &str, commas: bool) -> Vec<&str> {
    let lead = entry.split([':', '(', ';']).next().unwrap_or(entry);
    let pieces: Vec<&str> = if commas {
        lead.split(',').collect()
    } else {
        vec![lead]
    };
    pieces
        .into_iter()
        .flat_map(|part| part.split(" or "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

/// Sentences of a text (split at `.`, `!`, `?` and line breaks).
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Synonyms {
        let mut s = Synonyms::default();
        s.add_group(&["rash", "skin rash", "red skin"]);
        s.add_group(&["jaundice", "yellow skin"]);
        s
    }

    #[test]
    fn wordings_of_one_symptom_read_alike() {
        let s = table();
        let r = Reader::new(&s);
        assert_eq!(r.symptom("Mild rash"), r.symptom("Any new skin rash"));
        assert_eq!(r.symptom("Yellow skin"), r.symptom("jaundice"));
        assert_ne!(r.symptom("Severe rash"), r.symptom("Rash"));
        assert_eq!(r.concept("skin rashes"), r.concept("rash"));
    }

    #[test]
    fn leads_stop_at_the_explanation() {
        assert_eq!(
            lead_parts("Nausea, diarrhea or constipation", true),
            ["Nausea", "diarrhea", "constipation"]
        );
        assert_eq!(
            lead_parts("Headache, confusion or weakness", false),
            ["Headache, confusion", "weakness"]
        );
        assert_eq!(
            lead_parts("Signs of liver damage: yellow skin, dark urine", true),
            ["Signs of liver damage"]
        );
    }
}
