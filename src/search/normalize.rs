//! Words as the index sees them: lower case, accents removed, common English
//! endings stripped ("bruise", "bruises", "bruising", "bruised" → "bruis"),
//! and small function words dropped.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A phrase as normalised terms (see [`terms`]).
pub type Phrase = Vec<String>;

/// Words too common to search for (at most four letters each; see [`is_stopword`]).
pub const STOPWORDS: &[&str] = &[
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

/// Lower-cases, removes accents ("Café" → "cafe") and folds compatibility
/// characters, as PDF-made labels are full of: ligatures ("ﬁ" → "fi") and
/// full-width letters ("Ｚ" → "z").
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Strips a common inflection so related forms meet. Deliberately light: it
/// must be predictable for lay words, not linguistically perfect.
pub fn stem(word: &str) -> String {
    let mut s = word.to_string();
    stem_in_place(&mut s);
    s
}

/// [`stem`] without allocating: shortens (or, for "-ies", rewrites) `word`.
pub fn stem_in_place(word: &mut String) {
    if word.len() <= 3 || !word.is_ascii() {
        return;
    }
    let bytes = word.as_bytes();
    if ends(bytes, b"ies") && bytes.len() >= 6 {
        word.truncate(word.len() - 3);
        word.push('y');
        return;
    }
    // "-eed" words are not past tenses (bleed, need); "-ss", "-us", "-is"
    // words are not plurals (loss, virus, psoriasis).
    if [&b"ss"[..], b"us", b"is", b"eed"]
        .iter()
        .any(|end| ends(bytes, end))
    {
        return;
    }
    // An act and its noun meet ("interact", "interactions"; "inject",
    // "injection"), where at least five letters stay: "lotion" and
    // "section" are left whole.
    for suffix in [&b"tions"[..], b"tion"] {
        if ends(bytes, suffix) && bytes.len() - suffix.len() >= 4 {
            word.truncate(word.len() - suffix.len() + 1);
            return;
        }
    }
    for suffix in [&b"ing"[..], b"ed", b"es", b"s", b"e"] {
        if ends(bytes, suffix) && bytes.len() - suffix.len() >= 3 {
            word.truncate(word.len() - suffix.len());
            // "bruises" → "bruis" and "bruise" → "bruis"; "doses" → "dos".
            if word.ends_with('e') && word.len() > 3 {
                word.pop();
            }
            return;
        }
    }
}

/// Whether a folded word is too common to index.
pub fn is_stopword(folded: &str) -> bool {
    // Every stopword has at most four ASCII letters, so each fits in a u32;
    // comparing integers avoids a string comparison per word of every text.
    folded.len() <= 4 && PACKED_STOPWORDS.contains(&pack(folded.as_bytes()))
}

const fn pack(word: &[u8]) -> u32 {
    let mut packed = 0u32;
    let mut i = 0;
    while i < word.len() && i < 4 {
        packed |= (word[i] as u32) << (8 * i);
        i += 1;
    }
    packed
}

const PACKED_STOPWORDS: [u32; STOPWORDS.len()] = {
    let mut out = [0u32; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        out[i] = pack(STOPWORDS[i].as_bytes());
        i += 1;
    }
    out
};

/// Whether `word` ends with `suffix`, compared byte by byte (these suffixes
/// are tiny; a library string comparison per call costs more than the work).
fn ends(word: &[u8], suffix: &[u8]) -> bool {
    word.len() >= suffix.len()
        && word
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(a, b)| a == b)
}

/// Calls `f(term, start, end)` for each normalised word of `text`, skipping
/// stopwords, without allocating per word: the term lives in a reused buffer.
/// Letters and digits make words; an apostrophe inside a word is dropped
/// ("doctor's" → "doctors").
pub fn for_each_term(text: &str, mut f: impl FnMut(&str, usize, usize)) {
    for_each_term_while(text, |term, start, end| {
        f(term, start, end);
        true
    });
}

/// [`for_each_term`], stopping as soon as `f` returns false.
pub fn for_each_term_while(text: &str, mut f: impl FnMut(&str, usize, usize) -> bool) {
    let mut buffer = String::new();
    for_each_word_while(text, |start, end, plain| {
        !term_of(&text[start..end], plain, &mut buffer) || f(&buffer, start, end)
    });
}

