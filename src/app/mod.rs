//! The browser's state and every change to it, without a terminal.
//!
//! The runner turns keys into [`Action`]s (see [`crate::keymap`]) and calls
//! [`App::apply`]; the [`crate::ui`] module draws whatever state results.

mod action;
pub mod faqs;
mod input;
pub mod loader;
pub mod pane_view;
pub mod search;

pub use action::Action;
pub use input::Input;
pub use loader::{Status, Update};

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::load::{Library, Progress};
use crate::model::Monograph;
use crate::pane::Pane;
use crate::search::fulltext::{Index, SearchHit};
use crate::search::names::{NameIndex, NameMatch};
use faqs::FaqBrowser;
use pane_view::{Hit, PaneView};
use search::SearchScreen;

/// The full-screen views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Drug list and monograph.
    Browse,
    /// Search everywhere.
    Search,
    /// Every FAQ of every drug.
    Faqs,
}

/// Which side has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The drug list.
    List,
    /// The monograph pane.
    Pane,
}

/// Which text input is being typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    /// The drug-list filter.
    Filter,
    /// Find in the current pane.
    Find,
}

/// A window drawn over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing.
    None,
    /// Key help.
    Help,
    /// Files that failed to load.
    Notice,
}

/// Sizes of the scrollable regions, told by the runner before each frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    /// Text columns of the pane.
    pub pane_width: u16,
    /// Visible lines of the pane.
    pub pane_height: u16,
    /// Visible rows of the drug list.
    pub list_height: u16,
}

/// What the current pane view was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ViewKey {
    drug: usize,
    tab: Pane,
    width: u16,
    faq_open: Vec<bool>,
    faq_cursor: usize,
}

/// The whole browser state.
#[derive(Debug)]
pub struct App {
    drugs: Arc<[Monograph]>,
    /// Files that failed to load.
    pub diagnostics: Vec<Diagnostic>,
    names: NameIndex,
    /// The full-text index, once built.
    index: Option<Index>,
    /// How far loading has got.
    pub status: Status,
    /// Which full-screen view is shown.
    pub screen: Screen,
    /// The search-everywhere screen.
    pub search: SearchScreen,
    /// The FAQ browser, built the first time it is opened.
    pub faqs: Option<FaqBrowser>,
    /// The drug was opened from search results; Esc goes back to them.
    from_search: bool,
    /// A search result to scroll to once the pane has its size.
    pending_reveal: Option<SearchHit>,
    /// The drug-list filter text.
    pub filter: Input,
    /// Drugs shown in the list, best match first (all drugs, sorted, when unfiltered).
    pub matches: Vec<NameMatch>,
    /// Selected row of `matches`.
    pub selected: usize,
    /// First visible row of the list.
    pub list_offset: usize,
    /// Who has the keyboard.
    pub focus: Focus,
    /// The input being typed into, if any.
    pub editing: Option<Editing>,
    /// The overlay shown, if any.
    pub overlay: Overlay,
    /// The active tab.
    pub tab: Pane,
    scrolls: [usize; 6],
    /// Selected FAQ in the FAQs pane.
    pub faq_cursor: usize,
    /// Which FAQ answers are expanded.
    pub faq_open: Vec<bool>,
    /// Find-in-pane text.
    pub find: Input,
    /// Matches of `find` in the current view.
    pub hits: Vec<Hit>,
    /// The current match in `hits`.
    pub hit_index: usize,
    view: PaneView,
    view_key: Option<ViewKey>,
    shown_drug: Option<usize>,
    viewport: Viewport,
    /// Set when the user asked to quit.
    pub quit: bool,
}

impl App {
    /// A browser over a loaded library, indexed before it returns; load
    /// problems open the notice.
    pub fn new(library: Library) -> Self {
        let mut app = Self::starting();
        loader::load_library(library, &mut |update| app.receive(update));
        app
    }

    /// A browser with nothing loaded yet: feed it [`Update`]s as loading
    /// goes (see [`loader::spawn`]).
    pub fn starting() -> Self {
        let mut app = Self {
            drugs: Arc::from([]),
            diagnostics: Vec::new(),
            names: NameIndex::default(),
            index: None,
            status: Status::Loading(Progress::default()),
            screen: Screen::Browse,
            search: SearchScreen::default(),
            faqs: None,
            from_search: false,
            pending_reveal: None,
            filter: Input::default(),
            matches: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            editing: None,
            overlay: Overlay::None,
            tab: Pane::Usage,
            scrolls: [0; 6],
            faq_cursor: 0,
            faq_open: Vec::new(),
            find: Input::default(),
            hits: Vec::new(),
            hit_index: 0,
            view: PaneView::default(),
            view_key: None,
            shown_drug: None,
            viewport: Viewport::default(),
            quit: false,
        };
        app.sync();
        app
    }

