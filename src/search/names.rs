//! The drug-list filter: fuzzy matching over generic names, brands, aliases
//! and classes, typo-tolerant, with the matched characters for highlighting.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use rustc_hash::FxHashMap;

use crate::model::Monograph;
use crate::search::typo::{Pattern, allowed_typos};

/// Which name of a drug matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The generic name.
    Name,
    /// A brand name.
    Brand,
    /// Another spelling.
    Alias,
    /// The drug class.
    Class,
}

/// One searchable name.
#[derive(Debug, Clone)]
struct Candidate {
    drug: usize,
    field: Field,
    text: String,
    lower: String,
    /// Bit per letter/digit present, to skip candidates that cannot match.
    mask: u64,
    /// The words of `lower`, split once rather than on every keystroke.
    words: Box<[Word]>,
}

/// A word of a lower-cased name.
#[derive(Debug, Clone)]
struct Word {
    /// Byte range in the name.
    bytes: std::ops::Range<usize>,
    /// Index of its first character in the name.
    start: usize,
    /// Its length in characters.
    chars: usize,
    /// Its letters, as in [`Candidate::mask`].
    mask: u64,
    /// Its first two characters.
    first_two: [Option<char>; 2],
}

impl Candidate {
    fn words(&self) -> impl Iterator<Item = (&Word, &str)> {
        self.words.iter().map(|w| (w, &self.lower[w.bytes.clone()]))
    }
}

/// A drug that matched the filter. The matched name and the characters to
/// highlight come from [`NameIndex::highlight`], asked only for the rows on
/// screen: a one-letter filter matches nearly every drug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    /// Index of the drug in the slice the index was built from.
    pub drug: usize,
    /// Higher is better.
    pub score: i64,
    /// Which name matched.
    pub field: Field,
    candidate: usize,
}

/// Prebuilt names of every drug.
pub struct NameIndex {
    candidates: Vec<Candidate>,
    /// Candidates by the first and by the second letter of each of their
    /// words: one- and two-letter filters match word starts, and a typo
    /// rarely hits both of a word's first two letters, so both paths look
    /// at a small share of the names.
    by_first: FxHashMap<char, Vec<u32>>,
    by_second: FxHashMap<char, Vec<u32>>,
    /// Each drug's generic-name candidate.
    name_candidates: Vec<usize>,
    drugs: usize,
    matcher: SkimMatcherV2,
}

impl Default for NameIndex {
    fn default() -> Self {
        Self::new([])
    }
}

impl std::fmt::Debug for NameIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("candidates", &self.candidates.len())
            .finish()
    }
}

fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |mask, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 63,
        };
        mask | (1 << bit)
    })
}

/// Field bonus so that, at equal quality, a generic name beats a brand,
/// a brand beats an alias, and an alias beats a class.
fn field_bonus(field: Field) -> i64 {
    match field {
        Field::Name => 30,
        Field::Brand => 20,
        Field::Alias => 10,
        Field::Class => 0,
    }
}

