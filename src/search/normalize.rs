//! Words as the index sees them: lower case, accents removed, common English
//! endings stripped ("bruise", "bruises", "bruising", "bruised" → "bruis"),
//! and small function words dropped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words too common to search for.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "i", "if",
    "in", "is", "it", "its", "me", "my", "of", "on", "or", "so", "the", "to", "what", "when",
    "with",
];

/// A word of a text: its normalised form and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalised, stemmed form.
    pub term: String,
    /// Byte range in the original text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// Lower-cases and removes accents ("Café" → "cafe").
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Strips a common inflection so related forms meet. Deliberately light: it
/// must be predictable for lay words, not linguistically perfect.
pub fn stem(word: &str) -> String {
    let n = word.chars().count();
    if n <= 3 || !word.is_ascii() {
        return word.to_string();
    }
    let strip = |suffix: &str, min_stem: usize| {
        word.strip_suffix(suffix)
            .filter(|s| s.len() >= min_stem)
            .map(str::to_string)
    };
    if let Some(s) = strip("ies", 3) {
        return s + "y";
    }
    // "-eed" words are not past tenses (bleed, need); "-ss", "-us", "-is"
    // words are not plurals (loss, virus, psoriasis).
    if ["ss", "us", "is", "eed"]
        .iter()
        .any(|end| word.ends_with(end))
    {
        return word.to_string();
    }
    for (suffix, min_stem) in [("ing", 3), ("ed", 3), ("es", 3), ("s", 3), ("e", 3)] {
        if let Some(s) = strip(suffix, min_stem) {
            // "bruises" → "bruis" and "bruise" → "bruis"; "doses" → "dos".
            return s
                .strip_suffix('e')
                .filter(|s| s.len() >= 3)
                .map_or(s.clone(), str::to_string);
        }
    }
    word.to_string()
}

/// Whether a folded word is too common to index.
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.binary_search(&folded).is_ok()
}

/// Splits text into normalised tokens, skipping stopwords. Letters and digits
/// make words; an apostrophe inside a word is dropped ("doctor's" → "doctors").
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |from: usize, to: usize| {
        let folded: String = fold(&text[from..to])
            .chars()
            .filter(|c| *c != '\'' && *c != '’')
            .collect();
        if !folded.is_empty() && !is_stopword(&folded) {
            out.push(Token {
                term: stem(&folded),
                start: from,
                end: to,
            });
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            push(s, i);
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

/// Normalised terms of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.term).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflections_meet() {
        let forms = ["bruise", "bruises", "bruising", "bruised", "Bruising"];
        let stems: Vec<String> = forms.iter().map(|w| stem(&fold(w))).collect();
        assert!(stems.iter().all(|s| s == "bruis"), "{stems:?}");
        assert_eq!(stem("allergies"), stem("allergy"));
        assert_eq!(stem("sores"), stem("sore"));
        assert_eq!(stem("headaches"), stem("headache"));
        assert_eq!(stem("vomiting"), "vomit");
        assert_eq!(stem("dizziness"), "dizziness");
        assert_eq!(stem("jaundiced"), stem("jaundice"));
        assert_eq!(stem("red"), "red");
        assert_eq!(stem("bleeding"), stem("bleed"));
        assert_eq!(stem("viruses"), stem("virus"));
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("NAÏVE"), "naive");
    }

    #[test]
    fn tokens_keep_positions_and_drop_stopwords() {
        let t = tokens("Blood in the urine, doctor's advice");
        let terms: Vec<&str> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["blood", "urin", "doctor", "advic"]);
        assert_eq!(
            &"Blood in the urine, doctor's advice"[t[2].start..t[2].end],
            "doctor's"
        );
    }

    #[test]
    fn punctuation_only_gives_nothing() {
        assert!(tokens("?!... --- ()").is_empty());
        assert!(tokens("").is_empty());
    }
}
