//! One key as the key table names it: written the way the help, the hint bar
//! and the README show it (`j`, `Ctrl-j`, `PgDn`, `Space`, `F1`), and read
//! back from the same words, so a settings file can name keys as the help does.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key, with or without Ctrl. Shift is part of the character (`G`, `N`)
/// and Alt is ignored, as terminals report them unreliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

impl Key {
    /// A character typed on its own.
    pub const fn char(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: false,
        }
    }

    /// Ctrl and a character.
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// A key that is not a character (arrows, Enter, F1…).
    pub const fn code(code: KeyCode) -> Self {
        Self { code, ctrl: false }
    }

    /// The key of a terminal event.
    pub fn of(event: KeyEvent) -> Self {
        Self {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        }
    }

    /// Whether the key types a character into an input: such a key is never
    /// bound while the user is typing.
    pub fn types(self) -> bool {
        !self.ctrl && matches!(self.code, KeyCode::Char(c) if !c.is_control())
    }
}

/// Names of keys that are not characters, as shown and as read back.
const NAMES: &[(KeyCode, &str)] = &[
    (KeyCode::Up, "↑"),
    (KeyCode::Down, "↓"),
    (KeyCode::Left, "←"),
    (KeyCode::Right, "→"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
    (KeyCode::PageUp, "PgUp"),
    (KeyCode::PageDown, "PgDn"),
    (KeyCode::Enter, "Enter"),
    (KeyCode::Esc, "Esc"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::BackTab, "Shift-Tab"),
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Delete, "Delete"),
    (KeyCode::Insert, "Insert"),
    (KeyCode::Char(' '), "Space"),
];

/// Other spellings read back (lower case).
const ALIASES: &[(&str, KeyCode)] = &[
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("escape", KeyCode::Esc),
    ("return", KeyCode::Enter),
    ("backtab", KeyCode::BackTab),
    ("del", KeyCode::Delete),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if let Some((_, name)) = NAMES.iter().find(|(code, _)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A key name that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown key `{0}`: expected a character, Ctrl-<character>, F1–F12, or one of \
     ↑ ↓ ← → Home End PgUp PgDn Enter Esc Tab Shift-Tab Backspace Delete Insert Space"
)]
pub struct BadKey(pub String);

impl FromStr for Key {
    type Err = BadKey;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadKey(s.to_string());
        let (ctrl, rest) = match s.get(..5) {
            Some(p) if p.eq_ignore_ascii_case("ctrl-") || p.eq_ignore_ascii_case("ctrl+") => {
                (true, &s[5..])
            }
            _ => (false, s),
        };
        let code = code_named(rest).ok_or_else(bad)?;
        Ok(Self { code, ctrl })
    }
}

/// The key code a name stands for: a single character (as typed), or a name.
fn code_named(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return match c {
            '↑' | '↓' | '←' | '→' => NAMES
                .iter()
                .find(|(_, n)| n.starts_with(c))
                .map(|(k, _)| *k),
            c if c.is_control() => None,
            c => Some(KeyCode::Char(c)),
        };
    }
    let lower = name.to_ascii_lowercase();
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&n).then_some(KeyCode::F(n));
    }
    NAMES
        .iter()
        .find(|(_, n)| n.eq_ignore_ascii_case(name))
        .map(|(k, _)| *k)
        .or_else(|| ALIASES.iter().find(|(n, _)| *n == lower).map(|(_, k)| *k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_the_keys_they_name() {
        let keys = [
            Key::char('j'),
            Key::char('G'),
            Key::char('?'),
            Key::char(' '),
            Key::ctrl('w'),
            Key::code(KeyCode::PageDown),
            Key::code(KeyCode::BackTab),
            Key::code(KeyCode::F(1)),
            Key::code(KeyCode::Left),
            Key {
                code: KeyCode::Backspace,
                ctrl: true,
            },
        ];
        for key in keys {
            let name = key.to_string();
            assert_eq!(name.parse::<Key>(), Ok(key), "{name}");
        }
        assert_eq!(Key::ctrl('w').to_string(), "Ctrl-w");
        assert_eq!(Key::char(' ').to_string(), "Space");
    }

    #[test]
    fn other_spellings_are_read_and_nonsense_is_refused() {
        assert_eq!("ctrl+J".parse(), Ok(Key::ctrl('J')));
        assert_eq!("pagedown".parse(), Ok(Key::code(KeyCode::PageDown)));
        assert_eq!("up".parse(), Ok(Key::code(KeyCode::Up)));
        assert_eq!("f12".parse(), Ok(Key::code(KeyCode::F(12))));
        for bad in ["", "F13", "Ctrl-", "jk", "\u{1b}", "Hyper-x"] {
            assert_eq!(bad.parse::<Key>(), Err(BadKey(bad.into())), "{bad:?}");
        }
    }

    #[test]
    fn only_plain_characters_type() {
        assert!(Key::char('q').types());
        assert!(Key::char(' ').types());
        assert!(!Key::ctrl('q').types());
        assert!(!Key::code(KeyCode::Enter).types());
    }
}
