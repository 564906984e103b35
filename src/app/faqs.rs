//! The FAQ browser: every FAQ of every drug, grouped by drug, filtered as
//! the user types, answers expandable; its state, and how actions change it.

use std::collections::HashSet;

use super::input::Edit;
use super::pane_view::{Kind, ViewLine, push_blocks, push_wrapped};
use super::{Action, App, Input, Screen, Stale};
use crate::model::Monograph;
use crate::pane::{Pane, Tone};
use crate::search::fulltext::Index;
use crate::search::normalize::terms;
use crate::text::blocks;

/// One FAQ: drug index and FAQ index.
pub type FaqId = (usize, usize);

/// The browser's state.
#[derive(Debug, Default)]
pub struct FaqBrowser {
    /// Filter text.
    pub input: Input,
    all: Vec<(FaqId, Vec<String>)>,
    /// FAQs passing the filter, in drug order.
    pub visible: Vec<FaqId>,
    /// Index into `visible`.
    pub cursor: usize,
    /// Expanded answers.
    pub open: HashSet<FaqId>,
    /// First visible line.
    pub scroll: usize,
    /// Laid-out lines for the current width.
    pub lines: Vec<ViewLine>,
    /// Line of each visible FAQ's question.
    pub entry_lines: Vec<usize>,
    width: usize,
}

impl FaqBrowser {
    /// Collects every FAQ with the words it can be found by.
    pub fn new(drugs: &[Monograph]) -> Self {
        let all: Vec<(FaqId, Vec<String>)> = drugs
            .iter()
            .enumerate()
            .flat_map(|(d, m)| {
                m.faqs.iter().enumerate().map(move |(f, faq)| {
                    let words = format!(
                        "{} {} {} {}",
                        m.name,
                        m.brands.join(" "),
                        faq.question,
                        faq.answer
                    );
                    ((d, f), terms(&words))
                })
            })
            .collect();
        let visible = all.iter().map(|(id, _)| *id).collect();
        Self {
            all,
            visible,
            ..Self::default()
        }
    }

    /// Number of FAQs in all.
    pub fn total(&self) -> usize {
        self.all.len()
    }

    /// Re-applies the filter. With the search index, by the rule of every
    /// search ([`Index::faqs`], as `rxdoc faq` does: "administered" finds
    /// "How is it given?"); until it is ready, every typed word must begin
    /// some word of the FAQ.
    pub fn refilter(&mut self, index: Option<&Index>) {
        let typed = self.input.text();
        self.visible = match index {
            Some(index) if !typed.trim().is_empty() => {
                let mut found = index.faqs(typed);
                // Grouped by drug, as the browser shows them; only those it
                // has (a listed drug's are there once its file is read).
                found.sort_unstable();
                found.retain(|id| self.all.binary_search_by_key(id, |(at, _)| *at).is_ok());
                found
            }
            _ => self.by_word_starts(&terms(typed)),
        };
        self.cursor = 0;
        self.scroll = 0;
    }

    /// The FAQs where every word of `wanted` begins some word.
    fn by_word_starts(&self, wanted: &[String]) -> Vec<FaqId> {
        self.all
            .iter()
            .filter(|(_, words)| {
                wanted
                    .iter()
                    .all(|w| words.iter().any(|t| t.starts_with(w.as_str())))
            })
            .map(|(id, _)| *id)
            .collect()
    }

    /// Opens or closes the answer under the cursor.
    pub fn toggle(&mut self) {
        if let Some(id) = self.visible.get(self.cursor)
            && !self.open.remove(id)
        {
            self.open.insert(*id);
        }
    }

    /// Opens every visible answer, or closes them all if all are open.
    pub fn toggle_all(&mut self) {
        if self.visible.iter().all(|id| self.open.contains(id)) {
            self.open.clear();
        } else {
            self.open.extend(self.visible.iter().copied());
        }
    }

    /// Moves the cursor and scrolls to keep its question in view.
    pub fn move_by(&mut self, delta: isize, height: usize) {
        let last = self.visible.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.reveal(height);
    }

    /// Moves the cursor a page of `lines` down (or up, `direction` -1):
    /// to the last question that starts within that many lines, and at
    /// least one question on.
    pub fn page(&mut self, direction: isize, lines: usize) {
        let Some(&here) = self.entry_lines.get(self.cursor) else {
            return;
        };
        let lines = lines.max(1);
        let target = if direction < 0 {
            let target = here.saturating_sub(lines);
            self.entry_lines.iter().position(|&l| l >= target)
        } else {
            let target = here + lines;
            self.entry_lines.iter().rposition(|&l| l <= target)
        };
        let step = target.unwrap_or(self.cursor);
        self.cursor = if direction < 0 {
            step.min(self.cursor.saturating_sub(1))
        } else {
            step.max(self.cursor + 1)
                .min(self.visible.len().saturating_sub(1))
        };
    }

