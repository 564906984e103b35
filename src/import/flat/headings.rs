//! Headings inside flattened label text: numbered subsections ("5.1
//! Serious Infections Patients treated…"), run-in sub-headings
//! ("Pregnancy: Teratogenic Effects: …") and a leaflet's questions
//! ("How should I take HUMIRA? …").

/// Text cut at headings: (heading, the text under it).
pub type Parts = Vec<(Option<String>, String)>;

/// Small words a heading may contain in lower case.
const CONNECTORS: &[&str] = &[
    "and", "or", "of", "the", "in", "with", "for", "to", "a", "an", "on", "by", "&", "at", "vs",
];

/// Words a leaflet's question headings start with.
const QUESTION_WORDS: &[&str] = &[
    "What", "How", "Who", "Should", "Can", "Do", "Does", "Is", "Are", "Where", "When", "Why",
    "Will", "Which",
];

/// Each word with its byte range.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn starts_upper(word: &str) -> bool {
    word.trim_start_matches(['(', '"', '“', '\''])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase)
}

fn is_title_word(word: &str) -> bool {
    starts_upper(word) || CONNECTORS.contains(&word)
}

/// Where "n.1 Title", "n.2 Title"… start: a number of this section
/// followed by a capitalised word.
pub fn numbered_heading_starts(text: &str, n: u32) -> Vec<usize> {
    let w = words(text);
    let mut out = Vec::new();
    for (i, &(s, e)) in w.iter().enumerate() {
        let token = &text[s..e];
        let mut parts = token.split('.');
        let first = parts.next().and_then(|p| p.parse::<u32>().ok());
        let rest_ok = {
            let rest: Vec<&str> = parts.collect();
            (1..=2).contains(&rest.len())
                && rest
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        };
        let next_upper = w
            .get(i + 1)
            .is_some_and(|&(s, e)| starts_upper(&text[s..e]));
        if first == Some(n) && rest_ok && next_upper {
            out.push(s);
        }
    }
    out
}

/// The text cut at its numbered subsections, each titled by the words
/// that follow its number (the body's first word, capitalised as a
/// sentence start, stays with the body).
pub fn numbered(text: &str, number: Option<u32>) -> Parts {
    let starts = number.map_or_else(Vec::new, |n| numbered_heading_starts(text, n));
    let Some(&first) = starts.first() else {
        return vec![(None, text.trim().to_string())];
    };
    let mut out = Vec::new();
    if !text[..first].trim().is_empty() {
        out.push((None, text[..first].trim().to_string()));
    }
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let segment = &text[start..end];
        let after_number = segment
            .find(char::is_whitespace)
            .map_or("", |i| segment[i..].trim_start());
        let (title, body) = title_and_body(after_number);
        out.push((Some(title), body.trim().to_string()));
    }
    out
}

/// Splits "Serious Infections Patients treated with…" into its title and
/// the rest: the run of capitalised words, less its last word when a
/// lower-case word follows (that word starts the sentence).
fn title_and_body(text: &str) -> (String, &str) {
    let w = words(text);
    let mut k = 0;
    while k < w.len() && k < 14 && is_title_word(&text[w[k].0..w[k].1]) {
        k += 1;
    }
    let followed_by_lower = w.get(k).is_some_and(|&(s, e)| starts_lower(&text[s..e]));
    // "Malignancies Lymphoma and other…": connectors at the run's end
    // belong to the sentence, and so does the word before them.
    let mut t = k;
    while t > 1 && CONNECTORS.contains(&&text[w[t - 1].0..w[t - 1].1]) {
        t -= 1;
    }
    let title_words = if followed_by_lower && t > 1 {
        t - 1
    } else {
        t.max(1)
    };
    let title_words = title_words.min(w.len());
    if title_words == 0 {
        return (String::new(), text);
    }
    let end = w[title_words - 1].1;
    let title = text[..end].trim_end_matches([':', ' ']).to_string();
    (title, &text[end..])
}

