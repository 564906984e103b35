//! Taking in what loading sends (see [`super::loader`]): the list, then
//! the index, and the content the FAQ browser asked for.

use super::faqs::FaqBrowser;
use super::interactions::Pick;
use super::{App, Loaded, Overlay, Screen, Status, Update};
use crate::load::Progress;

impl App {
    /// Takes one step of background loading into the state.
    pub fn receive(&mut self, update: Update) {
        match update {
            Update::Progress(progress) => match self.status {
                Status::Loading(_) => self.status = Status::Loading(progress),
                Status::Listed(_) => self.status = Status::Listed(progress),
                _ => {}
            },
            Update::Listed(listed) => {
                if let Status::Loading(progress) = self.status {
                    self.status = Status::Listed(progress);
                    self.take_list(*listed);
                }
            }
            Update::Indexing(progress) => {
                if matches!(self.status, Status::Indexing(_) | Status::WaitingForOther) {
                    self.status = Status::Indexing(progress);
                }
            }
            Update::WaitingForOther => {
                if matches!(self.status, Status::Indexing(_)) {
                    self.status = Status::WaitingForOther;
                }
            }
            Update::Read(read) => {
                self.reading_all = false;
                // Files that no longer read as listed join the load problems.
                let mut problems = self.shelf.take_read(read);
                self.diagnostics.append(&mut problems);
                self.view_key = None;
                self.rebuild_faqs();
            }
            Update::Loaded(loaded) => {
                self.status = Status::Indexing(Progress::default());
                // The list is made again from the files: views go.
                self.view_key = None;
                self.shown_drug = None;
                self.take_list(*loaded);
            }
            Update::Indexed(index) => {
                self.index = Some(*index);
                self.status = Status::Ready;
                self.refresh_search();
                // What was typed into the FAQ browser meanwhile is matched
                // again, now by the rule of every search.
                if let Some(faqs) = self.faqs.as_mut() {
                    faqs.refilter(self.index.as_ref());
                }
            }
        }
        self.sync();
    }

    /// Takes a list of drugs (the stored catalogue's, or the loaded
    /// monographs) in place of the one shown.
    fn take_list(&mut self, loaded: Loaded) {
        let same_drugs = (self.shelf.drugs().iter().map(|m| &m.id)).eq(loaded
            .shelf
            .drugs()
            .iter()
            .map(|m| &m.id));
        if !same_drugs {
            // Files came or went between the catalogue's check and their
            // reading: positions held now name other drugs.
            self.forget_positions();
        }
        let new_problems = loaded.diagnostics != self.diagnostics;
        // The same list made again from the files: what was read from it
        // stays read.
        if !self.shelf.lists_as(&loaded.shelf) {
            self.shelf = loaded.shelf;
        }
        self.names = loaded.names;
        self.diagnostics = loaded.diagnostics;
        self.classes = loaded.classes;
        // Anything typed into the filter while loading still applies.
        self.refilter();
        // A check or comparison made on the listed drugs is made again on
        // their content.
        if self.interactions.is_some() {
            self.recheck_interactions();
            self.layout_interactions();
        }
        self.layout_compare();
        self.rebuild_faqs();
        // Problems already shown with the catalogue's list are not shown again.
        if new_problems && !self.diagnostics.is_empty() && self.overlay == Overlay::None {
            self.overlay = Overlay::Notice;
        }
    }

    /// Closes what holds a drug by its position (a handout being named, a
    /// comparison) and empties the interaction check's drugs.
    fn forget_positions(&mut self) {
        if self.export.take().is_some() {
            self.overlay = Overlay::None;
        }
        if self.compare.take().is_some()
            && matches!(self.screen, Screen::Compare | Screen::CompareWith)
        {
            self.screen = Screen::Browse;
        }
        if let Some(check) = self.interactions.as_mut() {
            check.picks.retain(|p| !matches!(p, Pick::Drug(_)));
        }
    }

    /// The FAQ browser was opened on a library not read whole (empty,
    /// or listed): it is made again from what is read, keeping what was
    /// typed.
    fn rebuild_faqs(&mut self) {
        let Some(old) = self.faqs.take() else {
            return;
        };
        let mut faqs = FaqBrowser::new(self.shelf.drugs());
        faqs.input = old.input;
        faqs.refilter(self.index.as_ref());
        self.faqs = Some(faqs);
        self.layout_faqs(true);
    }
}
