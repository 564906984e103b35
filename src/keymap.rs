//! Keys → actions. Pure: the same key in the same context always gives the
//! same action, so the whole table is tested without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App, Editing, Focus, Overlay, Screen};
use crate::pane::Pane;

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
}

impl Context {
    /// The context of an app's current state.
    pub fn of(app: &App) -> Self {
        Self {
            overlay: app.overlay,
            editing: app.editing,
            focus: app.focus,
            screen: app.screen,
        }
    }
}

/// One row of the help overlay: keys and what they do.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↑ ↓", "move in the list, scroll the pane"),
    ("Ctrl-j/k/n/p", "move, also while typing"),
    ("g G Home End", "first / last"),
    ("PgUp PgDn Space", "page up / down; b page up"),
    ("Ctrl-u Ctrl-d", "half page up / down"),
    ("/", "filter drugs (list) or find text (pane)"),
    ("n N", "next / previous match (says when it wraps)"),
    ("Enter", "open drug; FAQs: expand or collapse"),
    ("e", "FAQs: expand or collapse all"),
    ("Esc", "back: clear input, close, return to list"),
    ("1-6 Tab S-Tab", "jump to a tab, next / previous tab"),
    ("h l ← →", "previous / next tab (← → in the pane)"),
    ("s", "search everything: type, ↑↓, Enter; Tab: more"),
    ("F", "all FAQs: Enter, Ctrl-e all, Ctrl-o drug"),
    ("! mouse", "load problems; wheel scrolls, click selects"),
    ("? F1", "this help (F1 while typing)"),
    ("q Ctrl-c Ctrl-z", "quit; suspend to the shell"),
];

/// The action for a key in a context, if any.
pub fn map(key: KeyEvent, cx: Context) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match (ctrl, key.code) {
        (true, KeyCode::Char('c')) => return Some(Action::Quit),
        (true, KeyCode::Char('z')) => return Some(Action::Suspend),
        _ => {}
    }
    match cx.overlay {
        Overlay::Help | Overlay::Notice => return overlay_key(key.code),
        Overlay::None => {}
    }
    if key.code == KeyCode::F(1) {
        return Some(Action::ToggleHelp);
    }
    // The search and FAQ screens are typed into directly, like fzf.
    if cx.editing.is_some() || cx.screen != Screen::Browse {
        return match (ctrl, key.code) {
            (true, KeyCode::Char('e')) => Some(Action::ToggleAllFaqs),
            (true, KeyCode::Char('o')) => Some(Action::OpenDrug),
            (_, KeyCode::Home) => Some(Action::Top),
            (_, KeyCode::End) => Some(Action::Bottom),
            _ => editing_key(ctrl, key.code),
        };
    }
    browsing_key(ctrl, key.code, cx.focus)
}

/// Keys over the help or the load-problems notice: close it, or scroll it.
fn overlay_key(code: KeyCode) -> Option<Action> {
    match code {
        KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q' | '?' | 'x') => Some(Action::Back),
        KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
        KeyCode::Char(' ') | KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
        KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
        _ => None,
    }
}

fn editing_key(ctrl: bool, code: KeyCode) -> Option<Action> {
    Some(match (ctrl, code) {
        (true, KeyCode::Char('u')) => Action::ClearInput,
        (true, KeyCode::Char('w') | KeyCode::Backspace) => Action::DeleteWord,
        // fzf's keys: Ctrl-n/p and Ctrl-j/k move while typing.
        (true, KeyCode::Char('n' | 'j')) | (false, KeyCode::Down) => Action::Down,
        (true, KeyCode::Char('p' | 'k')) | (false, KeyCode::Up) => Action::Up,
        (false, KeyCode::PageDown) => Action::PageDown,
        (false, KeyCode::PageUp) => Action::PageUp,
        (false, KeyCode::Char(c)) => Action::Type(c),
        (_, KeyCode::Backspace) => Action::Backspace,
        (_, KeyCode::Enter) => Action::Accept,
        (_, KeyCode::Esc) => Action::Back,
        (false, KeyCode::Tab) => Action::ToggleMore,
        _ => return None,
    })
}

fn browsing_key(ctrl: bool, code: KeyCode, focus: Focus) -> Option<Action> {
    if ctrl {
        return match code {
            KeyCode::Char('d') => Some(Action::HalfPageDown),
            KeyCode::Char('u') => Some(Action::HalfPageUp),
            KeyCode::Char('f') => Some(Action::PageDown),
            KeyCode::Char('b') => Some(Action::PageUp),
            KeyCode::Char('n' | 'j') => Some(Action::Down),
            KeyCode::Char('p' | 'k') => Some(Action::Up),
            _ => None,
        };
    }
    Some(match code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        // less's keys: b a page back, Space a page on.
        KeyCode::PageUp | KeyCode::Char('b') => Action::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Char('/') if focus == Focus::List => Action::StartFilter,
        KeyCode::Char('/') => Action::StartFind,
        KeyCode::Char('n') => Action::FindNext,
        KeyCode::Char('N') => Action::FindPrev,
        KeyCode::Char('e') => Action::ToggleAllFaqs,
        KeyCode::Enter => Action::Open,
        KeyCode::Esc => Action::Back,
        KeyCode::Char(c @ '1'..='6') => Action::Tab(Pane::ALL[usize::from(c as u8 - b'1')]),
        KeyCode::Tab | KeyCode::Char('l') => Action::NextTab,
        KeyCode::BackTab | KeyCode::Char('h') => Action::PrevTab,
        KeyCode::Right if focus == Focus::Pane => Action::NextTab,
        KeyCode::Left if focus == Focus::Pane => Action::PrevTab,
        KeyCode::Right => Action::Open,
        KeyCode::Char('s') => Action::StartSearch,
        KeyCode::Char('F') => Action::OpenFaqBrowser,
        KeyCode::Char('!') => Action::ShowNotice,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(map(ctrl('u'), FILTERING), Some(Action::ClearInput));
        assert_eq!(map(ctrl('w'), FILTERING), Some(Action::DeleteWord));
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
            map(key(KeyCode::Char('e')), PANE),
            Some(Action::ToggleAllFaqs)
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
        assert_eq!(map(ctrl('e'), SEARCHING), Some(Action::ToggleAllFaqs));
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

    #[test]
    fn every_help_row_names_keys() {
        assert!(
            HELP.iter()
                .all(|(keys, what)| !keys.is_empty() && !what.is_empty())
        );
    }
}
