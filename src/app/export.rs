//! Exporting a handout from the browser: a prompt for the format and the
//! file (`<id>.<ext>` in the current directory to start with), a question
//! before replacing a file that is there, and a message saying what happened.

use std::path::{Path, PathBuf};

use super::input::Edit;
use super::{Action, App, Input, Message, Overlay};
use crate::export::Format;
use crate::userfile::{Existing, WriteError, write_atomically};

/// The export prompt's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPrompt {
    /// The drug exported.
    pub drug: usize,
    /// The format chosen with Tab; the file's extension overrides it.
    chosen: Format,
    /// The file to write, as typed.
    pub path: Input,
}

/// The formats in the order Tab goes through them.
pub const FORMATS: [Format; 3] = [Format::Html, Format::Md, Format::Txt];

impl ExportPrompt {
    /// A prompt for `drug`, whose id is `id`, to write `<id>.html`.
    pub fn new(drug: usize, id: &str) -> Self {
        let chosen = FORMATS[0];
        Self {
            drug,
            chosen,
            path: Input::with_text(&format!("{id}.{chosen}")),
        }
    }

    /// The format written: the one the file's extension names (`.md`,
    /// `.htm`, `.text`…), else the one chosen.
    pub fn format(&self) -> Format {
        Path::new(self.path.text())
            .extension()
            .and_then(|e| e.to_str()?.parse().ok())
            .unwrap_or(self.chosen)
    }

    /// Chooses the next format; a file name ending in the old format's
    /// extension takes the new one's.
    pub fn next_format(&mut self) {
        let old = self.format();
        let at = FORMATS.iter().position(|f| *f == old).unwrap_or(0);
        self.chosen = FORMATS[(at + 1) % FORMATS.len()];
        let text = self.path.text();
        let has_extension = Path::new(text).extension().is_some();
        if has_extension && let Some(stem) = text.rsplit_once('.').map(|(stem, _)| stem) {
            self.path = Input::with_text(&format!("{stem}.{}", self.chosen));
        }
    }

    /// The file to write: the typed path, `~/` meaning the home directory.
    pub fn target(&self) -> PathBuf {
        let typed = self.path.text().trim();
        match (typed.strip_prefix("~/"), std::env::home_dir()) {
            (Some(rest), Some(home)) => home.join(rest),
            _ => PathBuf::from(typed),
        }
    }
}

impl App {
    /// Opens the export prompt for the drug shown.
    pub(super) fn start_export(&mut self) {
        // A listed drug's content is not read yet: nothing to export.
        if let Some(drug) = self.current_index().filter(|_| self.monographs_read())
            && self.open_drug(drug)
        {
            self.export = Some(ExportPrompt::new(drug, &self.drugs()[drug].id));
            self.overlay = Overlay::Export;
        }
    }

    /// Typing in the export prompt: the file name, Tab for the format,
    /// Enter to write, Esc to cancel.
    pub(super) fn apply_export(&mut self, action: Action) {
        let Some(prompt) = self.export.as_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        if prompt.path.apply(action) != Edit::NotEditing {
            return;
        }
        match action {
            Action::NextFormat => prompt.next_format(),
            Action::Accept => self.write_export(Existing::Keep),
            Action::Back => self.close_export(),
            _ => {}
        }
    }

    /// The answer to "replace it?".
    pub(super) fn apply_confirm(&mut self, action: Action) {
        match action {
            Action::Confirm => self.write_export(Existing::Replace),
            Action::Back => {
                if let Some(prompt) = &self.export {
                    self.message = Some(Message::ExportKept {
                        path: prompt.target(),
                    });
                }
                self.close_export();
            }
            _ => {}
        }
    }

    /// Writes the handout; asks first if the file is there and is to be
    /// kept. Never overwrites without a yes.
    fn write_export(&mut self, existing: Existing) {
        let Some(prompt) = &self.export else { return };
        let path = prompt.target();
        if path.as_os_str().is_empty() {
            return;
        }
        if existing == Existing::Keep && std::fs::symlink_metadata(&path).is_ok() {
            self.overlay = Overlay::ConfirmReplace;
            return;
        }
        let Some(monograph) = self.shelf.content(prompt.drug) else {
            return;
        };
        let handout = prompt.format().render(monograph);
        self.message = Some(
            match write_atomically(&path, handout.as_bytes(), existing) {
                Ok(()) => Message::Exported { path },
                // Made between asking and writing: ask.
                Err(WriteError::Exists) => {
                    self.overlay = Overlay::ConfirmReplace;
                    return;
                }
                Err(e) => Message::ExportFailed {
                    path,
                    error: e.to_string(),
                },
            },
        );
        self.close_export();
    }

    fn close_export(&mut self) {
        self.export = None;
        self.overlay = Overlay::None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_through_the_formats_and_the_extension_follows() {
        let mut p = ExportPrompt::new(0, "warfarin");
        assert_eq!((p.path.text(), p.format()), ("warfarin.html", Format::Html));
        p.next_format();
        assert_eq!((p.path.text(), p.format()), ("warfarin.md", Format::Md));
        p.next_format();
        assert_eq!((p.path.text(), p.format()), ("warfarin.txt", Format::Txt));
        p.next_format();
        assert_eq!(p.path.text(), "warfarin.html");
    }

    #[test]
    fn a_typed_extension_names_the_format_and_a_name_without_one_keeps_the_choice() {
        let mut p = ExportPrompt::new(0, "warfarin");
        p.path = Input::with_text("handout.markdown");
        assert_eq!(p.format(), Format::Md);
        p.path = Input::with_text("handout");
        assert_eq!(p.format(), Format::Html);
        p.next_format();
        assert_eq!((p.path.text(), p.format()), ("handout", Format::Md));
        p.path = Input::with_text("a.b/handout.htm");
        p.next_format();
        assert_eq!(p.path.text(), "a.b/handout.md");
    }
}
