//! The interaction check screen: drugs and foods added by name as they are
//! typed, removed again, and what their monographs say of each other,
//! worked out again at every change (see [`crate::interactions`]).

use super::input::Edit;
use super::message::Message;
use super::pane_view::{Kind, ViewLine, push_wrapped};
use super::{Action, App, Input, Screen, scroll};
use crate::classes::ClassTable;
use crate::interactions::{self, Party, Report, Row, Term, outline};
use crate::model::Monograph;
use crate::pane::Tone;
use crate::resolve::Resolved;
use crate::search::names::NameIndex;

/// Something added to the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A drug, by its index in the browser's list of drugs.
    Drug(usize),
    /// A food or drink, by its id in the class table.
    Food(String),
}

/// A laid-out line and the byte ranges of it to highlight.
pub type MarkedLine = (ViewLine, Vec<(usize, usize)>);

/// The screen's state.
#[derive(Debug, Default)]
pub struct InteractionCheck {
    /// What is being typed: the name of the next drug or food.
    pub input: Input,
    /// What was added, in order.
    pub picks: Vec<Pick>,
    /// What Enter would add for the text typed, if anything matches.
    pub suggestion: Option<Pick>,
    /// The check's answer, once two things are added.
    pub report: Option<Report>,
    /// The report laid out for the screen's width.
    pub lines: Vec<MarkedLine>,
    /// First visible line.
    pub scroll: usize,
}

impl InteractionCheck {
    /// A check starting from `first` (the drug the list was on), if any.
    pub fn starting_with(first: Option<usize>) -> Self {
        Self {
            picks: first.map(Pick::Drug).into_iter().collect(),
            ..Self::default()
        }
    }

    /// What the typed text names: a food or drink by one of its names, else
    /// the best drug match by name, brand or alias (as the list's filter
    /// ranks them), else a food whose name it begins.
    pub fn suggest(&mut self, names: &NameIndex, classes: &ClassTable) {
        let typed = self.input.text().trim();
        self.suggestion = if typed.is_empty() {
            None
        } else if let Some(food) = classes.food(typed) {
            Some(Pick::Food(food.id.clone()))
        } else if let Some(best) = names.filter(typed).first() {
            Some(Pick::Drug(best.drug))
        } else {
            let typed = typed.to_lowercase();
            (classes.foods.iter())
                .find(|f| f.names.iter().any(|n| n.to_lowercase().starts_with(&typed)))
                .map(|f| Pick::Food(f.id.clone()))
        };
    }

    /// Works the check out again for what is added.
    pub fn recheck(&mut self, drugs: &[Monograph], classes: &ClassTable) {
        let parties: Vec<Party> = (self.picks.iter())
            .filter_map(|pick| party(pick, drugs, classes))
            .collect();
        self.report = (parties.len() >= 2).then(|| interactions::check(classes, &parties, vec![]));
        self.scroll = 0;
    }

    /// Lays the screen's text out at `width` columns.
    pub fn layout(&mut self, drugs: &[Monograph], classes: &ClassTable, width: usize) {
        let width = width.max(1);
        let mut lines: Vec<MarkedLine> = Vec::new();
        let mut put = |text: &str, first: &str, rest: &str, kind: Kind, words: &[Term]| {
            let mut wrapped = Vec::new();
            push_wrapped(&mut wrapped, text, width, first, rest, kind);
            for line in wrapped {
                let marks = marks(&line.text(), words);
                lines.push((line, marks));
            }
        };
        if let Some(pick) = &self.suggestion {
            let name = pick_name(pick, drugs, classes);
            put(&format!("Enter adds: {name}"), "", "  ", Kind::Dim, &[]);
        } else if !self.input.is_empty() {
            let text = "No drug, food or drink by that name.";
            put(text, "", "  ", Kind::Dim, &[]);
        }
        let Some(report) = &self.report else {
            let text = "Type the name of a drug, or a food or drink such as alcohol or grapefruit, \
                        and press Enter to add it; two or more are checked together. \
                        Backspace on an empty line removes the last one added.";
            put(text, "", "", Kind::Text, &[]);
            self.lines = lines;
            return;
        };
        for row in outline(report) {
            match &row {
                Row::Pair(pair) => put(pair, "", "", Kind::Heading(Tone::Plain), &[]),
                Row::Source(text) => put(text, "  ", "  ", Kind::Dim, &[]),
                Row::Passage(finding) => {
                    let words: Vec<Term> = (finding.matched.iter())
                        .map(|r| Term {
                            text: finding.text[r.clone()].to_string(),
                            class: None,
                        })
                        .collect();
                    put(&finding.text, "  ", "  ", Kind::Text, &words);
                }
                Row::Advice(text) => put(text, "  ", "    ", Kind::Marker, &[]),
                Row::Matched(_) => {} // the passage's highlights say it
                Row::NothingForPair | Row::NothingAtAll => {
                    put(row.text(), "  ", "  ", Kind::Heading(Tone::Serious), &[]);
                }
                Row::Blank | Row::Duplicate(_) | Row::Note(_) => {
                    put(row.text(), "", "", Kind::Dim, &[]);
                }
            }
        }
        self.lines = lines;
    }

