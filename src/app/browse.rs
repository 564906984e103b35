//! How actions change the browse screen: the drug list, its filter, the
//! tabbed pane, find in pane and the FAQs pane's answers.

use super::faqs::FaqBrowser;
use super::input::Edit;
use super::{Action, App, Editing, Focus, Overlay, Screen, Stale, Wrapped, pane_view};
use crate::narrow::to_isize;
use crate::pane::Pane;

impl App {
    pub(super) fn apply_editing(&mut self, editing: Editing, action: Action) {
        let input = match editing {
            Editing::Filter => &mut self.filter,
            Editing::Find => &mut self.find,
        };
        // As in less: Backspace with nothing left to delete leaves the input.
        if action == Action::Backspace && input.is_empty() {
            self.editing = None;
            return;
        }
        match input.apply(action) {
            Edit::Changed => {
                return self.mark_stale(match editing {
                    Editing::Filter => Stale::Filter,
                    Editing::Find => Stale::Find,
                });
            }
            Edit::Unchanged => return,
            Edit::NotEditing => {}
        }
        match action {
            Action::Accept => {
                self.editing = None;
                // The highlighted row opens: the top match until ↑↓ moved.
                if editing == Editing::Filter && !self.matches.is_empty() {
                    self.focus = Focus::Pane;
                }
            }
            Action::Back => {
                input.clear();
                self.editing = None;
                self.mark_stale(match editing {
                    Editing::Filter => Stale::Filter,
                    Editing::Find => Stale::Find,
                });
            }
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.apply_browsing(action);
            }
            _ => {}
        }
    }

    pub(super) fn apply_browsing(&mut self, action: Action) {
        match action {
            Action::ShowNotice if !self.diagnostics.is_empty() => {
                self.overlay = Overlay::Notice;
                self.notice_offset = 0;
            }
            Action::StartSearch => self.screen = Screen::Search,
            Action::StartExport => self.start_export(),
            Action::OpenInteractions => self.open_interactions(),
            Action::StartCompare => self.start_compare(),
            Action::OpenFaqBrowser => {
                if self.faqs.is_none() {
                    // A listed library's questions are read in the
                    // background (see `App::take_read_all`).
                    self.faqs = Some(FaqBrowser::new(self.drugs()));
                }
                self.screen = Screen::Faqs;
                self.layout_faqs(true);
            }
            Action::StartFilter => {
                // A fresh filter, as `/` in the pane and in less start afresh.
                self.focus = Focus::List;
                self.editing = Some(Editing::Filter);
                if !self.filter.is_empty() {
                    self.filter.clear();
                    self.mark_stale(Stale::Filter);
                }
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
            Action::ClickLine(line) if self.tab == Pane::Faqs => self.click_faq(line),
            Action::ClickRow(row) => {
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

    pub(super) fn apply_list(&mut self, action: Action) {
        // Back in the list, the way back to search results is gone.
        self.back_to = None;
        let page = to_isize(usize::from(self.viewport.list_height.max(1)));
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

    pub(super) fn apply_pane(&mut self, action: Action) {
        let page = to_isize(usize::from(self.viewport.pane_height.max(1)));
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
            Action::Back if self.back_to.is_some() => {
                self.find.clear();
                self.hits.clear();
                self.screen = self.back_to.take().unwrap_or(Screen::Browse);
            }
            Action::Back if !self.find.is_empty() => {
                self.find.clear();
                self.hits.clear();
            }
            Action::Back => self.focus = Focus::List,
            _ => {}
        }
    }

    pub(super) fn set_tab(&mut self, pane: Pane) {
        if self.tab != pane {
            self.tab = pane;
            self.view_key = None;
        }
    }

    pub(super) fn move_selection(&mut self, delta: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub(super) fn move_faq_cursor(&mut self, delta: isize) {
        let last = self.faq_open.len().saturating_sub(1);
        self.faq_cursor = self.faq_cursor.saturating_add_signed(delta).min(last);
        self.sync();
        if let Some(&line) = self.view.faq_lines.get(self.faq_cursor) {
            self.reveal(line);
        }
    }

    pub(super) fn max_scroll(&self) -> usize {
        self.view
            .lines
            .len()
            .saturating_sub(usize::from(self.viewport.pane_height.max(1)))
    }

    pub(super) fn set_scroll(&mut self, line: usize) {
        self.scrolls[self.tab.index()] = line.min(self.max_scroll());
    }

    pub(super) fn scroll_by(&mut self, delta: isize) {
        self.set_scroll(self.scroll().saturating_add_signed(delta));
    }

    /// Scrolls so `line` is visible, a third of the way down when it was not.
    pub(super) fn reveal(&mut self, line: usize) {
        let height = usize::from(self.viewport.pane_height.max(1));
        let scroll = self.scroll();
        if line < scroll || line >= scroll + height {
            self.set_scroll(line.saturating_sub(height / 3));
        }
    }

    pub(super) fn step_hit(&mut self, delta: isize) {
        if self.hits.is_empty() {
            return;
        }
        let n = to_isize(self.hits.len());
        let next = to_isize(self.hit_index) + delta;
        self.find_wrapped = if next >= n {
            Some(Wrapped::ToTop)
        } else if next < 0 {
            Some(Wrapped::ToBottom)
        } else {
            None
        };
        self.hit_index = next.rem_euclid(n) as usize;
        self.reveal(self.hits[self.hit_index].line);
    }

    pub(super) fn refilter(&mut self) {
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
    pub(super) fn refind(&mut self, jump: bool) {
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

    /// A click on line `line` of the FAQs pane: on a question, selects that
    /// FAQ and expands or collapses its answer.
    fn click_faq(&mut self, line: usize) {
        self.focus = Focus::Pane;
        let Some(faq) = pane_view::question_at(&self.view.lines, &self.view.faq_lines, line) else {
            return;
        };
        self.faq_cursor = faq;
        if let Some(open) = self.faq_open.get_mut(faq) {
            *open = !*open;
        }
    }

    /// Expands the FAQ answers that contain the find text, so matches in them can be shown.
    pub(super) fn open_faqs_matching(&mut self) {
        let Some(m) = self.current_index().and_then(|i| self.shelf.content(i)) else {
            return;
        };
        let needle = self.find.text().to_lowercase();
        for (open, faq) in self.faq_open.iter_mut().zip(&m.faqs) {
            if faq.answer.to_lowercase().contains(&needle) {
                *open = true;
            }
        }
    }
}