/// Calls `f(start, end, plain)` for each word of `text`, as
/// [`for_each_term`] finds them but not yet normalised, stopping as soon
/// as `f` returns false. `plain`: the word is ASCII letters and digits
/// only, as nearly every word is, so the same bytes always make the same
/// term, which an indexer may remember rather than normalise again.
pub fn for_each_word_while(text: &str, mut f: impl FnMut(usize, usize, bool) -> bool) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Most text is ASCII: the bytes between words are passed over, and
        // a word's run of letters and digits taken, a byte at a time
        // without decoding a char; only a non-ASCII char or an apostrophe
        // is looked at as a char.
        if b.is_ascii() && !WORD_BYTE[usize::from(b)] {
            i += 1;
            continue;
        }
        if !b.is_ascii() {
            let c = char_at(text, i);
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let mut plain = true;
        loop {
            i += bytes[i..]
                .iter()
                .take_while(|&&b| WORD_BYTE[usize::from(b)])
                .count();
            if i == bytes.len() || (bytes[i].is_ascii() && bytes[i] != b'\'') {
                break;
            }
            let c = char_at(text, i);
            let width = c.len_utf8();
            let inner_apostrophe = (c == '\'' || c == '’')
                && text[i + width..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !(inner_apostrophe || c.is_alphanumeric()) {
                break;
            }
            plain = false;
            i += width;
        }
        if !f(start, i, plain) {
            return;
        }
    }
}

/// ASCII letters and digits by byte: one load a byte where the word scan
/// spends most of its time, in place of comparisons with three ranges.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b: u8 = 0;
    loop {
        table[b as usize] = b.is_ascii_alphanumeric();
        if b == u8::MAX {
            break table;
        }
        b += 1;
    }
};

/// The char beginning at byte `i` of `text`.
fn char_at(text: &str, i: usize) -> char {
    text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Normalises `word` (found by [`for_each_word_while`], with its `plain`)
/// into `buffer`: whether it makes a term, that is, is not empty and not a
/// stopword.
pub fn term_of(word: &str, plain: bool, buffer: &mut String) -> bool {
    buffer.clear();
    if plain {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else if word.is_ascii() {
        // Copied and lowered in place: a char at a time costs more than the
        // rest of indexing a word.
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        if word.contains('\'') {
            buffer.retain(|c| c != '\'');
        }
    } else {
        buffer.extend(fold(word).chars().filter(|c| *c != '\'' && *c != '’'));
    }
    if buffer.is_empty() || is_stopword(buffer) {
        return false;
    }
    stem_in_place(buffer);
    true
}

/// Splits text into normalised tokens, skipping stopwords.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_term(text, |term, start, end| {
        out.push(Token {
            term: term.to_string(),
            start,
            end,
        });
    });
    out
}

/// Normalised terms of a text, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, |term, _, _| out.push(term.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stopword_list_and_the_matcher_agree() {
        assert!(STOPWORDS.iter().all(|w| w.len() <= 4 && is_stopword(w)));
        assert!(!is_stopword("blood") && !is_stopword("pain") && !is_stopword("ant"));
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
        assert_eq!(stem("interactions"), stem("interact"));
        assert_eq!(stem("interaction"), stem("interacting"));
        assert_eq!(stem("injection"), stem("injected"));
        assert_eq!(stem("reaction"), "react");
        assert_eq!(stem("lotion"), "lotion");
        assert_eq!(stem("section"), "section");
    }

    #[test]
    fn accents_and_case_fold() {
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("NAÏVE"), "naive");
    }

    #[test]
    fn compatibility_characters_fold() {
        assert_eq!(fold("zqﬁne"), "zqfine");
        assert_eq!(fold("ﬂushing"), "flushing");
        assert_eq!(fold("ＺＱＦＩＮＥ"), "zqfine");
        assert_eq!(terms("Zqﬁne ﬂushing"), terms("zqfine flushing"));
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

    /// The terms of `text` found a char at a time, folding every word the
    /// general way: what the byte scan's shortcuts must agree with.
    fn terms_by_chars(text: &str) -> Vec<(String, usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut start = None;
        let mut emit = |from: usize, to: usize| {
            let folded: String = fold(&text[from..to])
                .chars()
                .filter(|c| *c != '\'' && *c != '’')
                .collect();
            if !folded.is_empty() && !is_stopword(&folded) {
                out.push((stem(&folded), from, to));
            }
        };
        for (k, &(i, c)) in chars.iter().enumerate() {
            let next_is_word = chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            let inner = (c == '\'' || c == '’') && start.is_some() && next_is_word;
            if c.is_alphanumeric() || inner {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                emit(s, i);
            }
        }
        if let Some(s) = start {
            emit(s, text.len());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_finds_the_terms_a_char_scan_finds(
            text in "[a-zA-Z0-9'’ éÉﬁＺ.,—·½-]{0,80}"
        ) {
            let mut found = Vec::new();
            for_each_term(&text, |term, start, end| found.push((term.to_string(), start, end)));
            proptest::prop_assert_eq!(found, terms_by_chars(&text));
        }
    }

    #[test]
    fn punctuation_only_gives_nothing() {
        assert!(tokens("?!... --- ()").is_empty());
        assert!(tokens("").is_empty());
    }
}