    /// Takes one step of background loading into the state.
    pub fn receive(&mut self, update: Update) {
        match update {
            Update::Progress(progress) => {
                if matches!(self.status, Status::Loading(_)) {
                    self.status = Status::Loading(progress);
                }
            }
            Update::Loaded(loaded) => {
                self.drugs = loaded.drugs;
                self.names = loaded.names;
                self.diagnostics = loaded.diagnostics;
                self.status = Status::Indexing;
                // Anything typed into the filter while loading still applies.
                self.refilter();
                if let Some(old) = self.faqs.take() {
                    // The FAQ browser was opened on the empty library: rebuild
                    // it, keeping what was typed.
                    let mut faqs = FaqBrowser::new(&self.drugs);
                    faqs.input = old.input;
                    faqs.refilter();
                    self.faqs = Some(faqs);
                    self.layout_faqs(true);
                }
                if !self.diagnostics.is_empty() && self.overlay == Overlay::None {
                    self.overlay = Overlay::Notice;
                }
            }
            Update::Indexed(index) => {
                self.index = Some(*index);
                self.status = Status::Ready;
                self.refresh_search();
            }
        }
        self.sync();
    }

    /// Every drug, sorted by name.
    pub fn drugs(&self) -> &[Monograph] {
        &self.drugs
    }

    /// The name a list row matched, and which of its characters to highlight.
    pub fn name_highlight(&self, m: &NameMatch) -> (&str, Vec<usize>) {
        self.names.highlight(m, self.filter.text())
    }

    /// The drug under the list cursor, if the filter left any.
    pub fn current(&self) -> Option<&Monograph> {
        self.current_index().map(|i| &self.drugs[i])
    }

    fn current_index(&self) -> Option<usize> {
        self.matches.get(self.selected).map(|m| m.drug)
    }

    /// The current pane, wrapped for the current width.
    pub fn view(&self) -> &PaneView {
        &self.view
    }

    /// First visible line of the current pane.
    pub fn scroll(&self) -> usize {
        self.scrolls[self.tab.index()]
    }