impl NameIndex {
    /// Indexes the names of `drugs`, in order.
    pub fn new<'a>(drugs: impl IntoIterator<Item = &'a Monograph>) -> Self {
        let mut candidates = Vec::new();
        let mut name_candidates = Vec::new();
        for (i, m) in drugs.into_iter().enumerate() {
            name_candidates.push(candidates.len());
            let fields = std::iter::once((Field::Name, &m.name))
                .chain(m.brands.iter().map(|b| (Field::Brand, b)))
                .chain(m.aliases.iter().map(|a| (Field::Alias, a)))
                .chain(std::iter::once((Field::Class, &m.drug_class)));
            for (field, text) in fields {
                let lower = text.to_lowercase();
                candidates.push(Candidate {
                    drug: i,
                    field,
                    mask: char_mask(&lower),
                    words: word_spans(&lower).collect(),
                    text: text.clone(),
                    lower,
                });
            }
        }
        let (mut by_first, mut by_second) = (FxHashMap::default(), FxHashMap::default());
        for (i, c) in candidates.iter().enumerate() {
            for (_, word) in c.words() {
                let mut chars = word.chars();
                for (map, letter) in [
                    (&mut by_first, chars.next()),
                    (&mut by_second, chars.next()),
                ] {
                    if let Some(letter) = letter {
                        let list: &mut Vec<u32> = map.entry(letter).or_default();
                        if list.last() != Some(&(i as u32)) {
                            list.push(i as u32);
                        }
                    }
                }
            }
        }
        Self {
            candidates,
            by_first,
            by_second,
            drugs: name_candidates.len(),
            name_candidates,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Drugs matching `query`, best first; every drug, in order, for a blank query.
    pub fn filter(&self, query: &str) -> Vec<NameMatch> {
        let query = normalise(query);
        if query.is_empty() {
            return (0..self.drugs)
                .map(|drug| NameMatch {
                    drug,
                    score: 0,
                    field: Field::Name,
                    candidate: self.name_candidates[drug],
                })
                .collect();
        }
        // Best (score, candidate) per drug.
        let mut best: Vec<Option<(i64, usize)>> = vec![None; self.drugs];
        if is_short(&query) {
            for i in self.starting_with(query.chars().next()) {
                let c = &self.candidates[i];
                if let Some((score, _)) = word_start_match(c, &query) {
                    offer(&mut best[c.drug], score + field_bonus(c.field), i);
                }
            }
        } else if is_brief(&query) {
            let qmask = char_mask(&query);
            for (i, c) in self.candidates.iter().enumerate() {
                if c.mask & qmask != qmask {
                    continue;
                }
                if let Some((score, _)) = brief_match(c, &query) {
                    offer(&mut best[c.drug], score + field_bonus(c.field), i);
                }
            }
        } else {
            let letters = query.replace(' ', "");
            let qmask = char_mask(&letters);
            let words: Vec<(&str, u64)> = query.split(' ').map(|w| (w, char_mask(w))).collect();
            for (i, c) in self.candidates.iter().enumerate() {
                // The fuzzy matcher only matches names holding the query's
                // letters in order; checking that first is far cheaper.
                if c.mask & qmask != qmask {
                    continue;
                }
                // A class is a phrase of several words, where a filter's
                // letters scattered are noise: each of its words must be
                // there whole.
                let whole = |&(w, mask): &(&str, u64)| {
                    let in_a_word = c.words.iter().any(|word| word.mask & mask == mask);
                    // Only a filter word of letters and digits need be
                    // inside one word of the class.
                    (in_a_word || mask >> 63 != 0) && c.lower.contains(w)
                };
                if c.field == Field::Class && !words.iter().all(whole) {
                    continue;
                }
                if !in_order(&c.lower, &letters) {
                    continue;
                }
                if let Some(score) = self.matcher.fuzzy_match(&c.lower, &query) {
                    offer(&mut best[c.drug], score + field_bonus(c.field), i);
                }
            }
        }
        if best.iter().all(Option::is_none) {
            self.typo_matches(&query, &mut best);
        }
        let mut matches: Vec<NameMatch> = best
            .into_iter()
            .flatten()
            .map(|(score, candidate)| {
                let c = &self.candidates[candidate];
                NameMatch {
                    drug: c.drug,
                    score,
                    field: c.field,
                    candidate,
                }
            })
            .collect();
        matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.drug.cmp(&b.drug)));
        matches
    }

    /// The name a match was found in, and the character positions in it
    /// that `query` matched.
    pub fn highlight(&self, m: &NameMatch, query: &str) -> (&str, Vec<usize>) {
        let c = &self.candidates[m.candidate];
        let query = normalise(query);
        let positions = if query.is_empty() {
            Vec::new()
        } else if is_short(&query) {
            word_start_match(c, &query).map_or_else(Vec::new, |(_, p)| p)
        } else if is_brief(&query) {
            brief_match(c, &query).map_or_else(Vec::new, |(_, p)| p)
        } else if let Some((_, positions)) = self.matcher.fuzzy_indices(&c.lower, &query) {
            positions
        } else {
            Misspelt::new(&query)
                .find_in(c)
                .map_or_else(Vec::new, |(_, p)| p)
        };
        (&c.text, positions)
    }

    /// Words of any name within a few edits of the query's words; scored below
    /// every fuzzy match so they only show when nothing else does.
    fn typo_matches(&self, query: &str, best: &mut [Option<(i64, usize)>]) {
        let misspelt = Misspelt::new(query);
        let Some(first) = misspelt.words.first() else {
            return;
        };
        // Every candidate must have a word near the query's first word, so
        // one starting like it (see `Misspelt::find_in`).
        let [a, b] = first.first_two;
        let near = merged(
            with_letter(&self.by_first, a),
            with_letter(&self.by_second, b),
        );
        for i in near {
            let c = &self.candidates[i];
            // A name missing more of the word's letters than it may get
            // wrong has no word near it: skipped before its words are read.
            if (first.mask & !c.mask).count_ones() as usize > first.limit {
                continue;
            }
            if let Some((edits, _)) = misspelt.find_in(c) {
                let score = -10 * edits as i64 + field_bonus(c.field) / 10 - 1000;
                offer(&mut best[c.drug], score, i);
            }
        }
    }

    /// Candidates with a word beginning with `letter`.
    fn starting_with(&self, letter: Option<char>) -> impl Iterator<Item = usize> + '_ {
        with_letter(&self.by_first, letter)
            .iter()
            .map(|&i| i as usize)
    }

    /// Suggestions for an unknown name: the closest few drug names.
    pub fn suggest(&self, query: &str, drugs: &[&Monograph], limit: usize) -> Vec<String> {
        let mut names: Vec<String> = self
            .filter(query)
            .into_iter()
            .take(limit)
            .map(|m| drugs[m.drug].name.clone())
            .collect();
        names.dedup();
        names
    }
}

