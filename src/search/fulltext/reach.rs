//! How far into the library each way of matching a query can still match.
//!
//! A query's best possible score (ranking's ceiling) counts every group at
//! the best kind any of its alternatives gives. Some of those alternatives
//! are rare: a word still being typed may begin a few drugs' names, each
//! found in a handful of passages. Once a search has walked past the last
//! of them, no passage left can match that way, and the best the rest of
//! the library allows is lower; without knowing that, a search whose kept
//! results never reach the rare kind reads every passage of its common
//! words to the end ("liver dam": "damage" everywhere, drugs named
//! "Dama…" in a few places).

use super::query::{Alternative, Query};
use super::{Index, MatchKind};

/// Entries up to which a list is read whole to find its last passage: such
/// lists are read whole by the first search that needs them anyway (see
/// `postings`), and a longer one is taken to reach the end.
const READ_FOR_REACH: usize = 4096;

/// The last passage each term of each alternative of each group is found
/// in (`None`: nowhere), in the query's order: per group, per alternative,
/// per slot, per term. A whole phrase is one slot of one list.
#[derive(Debug)]
pub(super) struct Reach {
    last: Vec<Vec<Vec<Vec<Option<u32>>>>>,
}

impl Reach {
    /// How far each term of `query` reaches in `index`.
    pub fn of(index: &Index, query: &Query) -> Self {
        let last = query
            .groups
            .iter()
            .map(|group| {
                group
                    .alternatives
                    .iter()
                    .map(|alternative| match alternative {
                        Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots
                            .iter()
                            .map(|slot| slot.iter().map(|&(t, _)| index.last_passage(t)).collect())
                            .collect(),
                        &Alternative::Whole { list, .. } => vec![vec![index.last_passage(list)]],
                    })
                    .collect()
            })
            .collect();
        Reach { last }
    }

    /// How many terms are found nowhere at or after passage `from`.
    pub fn ended_before(&self, from: u32) -> usize {
        self.last
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .filter(|last| ended(**last, from))
            .count()
    }

    /// `query` as the passages from `from` on can match it: each
    /// alternative's best kind is the best its terms found there give.
    pub fn from(&self, query: &Query, from: u32) -> Query {
        let mut left = query.clone();
        for (group, last) in left.groups.iter_mut().zip(&self.last) {
            for ((kind, alternative), last) in group
                .best_kinds
                .iter_mut()
                .zip(&group.alternatives)
                .zip(last)
            {
                *kind = best_kind_left(alternative, last, from);
            }
        }
        left
    }
}

/// Whether a term whose last passage is `last` is found nowhere from `from` on.
fn ended(last: Option<u32>, from: u32) -> bool {
    last.is_none_or(|last| last < from)
}

/// The best kind `alternative` can give from passage `from` on, its terms'
/// reach being `last`: as [`Alternative::best_kind`], counting only the
/// terms found there. A phrase needs every one of its slots.
fn best_kind_left(
    alternative: &Alternative,
    last: &[Vec<Option<u32>>],
    from: u32,
) -> Option<MatchKind> {
    let slots = match alternative {
        Alternative::Phrase(slots) | Alternative::AllOf(slots) => slots,
        &Alternative::Whole { kind, .. } => {
            return (!ended(last[0][0], from)).then_some(kind);
        }
    };
    slots
        .iter()
        .zip(last)
        .map(|(slot, last)| {
            slot.iter()
                .zip(last)
                .filter(|(_, last)| !ended(**last, from))
                .map(|(&(_, kind), _)| kind)
                .max()
        })
        .min()
        .flatten()
}

impl Index {
    /// The last passage `term` is found in; a long list is not read for it
    /// and counts as reaching the last passage there is.
    fn last_passage(&self, term: u32) -> Option<u32> {
        match self.postings.count(term) {
            0 => None,
            n if n > READ_FOR_REACH => Some(u32::MAX),
            _ => self.postings.get(term).last().map(|&(passage, _)| passage),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::synonyms::Synonyms;

    fn drug_saying(id: &str, text: &str) -> crate::model::Monograph {
        let mut drug = super::super::testamol_saying(text);
        drug.id = id.to_string();
        drug.name = id.to_string();
        drug
    }

    #[test]
    fn a_terms_best_kind_counts_only_up_to_its_last_passage() {
        let drugs = [
            drug_saying("a", "A rasp follows."),
            drug_saying("b", "A chill follows."),
            drug_saying("c", "A raspy voice follows."),
        ];
        let index = Index::build(&drugs, Synonyms::default());
        let query = index.understand("rasp");
        let reach = Reach::of(&index, &query);
        let last = |drug: u32| {
            (0..crate::narrow::to_u32(index.passages_len()))
                .filter(|&p| index.passages.get(p).drug == drug)
                .max()
                .expect("passages")
        };
        let best = |from: u32| reach.from(&query, from).groups[0].best_kind();
        assert_eq!(best(0), Some(MatchKind::Exact), "said in the first drug");
        assert_eq!(reach.ended_before(0), 0);
        let after_a = last(0) + 1;
        assert_eq!(
            best(after_a),
            Some(MatchKind::Prefix),
            "only \"raspy\" is left"
        );
        assert_eq!(reach.ended_before(after_a), 1);
        assert_eq!(best(last(2) + 1), None, "nothing is left");
        assert_eq!(
            best(0),
            query.groups[0].best_kind(),
            "from the start, as understood"
        );
    }
}
