//! The search-everywhere screen: its state, and how actions change it.

use super::input::Edit;
use super::{Action, App, Focus, Input, Screen, Stale, pane_view};
use crate::cache;
use crate::model::Monograph;
use crate::narrow::to_isize;
use crate::pane::Pane;
use crate::search::fulltext::{Index, Ranked, SearchHit};

/// Most results kept; more would not be read and would slow typing.
pub const MAX_RESULTS: usize = 200;

/// The query, its ranked results (one row per drug) and the cursor. A
/// result's snippet is made the first time its row is on screen.
#[derive(Debug, Default)]
pub struct SearchScreen {
    /// What is typed.
    pub input: Input,
    ranked: Ranked,
    /// Results made so far, by rank.
    hits: Vec<Option<SearchHit>>,
    /// The drug whose other matching passages are shown under its row.
    opened: Option<OpenedOut>,
    /// Selected row.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
}

/// A drug's other matching passages, listed under its row ("+N more").
#[derive(Debug, Default)]
struct OpenedOut {
    /// The rank of the drug's row.
    rank: usize,
    ranked: Ranked,
    hits: Vec<Option<SearchHit>>,
}

/// Where a row on screen comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowOf {
    /// A drug's best passage, by rank.
    Drug(usize),
    /// One of the opened drug's other passages, by rank among them.
    More(usize),
}

impl SearchScreen {
    /// Re-runs the query after the input changed.
    pub fn refresh(&mut self, index: &Index) {
        self.ranked = index.rank(self.input.text(), None, MAX_RESULTS);
        self.hits = vec![None; self.ranked.len()];
        self.opened = None;
        self.selected = 0;
        self.offset = 0;
    }

    /// What row `row` shows.
    fn row_of(&self, row: usize) -> RowOf {
        match &self.opened {
            Some(o) if row > o.rank && row <= o.rank + o.hits.len() => {
                RowOf::More(row - o.rank - 1)
            }
            Some(o) if row > o.rank => RowOf::Drug(row - o.hits.len()),
            _ => RowOf::Drug(row),
        }
    }

    /// Makes the results of the rows shown, `height` from the first
    /// visible one, and of the selected one.
    pub fn prepare(&mut self, index: &Index, height: usize) {
        let shown = self.offset..(self.offset + height.max(1)).min(self.len());
        for row in shown.chain(std::iter::once(self.selected)) {
            let (ranked, slot, rank) = match self.row_of(row) {
                RowOf::Drug(rank) => (&self.ranked, self.hits.get_mut(rank), rank),
                RowOf::More(rank) => match &mut self.opened {
                    Some(o) => (&o.ranked, o.hits.get_mut(rank), rank),
                    None => continue,
                },
            };
            if let Some(slot @ None) = slot {
                *slot = index.hit(ranked, rank);
            }
        }
    }

