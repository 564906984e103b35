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

/// The number of find matches for `query` in Warfarin's Side Effects at
/// `width` columns.
fn find_count(query: &str, width: u16) -> usize {
    let mut app = app_of(&["warfarin"]);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::SideEffects)]);
    // Narrow screens show the pane only once it is open.
    render(&mut app, width, 40);
    app.apply(Action::StartFind);
    type_text(&mut app, query);
    app.apply(Action::Accept);
    app.hits.len()
}

#[test]
fn find_matches_text_that_wraps() {
    // At 80 columns "once" ends a line and "for" starts the next.
    assert!(find_count("once for", 200) > 0);
    for width in [80, 60, 40] {
        assert_eq!(
            find_count("once for", width),
            find_count("once for", 200),
            "at {width} columns"
        );
    }
}

#[test]
fn a_match_across_a_line_break_is_highlighted_on_both_lines() {
    let mut app = app_of(&["warfarin"]);
    render(&mut app, 80, 24);
    apply_all(
        &mut app,
        &[
            Action::Open,
            Action::Tab(Pane::SideEffects),
            Action::StartFind,
        ],
    );
    type_text(&mut app, "once for");
    app.apply(Action::Accept);
    let hit = app.hits[app.hit_index];
    assert!(hit.end_line > hit.line, "{hit:?}");
    let buf = render(&mut app, 80, 24);
    let shown = text(&buf);
    // Each piece of the match is drawn in the current match's style.
    let theme = rxdoc::theme::Theme::monochrome();
    let styled: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].modifier == theme.hit_current.add_modifier)
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(styled, "oncefor", "{shown}");
}

/// The screen's rows that hold `needle`.
fn rows_with<'a>(shown: &'a str, needle: &str) -> Vec<&'a str> {
    shown.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn a_cut_boxed_warning_ends_with_an_ellipsis_and_says_where_the_rest_is() {
    let mut app = app_of(&["warfarin"]);
    app.apply(Action::Open);
    let shown = text(&render(&mut app, 80, 24));
    let warning = shown
        .lines()
        .skip_while(|l| !l.contains("Boxed warning"))
        .take_while(|l| !l.contains("full text"))
        .last()
        .unwrap_or_default();
    assert!(
        warning.trim_end_matches(['│', ' ']).ends_with('…'),
        "{shown}"
    );
    assert_eq!(
        rows_with(&shown, "full text: 2 Side Effects").len(),
        1,
        "{shown}"
    );
    // Too short for the box: one line, cut with the mark.
    let shown = text(&render(&mut app, 40, 12));
    let line = rows_with(&shown, "WARNING");
    assert_eq!(line.len(), 1, "{shown}");
    assert!(
        line[0].trim_end_matches(['│', ' ']).ends_with('…'),
        "{shown}"
    );
}

#[test]
fn brand_lists_and_chart_labels_cut_with_an_ellipsis() {
    let mut app = app_of(&["ethinyl-estradiol-levonorgestrel"]);
    app.apply(Action::Open);
    let shown = text(&render(&mut app, 80, 24));
    let brands = rows_with(&shown, "Levora");
    assert!(!brands.is_empty(), "{shown}");
    for row in brands {
        let body = row.trim_start_matches(['│', ' ', '>']);
        let body = body.trim_end_matches(['│', ' ']);
        assert!(
            body.contains("Rigevidon") || body.ends_with('…'),
            "{row}\n{shown}"
        );
    }

    let mut app = app_of(&["inotuzumab-ozogamicin"]);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Contraception)]);
    let shown = text(&render(&mut app, 40, 20));
    assert!(shown.contains("Women: birth… "), "{shown}");
}

/// The FAQ browser over a few drugs, laid out at 80×24.
fn faq_browser() -> rxdoc::app::App {
    let mut app = app_of(&["warfarin", "ibuprofen", "metformin"]);
    app.apply(Action::OpenFaqBrowser);
    render(&mut app, 80, 24);
    app
}

#[test]
fn page_down_in_the_faq_browser_moves_the_cursor_with_the_page() {
    let mut app = faq_browser();
    app.apply(Action::PageDown);
    render(&mut app, 80, 24);
    let f = app.faqs.as_ref().unwrap();
    assert!(f.cursor > 0, "the cursor moved");
    let line = f.entry_lines[f.cursor];
    let height = usize::from(app.viewport().pane_height);
    assert!(
        (f.scroll..f.scroll + height).contains(&line),
        "the cursor is on screen: line {line}, scroll {}",
        f.scroll
    );
    let (cursor, scroll) = (f.cursor, f.scroll);
    app.apply(Action::Accept);
    let f = app.faqs.as_ref().unwrap();
    assert!(f.open.contains(&f.visible[cursor]), "Enter opens that FAQ");
    assert!(f.scroll >= scroll, "and does not jump back");
    app.apply(Action::PageUp);
    assert!(app.faqs.as_ref().unwrap().cursor < cursor);
}

