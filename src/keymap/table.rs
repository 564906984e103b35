//! The key table: every key binding of the browser in one place, with what
//! the help overlay, the hint bar and the README say about it. Nothing else
//! lists keys; they are all made from this table (see [`super::KeyBindings`]).

use crossterm::event::KeyCode;

use super::key::Key;
use crate::app::Action;
use crate::pane::Pane;

/// Where a binding applies. A state of the browser has several modes, most
/// particular first (see [`super::Context::modes`]); the first binding of
/// the key in them wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Everywhere, even over the help or while typing.
    Always,
    /// Over the help or the load-problems notice.
    Overlay,
    /// Everywhere but over an overlay: moving in lists, also while typing.
    Moving,
    /// Typing into any input (filter, find, search, FAQ browser).
    Typing,
    /// Typing the drug-list filter.
    Filter,
    /// Typing a find in the pane.
    Find,
    /// The search-everywhere screen.
    Search,
    /// The FAQ browser.
    FaqBrowser,
    /// The interaction check.
    Interactions,
    /// Typing the name of the drug to compare with.
    CompareWith,
    /// Reading a comparison of two drugs.
    Compare,
    /// Browsing: the list or the pane, nothing being typed.
    Browse,
    /// The drug list has the keyboard.
    List,
    /// The monograph pane has the keyboard.
    Pane,
    /// The monograph pane, on its FAQs tab.
    FaqsPane,
    /// Typing in the export prompt.
    Export,
    /// Asked a yes-or-no question.
    Confirm,
}

impl Mode {
    /// Whether the user is typing whenever this mode applies, or may be:
    /// keys that type a character are never bound in it.
    pub fn while_typing(self) -> bool {
        matches!(
            self,
            Mode::Always
                | Mode::Moving
                | Mode::Typing
                | Mode::Filter
                | Mode::Find
                | Mode::Search
                | Mode::FaqBrowser
                | Mode::Interactions
                | Mode::CompareWith
                | Mode::Export
        )
    }
}

/// How a binding appears in the help overlay and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    /// A row of its own, with this text.
    Row(&'static str),
    /// Its keys join the row above (up with down, previous with next).
    Same,
    /// Not listed (said elsewhere, as the overlays' own footers).
    Hidden,
}

/// One binding: the keys that ask for an action in a mode, and what the
/// help and the hint bar say of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The action's name, stable and documented: a settings file remaps
    /// keys by it. Bindings of one action in several modes share it.
    pub name: &'static str,
    /// Where it applies.
    pub mode: Mode,
    /// The keys, the one the hint bar shows first.
    pub keys: &'static [Key],
    /// What they ask for.
    pub action: Action,
    /// Its row in the help overlay and the README.
    pub help: Help,
    /// Its words in the hint bar, for each mode it is hinted in (most
    /// particular first; empty words: not hinted in that mode).
    pub hint: &'static [(Mode, &'static str)],
    /// The hint shows this binding's first key, then the separator and the
    /// first key of the named binding in the same mode (`j/k`, `↑↓`, `1-6`).
    pub pair: Option<(&'static str, &'static str)>,
}

const fn key(code: KeyCode) -> Key {
    Key::code(code)
}

/// A binding with no hint.
const fn bind(
    name: &'static str,
    mode: Mode,
    keys: &'static [Key],
    action: Action,
    help: Help,
) -> Binding {
    Binding {
        name,
        mode,
        keys,
        action,
        help,
        hint: &[],
        pair: None,
    }
}

/// A binding shown in the hint bar.
const fn hinted(
    b: Binding,
    hint: &'static [(Mode, &'static str)],
    pair: Option<(&'static str, &'static str)>,
) -> Binding {
    Binding { hint, pair, ..b }
}

use Help::{Hidden, Row, Same};
use Mode::{
    Always, Browse, Compare, CompareWith, Confirm, Export, FaqBrowser, FaqsPane, Filter, Find,
    Interactions, List, Moving, Overlay, Search, Typing,
};

