//! The browser's state and every change to it, without a terminal.
//!
//! The runner turns keys into [`Action`]s (see [`crate::keymap`]) and calls
//! [`App::apply`]; the [`crate::ui`] module draws whatever state results.

mod action;
mod browse;
pub mod compare;
pub mod export;
pub mod faqs;
mod input;
pub mod interactions;
pub mod loader;
mod message;
mod notice;
pub mod pane_view;
mod receive;
mod scroll;
pub mod search;
pub mod shelf;

pub use action::Action;
pub use input::Input;
pub use loader::{Loaded, Status, Update};
pub use message::Message;

use crate::classes::ClassTable;
use crate::diagnostic::Diagnostic;
use crate::load::{Library, Progress};
use crate::model::Monograph;
use crate::pane::Pane;
use crate::search::fulltext::{Index, SearchHit};
use crate::search::names::{NameIndex, NameMatch};
use compare::Comparison;
use faqs::FaqBrowser;
use interactions::InteractionCheck;
use pane_view::{Hit, PaneView};
use search::SearchScreen;
use shelf::Shelf;

/// The full-screen views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Drug list and monograph.
    Browse,
    /// Search everywhere.
    Search,
    /// Every FAQ of every drug.
    Faqs,
    /// What the monographs of several drugs say of each other.
    Interactions,
    /// One section of two monographs side by side.
    Compare,
    /// Typing the name of the drug to compare with.
    CompareWith,
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

/// An input whose results wait to be worked out again (see
/// [`App::apply_deferred`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stale {
    /// The drug-list filter.
    Filter,
    /// Find in the current pane.
    Find,
    /// The search-everywhere query.
    Search,
    /// The FAQ browser's filter.
    Faqs,
}