#[test]
fn faq_browser_matches_are_highlighted() {
    let mut app = faq_browser();
    type_text(&mut app, "bleed");
    // The matches are in the answers.
    app.apply(Action::ToggleAllFaqs);
    let theme = rxdoc::theme::Theme::color();
    let buf = support::render_with(&mut app, 80, 24, &theme);
    let marked: String = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| Some(buf[(x, y)].bg) == theme.hit.bg)
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert!(!marked.is_empty(), "{}", text(&buf));
    assert_eq!(
        marked.to_lowercase().replace("bleed", ""),
        "",
        "{}",
        text(&buf)
    );
}

#[test]
fn a_key_opens_the_drug_of_a_faq_and_esc_comes_back() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rxdoc::app::Screen;
    use rxdoc::keymap::{Context, map};
    let mut app = faq_browser();
    apply_all(&mut app, &[Action::Down, Action::Down]);
    let (drug, faq) = {
        let f = app.faqs.as_ref().unwrap();
        f.visible[f.cursor]
    };
    let key = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL);
    let action = map(key, Context::of(&app)).expect("Ctrl-o is bound");
    app.apply(action);
    render(&mut app, 80, 24);
    assert_eq!(app.screen, Screen::Browse);
    assert_eq!(app.current().unwrap().id, app.drugs()[drug].id);
    assert_eq!(app.tab, Pane::Faqs);
    assert_eq!(app.focus, Focus::Pane);
    assert_eq!(app.faq_cursor, faq);
    assert!(app.faq_open[faq], "that FAQ's answer is open");
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Faqs, "Esc goes back to the FAQs");
}

#[test]
fn help_at_40x12_wraps_and_scrolls_to_its_last_row() {
    let mut app = app_of(&["warfarin"]);
    app.apply(Action::ToggleHelp);
    let first = text(&render(&mut app, 40, 12));
    assert!(first.contains("move in the list,"), "{first}");
    assert!(
        first.contains("scroll the pane"),
        "wrapped, not cut:\n{first}"
    );
    assert!(!first.contains("quit; Ctrl-z"), "{first}");
    app.apply(Action::Bottom);
    let last = text(&render(&mut app, 40, 12));
    assert!(last.contains("quit; Ctrl-z"), "{last}");
    assert!(last.contains("shell (fg resumes)"), "{last}");
    app.apply(Action::Top);
    app.apply(Action::PageDown);
    let paged = text(&render(&mut app, 40, 12));
    assert_ne!(paged, first, "PgDn scrolls");
    app.apply(Action::Back);
    assert_eq!(app.overlay, rxdoc::app::Overlay::None);
    app.apply(Action::ToggleHelp);
    assert_eq!(
        text(&render(&mut app, 40, 12)),
        first,
        "opens at the top again"
    );
}

#[test]
fn backspace_on_an_empty_filter_leaves_it() {
    let mut app = app_of(&["warfarin", "ibuprofen"]);
    app.apply(Action::StartFilter);
    type_text(&mut app, "w");
    app.apply(Action::Backspace);
    assert!(app.editing.is_some(), "one character deleted, still typing");
    app.apply(Action::Backspace);
    assert_eq!(app.editing, None, "nothing left: the input is left");
    assert_eq!(app.matches.len(), 2);
}

#[test]
fn fzf_and_less_keys_move_and_page() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rxdoc::keymap::{Context, map};
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut app = app_of(&["warfarin", "ibuprofen", "metformin"]);
    app.apply(Action::StartFilter);
    for (key, action) in [(ctrl('j'), Action::Down), (ctrl('k'), Action::Up)] {
        assert_eq!(map(key, Context::of(&app)), Some(action), "typing");
    }
    app.apply(Action::Back);
    assert_eq!(map(ctrl('j'), Context::of(&app)), Some(Action::Down));
    app.apply(Action::Open);
    assert_eq!(map(plain('b'), Context::of(&app)), Some(Action::PageUp));
    assert_eq!(map(plain(' '), Context::of(&app)), Some(Action::PageDown));
}

