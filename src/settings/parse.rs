//! A settings file's bytes → [`Settings`] and every problem, each at its
//! line and column. Parsing recovers past a TOML syntax error, and a wrong
//! value loses only itself: the rest of the file still applies.

use std::ops::Range;
use std::path::PathBuf;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{KNOWN, Settings};
use crate::diagnostic::Diagnostic;
use crate::keymap::{Key, KeyBindings};
use crate::pane::Pane;
use crate::raw_file::{decode, toml_problem};
use crate::theme::ThemeName;

/// What paths in the file are taken relative to.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The settings file's directory, for relative paths.
    pub base: Option<PathBuf>,
    /// The home directory, for paths that start with `~/`.
    pub home: Option<PathBuf>,
}

/// Problems found so far in one file.
struct Problems<'a> {
    path: &'a str,
    text: &'a str,
    found: Vec<Diagnostic>,
}

impl Problems<'_> {
    fn at(&mut self, span: Range<usize>, message: String) {
        self.found
            .push(Diagnostic::at(self.path, self.text, span.start, message));
    }
}

/// Parses a settings file: what it sets, and every problem with it, in
/// the order they appear. Never fails: what is wrong is left unset.
pub fn parse(path: &str, bytes: &[u8], cx: &Context) -> (Settings, Vec<Diagnostic>) {
    let text = match decode(path, bytes) {
        Ok(text) => text,
        Err(problem) => return (Settings::default(), vec![problem]),
    };
    let mut problems = Problems {
        path,
        text,
        found: Vec::new(),
    };
    let (root, errors) = DeTable::parse_recoverable(text);
    for error in &errors {
        problems.found.push(toml_problem(path, text, error));
    }
    let mut settings = Settings::default();
    for (key, value) in root.get_ref() {
        read_setting(key, value, cx, &mut settings, &mut problems);
    }
    let mut found = problems.found;
    found.sort_by_key(|d| d.location.position);
    (settings, found)
}

fn read_setting(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    cx: &Context,
    settings: &mut Settings,
    problems: &mut Problems<'_>,
) {
    let name = key.get_ref().as_ref();
    match name {
        "theme" => settings.theme = one(name, value, problems, |s| s.parse::<ThemeName>().ok()),
        "tab" => settings.tab = one(name, value, problems, |s| s.parse::<Pane>().ok()),
        "mouse" => match value.get_ref() {
            DeValue::Boolean(on) => settings.mouse = Some(*on),
            other => wrong(name, other, value.span(), problems),
        },
        "data" => settings.data = paths(name, value, cx, problems),
        "keys" => match value.get_ref() {
            DeValue::Table(table) => settings.keys = keys(table, problems),
            other => wrong(name, other, value.span(), problems),
        },
        _ => problems.at(key.span(), unknown(name)),
    }
}

/// A string setting read by `read`; a value it refuses is a problem.
fn one<T>(
    name: &str,
    value: &Spanned<DeValue<'_>>,
    problems: &mut Problems<'_>,
    read: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let read = match value.get_ref() {
        DeValue::String(s) => read(s),
        _ => None,
    };
    if read.is_none() {
        wrong(name, value.get_ref(), value.span(), problems);
    }
    read
}

/// `data`: one path or a list of them; each bad entry is a problem of its own.
fn paths(
    name: &str,
    value: &Spanned<DeValue<'_>>,
    cx: &Context,
    problems: &mut Problems<'_>,
) -> Vec<PathBuf> {
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) => items.iter().collect(),
        _ => vec![value],
    };
    let mut out = Vec::new();
    for item in items {
        match item.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => out.push(resolve_path(s, cx)),
            DeValue::String(_) => problems.at(
                item.span(),
                format!("`{name}` lists an empty path; it is skipped"),
            ),
            other => problems.at(
                item.span(),
                format!(
                    "`{name}` lists directories as strings, not {}; it is skipped",
                    describe(other)
                ),
            ),
        }
    }
    out
}

/// `~/…` from the home directory, a relative path from the file's directory.
fn resolve_path(written: &str, cx: &Context) -> PathBuf {
    if let (Some(rest), Some(home)) = (written.strip_prefix("~/"), &cx.home) {
        return home.join(rest);
    }
    let path = PathBuf::from(written);
    match &cx.base {
        Some(base) if path.is_relative() => base.join(path),
        _ => path,
    }
}

