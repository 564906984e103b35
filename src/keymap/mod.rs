//! Keys → actions, and every word the browser says about keys.
//!
//! One table ([`table::TABLE`]) lists every binding with its help text and
//! hint; [`KeyBindings`] is that table with the user's keys, and makes the
//! key map ([`KeyBindings::map`], pure: the same key in the same state always
//! gives the same action), the help overlay's rows, the hint bar and the
//! README's key table from it, so they cannot disagree.

mod bindings;
mod key;
pub mod table;

use std::sync::LazyLock;

use crossterm::event::KeyEvent;

use crate::app::{Action, App, Editing, Focus, Overlay, Screen};
use crate::pane::Pane;
pub use bindings::{BindError, HelpEntry, Hint, KeyBindings};
pub use key::{BadKey, Key};
use table::Mode;

/// What the keymap needs to know about the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// Overlay shown.
    pub overlay: Overlay,
    /// Input being typed into.
    pub editing: Option<Editing>,
    /// Who has the keyboard.
    pub focus: Focus,
    /// The full-screen view.
    pub screen: Screen,
    /// The pane's tab.
    pub tab: Pane,
}

impl Context {
    /// The context of an app's current state.
    pub fn of(app: &App) -> Self {
        Self {
            overlay: app.overlay,
            editing: app.editing,
            focus: app.focus,
            screen: app.screen,
            tab: app.tab,
        }
    }

    /// The modes in force, most particular first: a key's first binding
    /// in them wins.
    pub fn modes(self) -> &'static [Mode] {
        match self.overlay {
            Overlay::None => {}
            Overlay::Help | Overlay::Notice => return modes::OVERLAY,
            Overlay::Export => return modes::EXPORT,
            Overlay::ConfirmReplace => return modes::CONFIRM,
        }
        match (self.screen, self.editing, self.focus) {
            (Screen::Search, _, _) => modes::SEARCH,
            (Screen::Faqs, _, _) => modes::FAQ_BROWSER,
            (Screen::Interactions, _, _) => modes::INTERACTIONS,
            (Screen::CompareWith, _, _) => modes::COMPARE_WITH,
            (Screen::Compare, _, _) => modes::COMPARE,
            (Screen::Browse, Some(Editing::Filter), _) => modes::FILTER,
            (Screen::Browse, Some(Editing::Find), _) => modes::FIND,
            (Screen::Browse, None, Focus::List) => modes::LIST,
            (Screen::Browse, None, Focus::Pane) if self.tab == Pane::Faqs => modes::FAQS_PANE,
            (Screen::Browse, None, Focus::Pane) => modes::PANE,
        }
    }

    /// Whether a key that types a character goes into an input.
    pub fn typing(self) -> bool {
        self.modes().contains(&Mode::Typing)
    }
}

/// The sets of modes a state of the browser can be in (see [`Context::modes`]).
pub mod modes {
    use super::Mode::{self, *};

    /// Over the help or the notice.
    pub const OVERLAY: &[Mode] = &[Always, Overlay];
    /// Typing in the export prompt.
    pub const EXPORT: &[Mode] = &[Always, Export, Typing];
    /// Asked whether to replace a file.
    pub const CONFIRM: &[Mode] = &[Always, Confirm];
    /// The search screen.
    pub const SEARCH: &[Mode] = &[Always, Search, Typing, Moving];
    /// The FAQ browser.
    pub const FAQ_BROWSER: &[Mode] = &[Always, FaqBrowser, Typing, Moving];
    /// The interaction check.
    pub const INTERACTIONS: &[Mode] = &[Always, Interactions, Typing, Moving];
    /// Typing the name of the drug to compare with.
    pub const COMPARE_WITH: &[Mode] = &[Always, CompareWith, Typing, Moving];
    /// Reading a comparison: the browse keys move and switch sections.
    pub const COMPARE: &[Mode] = &[Always, Compare, Browse, Moving];
    /// Typing the list's filter.
    pub const FILTER: &[Mode] = &[Always, Filter, Typing, Moving];
    /// Typing a find in the pane.
    pub const FIND: &[Mode] = &[Always, Find, Typing, Moving];
    /// Browsing the list.
    pub const LIST: &[Mode] = &[Always, List, Browse, Moving];
    /// Reading the FAQs tab.
    pub const FAQS_PANE: &[Mode] = &[Always, FaqsPane, Pane, Browse, Moving];
    /// Reading another tab.
    pub const PANE: &[Mode] = &[Always, Pane, Browse, Moving];
    /// All of them, for checking that no key means two things at once.
    pub const ALL: &[&[Mode]] = &[
        OVERLAY,
        EXPORT,
        CONFIRM,
        SEARCH,
        FAQ_BROWSER,
        INTERACTIONS,
        COMPARE_WITH,
        COMPARE,
        FILTER,
        FIND,
        LIST,
        FAQS_PANE,
        PANE,
    ];
}