/// Which way `n` or `N` went round the ends of the pane's matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrapped {
    /// From the last match to the first.
    ToTop,
    /// From the first match to the last.
    ToBottom,
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
    /// The export prompt: format and file.
    Export,
    /// The export prompt asking whether to replace a file.
    ConfirmReplace,
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
    /// Rows of problems the load-problems notice shows at once.
    pub notice_rows: u16,
    /// Rows the key help shows at once.
    pub help_rows: u16,
    /// Rows of the key help in all, wrapped for its width.
    pub help_lines: u16,
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
    shelf: Shelf,
    /// Every listed drug's content is being read off the input thread:
    /// see [`App::take_read_all`].
    reading_all: bool,
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
    /// The screen the drug was opened from (search results, the FAQ
    /// browser); Esc in the pane goes back to it.
    back_to: Option<Screen>,
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
    /// The first problem the load-problems notice shows.
    pub notice_offset: usize,
    /// The first row of the key help shown.
    pub help_offset: usize,
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
    /// The last `n` or `N` went round the ends of the matches; said until
    /// the next action.
    pub find_wrapped: Option<Wrapped>,
    view: PaneView,
    view_key: Option<ViewKey>,
    shown_drug: Option<usize>,
    viewport: Viewport,
    /// An input edited since its results were last worked out.
    stale: Option<Stale>,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// Whether the mouse is captured (wheel and clicks go to the browser);
    /// off, the terminal selects text. The runner follows it.
    pub mouse: bool,
    /// What the last action has to say; shown until the next one.
    pub message: Option<Message>,
    /// The export prompt, while open.
    pub export: Option<export::ExportPrompt>,
    /// Drug classes and foods, for the interaction check.
    classes: ClassTable,
    /// The interaction check, kept from its first opening.
    interactions: Option<InteractionCheck>,
    /// The comparison, while open.
    compare: Option<Comparison>,
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
            shelf: Shelf::default(),
            reading_all: false,
            diagnostics: Vec::new(),
            names: NameIndex::default(),
            index: None,
            status: Status::Loading(Progress::default()),
            screen: Screen::Browse,
            search: SearchScreen::default(),
            faqs: None,
            back_to: None,
            pending_reveal: None,
            filter: Input::default(),
            matches: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            editing: None,
            overlay: Overlay::None,
            notice_offset: 0,
            help_offset: 0,
            tab: Pane::Usage,
            scrolls: [0; 6],
            faq_cursor: 0,
            faq_open: Vec::new(),
            find: Input::default(),
            hits: Vec::new(),
            hit_index: 0,
            find_wrapped: None,
            view: PaneView::default(),
            view_key: None,
            shown_drug: None,
            viewport: Viewport::default(),
            stale: None,
            quit: false,
            mouse: true,
            message: None,
            export: None,
            classes: ClassTable::default(),
            interactions: None,
            compare: None,
        };
        app.sync();
        app
    }

    /// Whether a drug's monograph can be shown: not before there is a
    /// list (a listed drug is read from its file when shown).
    pub fn monographs_read(&self) -> bool {
        !matches!(self.status, Status::Loading(_))
    }

    /// Whether every drug's content is in memory (for the FAQ browser,
    /// which shows them all).
    pub fn monographs_whole(&self) -> bool {
        self.shelf.is_whole()
    }

    /// Every drug, sorted by name: its listing, and its content if read
    /// (see [`App::content`]).
    pub fn drugs(&self) -> &[Monograph] {
        self.shelf.drugs()
    }

    /// Drug `i`'s monograph, if its content is read.
    pub fn content(&self, i: usize) -> Option<&Monograph> {
        self.shelf.content(i)
    }

    /// Reads drug `i`'s content if it is only listed; if it cannot be
    /// read, says why in the message line and returns false.
    pub(super) fn open_drug(&mut self, i: usize) -> bool {
        if self.shelf.open(i) {
            return true;
        }
        if let (Some(m), Some(why)) = (self.shelf.drugs().get(i), self.shelf.problem(i)) {
            self.message = Some(Message::Unreadable {
                name: m.name.clone(),
                why: why.to_string(),
            });
        }
        false
    }

    /// Reading every listed drug's content, when the FAQ browser asked for
    /// it: the runner does it off the input thread and hands the result
    /// back as [`Update::Read`].
    pub fn take_read_all(&mut self) -> Option<shelf::ReadAll> {
        // Asked once the index is in: before, the loader may yet read
        // every file itself, or still hold the library it read while it
        // indexes, which reading it all again beside would double.
        let indexed = self.status == Status::Ready;
        if self.faqs.is_none() || self.reading_all || !indexed {
            return None;
        }
        let job = self.shelf.read_all();
        self.reading_all = job.is_some();
        job
    }

    /// Whether every listed drug's content is being read in the background.
    pub fn reading_all(&self) -> bool {
        self.reading_all
    }

    /// The name a list row matched, and which of its characters to highlight.
    pub fn name_highlight(&self, m: &NameMatch) -> (&str, Vec<usize>) {
        self.names.highlight(m, self.filter.text())
    }

    /// The drug under the list cursor, if the filter left any and its
    /// content is read.
    pub fn current(&self) -> Option<&Monograph> {
        self.current_index().and_then(|i| self.shelf.content(i))
    }

    /// Why the drug under the list cursor could not be read, if it could not.
    pub fn current_problem(&self) -> Option<&str> {
        self.current_index().and_then(|i| self.shelf.problem(i))
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
            if self.screen == Screen::Interactions {
                self.layout_interactions();
            }
            if matches!(self.screen, Screen::Compare | Screen::CompareWith) {
                self.layout_compare();
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
        self.apply_deferred(action);
        self.settle();
    }

    /// Applies one action, but an edit of an input (typing, deleting)
    /// leaves its filter or search to be run again by [`App::settle`] or by
    /// the next action that is not an edit: a burst of typed or pasted
    /// characters then costs one search, not one per character.
    pub fn apply_deferred(&mut self, action: Action) {
        if !action.is_edit() {
            self.settle();
        }
        self.find_wrapped = None;
        self.message = None;
        match (self.overlay, action) {
            (_, Action::Quit) => self.quit = true,
            (_, Action::ToggleMouse) => self.toggle_mouse(),
            (Overlay::Help, Action::ToggleHelp | Action::Back) => self.overlay = Overlay::None,
            (Overlay::Notice, Action::Back | Action::Accept | Action::Open) => {
                self.overlay = Overlay::None;
            }
            (Overlay::Notice, action) => self.scroll_notice(action),
            (Overlay::Export, action) => self.apply_export(action),
            (Overlay::ConfirmReplace, action) => self.apply_confirm(action),
            (Overlay::Help, action) => self.scroll_help(action),
            (Overlay::None, Action::ToggleHelp) => {
                self.overlay = Overlay::Help;
                self.help_offset = 0;
            }
            (Overlay::None, action) => match (self.screen, self.editing) {
                (Screen::Search, _) => self.apply_search(action),
                (Screen::Faqs, _) => self.apply_faqs(action),
                (Screen::Interactions, _) => self.apply_interactions(action),
                (Screen::Compare | Screen::CompareWith, _) => self.apply_compare(action),
                (Screen::Browse, Some(editing)) => self.apply_editing(editing, action),
                (Screen::Browse, None) => self.apply_browsing(action),
            },
        }
        self.sync();
    }

    /// Pastes text into the active input as typed text, never as commands:
    /// line breaks and tabs become spaces, and only as much as the input
    /// holds is read. Browsing, a paste starts the list's filter (or find,
    /// in the pane) as `/` would. Deferred like [`App::apply_deferred`].
    pub fn paste(&mut self, text: &str) {
        if self.overlay == Overlay::Export {
            for c in input::pasted(text) {
                self.apply_deferred(Action::Type(c));
            }
            return;
        }
        if self.overlay != Overlay::None {
            return;
        }
        if self.screen == Screen::Browse && self.editing.is_none() {
            self.apply_deferred(match self.focus {
                Focus::List => Action::StartFilter,
                Focus::Pane => Action::StartFind,
            });
            if self.editing.is_none() {
                return;
            }
        }
        for c in input::pasted(text) {
            self.apply_deferred(Action::Type(c));
        }
    }

    /// Runs the filter or search an edit left waiting (see
    /// [`App::apply_deferred`]).
    pub fn settle(&mut self) {
        match self.stale.take() {
            None => return,
            Some(Stale::Filter) => self.refilter(),
            Some(Stale::Find) => self.refind(true),
            Some(Stale::Search) => self.refresh_search(),
            Some(Stale::Faqs) => {
                if let Some(f) = self.faqs.as_mut() {
                    f.refilter(self.index.as_ref());
                }
                self.layout_faqs(true);
            }
        }
        self.sync();
    }

    /// Records that `input`'s results must be worked out again; another
    /// input's are worked out first.
    fn mark_stale(&mut self, input: Stale) {
        if self.stale.is_some_and(|s| s != input) {
            self.settle();
        }
        self.stale = Some(input);
    }

    /// Brings derived state up to date after any change.
    fn sync(&mut self) {
        self.selected = self.selected.min(self.matches.len().saturating_sub(1));
        let drug = self.current_index();
        if let Some(drug) = drug.filter(|_| self.monographs_read()) {
            self.shelf.open(drug);
        }
        if drug != self.shown_drug {
            self.shown_drug = drug;
            self.scrolls = [0; 6];
            self.faq_cursor = 0;
            let faqs = drug
                .and_then(|d| self.shelf.content(d))
                .map_or(0, |m| m.faqs.len());
            self.faq_open = vec![false; faqs];
        }
        if self.sync_view() && !self.find.is_empty() {
            self.refind(false);
        }
        self.set_scroll(self.scroll());
        self.keep_selection_visible();
        self.prepare_search();
    }

    /// Rebuilds the pane view if what it depends on changed; says whether it did.
    fn sync_view(&mut self) -> bool {
        let Some((drug, monograph)) = self
            .current_index()
            .and_then(|i| Some((i, self.shelf.content(i)?)))
        else {
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
            monograph,
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
