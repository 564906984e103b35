//! State of the search-everywhere screen.

use super::Input;
use crate::search::fulltext::{Index, SearchHit};

/// Most results kept; more would not be read and would slow typing.
pub const MAX_RESULTS: usize = 200;

/// The query, its results and the cursor.
#[derive(Debug, Default)]
pub struct SearchScreen {
    /// What is typed.
    pub input: Input,
    /// Results, best first.
    pub results: Vec<SearchHit>,
    /// Selected result.
    pub selected: usize,
    /// First visible result.
    pub offset: usize,
}

impl SearchScreen {
    /// Re-runs the query after the input changed.
    pub fn refresh(&mut self, index: &Index) {
        self.results = index.search(self.input.text(), None, MAX_RESULTS);
        self.selected = 0;
        self.offset = 0;
    }

    /// Moves the cursor, keeping it on screen.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.results.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// The result under the cursor.
    pub fn current(&self) -> Option<&SearchHit> {
        self.results.get(self.selected)
    }
}