    /// Puts the cursor on a question in view, if it has scrolled away.
    pub fn cursor_into_view(&mut self, height: usize) {
        let view = self.scroll..self.scroll + height.max(1);
        if self
            .entry_lines
            .get(self.cursor)
            .is_some_and(|l| view.contains(l))
        {
            return;
        }
        if let Some(i) = self.entry_lines.iter().position(|l| view.contains(l)) {
            self.cursor = i;
        }
    }

    /// Scrolls so the cursor's question is visible.
    pub fn reveal(&mut self, height: usize) {
        let Some(&line) = self.entry_lines.get(self.cursor) else {
            return;
        };
        let height = height.max(1);
        if line < self.scroll {
            self.scroll = line.saturating_sub(1);
        } else if line >= self.scroll + height {
            self.scroll = line + 1 - height;
        }
    }

    /// Lays the visible FAQs out at `width`.
    pub fn layout(&mut self, drugs: &[Monograph], width: usize) {
        self.width = width.max(1);
        self.lines.clear();
        self.entry_lines.clear();
        let mut last_drug = None;
        for (i, &(d, f)) in self.visible.iter().enumerate() {
            let Some((m, faq)) = drugs.get(d).and_then(|m| Some((m, m.faqs.get(f)?))) else {
                // Never so (visible FAQs are the browser's own); kept in step.
                self.entry_lines.push(self.lines.len());
                continue;
            };
            if last_drug != Some(d) {
                if last_drug.is_some() {
                    self.lines.push(ViewLine::default());
                }
                push_wrapped(
                    &mut self.lines,
                    &m.name,
                    self.width,
                    "",
                    "",
                    Kind::Heading(Tone::Plain),
                );
                last_drug = Some(d);
            }
            let open = self.open.contains(&(d, f));
            let marker = if open { "▾ " } else { "▸ " };
            self.entry_lines.push(self.lines.len());
            let kind = Kind::Question {
                selected: i == self.cursor,
            };
            push_wrapped(
                &mut self.lines,
                &faq.question,
                self.width,
                marker,
                "  ",
                kind,
            );
            if open {
                push_blocks(&mut self.lines, &blocks(&faq.answer), self.width);
            }
        }
    }
}

impl App {
    pub(super) fn apply_faqs(&mut self, action: Action) {
        let height = usize::from(self.viewport.pane_height);
        let index = self.index.as_ref();
        let Some(f) = self.faqs.as_mut() else {
            self.screen = Screen::Browse;
            return;
        };
        match f.input.apply(action) {
            Edit::Changed => return self.mark_stale(Stale::Faqs),
            Edit::Unchanged => return,
            Edit::NotEditing => {}
        }
        match action {
            Action::Up => f.cursor = f.cursor.saturating_sub(1),
            Action::Down => f.cursor = (f.cursor + 1).min(f.visible.len().saturating_sub(1)),
            Action::ScrollPane(delta) => {
                f.scroll = f.scroll.saturating_add_signed(isize::from(delta) * 3);
            }
            Action::PageUp => f.page(-1, height),
            Action::PageDown => f.page(1, height),
            Action::HalfPageUp => f.page(-1, height / 2),
            Action::HalfPageDown => f.page(1, height / 2),
            Action::OpenDrug => {
                if let Some(&(drug, faq)) = f.visible.get(f.cursor) {
                    self.open_drug_at(drug, Pane::Faqs, Some(faq), Screen::Faqs);
                }
                return;
            }
            Action::Top => f.cursor = 0,
            Action::Bottom => f.cursor = f.visible.len().saturating_sub(1),
            Action::Accept | Action::Open => f.toggle(),
            Action::ToggleAllFaqs => f.toggle_all(),
            Action::ClickLine(line) => {
                if let Some(i) = super::pane_view::question_at(&f.lines, &f.entry_lines, line) {
                    f.cursor = i;
                    f.toggle();
                }
            }
            Action::Back if !f.input.is_empty() => {
                f.input.clear();
                f.refilter(index);
            }
            Action::Back => self.screen = Screen::Browse,
            _ => {}
        }
        // The wheel scrolls the page and brings the cursor along; every
        // other action moves the cursor and the page follows it.
        let wheel = matches!(action, Action::ScrollPane(_));
        if wheel && let Some(f) = self.faqs.as_mut() {
            f.scroll = f.scroll.min(f.lines.len().saturating_sub(height.max(1)));
            f.cursor_into_view(height);
        }
        self.layout_faqs(!wheel);
    }

    /// Lays out the FAQ browser and keeps the cursor (or the page) in view.
    pub(super) fn layout_faqs(&mut self, follow_cursor: bool) {
        let (width, height) = (
            usize::from(self.viewport.pane_width),
            usize::from(self.viewport.pane_height),
        );
        if let Some(f) = self.faqs.as_mut() {
            f.layout(self.shelf.drugs(), width);
            if follow_cursor {
                f.reveal(height);
            }
            f.scroll = f.scroll.min(f.lines.len().saturating_sub(height.max(1)));
        }
    }
}
