//! The settings file, `config.toml`: the browser's theme, the tab a drug
//! opens on, mouse capture, extra data directories and key remapping.
//!
//! A bad settings file never stops rxdoc: every problem is reported with
//! its file, line and column, like a monograph's, and what is wrong falls
//! back to its default while the rest of the file still applies. How the
//! file's values combine with the environment and the command line is in
//! [`resolve`].

mod parse;
pub mod resolve;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::keymap::Key;
use crate::pane::Pane;
use crate::theme::ThemeName;
use crate::userfile::{ReadError, read_capped};
pub use parse::parse;

/// Largest settings file read: far more than any hand-written one.
pub const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// The settings a file gives; `None` (or empty) where it gives none or
/// gives a value that is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `theme`: the browser's colours.
    pub theme: Option<ThemeName>,
    /// `tab`: the tab the browser opens drugs on.
    pub tab: Option<Pane>,
    /// `mouse`: whether the browser captures the mouse at start.
    pub mouse: Option<bool>,
    /// `data`: directories (or files) of monographs, loaded after the
    /// bundled data; relative paths are taken from the settings file's
    /// directory and `~/` from the home directory.
    pub data: Vec<PathBuf>,
    /// `[keys]`: keys given to actions, by the action's name, in the order
    /// written; each replaces the action's default keys.
    pub keys: Vec<(String, Vec<Key>)>,
}

/// One setting the file may hold: its name and what it takes, for
/// messages and `rxdoc config show`.
pub struct Known {
    /// The key.
    pub name: &'static str,
    /// What it takes.
    pub takes: &'static str,
}

/// Every setting, in the order the documentation lists them.
pub const KNOWN: &[Known] = &[
    Known {
        name: "theme",
        takes: "\"dark\", \"light\" or \"monochrome\"",
    },
    Known {
        name: "tab",
        takes: "a section: usage, side-effects, how-it-works, faqs, before-you-take or contraception",
    },
    Known {
        name: "mouse",
        takes: "true or false",
    },
    Known {
        name: "data",
        takes: "a list of directories",
    },
    Known {
        name: "keys",
        takes: "a table of action names and keys",
    },
];

/// Where the settings file is, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub path: PathBuf,
    /// Named by `--config` or `RXDOC_CONFIG` (then a missing file is a
    /// problem), rather than the usual place (then it is not).
    pub named: bool,
}

impl Place {
    /// `--config`, else `RXDOC_CONFIG` (when not empty), else `config.toml`
    /// in the user's configuration directory; `None` when there is no
    /// home directory to find that in.
    pub fn find(flag: Option<&Path>, env: Option<&std::ffi::OsStr>) -> Option<Self> {
        let named = flag
            .map(Path::to_path_buf)
            .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from));
        match named {
            Some(path) => Some(Self { path, named: true }),
            None => crate::places::config_file().map(|path| Self { path, named: false }),
        }
    }

    /// Reads and parses the file: the settings it gives and every problem
    /// with it. A missing file in the usual place is no problem: rxdoc runs
    /// on its defaults.
    pub fn read(&self) -> (Settings, Vec<Diagnostic>) {
        let shown = self.path.display().to_string();
        let bytes = match read_capped(&self.path, MAX_SETTINGS_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound && !self.named => {
                return (Settings::default(), Vec::new());
            }
            Err(e) => {
                let message = format!("{e}; using the default settings");
                return (Settings::default(), vec![Diagnostic::file(shown, message)]);
            }
        };
        let mut context = parse::Context {
            base: self.path.parent().map(Path::to_path_buf),
            home: crate::places::home_dir(),
        };
        if context
            .base
            .as_ref()
            .is_some_and(|b| b.as_os_str().is_empty())
        {
            context.base = Some(PathBuf::from("."));
        }
        parse(&shown, &bytes, &context)
    }
}
