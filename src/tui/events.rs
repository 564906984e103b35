//! Terminal events → the app, a batch at a time: everything queued is read
//! and applied before the filter or search runs again and the screen is
//! redrawn, so a burst of keys or a long paste costs one search and one
//! frame, and Esc or q typed after it is not kept waiting.

use std::collections::VecDeque;
use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::keymap::{Context, KeyBindings};
use crate::ui;

/// Longest a batch is read for before the screen is drawn again, so input
/// that never pauses (a key held down over a slow link) still shows.
const BATCH_TIME: Duration = Duration::from_millis(100);

/// How long to wait for the next queued event of a batch. Not zero: with a
/// zero timeout the terminal reader does not look at bytes it has already
/// read but not yet parsed, and a batch would stop at the first of them.
const NEXT_EVENT: Duration = Duration::from_millis(1);

/// Waits up to `timeout` for an event, then reads every event already queued
/// behind it.
pub fn read_batch(timeout: Duration) -> io::Result<VecDeque<Event>> {
    let mut events = VecDeque::new();
    if !event::poll(timeout)? {
        return Ok(events);
    }
    let start = Instant::now();
    events.push_back(event::read()?);
    while start.elapsed() < BATCH_TIME && event::poll(NEXT_EVENT)? {
        events.push_back(event::read()?);
    }
    Ok(events)
}

/// What a batch of events asks of the runner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Handled {
    /// The screen must be drawn again.
    pub redraw: bool,
    /// The user asked to suspend (Ctrl-z); the events after it are left in
    /// the batch for after the resume.
    pub suspend: bool,
}

/// Applies `events` in order, each mapped in the state the previous ones
/// left, then runs the filter or search the edits left waiting once.
/// `area` is the screen's size, for mouse events.
pub fn handle(
    app: &mut App,
    keys: &KeyBindings,
    events: &mut VecDeque<Event>,
    mut area: Rect,
) -> Handled {
    let mut handled = Handled::default();
    while let Some(event) = events.pop_front() {
        let action = match event {
            Event::Key(key) => keys.map(key, Context::of(app)),
            Event::Mouse(mouse) => ui::mouse_action(area, app, mouse),
            Event::Paste(text) => {
                app.paste(&text);
                handled.redraw = true;
                None
            }
            Event::Resize(width, height) => {
                area = Rect::new(0, 0, width, height);
                handled.redraw = true;
                None
            }
            Event::FocusGained | Event::FocusLost => None,
        };
        match action {
            Some(Action::Suspend) => {
                handled.suspend = true;
                break;
            }
            Some(action) => {
                app.apply_deferred(action);
                handled.redraw = true;
            }
            None => {}
        }
    }
    app.settle();
    handled
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::{Editing, Viewport};
    use crate::load::{Library, Source};

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn bundled() -> App {
        let mut app = App::new(Library::load(&[Source::Bundled]));
        app.set_viewport(Viewport {
            pane_width: 60,
            pane_height: 20,
            list_height: 20,
            notice_rows: 20,
            ..Viewport::default()
        });
        app
    }

    const AREA: Rect = Rect::new(0, 0, 100, 30);

    #[test]
    fn a_pasted_line_break_and_letters_are_text_not_commands() {
        let mut app = bundled();
        let mut events = VecDeque::from([key('/'), Event::Paste("warfarin\nquetiapine".into())]);
        handle(&mut app, &KeyBindings::default(), &mut events, AREA);
        assert!(!app.quit, "the pasted q quit");
        assert_eq!(app.editing, Some(Editing::Filter), "the newline accepted");
        assert_eq!(app.filter.text(), "warfarin quetiapine");
    }

    #[test]
    fn a_paste_while_browsing_filters_the_list() {
        let mut app = bundled();
        let mut events = VecDeque::from([Event::Paste("Quetiapine\n".into())]);
        handle(&mut app, &KeyBindings::default(), &mut events, AREA);
        assert!(!app.quit);
        assert_eq!(app.filter.text(), "Quetiapine ");
        assert_eq!(app.current().map(|m| m.id.as_str()), Some("quetiapine"));
    }

    #[test]
    fn every_key_of_a_burst_moves_the_selection() {
        let mut app = bundled();
        let total = app.matches.len();
        let mut events: VecDeque<Event> = (0..2000).map(|_| key('j')).collect();
        handle(&mut app, &KeyBindings::default(), &mut events, AREA);
        assert_eq!(app.selected, 2000.min(total - 1));
        let mut events: VecDeque<Event> = (0..5).map(|_| key('k')).collect();
        handle(&mut app, &KeyBindings::default(), &mut events, AREA);
        assert_eq!(app.selected, 2000.min(total - 1) - 5);
    }

    #[test]
    fn a_burst_of_typing_filters_once_and_as_typing_one_key_at_a_time_does() {
        let typed = "/quetiapine";
        let mut one_by_one = bundled();
        typed.chars().for_each(|c| {
            let mut events = VecDeque::from([key(c)]);
            handle(&mut one_by_one, &KeyBindings::default(), &mut events, AREA);
        });
        let mut burst = bundled();
        let mut events: VecDeque<Event> = typed.chars().map(key).collect();
        handle(&mut burst, &KeyBindings::default(), &mut events, AREA);
        assert_eq!(burst.filter.text(), "quetiapine");
        assert_eq!(burst.matches, one_by_one.matches);
        assert_eq!(burst.current().map(|m| m.id.as_str()), Some("quetiapine"));
    }

    #[test]
    fn typed_keys_wait_to_filter_until_the_batch_is_applied() {
        let mut app = bundled();
        let all = app.matches.clone();
        app.apply_deferred(Action::StartFilter);
        "quetiapine"
            .chars()
            .for_each(|c| app.apply_deferred(Action::Type(c)));
        assert_eq!(app.matches, all, "filtered before the batch ended");
        app.settle();
        assert!(app.matches.len() < all.len());
        // Enter after typing sees the filtered list, not the stale one.
        app.apply_deferred(Action::StartFilter);
        app.apply_deferred(Action::DeleteToStart);
        "warfarin"
            .chars()
            .for_each(|c| app.apply_deferred(Action::Type(c)));
        app.apply_deferred(Action::Accept);
        assert_eq!(app.current().map(|m| m.id.as_str()), Some("warfarin"));
    }

    #[test]
    fn ctrl_z_stops_the_batch_and_keeps_the_rest() {
        let mut app = bundled();
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        let mut events = VecDeque::from([key('j'), ctrl_z, key('j')]);
        let handled = handle(&mut app, &KeyBindings::default(), &mut events, AREA);
        assert!(handled.suspend);
        assert_eq!(app.selected, 1);
        assert_eq!(events.len(), 1);
    }
}
