//! Everything the user can ask of the browser, independent of which key or
//! mouse gesture asked for it.

use crate::pane::Pane;

/// A request to change the browser's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Suspend to the shell (Ctrl-z); handled by the terminal runner.
    Suspend,
    /// Move up one row or line.
    Up,
    /// Move down one row or line.
    Down,
    /// To the first row or the top.
    Top,
    /// To the last row or the bottom.
    Bottom,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// Half a screen up.
    HalfPageUp,
    /// Half a screen down.
    HalfPageDown,
    /// Start typing a drug-list filter.
    StartFilter,
    /// Start typing a find-in-pane query.
    StartFind,
    /// A character typed into the active input.
    Type(char),
    /// Delete the character before the cursor of the active input.
    Backspace,
    /// Delete from the start of the active input to the cursor (Ctrl-u).
    DeleteToStart,
    /// Delete the word before the cursor (Ctrl-w).
    DeleteWord,
    /// Delete the character under the cursor (Delete).
    DeleteForward,
    /// Move the cursor one character left.
    CursorLeft,
    /// Move the cursor one character right.
    CursorRight,
    /// Move the cursor to the start of the input.
    LineStart,
    /// Move the cursor to the end of the input.
    LineEnd,
    /// Accept the active input (Enter).
    Accept,
    /// Open the selected drug, or toggle the selected FAQ.
    Open,
    /// Go back one level: cancel input, close an overlay, return to the list.
    Back,
    /// Next tab.
    NextTab,
    /// Previous tab.
    PrevTab,
    /// Jump to a tab.
    Tab(Pane),
    /// Next find match.
    FindNext,
    /// Previous find match.
    FindPrev,
    /// Expand every FAQ answer, or collapse them all if all are open.
    ToggleAllFaqs,
    /// Show or hide the key help.
    ToggleHelp,
    /// Show the load-problems notice again.
    ShowNotice,
    /// Mouse wheel over the drug list (negative is up).
    ScrollList(i8),
    /// Mouse wheel over the pane (negative is up).
    ScrollPane(i8),
    /// Mouse click on a row of the visible list: the drug list, or the
    /// search results on the search screen.
    ClickRow(usize),
    /// Mouse click on a line of text, by its index among the laid-out
    /// lines: of the pane, or of the FAQ browser. On a FAQ's question it
    /// selects the FAQ and expands or collapses its answer.
    ClickLine(usize),
    /// Turn mouse capture on or off (off, the terminal selects text).
    ToggleMouse,
    /// Open the prompt to export a handout of the drug shown.
    StartExport,
    /// In the export prompt: the next handout format.
    NextFormat,
    /// Yes to a question (replace the file).
    Confirm,
    /// Mouse click on a tab.
    ClickTab(Pane),
    /// Open search everywhere.
    StartSearch,
    /// Show or fold away the selected search result's other matching
    /// passages in its drug (its "+N more").
    ToggleMore,
    /// Open the FAQ browser.
    OpenFaqBrowser,
    /// In the FAQ browser: open the selected FAQ's drug at that FAQ.
    OpenDrug,
    /// Open the interaction check, with the drug the list is on.
    OpenInteractions,
    /// Compare the drug the list is on with another (on the comparison
    /// screen: choose another drug to compare with).
    StartCompare,
}

impl Action {
    /// Whether the action edits an input: its text or its cursor (see
    /// [`super::App::apply_deferred`]).
    pub fn is_edit(self) -> bool {
        matches!(
            self,
            Action::Type(_)
                | Action::Backspace
                | Action::DeleteToStart
                | Action::DeleteWord
                | Action::DeleteForward
                | Action::CursorLeft
                | Action::CursorRight
                | Action::LineStart
                | Action::LineEnd
        )
    }
}
