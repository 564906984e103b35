//! The comparison screen: one section of two monographs, side by side on a
//! wide screen and one after the other on a narrow one (as `rxdoc compare`
//! prints them), scrolled together; the second drug chosen by name as it
//! is typed.

use super::input::Edit;
use super::pane_view::{self, Kind, ViewLine, push_wrapped};
use super::{Action, App, Input, Screen, scroll};
use crate::model::Monograph;
use crate::pane::{Pane, Tone};
use crate::search::names::NameIndex;

/// At least this many columns for each side, or the two go one after the
/// other: a section wrapped narrower is hard to read.
pub const SIDE_BY_SIDE_COLUMNS: usize = 36;

/// Columns between the two sides.
pub const GAP: usize = 1;

/// The screen's state.
#[derive(Debug)]
pub struct Comparison {
    /// The drug compared, by index in the browser's list of drugs.
    pub first: usize,
    /// The drug it is compared with, once chosen.
    pub second: Option<usize>,
    /// The name being typed for the second drug.
    pub input: Input,
    /// What Enter would choose for the text typed.
    pub suggestion: Option<usize>,
    /// The section compared.
    pub tab: Pane,
    /// First visible line.
    pub scroll: usize,
    /// Each side's lines, when side by side; otherwise `left` holds both,
    /// one after the other, and `right` is empty.
    pub left: Vec<ViewLine>,
    /// The second drug's lines when side by side.
    pub right: Vec<ViewLine>,
    /// Whether the two are side by side.
    pub side_by_side: bool,
}

impl Comparison {
    /// A comparison of `first` on `tab`, waiting for the second drug.
    pub fn new(first: usize, tab: Pane) -> Self {
        Self {
            first,
            second: None,
            input: Input::default(),
            suggestion: None,
            tab,
            scroll: 0,
            left: Vec::new(),
            right: Vec::new(),
            side_by_side: false,
        }
    }

    /// Lines in all: the longer side's.
    pub fn height(&self) -> usize {
        self.left.len().max(self.right.len())
    }

    /// The best drug match for what is typed, never the first drug itself.
    fn suggest(&mut self, names: &NameIndex) {
        let typed = self.input.text().trim();
        self.suggestion = if typed.is_empty() {
            None
        } else {
            (names.filter(typed).iter())
                .map(|m| m.drug)
                .find(|&d| d != self.first)
        };
    }

    /// Lays both sides out for `width` columns.
    pub fn layout(&mut self, drugs: &[Monograph], width: usize) {
        let Some(second) = self.second else {
            self.left.clear();
            self.right.clear();
            return;
        };
        let half = width.saturating_sub(GAP) / 2;
        self.side_by_side = half >= SIDE_BY_SIDE_COLUMNS;
        if self.side_by_side {
            self.left = side(&drugs[self.first], self.tab, half);
            self.right = side(&drugs[second], self.tab, half);
        } else {
            let mut both = side(&drugs[self.first], self.tab, width);
            both.push(ViewLine::default());
            both.extend(side(&drugs[second], self.tab, width));
            self.left = both;
            self.right.clear();
        }
        self.scroll = self.scroll.min(self.height().saturating_sub(1));
    }
}

/// One drug's section under its name, every FAQ answer shown.
fn side(m: &Monograph, tab: Pane, width: usize) -> Vec<ViewLine> {
    let mut lines = Vec::new();
    let heading = format!("{} · {}", m.name, tab.title());
    push_wrapped(
        &mut lines,
        &heading,
        width,
        "",
        "",
        Kind::Heading(Tone::Plain),
    );
    let open = vec![true; m.faqs.len()];
    // No FAQ is selected: the cursor belongs to the browse screen.
    let view = pane_view::build(m, tab, width, &open, usize::MAX);
    lines.extend(view.lines);
    lines
}

impl App {
    /// Opens the comparison for the drug the list is on, asking for the
    /// drug to compare it with.
    pub(super) fn start_compare(&mut self) {
        let Some(first) = self.current_index() else {
            return;
        };
        self.compare = Some(Comparison::new(first, self.tab));
        self.screen = Screen::CompareWith;
    }

    pub(super) fn apply_compare(&mut self, action: Action) {
        let height = usize::from(self.viewport.pane_height.max(1));
        let Some(c) = self.compare.as_mut() else {
            self.screen = Screen::Browse;
            return;
        };
        if self.screen == Screen::CompareWith {
            return self.choose_second(action);
        }
        if let Some(to) = scroll::scrolled(action, c.scroll, c.height(), height) {
            c.scroll = to;
            return;
        }
        match action {
            Action::NextTab => c.tab = Pane::ALL[(c.tab.index() + 1) % 6],
            Action::PrevTab => c.tab = Pane::ALL[(c.tab.index() + 5) % 6],
            Action::Tab(pane) => c.tab = pane,
            Action::StartCompare => {
                c.input.clear();
                c.suggestion = None;
                self.screen = Screen::CompareWith;
            }
            Action::Back => self.screen = Screen::Browse,
            _ => return,
        }
        if matches!(action, Action::NextTab | Action::PrevTab | Action::Tab(_)) {
            c.scroll = 0;
        }
        self.layout_compare();
    }

    /// Typing the second drug's name: Enter chooses the best match, Esc
    /// goes back (to the comparison, if there is one).
    fn choose_second(&mut self, action: Action) {
        let Some(c) = self.compare.as_mut() else {
            return;
        };
        match c.input.apply(action) {
            Edit::Changed => return c.suggest(&self.names),
            Edit::Unchanged => return,
            Edit::NotEditing => {}
        }
        match action {
            Action::Accept => {
                let Some(second) = c.suggestion else {
                    return;
                };
                c.second = Some(second);
                c.scroll = 0;
                self.screen = Screen::Compare;
                self.layout_compare();
            }
            Action::Back if !c.input.is_empty() => {
                c.input.clear();
                c.suggestion = None;
            }
            Action::Back if c.second.is_some() => self.screen = Screen::Compare,
            Action::Back => self.screen = Screen::Browse,
            _ => {}
        }
    }

    /// Lays the comparison out again for the current width.
    pub(super) fn layout_compare(&mut self) {
        let width = usize::from(self.viewport.pane_width);
        let Some(c) = self.compare.as_ref() else {
            return;
        };
        let (first, second) = (c.first, c.second);
        if !self.open_drug(first) || second.is_some_and(|d| !self.open_drug(d)) {
            // Shown empty rather than compared with nothing said.
            if let Some(c) = self.compare.as_mut() {
                c.second = None;
            }
            self.screen = Screen::Browse;
        }
        if let Some(c) = self.compare.as_mut() {
            c.layout(self.shelf.drugs(), width);
        }
    }

    /// The comparison, if one is open.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.compare.as_ref()
    }
}