#[test]
fn n_and_shift_n_say_when_they_wrap() {
    let mut app = app_of(&["warfarin"]);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::SideEffects)]);
    render(&mut app, 80, 24);
    app.apply(Action::StartFind);
    type_text(&mut app, "bleed");
    app.apply(Action::Accept);
    let n = app.hits.len();
    assert!(n >= 2, "{n}");
    app.apply(Action::FindPrev);
    let shown = text(&render(&mut app, 80, 24));
    assert!(
        shown.contains(&format!("{n}/{n} wrapped to the bottom")),
        "{shown}"
    );
    app.apply(Action::FindNext);
    let shown = text(&render(&mut app, 80, 24));
    assert!(
        shown.contains(&format!("1/{n} wrapped to the top")),
        "{shown}"
    );
    app.apply(Action::FindNext);
    let shown = text(&render(&mut app, 80, 24));
    assert!(
        shown.contains(&format!("2/{n}")) && !shown.contains("wrapped"),
        "{shown}"
    );
}

/// Where README's key table starts and ends; between them it is made from
/// the key table.
const README_KEYS_BEGIN: &str = "<!-- keys: made from src/keymap/table.rs; RXDOC_WRITE_README=1 cargo test --test keys readme -->\n";
const README_KEYS_END: &str = "<!-- end of keys -->\n";