    /// Shows the selected drug's other matching passages under its row, or
    /// folds them away again (Tab).
    pub fn toggle_more(&mut self, index: &Index) {
        match (self.row_of(self.selected), &self.opened) {
            (RowOf::Drug(rank), Some(o)) if o.rank == rank => self.opened = None,
            (RowOf::Drug(rank), _) => {
                let ranked = index.rank_more(&self.ranked, rank, MAX_RESULTS);
                self.selected = rank;
                self.opened = Some(OpenedOut {
                    rank,
                    hits: vec![None; ranked.len()],
                    ranked,
                });
            }
            (RowOf::More(_), Some(o)) => {
                self.selected = o.rank;
                self.opened = None;
            }
            (RowOf::More(_), None) => {}
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.hits.len() + self.opened.as_ref().map_or(0, |o| o.hits.len())
    }

    /// Number of drugs found (rows, not counting opened-out passages).
    pub fn drugs(&self) -> usize {
        self.hits.len()
    }

    /// Whether there are no results.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The row `row`, if made (see [`SearchScreen::prepare`]), and whether
    /// it is an opened-out passage under its drug's row.
    fn row(&self, row: usize) -> (Option<&SearchHit>, bool) {
        match self.row_of(row) {
            RowOf::Drug(rank) => (self.hits.get(rank).and_then(Option::as_ref), false),
            RowOf::More(rank) => {
                let hit = self
                    .opened
                    .as_ref()
                    .and_then(|o| o.hits.get(rank)?.as_ref());
                (hit, true)
            }
        }
    }

    /// The rows from the first visible one on: each result, if made (see
    /// [`SearchScreen::prepare`]), and whether it is an opened-out passage.
    pub fn from_offset(&self) -> impl Iterator<Item = (Option<&SearchHit>, bool)> {
        (self.offset..self.len()).map(|row| self.row(row))
    }

    /// Moves the cursor, keeping it on screen.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// Puts the cursor on `row`, if there is one, keeping it on screen.
    pub fn select(&mut self, row: usize, height: usize) {
        if row < self.len() {
            self.selected = row;
            self.move_by(0, height);
        }
    }

    /// The result under the cursor, once made.
    pub fn current(&self) -> Option<&SearchHit> {
        self.row(self.selected).0
    }
}

impl App {
    pub(super) fn apply_search(&mut self, action: Action) {
        let height = usize::from(self.viewport.list_height);
        let s = &mut self.search;
        match s.input.apply(action) {
            Edit::Changed => return self.mark_stale(Stale::Search),
            Edit::Unchanged => return,
            Edit::NotEditing => {}
        }
        match action {
            Action::ScrollList(delta) => s.move_by(isize::from(delta) * 3, height),
            Action::ClickRow(row) => s.select(s.offset + row, height),
            Action::Up => s.move_by(-1, height),
            Action::Down => s.move_by(1, height),
            Action::PageUp => s.move_by(-to_isize(height), height),
            Action::PageDown => s.move_by(to_isize(height), height),
            Action::Top => s.move_by(isize::MIN / 2, height),
            Action::Bottom => s.move_by(isize::MAX / 2, height),
            Action::ToggleMore => {
                if let Some(index) = &self.index {
                    s.toggle_more(index);
                    s.move_by(0, height);
                }
            }
            Action::Accept | Action::Open => {
                if let Some(hit) = s.current().cloned() {
                    self.open_hit(&hit);
                }
            }
            Action::Back => {
                self.screen = Screen::Browse;
                self.focus = Focus::List;
            }
            _ => {}
        }
    }

    /// Runs the search screen's query again. A stored index found damaged
    /// while searching is rebuilt here from the loaded monographs, into a
    /// temporary file as it was on disk — rare, and slow for a large
    /// library, but never a wrong answer.
    pub(super) fn refresh_search(&mut self) {
        let Some(index) = &self.index else {
            return;
        };
        self.search.refresh(index);
        if index.damaged() {
            log::warn!(
                "the search index is damaged (a part read by a search fails its checksum): \
                 rebuilding it for this session"
            );
            // A listed library is read whole first: a rebuild indexes it all.
            self.shelf.open_all();
            let drugs: Vec<&Monograph> = self.drugs().iter().collect();
            let drugs = cache::Handed::borrowed(&drugs);
            let rebuilt = cache::temporary(drugs, index.synonyms().clone(), &|_| {});
            self.search.refresh(&rebuilt);
            self.index = Some(rebuilt);
        }
    }

    /// Makes the search results about to be shown. A stored index found
    /// damaged while reading them is rebuilt, and the query run again.
    pub(super) fn prepare_search(&mut self) {
        if self.screen != Screen::Search {
            return;
        }
        let height = usize::from(self.viewport.list_height);
        let Some(index) = &self.index else {
            return;
        };
        self.search.prepare(index, height);
        if index.damaged() {
            self.refresh_search();
            if let Some(index) = &self.index {
                self.search.prepare(index, height);
            }
        }
    }

    /// Opens a search result: its drug, at its pane, scrolled to the passage,
    /// with the matched word highlighted.
    pub(super) fn open_hit(&mut self, hit: &SearchHit) {
        let faq = match (hit.pane, hit.section) {
            (Pane::Faqs, section) => section,
            _ => None,
        };
        self.open_drug_at(hit.drug, hit.pane, faq, Screen::Search);
        if let Some(&(start, end)) = hit.highlights.first() {
            hit.snippet[start..end]
                .chars()
                .for_each(|c| self.find.push(c));
        }
        // Where the passage lands depends on the pane's width and height,
        // which the runner tells once the browser is laid out again.
        self.pending_reveal = Some(hit.clone());
    }