/// The candidates `map` lists under `letter`, ascending.
fn with_letter(map: &FxHashMap<char, Vec<u32>>, letter: Option<char>) -> &[u32] {
    letter.and_then(|l| map.get(&l)).map_or(&[], Vec::as_slice)
}

/// The candidates of two ascending lists, ascending, each once.
fn merged(a: &[u32], b: &[u32]) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    std::iter::from_fn(move || {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x < y => a.next(),
            (Some(x), Some(y)) if y < x => b.next(),
            (Some(_), Some(_)) => {
                b.next();
                a.next()
            }
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        next.map(|&i| i as usize)
    })
}

/// Keeps the better of two matches for the same drug.
fn offer(slot: &mut Option<(i64, usize)>, score: i64, candidate: usize) {
    if slot.is_none_or(|(best, _)| score > best) {
        *slot = Some((score, candidate));
    }
}

/// One or two letters match the start of a word rather than anywhere: "n"
/// should list drugs whose names begin with n, not every name with an n in it
/// (and scoring every name fuzzily for a single letter is slow at scale).
fn is_short(query: &str) -> bool {
    query.chars().count() <= 2
}

/// Score and character positions when a word of the name starts with
/// `query`; earlier words score higher.
fn word_start_match(c: &Candidate, query: &str) -> Option<(i64, Vec<usize>)> {
    let (index, (word, _)) = c
        .words()
        .enumerate()
        .find(|(_, (_, text))| text.starts_with(query))?;
    let score = 100 - 10 * index.min(9) as i64;
    Some((
        score,
        (word.start..word.start + query.chars().count()).collect(),
    ))
}

/// Three characters match a word start, or else anywhere in a word, but
/// together: scattered, three letters would match most names.
fn is_brief(query: &str) -> bool {
    query.chars().count() == 3 && !query.contains(' ')
}

