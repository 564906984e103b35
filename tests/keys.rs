//! Key sequences through `App::apply` for the habits terminal users bring
//! from less, fzf and gitui.

use rxdoc::app::{Action, Focus};
use rxdoc::pane::Pane;

#[path = "support/screen.rs"]
mod support;
use support::{app_of, apply_all, render, text, type_text};

#[test]
fn enter_in_the_filter_opens_the_highlighted_row() {
    let mut app = app_of(&["prednisone", "losartan", "warfarin"]);
    render(&mut app, 80, 24);
    app.apply(Action::StartFilter);
    type_text(&mut app, "pr");
    assert!(app.matches.len() >= 2, "{:?}", app.matches);
    app.apply(Action::Down);
    let highlighted = app.current().unwrap().id.clone();
    assert_ne!(highlighted, "prednisone");
    app.apply(Action::Accept);
    assert_eq!(app.focus, Focus::Pane);
    assert_eq!(app.current().unwrap().id, highlighted);
}

#[test]
fn enter_in_the_filter_opens_the_top_match_until_you_move() {
    let mut app = app_of(&["prednisone", "losartan", "warfarin"]);
    app.apply(Action::StartFilter);
    type_text(&mut app, "warf");
    app.apply(Action::Accept);
    assert_eq!(app.current().unwrap().id, "warfarin");
}

#[test]
fn slash_in_the_list_starts_a_fresh_filter() {
    let mut app = app_of(&["ibuprofen", "warfarin"]);
    app.apply(Action::StartFilter);
    type_text(&mut app, "war");
    app.apply(Action::Accept);
    app.apply(Action::Back);
    assert_eq!(app.focus, Focus::List);
    app.apply(Action::StartFilter);
    type_text(&mut app, "ibu");
    assert_eq!(app.filter.text(), "ibu");
    assert_eq!(app.current().unwrap().id, "ibuprofen");
}