/// `[keys]`: action names and the key or keys for each. An unknown action,
/// a key that is not one, or keys that would clash with another action's
/// are problems; that action keeps its default keys.
fn keys(table: &DeTable<'_>, problems: &mut Problems<'_>) -> Vec<(String, Vec<Key>)> {
    let mut accepted: Vec<(String, Vec<Key>)> = Vec::new();
    let mut entries: Vec<_> = table.iter().collect();
    // In the order written, so a clash is reported at the later action.
    entries.sort_by_key(|(action, _)| action.span().start);
    for (action, value) in entries {
        let name = action.get_ref().as_ref();
        if !KeyBindings::names().contains(&name) {
            problems.at(action.span(), unknown_action(name));
            continue;
        }
        let Some(keys) = action_keys(name, value, problems) else {
            continue;
        };
        let mut trial = accepted.clone();
        trial.push((name.to_string(), keys));
        match KeyBindings::with_overrides(trial.iter().map(|(n, k)| (n.as_str(), k.clone()))) {
            Ok(_) => accepted = trial,
            Err(clash) => problems.at(
                value.span(),
                format!("{clash}; `{name}` keeps its default keys"),
            ),
        }
    }
    accepted
}

/// The keys given to one action, or `None` (and a problem) if any is not
/// a key: half a remapping would leave the action on keys nobody chose.
fn action_keys(
    name: &str,
    value: &Spanned<DeValue<'_>>,
    problems: &mut Problems<'_>,
) -> Option<Vec<Key>> {
    let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
        DeValue::Array(items) if !items.is_empty() => items.iter().collect(),
        DeValue::Array(_) => {
            problems.at(
                value.span(),
                format!("`{name}` is given no keys; it keeps its default keys"),
            );
            return None;
        }
        _ => vec![value],
    };
    let mut keys = Vec::new();
    for item in items {
        let parsed = match item.get_ref() {
            DeValue::String(s) => s.parse::<Key>().map_err(|e| e.to_string()),
            other => Err(format!(
                "keys are strings such as \"q\" or \"Ctrl-f\", not {}",
                describe(other)
            )),
        };
        match parsed {
            Ok(key) => keys.push(key),
            Err(why) => {
                problems.at(
                    item.span(),
                    format!("{why}; `{name}` keeps its default keys"),
                );
                return None;
            }
        }
    }
    Some(keys)
}

/// An action name the key table does not have: the closest one, if any.
fn unknown_action(name: &str) -> String {
    let names = KeyBindings::names();
    match crate::suggest::closest(name, names.iter().copied()) {
        Some(close) => format!("no action is called `{name}`; did you mean `{close}`?"),
        None => format!(
            "no action is called `{name}`; the actions are: {}",
            names.join(", ")
        ),
    }
}

/// A value of the wrong kind or out of range for `name`.
fn wrong(name: &str, value: &DeValue<'_>, span: Range<usize>, problems: &mut Problems<'_>) {
    let takes = KNOWN
        .iter()
        .find(|k| k.name == name)
        .map_or("something else", |k| k.takes);
    problems.at(
        span,
        format!(
            "`{name}` takes {takes}, not {}; using the default",
            describe(value)
        ),
    );
}

/// A key the file should not have: the setting it is closest to, if any.
fn unknown(name: &str) -> String {
    let names: Vec<&str> = KNOWN.iter().map(|k| k.name).collect();
    match crate::suggest::closest(name, names.iter().copied()) {
        Some(close) => format!("unknown setting `{name}`; did you mean `{close}`?"),
        None => format!(
            "unknown setting `{name}`; the settings are {}",
            names.join(", ")
        ),
    }
}

