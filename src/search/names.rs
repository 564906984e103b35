//! The drug-list filter: fuzzy matching over generic names, brands, aliases
//! and classes, typo-tolerant, with the matched characters for highlighting.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::Monograph;
use crate::search::typo::{allowed_typos, distance_within};

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
}

/// A drug that matched the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    /// Index of the drug in the slice the index was built from.
    pub drug: usize,
    /// Higher is better.
    pub score: i64,
    /// Which name matched.
    pub field: Field,
    /// That name's text.
    pub text: String,
    /// Character positions in `text` that matched.
    pub positions: Vec<usize>,
}

/// Prebuilt names of every drug.
pub struct NameIndex {
    candidates: Vec<Candidate>,
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
        let mut count = 0;
        for (i, m) in drugs.into_iter().enumerate() {
            count += 1;
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
                    text: text.clone(),
                    lower,
                });
            }
        }
        Self {
            candidates,
            drugs: count,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Drugs matching `query`, best first; every drug, in order, for a blank query.
    pub fn filter(&self, query: &str) -> Vec<NameMatch> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return (0..self.drugs)
                .map(|drug| NameMatch {
                    drug,
                    score: 0,
                    field: Field::Name,
                    text: String::new(),
                    positions: Vec::new(),
                })
                .collect();
        }
        let mut best: Vec<Option<NameMatch>> = vec![None; self.drugs];
        let qmask = char_mask(&query.replace(' ', ""));
        for c in &self.candidates {
            if c.mask & qmask != qmask {
                continue;
            }
            if let Some((score, positions)) = self.matcher.fuzzy_indices(&c.lower, &query) {
                offer(&mut best, c, score + field_bonus(c.field), positions);
            }
        }
        if best.iter().all(Option::is_none) {
            self.typo_matches(&query, &mut best);
        }
        let mut matches: Vec<NameMatch> = best.into_iter().flatten().collect();
        matches.sort_by(|a, b| b.score.cmp(&a.score).then(a.drug.cmp(&b.drug)));
        matches
    }

    /// Words of any name within a few edits of the query's words; scored below
    /// every fuzzy match so they only show when nothing else does.
    fn typo_matches(&self, query: &str, best: &mut [Option<NameMatch>]) {
        let words: Vec<&str> = query.split_whitespace().collect();
        for c in &self.candidates {
            let mut edits = 0;
            let mut positions = Vec::new();
            let all_found = words.iter().all(|q| {
                let limit = allowed_typos(q.chars().count());
                let found = word_spans(&c.lower)
                    .filter_map(|(start, w)| Some((distance_within(q, w, limit)?, start, w)))
                    .min_by_key(|(d, _, _)| *d);
                if let Some((d, start, w)) = found {
                    edits += d;
                    positions.extend(start..start + w.chars().count());
                }
                found.is_some()
            });
            if all_found {
                let score = -10 * edits as i64 + field_bonus(c.field) / 10 - 1000;
                offer(best, c, score, positions);
            }
        }
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

/// Keeps the better of two matches for the same drug.
fn offer(best: &mut [Option<NameMatch>], c: &Candidate, score: i64, positions: Vec<usize>) {
    let slot = &mut best[c.drug];
    if slot.as_ref().is_none_or(|m| score > m.score) {
        *slot = Some(NameMatch {
            drug: c.drug,
            score,
            field: c.field,
            text: c.text.clone(),
            positions,
        });
    }
}

/// Words of `s` with their starting character index.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (char_index, (byte, c)) in s.char_indices().enumerate() {
        if c.is_alphanumeric() {
            start.get_or_insert((byte, char_index));
        } else if let Some((b, ci)) = start.take() {
            out.push((ci, &s[b..byte]));
        }
    }
    if let Some((b, ci)) = start {
        out.push((ci, &s[b..]));
    }
    out.into_iter()
}