/// Run-in sub-headings: "General: As with…", "Information for Patients:
/// Avoid…", "Nursing Mothers: In nursing…". A heading starts a sentence,
/// has at most six words (title-cased, or at most three), ends with a
/// colon and is followed by a capitalised word.
pub fn run_in(text: &str) -> Parts {
    let w = words(text);
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let sentence_start = i == 0 || {
            let prev = &text[w[i - 1].0..w[i - 1].1];
            prev.ends_with(['.', '!', '?', ':'])
        };
        if let Some((j, heading)) = sentence_start.then(|| run_in_at(text, &w, i)).flatten() {
            cuts.push((w[i].0, w[j].1, heading));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    cut(text, cuts)
}

/// A run-in heading starting at word `i`: its last word and its text.
fn run_in_at(text: &str, w: &[(usize, usize)], i: usize) -> Option<(usize, String)> {
    let word = |k: usize| &text[w[k].0..w[k].1];
    if !starts_upper(word(i)) {
        return None;
    }
    for j in i..(i + 6).min(w.len()) {
        let wj = word(j);
        if wj
            .chars()
            .any(|c| c.is_ascii_digit() || "•■▪●;.?!()".contains(c))
        {
            return None;
        }
        if !wj.ends_with(':') {
            continue;
        }
        let heading = text[w[i].0..w[j].1]
            .trim_end_matches([':', ' '])
            .to_string();
        let count = j - i + 1;
        let titled = (i..=j).all(|k| is_title_word(word(k).trim_end_matches(':')));
        let next_upper = w
            .get(j + 1)
            .is_some_and(|&(s, e)| starts_upper(&text[s..e]));
        let letters = heading.chars().filter(|c| c.is_alphabetic()).count();
        return ((titled || count <= 3) && next_upper && letters >= 3).then_some((j, heading));
    }
    None
}

/// A leaflet's question headings: from a question word to the "?" that
/// ends it, unless it is quoted ("See “What is…?”").
pub fn question_headings(text: &str) -> Parts {
    let w = words(text);
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    let mut from_word = 0;
    for end in 0..w.len() {
        let last = &text[w[end].0..w[end].1];
        if !last.ends_with('?') {
            continue;
        }
        let start = (from_word..=end).rev().take(30).find(|&k| {
            let word = &text[w[k].0..w[k].1];
            QUESTION_WORDS.contains(&word)
        });
        let Some(start) = start else { continue };
        let quoted = text[..w[start].0].trim_end().ends_with(['"', '“']);
        let interrupted = (start..end).any(|k| {
            let word = &text[w[k].0..w[k].1];
            word.ends_with(['.', '!', '?']) || word.contains(['•', '■', '▪', '●'])
        });
        if !quoted && !interrupted {
            cuts.push((w[start].0, w[end].1, text[w[start].0..w[end].1].to_string()));
            from_word = end + 1;
        }
    }
    cut(text, cuts)
}

/// The text cut at the given headings (start, end, heading).
fn cut(text: &str, cuts: Vec<(usize, usize, String)>) -> Parts {
    let mut out: Parts = Vec::new();
    let mut heading = None;
    let mut from = 0;
    for (start, end, h) in cuts {
        let body = text[from..start].trim();
        if heading.is_some() || !body.is_empty() {
            out.push((heading.take(), body.to_string()));
        }
        heading = Some(h);
        from = end;
    }
    let body = text[from..].trim();
    if heading.is_some() || !body.is_empty() {
        out.push((heading, body.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_leave_the_sentence_start_with_the_body() {
        assert_eq!(
            title_and_body("Rheumatoid Arthritis HUMIRA is indicated"),
            ("Rheumatoid Arthritis".to_string(), " HUMIRA is indicated")
        );
        assert_eq!(
            title_and_body(
                "Rheumatoid Arthritis, Osteoarthritis and Ankylosing Spondylitis The dose is"
            ),
            (
                "Rheumatoid Arthritis, Osteoarthritis and Ankylosing Spondylitis".to_string(),
                " The dose is"
            )
        );
        assert_eq!(
            title_and_body("Malignancies Lymphoma and other cancers"),
            ("Malignancies".to_string(), " Lymphoma and other cancers")
        );
    }

    #[test]
    fn run_in_headings() {
        let parts = run_in(
            "General: As with others. Information for Patients: Avoid contamination. Pregnancy: Teratogenic Effects: None seen. HUMIRA is used: • to treat",
        );
        let headings: Vec<_> = parts.iter().filter_map(|(h, _)| h.as_deref()).collect();
        assert_eq!(
            headings,
            [
                "General",
                "Information for Patients",
                "Pregnancy",
                "Teratogenic Effects"
            ]
        );
        assert!(
            parts
                .last()
                .unwrap()
                .1
                .ends_with("HUMIRA is used: • to treat")
        );
    }

    #[test]
    fn questions_become_headings_unless_quoted() {
        let parts = question_headings(
            "Read this. What is HUMIRA? HUMIRA is a medicine. See “What is HUMIRA?” • an item What are the possible side effects of HUMIRA? Infections.",
        );
        let headings: Vec<_> = parts.iter().filter_map(|(h, _)| h.as_deref()).collect();
        assert_eq!(
            headings,
            [
                "What is HUMIRA?",
                "What are the possible side effects of HUMIRA?"
            ]
        );
    }
}