/// Score and character positions for a three-character filter: a word
/// starting with it (as [`word_start_match`]), else a word holding it.
fn brief_match(c: &Candidate, query: &str) -> Option<(i64, Vec<usize>)> {
    if let Some(found) = word_start_match(c, query) {
        return Some(found);
    }
    let (index, (word, text)) = c
        .words()
        .enumerate()
        .find(|(_, (_, text))| text.contains(query))?;
    let offset = text
        .find(query)
        .map_or(0, |byte| text[..byte].chars().count());
    let start = word.start + offset;
    let score = 40 - 5 * index.min(7) as i64;
    Some((score, (start..start + 3).collect()))
}

/// Whether `letters` appear in `text` in this order (not necessarily
/// together). Compared as bytes, which is much faster than decoding
/// characters; for letters beyond ASCII it may also say yes when they do
/// not appear (never the other way round), which the fuzzy matcher after
/// it then settles.
fn in_order(text: &str, letters: &str) -> bool {
    let mut rest = text.as_bytes();
    for &letter in letters.as_bytes() {
        match rest.iter().position(|&b| b == letter) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// How a filter is compared: trimmed and lower-cased.
fn normalise(query: &str) -> String {
    query.trim().to_lowercase()
}

/// A filter's words, prepared for comparing with every name's words.
struct Misspelt<'a> {
    words: Vec<MisspeltWord<'a>>,
}

struct MisspeltWord<'a> {
    chars: usize,
    limit: usize,
    mask: u64,
    first_two: [Option<char>; 2],
    pattern: Pattern<'a>,
}

impl<'a> Misspelt<'a> {
    fn new(query: &'a str) -> Self {
        let words = query
            .split_whitespace()
            .map(|q| {
                let chars = q.chars().count();
                let mut first_two = q.chars();
                MisspeltWord {
                    chars,
                    limit: allowed_typos(chars),
                    mask: char_mask(q),
                    first_two: [first_two.next(), first_two.next()],
                    pattern: Pattern::new(q),
                }
            })
            .collect();
        Self { words }
    }

    /// Total edits and matched character positions when every word of
    /// the filter is within a few edits of some word of the name.
    fn find_in(&self, c: &Candidate) -> Option<(usize, Vec<usize>)> {
        let mut edits = 0;
        let mut positions = Vec::new();
        for q in &self.words {
            let (d, word) = c
                .words()
                // A typo rarely hits both of the first two letters, and each
                // edit loses at most one of the query's letters: both checks
                // skip most words before the edit distance is computed.
                .filter(|(w, _)| {
                    w.chars.abs_diff(q.chars) <= q.limit
                        && (w.first_two[0] == q.first_two[0] || w.first_two[1] == q.first_two[1])
                        && (q.mask & !w.mask).count_ones() as usize <= q.limit
                })
                .filter_map(|(w, text)| Some((q.pattern.distance_within(text, q.limit)?, w)))
                .min_by_key(|(d, _)| *d)?;
            edits += d;
            positions.extend(word.start..word.start + word.chars);
        }
        Some((edits, positions))
    }
}

/// The words of `s`: runs of letters and digits.
fn word_spans(s: &str) -> impl Iterator<Item = Word> + '_ {
    let mut chars = s.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        while chars.next_if(|(_, (_, c))| !c.is_alphanumeric()).is_some() {}
        let (start, (from, _)) = chars.next()?;
        let mut count = 1;
        while chars.next_if(|(_, (_, c))| c.is_alphanumeric()).is_some() {
            count += 1;
        }
        let to = chars.peek().map_or(s.len(), |(_, (byte, _))| *byte);
        let mut letters = s[from..to].chars();
        Some(Word {
            bytes: from..to,
            start,
            chars: count,
            mask: char_mask(&s[from..to]),
            first_two: [letters.next(), letters.next()],
        })
    })
}