#[test]
fn the_readme_key_table_is_made_from_the_key_table() {
    let path = support::path("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(README_KEYS_BEGIN)
        .expect("README has the keys' begin mark")
        + README_KEYS_BEGIN.len();
    let end = start
        + readme[start..]
            .find(README_KEYS_END)
            .expect("README has the keys' end mark");
    let made = rxdoc::keymap::KeyBindings::default().markdown();
    if std::env::var_os("RXDOC_WRITE_README").is_some() {
        let updated = format!("{}{made}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    let written = &readme[start..end];
    if written != made {
        let only_readme = written.lines().filter(|l| !made.lines().any(|m| m == *l));
        let only_table = made.lines().filter(|l| !written.lines().any(|w| w == *l));
        let diff: Vec<String> = only_readme
            .map(|l| format!("- {l}"))
            .chain(only_table.map(|l| format!("+ {l}")))
            .collect();
        panic!(
            "README's key table differs from the key table (- README, + table):\n{}\n\
             Regenerate it with: RXDOC_WRITE_README=1 cargo test --test keys readme",
            diff.join("\n")
        );
    }
}

/// Presses keys as the runner does: each mapped in the state the previous
/// ones left, then applied.
fn press(app: &mut rxdoc::app::App, keys: &[&str]) {
    use rxdoc::keymap::{Context, Key, map};
    for name in keys {
        let key: Key = name.parse().unwrap();
        let modifiers = if key.ctrl {
            crossterm::event::KeyModifiers::CONTROL
        } else {
            crossterm::event::KeyModifiers::NONE
        };
        let event = crossterm::event::KeyEvent::new(key.code, modifiers);
        if let Some(action) = map(event, Context::of(app)) {
            app.apply(action);
        }
    }
}

/// Presses each character of `text` as a key.
fn press_text(app: &mut rxdoc::app::App, text: &str) {
    let keys: Vec<String> = text.chars().map(String::from).collect();
    press(app, &keys.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn a_typo_in_the_filter_is_mended_where_it_is() {
    let mut app = app_of(&["warfarin", "ibuprofen", "metformin"]);
    render(&mut app, 80, 24);
    press(&mut app, &["/"]);
    press_text(&mut app, "warfrn");
    press(&mut app, &["←", "←"]);
    press_text(&mut app, "a");
    press(&mut app, &["End", "←"]);
    press_text(&mut app, "i");
    assert_eq!(app.filter.text(), "warfarin");
    press(&mut app, &["Home", "Delete", "Ctrl-e"]);
    press_text(&mut app, "!");
    assert_eq!(app.filter.text(), "arfarin!");
    press(&mut app, &["Ctrl-h", "Ctrl-a"]);
    press_text(&mut app, "w");
    assert_eq!(app.filter.text(), "warfarin");
    press(&mut app, &["Enter"]);
    assert_eq!(app.current().unwrap().id, "warfarin");
    assert_eq!(app.focus, Focus::Pane);
}

#[test]
fn ctrl_w_and_ctrl_u_delete_a_word_and_back_to_the_start_from_the_cursor() {
    let mut app = app_of(&["warfarin"]);
    press(&mut app, &["s"]);
    press_text(&mut app, "yellow skin rash");
    press(&mut app, &["←", "←", "←", "←", "←", "Ctrl-w"]);
    assert_eq!(app.search.input.text(), "yellow  rash");
    press(&mut app, &["→", "Ctrl-u"]);
    assert_eq!(app.search.input.text(), "rash");
    // On the FAQ browser too, where Ctrl-e is the end of the line.
    press(&mut app, &["Esc", "Esc", "F"]);
    press_text(&mut app, "miss");
    press(&mut app, &["Ctrl-a"]);
    press_text(&mut app, "a ");
    press(&mut app, &["Ctrl-e"]);
    press_text(&mut app, "ed");
    assert_eq!(app.faqs.as_ref().unwrap().input.text(), "a missed");
}

#[test]
fn the_terminal_cursor_is_in_the_input_being_typed_and_hidden_otherwise() {
    let mut app = app_of(&["warfarin", "ibuprofen"]);
    assert_eq!(support::cursor(&mut app, 80, 24), None);
    press(&mut app, &["/"]);
    press_text(&mut app, "wa");
    // The list's block starts at column 0; its filter line is row 1, after "/ ".
    assert_eq!(support::cursor(&mut app, 80, 24), Some((5, 1)));
    press(&mut app, &["←"]);
    assert_eq!(support::cursor(&mut app, 80, 24), Some((4, 1)));
    press(&mut app, &["F1"]);
    assert_eq!(support::cursor(&mut app, 80, 24), None, "under the help");
    press(&mut app, &["Esc", "Enter", "/"]);
    press_text(&mut app, "ble");
    // Find is typed in the hint bar, row 22 of 24, after "Find: ".
    assert_eq!(support::cursor(&mut app, 80, 24), Some((9, 22)));
}

#[test]
fn a_wide_character_moves_the_cursor_two_columns() {
    let mut app = app_of(&["warfarin"]);
    press(&mut app, &["s"]);
    press_text(&mut app, "薬x");
    let (x, y) = support::cursor(&mut app, 80, 24).unwrap();
    press(&mut app, &["←"]);
    assert_eq!(support::cursor(&mut app, 80, 24), Some((x - 1, y)));
    press(&mut app, &["←"]);
    assert_eq!(support::cursor(&mut app, 80, 24), Some((x - 3, y)));
}

/// A left click at a column and row of a screen of `width`×`height`, as the
/// runner maps it, then applied.
fn click(app: &mut rxdoc::app::App, (width, height): (u16, u16), column: u16, row: u16) {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let event = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    if let Some(action) = rxdoc::ui::mouse_action(area, app, event) {
        app.apply(action);
    }
}

/// The screen row that shows `needle`.
fn row_of(shown: &str, needle: &str) -> u16 {
    let row = shown.lines().position(|l| l.contains(needle));
    u16::try_from(row.unwrap_or_else(|| panic!("no {needle:?} in:\n{shown}"))).unwrap()
}

#[test]
fn clicking_a_faq_question_expands_it_and_clicking_again_folds_it() {
    let mut app = app_of(&["warfarin"]);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Faqs)]);
    let question: String = app.current().unwrap().faqs[1]
        .question
        .chars()
        .take(20)
        .collect();
    let size = (100, 40);
    let row = row_of(&text(&render(&mut app, size.0, size.1)), &question);
    click(&mut app, size, 60, row);
    assert_eq!(app.faq_cursor, 1);
    assert!(app.faq_open[1], "expanded");
    // A click on the answer changes nothing; on the question, it folds.
    let shown = text(&render(&mut app, size.0, size.1));
    click(&mut app, size, 60, row + 2);
    assert_eq!(text(&render(&mut app, size.0, size.1)), shown);
    click(&mut app, size, 60, row);
    assert!(!app.faq_open[1], "folded");
}

#[test]
fn clicks_expand_faqs_in_the_faq_browser_and_select_search_results() {
    let mut app = app_of(&["warfarin", "ibuprofen"]);
    app.apply(Action::OpenFaqBrowser);
    let size = (80, 24);
    let shown = text(&render(&mut app, size.0, size.1));
    let f = app.faqs.as_ref().unwrap();
    let (drug, faq) = f.visible[1];
    let question: String = app.drugs()[drug].faqs[faq]
        .question
        .chars()
        .take(20)
        .collect();
    click(&mut app, size, 10, row_of(&shown, &question));
    let f = app.faqs.as_ref().unwrap();
    assert_eq!(f.cursor, 1);
    assert!(f.open.contains(&(drug, faq)), "expanded");

    app.apply(Action::Back);
    app.apply(Action::StartSearch);
    type_text(&mut app, "bleeding");
    render(&mut app, size.0, size.1);
    assert!(app.search.len() >= 2);
    // Border and input line, then the first result: row 3 is the second.
    click(&mut app, size, 10, 3);
    assert_eq!(app.search.selected, 1);
}

#[test]
fn m_turns_the_mouse_off_and_says_how_to_copy_text() {
    let mut app = app_of(&["warfarin"]);
    assert!(app.mouse, "on by default");
    press(&mut app, &["m"]);
    assert!(!app.mouse);
    let shown = text(&render(&mut app, 80, 24));
    assert!(
        shown.contains("Mouse off: drag to select text and copy it (m turns it back on)"),
        "{shown}"
    );
    press(&mut app, &["j"]);
    let shown = text(&render(&mut app, 80, 24));
    assert!(!shown.contains("Mouse off"), "said once:\n{shown}");
    press(&mut app, &["m"]);
    assert!(app.mouse);
    assert!(text(&render(&mut app, 80, 24)).contains("Mouse on: the wheel scrolls"));
    // Typing, m is a letter.
    press(&mut app, &["/", "m"]);
    assert!(app.mouse);
    assert_eq!(app.filter.text(), "m");
}

/// A browser on Warfarin's pane, with its export prompt's file name
/// replaced by `path`.
fn exporting_to(path: &std::path::Path) -> rxdoc::app::App {
    let mut app = app_of(&["warfarin"]);
    press(&mut app, &["Enter", "x"]);
    assert_eq!(app.export.as_ref().unwrap().path.text(), "warfarin.html");
    press(&mut app, &["Ctrl-u"]);
    app.paste(&path.to_string_lossy());
    app.settle();
    app
}

#[test]
fn x_exports_a_handout_and_tab_changes_its_format() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("warfarin.html");
    let mut app = exporting_to(&target);
    press(&mut app, &["Tab"]);
    let md = dir.path().join("warfarin.md");
    assert_eq!(
        app.export.as_ref().unwrap().path.text(),
        md.to_string_lossy()
    );
    press(&mut app, &["Enter"]);
    assert!(app.export.is_none(), "closed");
    let written = std::fs::read_to_string(&md).unwrap();
    assert!(written.starts_with("# Warfarin"), "{written}");
    assert!(!target.exists());
    let shown = text(&render(&mut app, 200, 24));
    assert!(
        shown.contains(&format!("Wrote {}", md.display())),
        "{shown}"
    );
}

#[test]
fn an_existing_file_is_replaced_only_after_a_yes() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("handout.txt");
    std::fs::write(&target, "mine").unwrap();
    let mut app = exporting_to(&target);
    press(&mut app, &["Enter"]);
    assert_eq!(app.overlay, rxdoc::app::Overlay::ConfirmReplace);
    // Keys other than y or n do nothing; n keeps the file.
    press(&mut app, &["Enter", "q", "n"]);
    assert!(!app.quit);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert!(text(&render(&mut app, 200, 24)).contains("Kept "));
    let mut app = exporting_to(&target);
    press(&mut app, &["Enter", "y"]);
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(
        written.contains("WARFARIN") || written.contains("Warfarin"),
        "{written}"
    );
    assert_ne!(written, "mine");
}

#[test]
fn a_file_that_cannot_be_written_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no such dir").join("w.html");
    let mut app = exporting_to(&target);
    press(&mut app, &["Enter"]);
    assert!(app.export.is_none());
    let shown = text(&render(&mut app, 200, 24));
    let line = shown
        .lines()
        .find(|l| l.contains("Could not write"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(line.contains(&target.display().to_string()), "{line}");
}

#[test]
fn a_reported_path_and_error_are_escaped() {
    // Typed text cannot hold such characters; a name or an error from the
    // system might.
    let mut app = app_of(&["warfarin"]);
    app.message = Some(rxdoc::app::Message::ExportFailed {
        path: "x\u{202e}lmth.exe".into(),
        error: "bad\u{1b}[2J".into(),
    });
    let shown = text(&render(&mut app, 200, 24));
    assert!(
        shown.contains("Could not write x\\u{202e}lmth.exe: bad\\e[2J"),
        "{shown}"
    );
}

#[test]
fn esc_cancels_the_export_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("w.html");
    let mut app = exporting_to(&target);
    press(&mut app, &["Esc"]);
    assert!(app.export.is_none());
    assert!(!target.exists());
    assert_eq!(app.overlay, rxdoc::app::Overlay::None);
}
