//! State of the search-everywhere screen.

use super::Input;
use crate::search::fulltext::{Index, Ranked, SearchHit};

/// Most results kept; more would not be read and would slow typing.
pub const MAX_RESULTS: usize = 200;

/// The query, its ranked results and the cursor. A result's snippet is
/// made the first time its row is on screen.
#[derive(Debug, Default)]
pub struct SearchScreen {
    /// What is typed.
    pub input: Input,
    ranked: Ranked,
    /// Results made so far, by rank.
    hits: Vec<Option<SearchHit>>,
    /// Selected result.
    pub selected: usize,
    /// First visible result.
    pub offset: usize,
}

impl SearchScreen {
    /// Re-runs the query after the input changed.
    pub fn refresh(&mut self, index: &Index) {
        self.ranked = index.rank(self.input.text(), None, MAX_RESULTS);
        self.hits = vec![None; self.ranked.len()];
        self.selected = 0;
        self.offset = 0;
    }

    /// Makes the results of the rows shown, `height` from the first
    /// visible one, and of the selected one.
    pub fn prepare(&mut self, index: &Index, height: usize) {
        let shown = self.offset..(self.offset + height.max(1)).min(self.hits.len());
        for rank in shown.chain(std::iter::once(self.selected)) {
            if let Some(slot @ None) = self.hits.get_mut(rank) {
                *slot = index.hit(&self.ranked, rank);
            }
        }
    }

    /// Number of results.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// Whether there are no results.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The results from the first visible one on; those not yet made (see
    /// [`SearchScreen::prepare`]) are `None`.
    pub fn from_offset(&self) -> impl Iterator<Item = Option<&SearchHit>> {
        self.hits.iter().skip(self.offset).map(Option::as_ref)
    }

    /// Moves the cursor, keeping it on screen.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// The result under the cursor, once made.
    pub fn current(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)?.as_ref()
    }
}