/// Every binding, in the order of the help and the README.
pub const TABLE: &[Binding] = &[
    hinted(
        bind(
            "down",
            Browse,
            &[Key::char('j')],
            Action::Down,
            Row("move in the list, scroll the pane; FAQs: next question"),
        ),
        &[
            (List, "move"),
            (FaqsPane, "question"),
            (Mode::Pane, "scroll"),
            (Compare, "scroll"),
        ],
        Some(("/", "up")),
    ),
    bind("up", Browse, &[Key::char('k')], Action::Up, Same),
    hinted(
        bind(
            "up",
            Moving,
            &[key(KeyCode::Up), Key::ctrl('k'), Key::ctrl('p')],
            Action::Up,
            Row("move, also while typing (Ctrl- keys as in fzf)"),
        ),
        &[
            (Filter, "move"),
            (Search, "move"),
            (FaqBrowser, "move"),
            (Interactions, "scroll"),
        ],
        Some(("", "down")),
    ),
    bind(
        "down",
        Moving,
        &[key(KeyCode::Down), Key::ctrl('j'), Key::ctrl('n')],
        Action::Down,
        Same,
    ),
    bind(
        "top",
        Browse,
        &[Key::char('g'), key(KeyCode::Home)],
        Action::Top,
        Row("first / last"),
    ),
    bind(
        "bottom",
        Browse,
        &[Key::char('G'), key(KeyCode::End)],
        Action::Bottom,
        Same,
    ),
    // Home and End edit while typing; with Ctrl they still reach the ends.
    bind(
        "top",
        Typing,
        &[Key {
            code: KeyCode::Home,
            ctrl: true,
        }],
        Action::Top,
        Hidden,
    ),
    bind(
        "bottom",
        Typing,
        &[Key {
            code: KeyCode::End,
            ctrl: true,
        }],
        Action::Bottom,
        Hidden,
    ),
    bind(
        "page-up",
        Moving,
        &[key(KeyCode::PageUp)],
        Action::PageUp,
        Row("page up / down (b and Space as in less)"),
    ),
    bind(
        "page-down",
        Moving,
        &[key(KeyCode::PageDown)],
        Action::PageDown,
        Same,
    ),
    bind(
        "page-up",
        Browse,
        &[Key::char('b'), Key::ctrl('b')],
        Action::PageUp,
        Same,
    ),
    bind(
        "page-down",
        Browse,
        &[Key::char(' '), Key::ctrl('f')],
        Action::PageDown,
        Same,
    ),
    bind(
        "half-page-up",
        Browse,
        &[Key::ctrl('u')],
        Action::HalfPageUp,
        Row("half a page up / down"),
    ),
    bind(
        "half-page-down",
        Browse,
        &[Key::ctrl('d')],
        Action::HalfPageDown,
        Same,
    ),
    hinted(
        bind(
            "open",
            Browse,
            &[key(KeyCode::Enter)],
            Action::Open,
            Row("open the drug; FAQs: expand or collapse the answer"),
        ),
        &[(List, "open"), (FaqsPane, "expand")],
        None,
    ),
    bind("open", List, &[key(KeyCode::Right)], Action::Open, Same),
    hinted(
        bind(
            "accept",
            Typing,
            &[key(KeyCode::Enter)],
            Action::Accept,
            Row("typing: open the highlighted row, keep a find"),
        ),
        &[
            (Filter, "open"),
            (Find, "keep"),
            (Search, "open"),
            (FaqBrowser, "expand"),
            (Interactions, "add"),
            (CompareWith, "compare"),
            (Export, "write"),
        ],
        None,
    ),
    hinted(
        bind(
            "next-tab",
            Browse,
            &[key(KeyCode::Tab), Key::char('l')],
            Action::NextTab,
            Row("next / previous tab (also → ← in the pane)"),
        ),
        &[
            (FaqsPane, ""),
            (Mode::Pane, "next tab"),
            (Compare, "section"),
        ],
        None,
    ),
    bind(
        "prev-tab",
        Browse,
        &[key(KeyCode::BackTab), Key::char('h')],
        Action::PrevTab,
        Same,
    ),
    bind(
        "next-tab",
        Mode::Pane,
        &[key(KeyCode::Right)],
        Action::NextTab,
        Same,
    ),
    bind(
        "prev-tab",
        Mode::Pane,
        &[key(KeyCode::Left)],
        Action::PrevTab,
        Same,
    ),
    hinted(
        bind(
            "filter",
            List,
            &[Key::char('/')],
            Action::StartFilter,
            Row("filter drugs (list) or find text (pane); each / starts afresh"),
        ),
        &[(List, "filter")],
        None,
    ),
    hinted(
        bind(
            "find",
            Mode::Pane,
            &[Key::char('/')],
            Action::StartFind,
            Same,
        ),
        &[(Mode::Pane, "find")],
        None,
    ),
    hinted(
        bind(
            "find-next",
            Browse,
            &[Key::char('n')],
            Action::FindNext,
            Row("next / previous match (says when it wraps)"),
        ),
        &[(FaqsPane, ""), (Mode::Pane, "match")],
        Some(("/", "find-prev")),
    ),
    bind(
        "find-prev",
        Browse,
        &[Key::char('N')],
        Action::FindPrev,
        Same,
    ),
    hinted(
        bind(
            "expand-all",
            FaqsPane,
            &[Key::char('e')],
            Action::ToggleAllFaqs,
            Row("FAQs: expand or collapse all answers"),
        ),
        &[(FaqsPane, "all")],
        None,
    ),
    hinted(
        bind(
            "back",
            Browse,
            &[key(KeyCode::Esc)],
            Action::Back,
            Row("back: clear the input, close, return to the list"),
        ),
        &[(Mode::Pane, "back"), (Compare, "back")],
        None,
    ),
    hinted(
        bind(
            "tab-1",
            Browse,
            &[Key::char('1')],
            Action::Tab(Pane::ALL[0]),
            Row("jump to a tab"),
        ),
        &[(List, "tabs")],
        Some(("-", "tab-6")),
    ),
    bind(
        "tab-2",
        Browse,
        &[Key::char('2')],
        Action::Tab(Pane::ALL[1]),
        Same,
    ),
    bind(
        "tab-3",
        Browse,
        &[Key::char('3')],
        Action::Tab(Pane::ALL[2]),
        Same,
    ),
    bind(
        "tab-4",
        Browse,
        &[Key::char('4')],
        Action::Tab(Pane::ALL[3]),
        Same,
    ),
    bind(
        "tab-5",
        Browse,
        &[Key::char('5')],
        Action::Tab(Pane::ALL[4]),
        Same,
    ),
    bind(
        "tab-6",
        Browse,
        &[Key::char('6')],
        Action::Tab(Pane::ALL[5]),
        Same,
    ),
    hinted(
        bind(
            "search",
            Browse,
            &[Key::char('s')],
            Action::StartSearch,
            Row("search every monograph: type, ↑↓, Enter opens"),
        ),
        &[(List, "search")],
        None,
    ),
    bind(
        "more",
        Search,
        &[key(KeyCode::Tab)],
        Action::ToggleMore,
        Row("search: show or fold a drug's other matching passages"),
    ),
    bind(
        "faqs",
        Browse,
        &[Key::char('F')],
        Action::OpenFaqBrowser,
        Row("browse every FAQ: type to filter, Enter expands"),
    ),
    hinted(
        bind(
            "expand-all",
            FaqBrowser,
            &[Key::ctrl('t')],
            Action::ToggleAllFaqs,
            Row("FAQ browser: expand or collapse all"),
        ),
        &[(FaqBrowser, "all")],
        None,
    ),
    hinted(
        bind(
            "open-drug",
            FaqBrowser,
            &[Key::ctrl('o')],
            Action::OpenDrug,
            Row("FAQ browser: open the drug at that FAQ (Esc comes back)"),
        ),
        &[(FaqBrowser, "drug")],
        None,
    ),
    bind(
        "interactions",
        Browse,
        &[Key::char('i')],
        Action::OpenInteractions,
        Row("check interactions: the drug shown, then type names, Enter adds"),
    ),
    hinted(
        bind(
            "compare",
            Browse,
            &[Key::char('c')],
            Action::StartCompare,
            Row("compare the drug with another, one section side by side"),
        ),
        &[(Compare, "other drug")],
        None,
    ),
    hinted(
        bind(
            "remove-last",
            Interactions,
            &[key(KeyCode::Backspace)],
            Action::Backspace,
            Row("interaction check: on an empty line, remove the last added"),
        ),
        &[(Interactions, "remove")],
        None,
    ),
    hinted(
        bind(
            "export",
            Browse,
            &[Key::char('x')],
            Action::StartExport,
            Row("export a handout of the drug: html, md or txt, to a file"),
        ),
        &[(Mode::Pane, "export")],
        None,
    ),
    hinted(
        bind(
            "next-format",
            Export,
            &[key(KeyCode::Tab)],
            Action::NextFormat,
            Row("export: the next format (the file name follows)"),
        ),
        &[(Export, "format")],
        None,
    ),
    hinted(
        bind(
            "yes",
            Confirm,
            &[Key::char('y'), Key::char('Y')],
            Action::Confirm,
            Row("asked to replace a file: yes / no"),
        ),
        &[(Confirm, "replace")],
        None,
    ),
    hinted(
        bind(
            "no",
            Confirm,
            &[Key::char('n'), Key::char('N'), key(KeyCode::Esc)],
            Action::Back,
            Same,
        ),
        &[(Confirm, "keep")],
        None,
    ),
    hinted(
        bind("back", Typing, &[key(KeyCode::Esc)], Action::Back, Hidden),
        &[
            (Filter, "clear"),
            (Find, "cancel"),
            (Search, "back"),
            (FaqBrowser, "back"),
            (Interactions, "back"),
            (CompareWith, "back"),
            (Export, "cancel"),
        ],
        None,
    ),
    bind(
        "problems",
        Browse,
        &[Key::char('!')],
        Action::ShowNotice,
        Row("show the files that failed to load"),
    ),
    bind(
        "mouse",
        Browse,
        &[Key::char('m')],
        Action::ToggleMouse,
        Row("mouse on / off (off, the terminal selects text to copy)"),
    ),
    bind(
        "cursor-left",
        Typing,
        &[key(KeyCode::Left)],
        Action::CursorLeft,
        Row("typing: move the cursor; to the start / end"),
    ),
    bind(
        "cursor-right",
        Typing,
        &[key(KeyCode::Right)],
        Action::CursorRight,
        Same,
    ),
    bind(
        "line-start",
        Typing,
        &[key(KeyCode::Home), Key::ctrl('a')],
        Action::LineStart,
        Same,
    ),
    bind(
        "line-end",
        Typing,
        &[key(KeyCode::End), Key::ctrl('e')],
        Action::LineEnd,
        Same,
    ),
    bind(
        "delete-back",
        Typing,
        &[key(KeyCode::Backspace), Key::ctrl('h')],
        Action::Backspace,
        Row("typing: delete back / forward (Backspace on an empty filter or find leaves it)"),
    ),
    bind(
        "delete-forward",
        Typing,
        &[key(KeyCode::Delete)],
        Action::DeleteForward,
        Same,
    ),
    bind(
        "delete-word",
        Typing,
        &[
            Key::ctrl('w'),
            Key {
                code: KeyCode::Backspace,
                ctrl: true,
            },
        ],
        Action::DeleteWord,
        Row("typing: delete the word before the cursor / back to the start"),
    ),
    bind(
        "delete-to-start",
        Typing,
        &[Key::ctrl('u')],
        Action::DeleteToStart,
        Same,
    ),
    hinted(
        bind(
            "help",
            Browse,
            &[Key::char('?'), key(KeyCode::F(1))],
            Action::ToggleHelp,
            Row("this help (F1 while typing; j k PgDn scroll it)"),
        ),
        &[(List, "help"), (Mode::Pane, "help")],
        None,
    ),
    hinted(
        bind(
            "help",
            Typing,
            &[key(KeyCode::F(1))],
            Action::ToggleHelp,
            Hidden,
        ),
        &[(Search, "help"), (FaqBrowser, "help")],
        None,
    ),
    hinted(
        bind(
            "quit",
            Browse,
            &[Key::char('q')],
            Action::Quit,
            Row("quit; Ctrl-z suspends to the shell (fg resumes)"),
        ),
        &[(List, "quit")],
        None,
    ),
    bind("quit", Always, &[Key::ctrl('c')], Action::Quit, Same),
    bind("suspend", Always, &[Key::ctrl('z')], Action::Suspend, Same),
    // The overlays say how to scroll and close them in their own footers.
    bind(
        "close",
        Overlay,
        &[
            key(KeyCode::Esc),
            key(KeyCode::Enter),
            Key::char('q'),
            Key::char('?'),
            Key::char('x'),
            key(KeyCode::F(1)),
        ],
        Action::Back,
        Hidden,
    ),
    bind(
        "down",
        Overlay,
        &[Key::char('j'), key(KeyCode::Down)],
        Action::Down,
        Hidden,
    ),
    bind(
        "up",
        Overlay,
        &[Key::char('k'), key(KeyCode::Up)],
        Action::Up,
        Hidden,
    ),
    bind(
        "page-down",
        Overlay,
        &[Key::char(' '), key(KeyCode::PageDown)],
        Action::PageDown,
        Hidden,
    ),
    bind(
        "page-up",
        Overlay,
        &[key(KeyCode::PageUp), Key::char('b')],
        Action::PageUp,
        Hidden,
    ),
    bind(
        "top",
        Overlay,
        &[Key::char('g'), key(KeyCode::Home)],
        Action::Top,
        Hidden,
    ),
    bind(
        "bottom",
        Overlay,
        &[Key::char('G'), key(KeyCode::End)],
        Action::Bottom,
        Hidden,
    ),
];