    /// The sizes last told by the runner.
    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    /// Records the sizes of the scrollable regions; re-wraps if the width changed.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        if self.viewport != viewport {
            self.viewport = viewport;
            self.sync();
            if self.screen == Screen::Faqs {
                self.layout_faqs(true);
            }
        }
        if self.screen == Screen::Browse
            && viewport.pane_height > 0
            && let Some(hit) = self.pending_reveal.take()
        {
            self.reveal_hit(&hit);
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (Overlay::Help, Action::ToggleHelp | Action::Back) => self.overlay = Overlay::None,
            (Overlay::Notice, Action::Back | Action::Accept | Action::Open) => {
                self.overlay = Overlay::None
            }
            (Overlay::Help | Overlay::Notice, _) => {}
            (Overlay::None, Action::ToggleHelp) => self.overlay = Overlay::Help,
            (Overlay::None, action) => match (self.screen, self.editing) {
                (Screen::Search, _) => self.apply_search(action),
                (Screen::Faqs, _) => self.apply_faqs(action),
                (Screen::Browse, Some(editing)) => self.apply_editing(editing, action),
                (Screen::Browse, None) => self.apply_browsing(action),
            },
        }
        self.sync();
    }

    fn apply_search(&mut self, action: Action) {
        let height = usize::from(self.viewport.list_height);
        let s = &mut self.search;
        match action {
            Action::Type(c) => s.input.push(c),
            Action::Backspace => s.input.backspace(),
            Action::ClearInput => s.input.clear(),
            Action::DeleteWord => s.input.delete_word(),
            Action::ScrollList(delta) => return s.move_by(isize::from(delta) * 3, height),
            Action::Up => return s.move_by(-1, height),
            Action::Down => return s.move_by(1, height),
            Action::PageUp => return s.move_by(-(height as isize), height),
            Action::PageDown => return s.move_by(height as isize, height),
            Action::Top => return s.move_by(isize::MIN / 2, height),
            Action::Bottom => return s.move_by(isize::MAX / 2, height),
            Action::Accept | Action::Open => {
                if let Some(hit) = s.current().cloned() {
                    self.open_hit(&hit);
                }
                return;
            }
            Action::Back => {
                self.screen = Screen::Browse;
                self.focus = Focus::List;
                return;
            }
            _ => return,
        }
        self.refresh_search();
    }

    /// Runs the search screen's query again. A stored index found damaged
    /// while searching is rebuilt here from the loaded monographs — rare,
    /// and slow for a large library, but never a wrong answer.
    fn refresh_search(&mut self) {
        let Some(index) = &self.index else {
            return;
        };
        self.search.refresh(index);
        if index.damaged() {
            let rebuilt = Index::build(self.drugs.iter(), index.synonyms().clone());
            self.search.refresh(&rebuilt);
            self.index = Some(rebuilt);
        }
    }

    fn apply_faqs(&mut self, action: Action) {
        let height = usize::from(self.viewport.pane_height);
        let Some(f) = self.faqs.as_mut() else {
            self.screen = Screen::Browse;
            return;
        };
        match action {
            Action::Type(c) => {
                f.input.push(c);
                f.refilter();
            }
            Action::Backspace => {
                f.input.backspace();
                f.refilter();
            }
            Action::ClearInput => {
                f.input.clear();
                f.refilter();
            }
            Action::DeleteWord => {
                f.input.delete_word();
                f.refilter();
            }
            Action::Up => f.cursor = f.cursor.saturating_sub(1),
            Action::Down => f.cursor = (f.cursor + 1).min(f.visible.len().saturating_sub(1)),
            Action::ScrollPane(delta) => {
                f.scroll = f.scroll.saturating_add_signed(isize::from(delta) * 3)
            }
            Action::PageUp | Action::HalfPageUp => f.scroll = f.scroll.saturating_sub(height),
            Action::PageDown | Action::HalfPageDown => f.scroll += height,
            Action::Top => f.cursor = 0,
            Action::Bottom => f.cursor = f.visible.len().saturating_sub(1),
            Action::Accept | Action::Open => f.toggle(),
            Action::ToggleAllFaqs => f.toggle_all(),
            Action::Back if !f.input.is_empty() => {
                f.input.clear();
                f.refilter();
            }
            Action::Back => self.screen = Screen::Browse,
            _ => {}
        }
        let paging = matches!(
            action,
            Action::PageUp
                | Action::PageDown
                | Action::HalfPageUp
                | Action::HalfPageDown
                | Action::ScrollPane(_)
        );
        self.layout_faqs(!paging);
    }

    /// Lays out the FAQ browser and keeps the cursor (or the page) in view.
    fn layout_faqs(&mut self, follow_cursor: bool) {
        let (width, height) = (
            usize::from(self.viewport.pane_width),
            usize::from(self.viewport.pane_height),
        );
        if let Some(f) = self.faqs.as_mut() {
            f.layout(&self.drugs, width);
            if follow_cursor {
                f.reveal(height);
            }
            f.scroll = f.scroll.min(f.lines.len().saturating_sub(height.max(1)));
        }
    }

    /// Opens a search result: its drug, at its pane, scrolled to the passage,
    /// with the matched word highlighted.
    fn open_hit(&mut self, hit: &SearchHit) {
        self.filter.clear();
        self.editing = None;
        self.matches = self.names.filter("");
        self.selected = self
            .matches
            .iter()
            .position(|m| m.drug == hit.drug)
            .unwrap_or(0);
        self.tab = hit.pane;
        self.focus = Focus::Pane;
        self.screen = Screen::Browse;
        self.from_search = true;
        self.find.clear();
        self.hits.clear();
        self.sync();
        if let (Pane::Faqs, Some(section)) = (hit.pane, hit.section) {
            self.faq_cursor = section;
            if let Some(open) = self.faq_open.get_mut(section) {
                *open = true;
            }
            self.sync();
        }
        if let Some(&(start, end)) = hit.highlights.first() {
            hit.snippet[start..end]
                .chars()
                .for_each(|c| self.find.push(c));
        }
        // Where the passage lands depends on the pane's width and height,
        // which the runner tells once the browser is laid out again.
        self.pending_reveal = Some(hit.clone());
    }

    /// Scrolls to a search result's passage and highlights its match.
    fn reveal_hit(&mut self, hit: &SearchHit) {
        let line = self.view.passage_line(&hit.passage).unwrap_or(0);
        self.hits = pane_view::find(&self.view, self.find.text());
        self.hit_index = self.hits.iter().position(|h| h.line >= line).unwrap_or(0);
        self.set_scroll(0);
        self.reveal(line);
    }

    fn apply_editing(&mut self, editing: Editing, action: Action) {
        let input = match editing {
            Editing::Filter => &mut self.filter,
            Editing::Find => &mut self.find,
        };
        match action {
            Action::Type(c) => input.push(c),
            Action::Backspace => input.backspace(),
            Action::ClearInput => input.clear(),
            Action::DeleteWord => input.delete_word(),
            Action::Accept => {
                self.editing = None;
                if editing == Editing::Filter && !self.matches.is_empty() {
                    self.selected = 0;
                    self.focus = Focus::Pane;
                }
                return;
            }
            Action::Back => {
                input.clear();
                self.editing = None;
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                return self.apply_browsing(action);
            }
            _ => return,
        }
        match editing {
            Editing::Filter => self.refilter(),
            Editing::Find => self.refind(true),
        }
    }

    fn apply_browsing(&mut self, action: Action) {
        match action {
            Action::ShowNotice if !self.diagnostics.is_empty() => self.overlay = Overlay::Notice,
            Action::StartSearch => self.screen = Screen::Search,
            Action::OpenFaqBrowser => {
                if self.faqs.is_none() {
                    self.faqs = Some(FaqBrowser::new(&self.drugs));
                }
                self.screen = Screen::Faqs;
                self.layout_faqs(true);
            }
            Action::StartFilter => {
                self.focus = Focus::List;
                self.editing = Some(Editing::Filter);
            }
            Action::StartFind if self.current().is_some() => {
                self.focus = Focus::Pane;
                self.find.clear();
                self.hits.clear();
                self.editing = Some(Editing::Find);
            }
            Action::NextTab => self.set_tab(Pane::ALL[(self.tab.index() + 1) % 6]),
            Action::PrevTab => self.set_tab(Pane::ALL[(self.tab.index() + 5) % 6]),
            Action::Tab(pane) | Action::ClickTab(pane) => self.set_tab(pane),
            Action::ScrollList(delta) => self.move_selection(isize::from(delta) * 3),
            Action::ScrollPane(delta) => self.scroll_by(isize::from(delta) * 3),
            Action::ClickDrug(row) => {
                if self.list_offset + row < self.matches.len() {
                    self.selected = self.list_offset + row;
                    self.focus = Focus::List;
                }
            }
            _ => match self.focus {
                Focus::List => self.apply_list(action),
                Focus::Pane => self.apply_pane(action),
            },
        }
    }

    fn apply_list(&mut self, action: Action) {
        // Back in the list, the way back to search results is gone.
        self.from_search = false;
        let page = usize::from(self.viewport.list_height.max(1)) as isize;
        match action {
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = self.matches.len().saturating_sub(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::HalfPageUp => self.move_selection(-page / 2),
            Action::HalfPageDown => self.move_selection(page / 2),
            Action::Open if self.current().is_some() => self.focus = Focus::Pane,
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter();
            }
            _ => {}
        }
    }

    fn apply_pane(&mut self, action: Action) {
        let page = usize::from(self.viewport.pane_height.max(1)) as isize;
        let faqs = self.tab == Pane::Faqs;
        match action {
            Action::Up if faqs => self.move_faq_cursor(-1),
            Action::Down if faqs => self.move_faq_cursor(1),
            Action::Up => self.scroll_by(-1),
            Action::Down => self.scroll_by(1),
            Action::Top => {
                self.faq_cursor = 0;
                self.set_scroll(0);
            }
            Action::Bottom => {
                self.faq_cursor = self.faq_open.len().saturating_sub(1);
                self.set_scroll(usize::MAX);
            }
            Action::PageUp => self.scroll_by(-page),
            Action::PageDown => self.scroll_by(page),
            Action::HalfPageUp => self.scroll_by(-page / 2),
            Action::HalfPageDown => self.scroll_by(page / 2),
            Action::Open if faqs => {
                if let Some(open) = self.faq_open.get_mut(self.faq_cursor) {
                    *open = !*open;
                }
            }
            Action::ToggleAllFaqs if faqs => {
                let all_open = self.faq_open.iter().all(|o| *o);
                self.faq_open.iter_mut().for_each(|o| *o = !all_open);
            }
            Action::FindNext => self.step_hit(1),
            Action::FindPrev => self.step_hit(-1),
            Action::Back if self.from_search => {
                self.find.clear();
                self.hits.clear();
                self.from_search = false;
                self.screen = Screen::Search;
            }
            Action::Back if !self.find.is_empty() => {
                self.find.clear();
                self.hits.clear();
            }
            Action::Back => self.focus = Focus::List,
            _ => {}
        }
    }

    fn set_tab(&mut self, pane: Pane) {
        if self.tab != pane {
            self.tab = pane;
            self.view_key = None;
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn move_faq_cursor(&mut self, delta: isize) {
        let last = self.faq_open.len().saturating_sub(1);
        self.faq_cursor = self.faq_cursor.saturating_add_signed(delta).min(last);
        self.sync();
        if let Some(&line) = self.view.faq_lines.get(self.faq_cursor) {
            self.reveal(line);
        }
    }

    fn max_scroll(&self) -> usize {
        self.view
            .lines
            .len()
            .saturating_sub(usize::from(self.viewport.pane_height.max(1)))
    }

    fn set_scroll(&mut self, line: usize) {
        self.scrolls[self.tab.index()] = line.min(self.max_scroll());
    }

    fn scroll_by(&mut self, delta: isize) {
        self.set_scroll(self.scroll().saturating_add_signed(delta));
    }

    /// Scrolls so `line` is visible, a third of the way down when it was not.
    fn reveal(&mut self, line: usize) {
        let height = usize::from(self.viewport.pane_height.max(1));
        let scroll = self.scroll();
        if line < scroll || line >= scroll + height {
            self.set_scroll(line.saturating_sub(height / 3));
        }
    }

    fn step_hit(&mut self, delta: isize) {
        if self.hits.is_empty() {
            return;
        }
        let n = self.hits.len() as isize;
        self.hit_index = (self.hit_index as isize + delta).rem_euclid(n) as usize;
        self.reveal(self.hits[self.hit_index].line);
    }

    fn refilter(&mut self) {
        let keep = self.current_index();
        self.matches = self.names.filter(self.filter.text());
        // While typing, the best match is what the user is looking for;
        // with no filter, stay on the drug they had.
        self.selected = if self.filter.is_empty() {
            keep.and_then(|d| self.matches.iter().position(|m| m.drug == d))
                .unwrap_or(0)
        } else {
            0
        };
    }

    /// Recomputes find matches; `jump` moves to the first match from the top
    /// of the screen down.
    fn refind(&mut self, jump: bool) {
        if self.tab == Pane::Faqs && !self.find.is_empty() {
            self.open_faqs_matching();
            self.sync_view();
        }
        self.hits = pane_view::find(&self.view, self.find.text());
        self.hit_index = self.hit_index.min(self.hits.len().saturating_sub(1));
        if jump && !self.hits.is_empty() {
            let top = self.scroll();
            self.hit_index = self.hits.iter().position(|h| h.line >= top).unwrap_or(0);
            self.reveal(self.hits[self.hit_index].line);
        }
    }

    /// Expands the FAQ answers that contain the find text, so matches in them can be shown.
    fn open_faqs_matching(&mut self) {
        let Some(m) = self.current_index().map(|i| &self.drugs[i]) else {
            return;
        };
        let needle = self.find.text().to_lowercase();
        for (open, faq) in self.faq_open.iter_mut().zip(&m.faqs) {
            if faq.answer.to_lowercase().contains(&needle) {
                *open = true;
            }
        }
    }

    /// Brings derived state up to date after any change.
    fn sync(&mut self) {
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
        let drug = self.current_index();
        if drug != self.shown_drug {
            self.shown_drug = drug;
            self.scrolls = [0; 6];
            self.faq_cursor = 0;
            self.faq_open = vec![false; drug.map_or(0, |d| self.drugs[d].faqs.len())];
        }
        if self.sync_view() && !self.find.is_empty() {
            self.refind(false);
        }
        self.set_scroll(self.scroll());
        self.keep_selection_visible();
        self.prepare_search();
    }

    /// Makes the search results about to be shown. A stored index found
    /// damaged while reading them is rebuilt, and the query run again.
    fn prepare_search(&mut self) {
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

    /// Rebuilds the pane view if what it depends on changed; says whether it did.
    fn sync_view(&mut self) -> bool {
        let Some(drug) = self.current_index() else {
            self.view = PaneView::default();
            self.view_key = None;
            return false;
        };
        let key = ViewKey {
            drug,
            tab: self.tab,
            width: self.viewport.pane_width,
            faq_open: self.faq_open.clone(),
            faq_cursor: self.faq_cursor,
        };
        // A hidden pane (tiny terminal, list-only layout) keeps its last
        // layout rather than wrapping everything at zero width.
        if self.view_key.as_ref() == Some(&key) || (key.width == 0 && self.view_key.is_some()) {
            return false;
        }
        self.view = pane_view::build(
            &self.drugs[drug],
            self.tab,
            usize::from(key.width),
            &self.faq_open,
            self.faq_cursor,
        );
        self.view_key = Some(key);
        true
    }

    fn keep_selection_visible(&mut self) {
        let height = usize::from(self.viewport.list_height.max(1));
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + height {
            self.list_offset = self.selected + 1 - height;
        }
        self.list_offset = self
            .list_offset
            .min(self.matches.len().saturating_sub(height));
    }
}