/// A value in words, for messages.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        // A long value is cut: the position says where the rest is.
        DeValue::String(s) => format!("\"{}\"", crate::wrap::cut(s, 40)),
        DeValue::Integer(i) => format!("the number {}", i.as_str()),
        DeValue::Float(f) => format!("the number {}", f.as_str()),
        DeValue::Boolean(b) => format!("`{b}`"),
        DeValue::Datetime(_) => "a date".to_string(),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Settings, Vec<String>) {
        let cx = Context {
            base: Some("/etc/rx".into()),
            home: Some("/home/pat".into()),
        };
        let (settings, problems) = parse("config.toml", text.as_bytes(), &cx);
        (settings, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_good_file_sets_everything() {
        let (settings, problems) = parsed(
            "theme = \"light\"\ntab = \"side-effects\"\nmouse = false\n\
             data = [\"~/rx\", \"local\", \"/srv/rx\"]\n[keys]\nquit = [\"X\", \"Ctrl-q\"]\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(settings.theme, Some(ThemeName::Light));
        assert_eq!(settings.tab, Some(Pane::SideEffects));
        assert_eq!(settings.mouse, Some(false));
        assert_eq!(
            settings.data,
            vec![
                PathBuf::from("/home/pat/rx"),
                PathBuf::from("/etc/rx/local"),
                PathBuf::from("/srv/rx")
            ]
        );
        assert_eq!(
            settings.keys,
            vec![("quit".to_string(), vec![Key::char('X'), Key::ctrl('q')])]
        );
    }

    #[test]
    fn each_problem_is_located_and_loses_only_itself() {
        let (settings, problems) = parsed(
            "thme = \"light\"\ntab = \"dosage\"\nmouse = \"yes\"\ndata = [\"ok\", 3, \"\"]\ntheme = \"light\"\n",
        );
        assert_eq!(
            problems,
            vec![
                "config.toml:1:1: unknown setting `thme`; did you mean `theme`?",
                "config.toml:2:7: `tab` takes a section: usage, side-effects, how-it-works, \
                 faqs, before-you-take or contraception, not \"dosage\"; using the default",
                "config.toml:3:9: `mouse` takes true or false, not \"yes\"; using the default",
                "config.toml:4:15: `data` lists directories as strings, not the number 3; it is skipped",
                "config.toml:4:18: `data` lists an empty path; it is skipped",
            ]
        );
        assert_eq!(settings.theme, Some(ThemeName::Light));
        assert_eq!(settings.tab, None);
        assert_eq!(settings.data, vec![PathBuf::from("/etc/rx/ok")]);
    }

    #[test]
    fn a_syntax_error_keeps_the_lines_that_parse() {
        let (settings, problems) = parsed("theme = \"light\"\nmouse = fals\ntab = \"faqs\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("config.toml:2:9: "), "{problems:?}");
        assert_eq!(settings.theme, Some(ThemeName::Light));
        assert_eq!(settings.tab, Some(Pane::Faqs));
    }

    #[test]
    fn text_that_is_not_utf8_is_one_located_problem() {
        let (settings, problems) = parse("c.toml", b"theme = \"da\xffrk\"", &Context::default());
        assert_eq!(settings, Settings::default());
        assert_eq!(
            problems.iter().map(ToString::to_string).collect::<Vec<_>>(),
            vec!["c.toml:1:12: file is not valid UTF-8 text"]
        );
    }

    #[test]
    fn a_bad_remapping_is_located_and_that_action_keeps_its_keys() {
        let (settings, problems) = parsed(
            "[keys]\nquit = \"X\"\nserch = \"S\"\nhelp = [\"H\", \"Hyper-h\"]\nfilter = \"X\"\nfind-next = []\n",
        );
        assert_eq!(
            problems,
            vec![
                "config.toml:3:1: no action is called `serch`; did you mean `search`?",
                "config.toml:4:14: unknown key `Hyper-h`: expected a character, Ctrl-<character>, \
                 F1–F12, or one of ↑ ↓ ← → Home End PgUp PgDn Enter Esc Tab Shift-Tab Backspace \
                 Delete Insert Space; `help` keeps its default keys",
                "config.toml:5:10: `X` would mean both `filter` and `quit`; `filter` keeps its default keys",
                "config.toml:6:13: `find-next` is given no keys; it keeps its default keys",
            ]
        );
        assert_eq!(
            settings.keys,
            vec![("quit".to_string(), vec![Key::char('X')])]
        );
    }

    #[test]
    fn an_unknown_setting_far_from_every_name_lists_them() {
        let (_, problems) = parsed("colour = \"red\"\n");
        assert_eq!(
            problems,
            vec![
                "config.toml:1:1: unknown setting `colour`; the settings are theme, tab, mouse, data, keys"
            ]
        );
    }
}