    /// Opens a drug at a pane, and at one FAQ with its answer shown, from
    /// another screen that Esc in the pane goes back to.
    pub(super) fn open_drug_at(
        &mut self,
        drug: usize,
        pane: Pane,
        faq: Option<usize>,
        from: Screen,
    ) {
        self.filter.clear();
        self.editing = None;
        self.matches = self.names.filter("");
        self.selected = self
            .matches
            .iter()
            .position(|m| m.drug == drug)
            .unwrap_or(0);
        self.tab = pane;
        self.focus = Focus::Pane;
        self.screen = Screen::Browse;
        self.back_to = Some(from);
        self.find.clear();
        self.hits.clear();
        self.sync();
        if let Some(faq) = faq {
            self.faq_cursor = faq;
            if let Some(open) = self.faq_open.get_mut(faq) {
                *open = true;
            }
            self.sync();
            if let Some(&line) = self.view.faq_lines.get(faq) {
                self.reveal(line);
            }
        }
    }

    /// Scrolls to a search result's passage and highlights its match.
    pub(super) fn reveal_hit(&mut self, hit: &SearchHit) {
        let line = self.view.passage_line(&hit.passage).unwrap_or(0);
        self.hits = pane_view::find(&self.view, self.find.text());
        self.hit_index = self.hits.iter().position(|h| h.line >= line).unwrap_or(0);
        self.set_scroll(0);
        self.reveal(line);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use crate::app::{Action, App, Update, Viewport, loader};
    use crate::load::{Library, Source};
    use crate::narrow::to_usize;
    use crate::search::fulltext::persist;

    /// The first results of `query` typed into the search screen.
    fn results(app: &mut App, query: &str) -> Vec<String> {
        app.apply(Action::StartSearch);
        query.chars().for_each(|c| app.apply(Action::Type(c)));
        app.search
            .from_offset()
            .filter_map(|(hit, _)| hit)
            .map(|hit| hit.snippet.clone())
            .collect()
    }

    #[test]
    fn a_stored_index_found_damaged_is_rebuilt_and_the_search_run_again() {
        let library = Library::load(&[Source::Bundled]);
        let mut file = tempfile::NamedTempFile::new().unwrap();
        let mut out = std::io::Cursor::new(Vec::new());
        let scratch = std::io::Cursor::new(Vec::new());
        let (drugs, synonyms) = (library.monographs(), &library.synonyms);
        persist::build_into(&mut out, scratch, 1, &[], drugs, synonyms, &|_| {}).unwrap();
        // Every postings list fails its check: the header's offsets (format
        // 8) of the postings and of the spans after them.
        let mut bytes = out.into_inner();
        let at = |offset: usize| u64::from_le_bytes(bytes[offset..offset + 8].try_into().unwrap());
        let (postings, spans) = (to_usize(at(76)), to_usize(at(84)));
        bytes[postings..spans].fill(0xff);
        file.write_all(&bytes).unwrap();
        let (_, damaged) = persist::read(file.reopen().unwrap(), 1, synonyms.clone()).unwrap();

        let viewport = Viewport {
            pane_width: 60,
            pane_height: 20,
            list_height: 20,
            notice_rows: 20,
            ..Viewport::default()
        };
        let mut expected = App::new(Library::load(&[Source::Bundled]));
        expected.set_viewport(viewport);
        let expected = results(&mut expected, "bleeding");
        assert!(!expected.is_empty());

        let mut app = App::starting();
        app.set_viewport(viewport);
        let mut updates = Vec::new();
        loader::load_library(library, &mut |u| updates.push(u));
        app.receive(updates.remove(0));
        app.receive(Update::Indexed(Box::new(damaged)));
        assert_eq!(results(&mut app, "bleeding"), expected);
        assert!(!app.index.as_ref().unwrap().damaged());
    }
}
