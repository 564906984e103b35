//! The key table with the user's keys: the key map, and the help rows, hint
//! bar and README table made from it.

use crossterm::event::{KeyEvent, KeyEventKind};

use super::key::Key;
use super::table::{Binding, Help, Mode, TABLE};
use super::{Context, modes};
use crate::app::Action;

/// Every binding with its keys: the defaults of [`TABLE`], or the user's
/// where a settings file remaps an action (see [`KeyBindings::with_overrides`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindings {
    rows: Vec<(&'static Binding, Vec<Key>)>,
}

impl Default for KeyBindings {
    fn default() -> Self {
        Self {
            rows: TABLE.iter().map(|b| (b, b.keys.to_vec())).collect(),
        }
    }
}

/// Why remapped keys were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BindError {
    /// No action has this name.
    #[error("no action is called `{name}`; the actions are: {}", KeyBindings::names().join(", "))]
    UnknownAction {
        /// The name given.
        name: String,
    },
    /// One key would ask for two actions in the same place.
    #[error("`{key}` would mean both `{first}` and `{second}`")]
    Conflict {
        /// The key, as the help writes it.
        key: String,
        /// One action's name.
        first: &'static str,
        /// The other's.
        second: &'static str,
    },
}

/// One row of the help overlay and of the README's key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpEntry {
    /// The keys, in table order, each once.
    pub keys: Vec<Key>,
    /// What they do.
    pub text: &'static str,
    /// The names of the actions, for remapping.
    pub names: Vec<&'static str>,
}

impl HelpEntry {
    /// The keys as the help shows them, separated by spaces.
    pub fn keys_text(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(Key::to_string).collect();
        keys.join(" ")
    }
}

/// One hint of the hint bar: keys and a word or two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The keys, as short as the bar needs (`j/k`, `1-6`).
    pub keys: String,
    /// What they do.
    pub text: &'static str,
}

impl KeyBindings {
    /// The defaults, with the keys of each named action replaced (as a
    /// settings file asks). An action bound in several modes takes the keys
    /// in each, except that keys that type a character are left out where
    /// the user may be typing (such a binding keeps its default keys if no
    /// others are given), and Ctrl-c and Ctrl-z always quit and suspend.
    /// Refused if a name is unknown or a key would then mean two things.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, Vec<Key>)>,
    ) -> Result<Self, BindError> {
        let mut bindings = Self::default();
        for (name, keys) in overrides {
            if !TABLE.iter().any(|b| b.name == name) {
                return Err(BindError::UnknownAction { name: name.into() });
            }
            for (binding, bound) in bindings.rows.iter_mut().filter(|(b, _)| b.name == name) {
                if binding.mode == Mode::Always {
                    continue;
                }
                let usable: Vec<Key> = keys
                    .iter()
                    .copied()
                    .filter(|k| !(binding.mode.while_typing() && k.types()))
                    .collect();
                if !usable.is_empty() || !binding.mode.while_typing() {
                    *bound = usable;
                }
            }
        }
        bindings.check()?;
        Ok(bindings)
    }

    /// The first key bound to the named action (in any mode), to name it
    /// in a message.
    pub fn first_key(&self, name: &str) -> Option<Key> {
        self.rows
            .iter()
            .find(|(b, keys)| b.name == name && !keys.is_empty())
            .and_then(|(_, keys)| keys.first().copied())
    }

    /// The names of all actions that can be remapped, in table order.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        for b in TABLE.iter().filter(|b| b.mode != Mode::Always) {
            if !names.contains(&b.name) {
                names.push(b.name);
            }
        }
        names
    }

    /// Refuses a key that asks for two different actions in one state.
    fn check(&self) -> Result<(), BindError> {
        for set in modes::ALL {
            let rows: Vec<_> = self
                .rows
                .iter()
                .filter(|(b, _)| set.contains(&b.mode))
                .collect();
            for (i, (a, a_keys)) in rows.iter().enumerate() {
                for (b, b_keys) in &rows[i + 1..] {
                    if a.action == b.action {
                        continue;
                    }
                    if let Some(key) = a_keys.iter().find(|k| b_keys.contains(k)) {
                        return Err(BindError::Conflict {
                            key: key.to_string(),
                            first: a.name,
                            second: b.name,
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// The action for a key in a context, if any: the first binding of the
    /// key in the context's modes, or, while typing, the character typed.
    pub fn map(&self, event: KeyEvent, cx: Context) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::of(event);
        for mode in cx.modes() {
            let bound = self
                .rows
                .iter()
                .find(|(b, keys)| b.mode == *mode && keys.contains(&key));
            if let Some((b, _)) = bound {
                return Some(b.action);
            }
        }
        match key.code {
            crossterm::event::KeyCode::Char(c) if cx.typing() && key.types() => {
                Some(Action::Type(c))
            }
            _ => None,
        }
    }

    /// The help's rows, in table order: each row's keys with those of the
    /// bindings that join it.
    pub fn help(&self) -> Vec<HelpEntry> {
        let mut entries: Vec<HelpEntry> = Vec::new();
        for (b, keys) in &self.rows {
            let entry = match b.help {
                Help::Hidden => continue,
                Help::Row(text) => {
                    entries.push(HelpEntry {
                        keys: Vec::new(),
                        text,
                        names: Vec::new(),
                    });
                    entries.last_mut()
                }
                Help::Same => entries.last_mut(),
            };
            let Some(entry) = entry else { continue };
            for key in keys {
                if !entry.keys.contains(key) {
                    entry.keys.push(*key);
                }
            }
            if !entry.names.contains(&b.name) {
                entry.names.push(b.name);
            }
        }
        entries.retain(|e| !e.keys.is_empty());
        entries
    }

    /// The hint bar's hints in a context, in table order.
    pub fn hints(&self, cx: Context) -> Vec<Hint> {
        let modes = cx.modes();
        let mut hints = Vec::new();
        for (b, keys) in self.rows.iter().filter(|(b, _)| modes.contains(&b.mode)) {
            let text = modes
                .iter()
                .find_map(|m| b.hint.iter().find(|(hm, _)| hm == m))
                .map(|(_, text)| *text);
            let (Some(text), Some(first)) = (text, keys.first()) else {
                continue;
            };
            if text.is_empty() {
                continue;
            }
            let mut label = first.to_string();
            if let Some((sep, other)) = b.pair {
                let partner = self
                    .rows
                    .iter()
                    .find(|(p, _)| p.name == other && p.mode == b.mode)
                    .and_then(|(_, keys)| keys.first());
                if let Some(partner) = partner {
                    label = format!("{label}{sep}{partner}");
                }
            }
            hints.push(Hint { keys: label, text });
        }
        hints
    }

    /// The README's key table, in Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::from("| keys | what they do | action |\n|---|---|---|\n");
        for entry in self.help() {
            let keys: Vec<String> = entry
                .keys
                .iter()
                .map(|k| format!("`{}`", markdown_code(&k.to_string())))
                .collect();
            let names: Vec<String> = entry.names.iter().map(|n| format!("`{n}`")).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                keys.join(" "),
                entry.text.replace('|', "\\|"),
                names.join(" ")
            ));
        }
        out
    }
}

/// Text as a Markdown code span holds it inside a table: a bar escaped,
/// a backtick spelled out.
fn markdown_code(text: &str) -> String {
    match text {
        "`" => "backtick".into(),
        "|" => "\\|".into(),
        other => other.into(),
    }
}
