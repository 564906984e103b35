//! Where each setting comes from. The rule, for every setting: the command
//! line beats the environment (`RXDOC_DATA`, `NO_COLOR`), which beats the
//! settings file, which beats the defaults. `--color always` beats
//! `NO_COLOR`; `--color never` gives the monochrome theme.
//!
//! Data directories add up rather than replace one another: all are
//! loaded, and where two hold a monograph with the same id the one from
//! the higher place wins (a `--data` directory over `RXDOC_DATA` over the
//! settings file over the bundled data).

use std::fmt;
use std::path::PathBuf;

use super::Settings;
use crate::keymap::{Key, KeyBindings};
use crate::pane::Pane;
use crate::theme::{ColorChoice, ThemeName};

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Nothing set it.
    Default,
    /// The settings file.
    File,
    /// An environment variable.
    Env(&'static str),
    /// A command-line option.
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File => f.write_str("settings file"),
            Origin::Env(name) => write!(f, "environment: {name}"),
            Origin::Flag(name) => write!(f, "command line: {name}"),
        }
    }
}

/// What the environment and the command line say, apart from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--color`.
    pub color: ColorChoice,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    /// `RXDOC_DATA`'s directories.
    pub env_data: Vec<PathBuf>,
    /// `--data` directories.
    pub flag_data: Vec<PathBuf>,
}

/// The settings in effect, each with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// The browser's theme.
    pub theme: (ThemeName, Origin),
    /// The tab drugs open on.
    pub tab: (Pane, Origin),
    /// Whether the browser captures the mouse at start.
    pub mouse: (bool, Origin),
    /// Directories of monographs loaded after the bundled data, lowest
    /// precedence first.
    pub data: Vec<(PathBuf, Origin)>,
    /// Keys given to actions in the file, each replacing the action's
    /// default keys.
    pub keys: Vec<(String, Vec<Key>)>,
}

/// Combines the file's settings with the environment and command line.
pub fn resolve(file: &Settings, over: &Overrides) -> Effective {
    let configured = from_file(file.theme, ThemeName::default());
    let theme = match (over.color, configured.0) {
        (ColorChoice::Never, _) => (ThemeName::Monochrome, Origin::Flag("--color never")),
        (ColorChoice::Always, ThemeName::Monochrome) => {
            (ThemeName::Dark, Origin::Flag("--color always"))
        }
        (ColorChoice::Always, _) => configured,
        (ColorChoice::Auto, _) if over.no_color => (ThemeName::Monochrome, Origin::Env("NO_COLOR")),
        (ColorChoice::Auto, _) => configured,
    };
    let data = file
        .data
        .iter()
        .map(|p| (p.clone(), Origin::File))
        .chain(
            over.env_data
                .iter()
                .map(|p| (p.clone(), Origin::Env("RXDOC_DATA"))),
        )
        .chain(
            over.flag_data
                .iter()
                .map(|p| (p.clone(), Origin::Flag("--data"))),
        )
        .collect();
    Effective {
        theme,
        tab: from_file(file.tab, Pane::Usage),
        mouse: from_file(file.mouse, true),
        data,
        keys: file.keys.clone(),
    }
}

impl Effective {
    /// The key table with the file's keys in place of the defaults.
    pub fn key_bindings(&self) -> KeyBindings {
        let keys = self
            .keys
            .iter()
            .map(|(name, keys)| (name.as_str(), keys.clone()));
        // The file's keys were checked against the table as it was read;
        // should they still clash, the defaults are the safe keys.
        KeyBindings::with_overrides(keys).unwrap_or_default()
    }
}

/// A value from the file, else the default.
fn from_file<T>(value: Option<T>, default: T) -> (T, Origin) {
    value.map_or((default, Origin::Default), |v| (v, Origin::File))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(theme: Option<ThemeName>) -> Settings {
        Settings {
            theme,
            data: vec!["file-dir".into()],
            ..Settings::default()
        }
    }

    fn theme(
        file_theme: Option<ThemeName>,
        color: ColorChoice,
        no_color: bool,
    ) -> (ThemeName, Origin) {
        let over = Overrides {
            color,
            no_color,
            ..Overrides::default()
        };
        resolve(&file(file_theme), &over).theme
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_file_which_beats_defaults() {
        use ColorChoice::*;
        use ThemeName::*;
        assert_eq!(theme(None, Auto, false), (Dark, Origin::Default));
        assert_eq!(theme(Some(Light), Auto, false), (Light, Origin::File));
        assert_eq!(
            theme(Some(Light), Auto, true),
            (Monochrome, Origin::Env("NO_COLOR"))
        );
        assert_eq!(theme(Some(Light), Always, true), (Light, Origin::File));
        assert_eq!(
            theme(Some(Monochrome), Always, true),
            (Dark, Origin::Flag("--color always"))
        );
        assert_eq!(
            theme(Some(Light), Never, false),
            (Monochrome, Origin::Flag("--color never"))
        );
    }

    #[test]
    fn data_directories_add_up_the_higher_place_last() {
        let over = Overrides {
            env_data: vec!["env-dir".into()],
            flag_data: vec!["flag-dir".into()],
            ..Overrides::default()
        };
        let data = resolve(&file(None), &over).data;
        assert_eq!(
            data,
            vec![
                ("file-dir".into(), Origin::File),
                ("env-dir".into(), Origin::Env("RXDOC_DATA")),
                ("flag-dir".into(), Origin::Flag("--data")),
            ]
        );
    }

    #[test]
    fn what_the_file_does_not_set_is_the_default() {
        let effective = resolve(&Settings::default(), &Overrides::default());
        assert_eq!(effective.tab, (Pane::Usage, Origin::Default));
        assert_eq!(effective.mouse, (true, Origin::Default));
        let file = Settings {
            tab: Some(Pane::SideEffects),
            mouse: Some(false),
            ..Settings::default()
        };
        let effective = resolve(&file, &Overrides::default());
        assert_eq!(effective.tab, (Pane::SideEffects, Origin::File));
        assert_eq!(effective.mouse, (false, Origin::File));
    }
}