/// The default bindings.
static DEFAULTS: LazyLock<KeyBindings> = LazyLock::new(KeyBindings::default);

/// The action for a key in a context, by the default bindings.
pub fn map(key: KeyEvent, cx: Context) -> Option<Action> {
    DEFAULTS.map(key, cx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    const LIST: Context = Context {
        overlay: Overlay::None,
        editing: None,
        focus: Focus::List,
        screen: Screen::Browse,
        tab: Pane::Usage,
    };
    const SEARCHING: Context = Context {
        screen: Screen::Search,
        ..LIST
    };
    const PANE: Context = Context {
        focus: Focus::Pane,
        ..LIST
    };
    const FILTERING: Context = Context {
        editing: Some(Editing::Filter),
        ..LIST
    };
    const HELP_OPEN: Context = Context {
        overlay: Overlay::Help,
        ..LIST
    };

    #[test]
    fn vim_keys_and_arrows_move() {
        for cx in [LIST, PANE] {
            assert_eq!(map(key(KeyCode::Char('j')), cx), Some(Action::Down));
            assert_eq!(map(key(KeyCode::Down), cx), Some(Action::Down));
            assert_eq!(map(key(KeyCode::Char('k')), cx), Some(Action::Up));
            assert_eq!(map(key(KeyCode::Char('G')), cx), Some(Action::Bottom));
            assert_eq!(map(key(KeyCode::Home), cx), Some(Action::Top));
            assert_eq!(map(ctrl('d'), cx), Some(Action::HalfPageDown));
            assert_eq!(map(ctrl('u'), cx), Some(Action::HalfPageUp));
        }
    }

    #[test]
    fn slash_filters_in_the_list_and_finds_in_the_pane() {
        assert_eq!(
            map(key(KeyCode::Char('/')), LIST),
            Some(Action::StartFilter)
        );
        assert_eq!(map(key(KeyCode::Char('/')), PANE), Some(Action::StartFind));
    }

    #[test]
    fn arrows_cycle_tabs_only_in_the_pane() {
        assert_eq!(map(key(KeyCode::Right), PANE), Some(Action::NextTab));
        assert_eq!(map(key(KeyCode::Left), PANE), Some(Action::PrevTab));
        assert_eq!(map(key(KeyCode::Right), LIST), Some(Action::Open));
        assert_eq!(map(key(KeyCode::Left), LIST), None);
        assert_eq!(map(key(KeyCode::Char('l')), LIST), Some(Action::NextTab));
        assert_eq!(map(key(KeyCode::BackTab), LIST), Some(Action::PrevTab));
    }

    #[test]
    fn digits_jump_to_tabs() {
        assert_eq!(
            map(key(KeyCode::Char('1')), LIST),
            Some(Action::Tab(Pane::Usage))
        );
        assert_eq!(
            map(key(KeyCode::Char('6')), PANE),
            Some(Action::Tab(Pane::Contraception))
        );
        assert_eq!(map(key(KeyCode::Char('7')), PANE), None);
    }

    #[test]
    fn typing_goes_into_the_input_not_to_commands() {
        assert_eq!(
            map(key(KeyCode::Char('q')), FILTERING),
            Some(Action::Type('q'))
        );
        assert_eq!(
            map(key(KeyCode::Char('j')), FILTERING),
            Some(Action::Type('j'))
        );
        assert_eq!(map(key(KeyCode::Down), FILTERING), Some(Action::Down));
        assert_eq!(map(key(KeyCode::Enter), FILTERING), Some(Action::Accept));
        assert_eq!(map(key(KeyCode::Esc), FILTERING), Some(Action::Back));
        assert_eq!(map(ctrl('u'), FILTERING), Some(Action::DeleteToStart));
        assert_eq!(map(ctrl('w'), FILTERING), Some(Action::DeleteWord));
    }

    #[test]
    fn inputs_take_the_editing_keys_of_a_shell_prompt() {
        let delete = KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE);
        let ctrl_home = KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL);
        for cx in [FILTERING, FINDING, SEARCHING, FAQ_BROWSER] {
            assert_eq!(map(key(KeyCode::Left), cx), Some(Action::CursorLeft));
            assert_eq!(map(key(KeyCode::Right), cx), Some(Action::CursorRight));
            assert_eq!(map(key(KeyCode::Home), cx), Some(Action::LineStart));
            assert_eq!(map(ctrl('a'), cx), Some(Action::LineStart));
            assert_eq!(map(key(KeyCode::End), cx), Some(Action::LineEnd));
            assert_eq!(map(ctrl('e'), cx), Some(Action::LineEnd));
            assert_eq!(map(ctrl('w'), cx), Some(Action::DeleteWord));
            assert_eq!(map(ctrl('u'), cx), Some(Action::DeleteToStart));
            assert_eq!(map(ctrl('h'), cx), Some(Action::Backspace));
            assert_eq!(map(key(KeyCode::Backspace), cx), Some(Action::Backspace));
            assert_eq!(map(delete, cx), Some(Action::DeleteForward));
            assert_eq!(map(ctrl_home, cx), Some(Action::Top));
        }
        // Browsing, the same keys keep their meaning.
        assert_eq!(map(key(KeyCode::Home), LIST), Some(Action::Top));
        assert_eq!(map(ctrl('u'), LIST), Some(Action::HalfPageUp));
        assert_eq!(map(key(KeyCode::Right), PANE), Some(Action::NextTab));
    }

    #[test]
    fn the_export_prompt_takes_typing_and_its_question_only_yes_or_no() {
        let exporting = Context {
            overlay: Overlay::Export,
            ..PANE
        };
        assert_eq!(
            map(key(KeyCode::Char('x')), PANE),
            Some(Action::StartExport)
        );
        assert_eq!(
            map(key(KeyCode::Char('q')), exporting),
            Some(Action::Type('q'))
        );
        assert_eq!(map(key(KeyCode::Tab), exporting), Some(Action::NextFormat));
        assert_eq!(map(key(KeyCode::Enter), exporting), Some(Action::Accept));
        assert_eq!(map(key(KeyCode::Esc), exporting), Some(Action::Back));
        assert_eq!(map(ctrl('u'), exporting), Some(Action::DeleteToStart));
        let confirming = Context {
            overlay: Overlay::ConfirmReplace,
            ..PANE
        };
        assert_eq!(
            map(key(KeyCode::Char('y')), confirming),
            Some(Action::Confirm)
        );
        assert_eq!(map(key(KeyCode::Char('n')), confirming), Some(Action::Back));
        assert_eq!(map(key(KeyCode::Esc), confirming), Some(Action::Back));
        // Enter is no answer: a file is replaced only on a y.
        assert_eq!(map(key(KeyCode::Enter), confirming), None);
        assert_eq!(map(key(KeyCode::Char('q')), confirming), None);
    }

    #[test]
    fn ctrl_c_always_quits_and_q_quits_when_browsing() {
        for cx in [LIST, PANE, FILTERING, HELP_OPEN] {
            assert_eq!(map(ctrl('c'), cx), Some(Action::Quit));
            assert_eq!(map(ctrl('z'), cx), Some(Action::Suspend));
        }
        assert_eq!(map(key(KeyCode::Char('q')), LIST), Some(Action::Quit));
    }

    #[test]
    fn overlays_close_on_escape_q_and_question_mark() {
        for code in [
            KeyCode::Esc,
            KeyCode::Char('q'),
            KeyCode::Char('?'),
            KeyCode::Enter,
        ] {
            assert_eq!(map(key(code), HELP_OPEN), Some(Action::Back));
        }
        assert_eq!(map(key(KeyCode::Char('j')), HELP_OPEN), Some(Action::Down));
        assert_eq!(
            map(key(KeyCode::Char('G')), HELP_OPEN),
            Some(Action::Bottom)
        );
        assert_eq!(map(key(KeyCode::Char('s')), HELP_OPEN), None);
    }

    #[test]
    fn faq_and_find_keys() {
        assert_eq!(
            map(key(KeyCode::Char('e')), FAQS_PANE),
            Some(Action::ToggleAllFaqs)
        );
        assert_eq!(
            map(key(KeyCode::Char('e')), PANE),
            None,
            "not an FAQs key elsewhere"
        );
        assert_eq!(map(key(KeyCode::Char('n')), PANE), Some(Action::FindNext));
        assert_eq!(map(key(KeyCode::Char('N')), PANE), Some(Action::FindPrev));
        assert_eq!(map(key(KeyCode::Enter), PANE), Some(Action::Open));
    }

    #[test]
    fn search_and_faq_screens_take_typing() {
        assert_eq!(
            map(key(KeyCode::Char('q')), SEARCHING),
            Some(Action::Type('q'))
        );
        assert_eq!(
            map(key(KeyCode::Char('?')), SEARCHING),
            Some(Action::Type('?'))
        );
        assert_eq!(map(key(KeyCode::F(1)), SEARCHING), Some(Action::ToggleHelp));
        assert_eq!(map(key(KeyCode::Enter), SEARCHING), Some(Action::Accept));
        assert_eq!(map(key(KeyCode::Esc), SEARCHING), Some(Action::Back));
        assert_eq!(map(ctrl('t'), FAQ_BROWSER), Some(Action::ToggleAllFaqs));
        assert_eq!(map(ctrl('e'), FAQ_BROWSER), Some(Action::LineEnd));
        assert_eq!(map(ctrl('o'), FAQ_BROWSER), Some(Action::OpenDrug));
        assert_eq!(map(key(KeyCode::Tab), SEARCHING), Some(Action::ToggleMore));
        assert_eq!(
            map(key(KeyCode::Char('s')), LIST),
            Some(Action::StartSearch)
        );
        assert_eq!(
            map(key(KeyCode::Char('F')), LIST),
            Some(Action::OpenFaqBrowser)
        );
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = key(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(map(release, LIST), None);
    }

    const FAQS_PANE: Context = Context {
        tab: Pane::Faqs,
        ..PANE
    };
    const FAQ_BROWSER: Context = Context {
        screen: Screen::Faqs,
        ..LIST
    };
    const FINDING: Context = Context {
        editing: Some(Editing::Find),
        ..PANE
    };

    #[test]
    fn every_help_row_names_keys_and_says_what_they_do() {
        let help = KeyBindings::default().help();
        assert!(help.len() > 10, "{help:?}");
        for entry in help {
            assert!(
                !entry.keys.is_empty() && !entry.text.is_empty(),
                "{entry:?}"
            );
        }
    }

    #[test]
    fn no_key_means_two_things_at_once_and_none_is_taken_from_typing() {
        assert_eq!(KeyBindings::with_overrides([]), Ok(KeyBindings::default()));
        for b in table::TABLE.iter().filter(|b| b.mode.while_typing()) {
            assert!(!b.keys.iter().any(|k| k.types()), "{} types", b.name);
        }
    }

    #[test]
    fn every_action_bound_in_a_mode_set_is_reachable() {
        // A binding shadowed in every state it applies in would be dead.
        for b in table::TABLE {
            let reachable = modes::ALL.iter().any(|set| {
                let cx_modes = *set;
                cx_modes.contains(&b.mode)
                    && b.keys.iter().any(|k| {
                        cx_modes.iter().take_while(|m| **m != b.mode).all(|m| {
                            !table::TABLE
                                .iter()
                                .any(|o| o.mode == *m && o.keys.contains(k))
                        })
                    })
            });
            assert!(reachable, "{} in {:?} is never reached", b.name, b.mode);
        }
    }

    fn hints(cx: Context) -> String {
        let hints = KeyBindings::default().hints(cx);
        let words: Vec<String> = hints
            .iter()
            .map(|h| format!("{} {}", h.keys, h.text))
            .collect();
        words.join(" · ")
    }

    #[test]
    fn the_hint_bar_says_what_matters_in_each_state() {
        assert_eq!(
            hints(LIST),
            "j/k move · Enter open · / filter · 1-6 tabs · s search · ? help · q quit"
        );
        assert_eq!(
            hints(PANE),
            "j/k scroll · Tab next tab · / find · n/N match · Esc back · x export · ? help"
        );
        assert_eq!(
            hints(FAQS_PANE),
            "j/k question · Enter expand · / find · e all · Esc back · x export · ? help"
        );
        assert_eq!(hints(FILTERING), "↑↓ move · Enter open · Esc clear");
        assert_eq!(hints(FINDING), "Enter keep · Esc cancel");
        let exporting = Context {
            overlay: Overlay::Export,
            ..PANE
        };
        assert_eq!(hints(exporting), "Enter write · Tab format · Esc cancel");
        let confirming = Context {
            overlay: Overlay::ConfirmReplace,
            ..PANE
        };
        assert_eq!(hints(confirming), "y replace · n keep");
        assert_eq!(
            hints(SEARCHING),
            "↑↓ move · Enter open · Esc back · F1 help"
        );
        assert_eq!(
            hints(FAQ_BROWSER),
            "↑↓ move · Enter expand · Ctrl-t all · Ctrl-o drug · Esc back · F1 help"
        );
    }

    #[test]
    fn remapped_keys_drive_the_map_the_help_and_the_hints() {
        let keys = KeyBindings::with_overrides([("search", vec![Key::char('S')])]).unwrap();
        assert_eq!(
            keys.map(key(KeyCode::Char('S')), LIST),
            Some(Action::StartSearch)
        );
        assert_eq!(keys.map(key(KeyCode::Char('s')), LIST), None);
        assert!(
            keys.hints(LIST)
                .iter()
                .any(|h| h.keys == "S" && h.text == "search")
        );
        let help = keys.help();
        let search = help.iter().find(|e| e.names == ["search"]).unwrap();
        assert_eq!(search.keys_text(), "S");
        assert!(keys.markdown().contains("| `S` |"), "{}", keys.markdown());
    }

    #[test]
    fn remapping_never_takes_typing_keys_or_ctrl_c() {
        // `J` for down while browsing; the filter keeps ↓ and Ctrl-j.
        let keys = KeyBindings::with_overrides([("down", vec![Key::char('J')])]).unwrap();
        assert_eq!(keys.map(key(KeyCode::Char('J')), LIST), Some(Action::Down));
        assert_eq!(keys.map(key(KeyCode::Char('j')), LIST), None);
        assert_eq!(
            keys.map(key(KeyCode::Char('J')), FILTERING),
            Some(Action::Type('J'))
        );
        assert_eq!(keys.map(ctrl('j'), FILTERING), Some(Action::Down));
        let keys = KeyBindings::with_overrides([("quit", vec![Key::char('Q')])]).unwrap();
        assert_eq!(keys.map(ctrl('c'), FILTERING), Some(Action::Quit));
        assert_eq!(keys.map(key(KeyCode::Char('Q')), LIST), Some(Action::Quit));
    }

    #[test]
    fn a_remapping_that_clashes_or_names_nothing_is_refused() {
        assert_eq!(
            KeyBindings::with_overrides([("search", vec![Key::char('j')])]),
            Err(BindError::Conflict {
                key: "j".into(),
                first: "down",
                second: "search"
            })
        );
        let err = KeyBindings::with_overrides([("serch", vec![Key::char('S')])]).unwrap_err();
        assert!(err.to_string().contains("`serch`"), "{err}");
        assert!(
            err.to_string().contains("next-tab"),
            "lists the names: {err}"
        );
        // Swapping two keys is one remapping, checked as a whole.
        let swapped = KeyBindings::with_overrides([
            ("search", vec![Key::char('F')]),
            ("faqs", vec![Key::char('s')]),
        ])
        .unwrap();
        assert_eq!(
            swapped.map(key(KeyCode::Char('s')), LIST),
            Some(Action::OpenFaqBrowser)
        );
    }

    #[test]
    fn action_names_are_stable() {
        // Settings files name actions; renaming one breaks them.
        assert_eq!(
            KeyBindings::names(),
            [
                "down",
                "up",
                "top",
                "bottom",
                "page-up",
                "page-down",
                "half-page-up",
                "half-page-down",
                "open",
                "accept",
                "next-tab",
                "prev-tab",
                "filter",
                "find",
                "find-next",
                "find-prev",
                "expand-all",
                "back",
                "tab-1",
                "tab-2",
                "tab-3",
                "tab-4",
                "tab-5",
                "tab-6",
                "search",
                "more",
                "faqs",
                "open-drug",
                "interactions",
                "compare",
                "remove-last",
                "export",
                "next-format",
                "yes",
                "no",
                "problems",
                "mouse",
                "cursor-left",
                "cursor-right",
                "line-start",
                "line-end",
                "delete-back",
                "delete-forward",
                "delete-word",
                "delete-to-start",
                "help",
                "quit",
                "close",
            ]
        );
    }
}