    /// The names of what is added, in order.
    pub fn names(&self, drugs: &[Monograph], classes: &ClassTable) -> Vec<String> {
        (self.picks.iter())
            .map(|p| pick_name(p, drugs, classes))
            .collect()
    }
}

/// A pick as the core's party.
fn party<'a>(pick: &Pick, drugs: &'a [Monograph], classes: &'a ClassTable) -> Option<Party<'a>> {
    match pick {
        Pick::Drug(i) => drugs.get(*i).map(|m| Party::Drug(Resolved::Library(m))),
        Pick::Food(id) => classes.food(id).map(Party::Food),
    }
}

fn pick_name(pick: &Pick, drugs: &[Monograph], classes: &ClassTable) -> String {
    party(pick, drugs, classes).map_or_else(String::new, |p| p.name().to_string())
}

/// Where the matched words stand in one wrapped line.
fn marks(line: &str, words: &[Term]) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    let (ranges, _) = interactions::find(line, words);
    ranges.into_iter().map(|r| (r.start, r.end)).collect()
}

impl App {
    /// Opens the interaction check with the drug the list is on.
    pub(super) fn open_interactions(&mut self) {
        if self.interactions.is_none() {
            let first = self.current_index().filter(|&d| self.open_drug(d));
            self.interactions = Some(InteractionCheck::starting_with(first));
        }
        self.screen = Screen::Interactions;
        self.layout_interactions();
    }

    pub(super) fn apply_interactions(&mut self, action: Action) {
        let height = usize::from(self.viewport.pane_height.max(1));
        let Some(c) = self.interactions.as_mut() else {
            self.screen = Screen::Browse;
            return;
        };
        let removing = action == Action::Backspace && c.input.is_empty();
        match c.input.apply(action) {
            Edit::Changed => c.suggest(&self.names, &self.classes),
            Edit::Unchanged if !removing => return,
            Edit::Unchanged | Edit::NotEditing => {}
        }
        if let Some(to) = scroll::scrolled(action, c.scroll, c.lines.len(), height) {
            c.scroll = to;
            return;
        }
        match action {
            Action::Accept => self.add_pick(),
            Action::Backspace if removing => self.remove_last_pick(),
            Action::Back if !c.input.is_empty() => {
                c.input.clear();
                c.suggestion = None;
            }
            Action::Back => self.screen = Screen::Browse,
            _ => {}
        }
        self.layout_interactions();
    }

    /// Adds what the typed text names; says so when it is already there.
    fn add_pick(&mut self) {
        let Some(c) = self.interactions.as_mut() else {
            return;
        };
        let Some(pick) = c.suggestion.take() else {
            if !c.input.is_empty() {
                self.message = Some(Message::NoSuchName {
                    typed: c.input.text().trim().to_string(),
                });
            }
            return;
        };
        c.input.clear();
        if c.picks.contains(&pick) {
            let name = pick_name(&pick, self.shelf.drugs(), &self.classes);
            self.message = Some(Message::AlreadyChecked { name });
            return;
        }
        if let Pick::Drug(d) = pick
            && !self.open_drug(d)
        {
            return;
        }
        if let Some(c) = self.interactions.as_mut() {
            c.picks.push(pick);
        }
        self.recheck_interactions();
    }

    /// Checks the picks again, their content read.
    pub(super) fn recheck_interactions(&mut self) {
        let drugs = self.interactions.iter().flat_map(|c| c.picks.clone());
        for pick in drugs.collect::<Vec<_>>() {
            if let Pick::Drug(d) = pick {
                self.shelf.open(d);
            }
        }
        if let Some(c) = self.interactions.as_mut() {
            c.recheck(self.shelf.drugs(), &self.classes);
        }
    }

    fn remove_last_pick(&mut self) {
        if let Some(c) = self.interactions.as_mut()
            && let Some(pick) = c.picks.pop()
        {
            let name = pick_name(&pick, self.shelf.drugs(), &self.classes);
            self.message = Some(Message::Removed { name });
            c.recheck(self.shelf.drugs(), &self.classes);
        }
    }

    /// Lays the check out again for the current width.
    pub(super) fn layout_interactions(&mut self) {
        let width = usize::from(self.viewport.pane_width);
        if let Some(c) = self.interactions.as_mut() {
            c.layout(self.shelf.drugs(), &self.classes, width);
            c.scroll = c.scroll.min(c.lines.len().saturating_sub(1));
        }
    }

    /// The interaction check, if it has been opened.
    pub fn interaction_check(&self) -> Option<&InteractionCheck> {
        self.interactions.as_ref()
    }

    /// The class table, for naming what is checked.
    pub fn classes(&self) -> &ClassTable {
        &self.classes
    }
}
