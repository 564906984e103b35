//! A message shown in place of the hints until the next action: what a key
//! just did that the screen does not show by itself.

use std::path::PathBuf;

use super::App;

/// What the browser has to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Mouse capture was turned on or off.
    Mouse {
        /// Whether it is now on.
        on: bool,
    },
    /// A handout was written.
    Exported {
        /// Where.
        path: PathBuf,
    },
    /// A handout could not be written.
    ExportFailed {
        /// Where it was to go.
        path: PathBuf,
        /// Why not.
        error: String,
    },
    /// The file was there and the user chose to keep it.
    ExportKept {
        /// The file kept.
        path: PathBuf,
    },
    /// The interaction check already has this drug or food.
    AlreadyChecked {
        /// Its name.
        name: String,
    },
    /// A drug or food was taken out of the interaction check.
    Removed {
        /// Its name.
        name: String,
    },
    /// A drug's monograph could not be read from its file, so it is left
    /// out of what was asked (a check, a comparison, a handout).
    Unreadable {
        /// The drug's name.
        name: String,
        /// Why not, as read (escaped where shown).
        why: String,
    },
    /// Nothing by the typed name can be added to the interaction check.
    NoSuchName {
        /// What was typed.
        typed: String,
    },
}

impl App {
    /// Turns mouse capture on or off; the runner follows [`App::mouse`].
    pub(super) fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.message = Some(Message::Mouse { on: self.mouse });
    }
}
