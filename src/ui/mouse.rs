//! Mouse events → actions, from the same layout code that draws: the wheel
//! scrolls what is under the pointer; a click selects a row or a tab, or
//! expands a FAQ.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Areas, faqs, list, pane, search};
use crate::app::{Action, App, Overlay, Screen};

/// The action for a mouse event, given where things are drawn.
pub fn mouse_action(area: Rect, app: &App, event: MouseEvent) -> Option<Action> {
    let areas = Areas::new(area, app);
    let at = Position::new(event.column, event.row);
    let wheel = match event.kind {
        MouseEventKind::ScrollUp => Some(-1),
        MouseEventKind::ScrollDown => Some(1),
        _ => None,
    };
    if let Some(delta) = wheel {
        let search_screen = app.screen == Screen::Search && areas.screen.contains(at);
        return if areas.list.contains(at) || search_screen {
            Some(Action::ScrollList(delta))
        } else if areas.pane.contains(at) || areas.screen.contains(at) {
            Some(Action::ScrollPane(delta))
        } else {
            None
        };
    }
    if event.kind != MouseEventKind::Down(MouseButton::Left) || app.overlay != Overlay::None {
        return None;
    }
    match app.screen {
        Screen::Search => row_in(search::rows_area(areas.screen), at).map(Action::ClickRow),
        Screen::Faqs => {
            let scroll = app.faqs.as_ref()?.scroll;
            row_in(faqs::text_area(areas.screen), at).map(|row| Action::ClickLine(scroll + row))
        }
        Screen::Interactions | Screen::Compare | Screen::CompareWith => None,
        Screen::Browse => browse_click(&areas, app, at),
    }
}

/// The row of `area` that `at` is on, if it is in it.
fn row_in(area: Rect, at: Position) -> Option<usize> {
    area.contains(at).then(|| usize::from(at.y - area.y))
}

/// A click on the browse screen: a drug in the list, a tab, a line of the pane.
fn browse_click(areas: &Areas, app: &App, at: Position) -> Option<Action> {
    if let Some(row) = row_in(list::rows_area(areas.list, app), at) {
        return Some(Action::ClickRow(row));
    }
    let pane = pane::PaneArea::new(areas.pane, app);
    if pane.tabs.contains(at) {
        return pane::tab_spans(pane.tabs, app.tab)
            .into_iter()
            .find(|(_, start, end)| (*start..*end).contains(&at.x))
            .map(|(pane, _, _)| Action::ClickTab(pane));
    }
    row_in(pane.text, at).map(|row| Action::ClickLine(app.scroll() + row))
}
