//! Rendered frames on a test backend: snapshots of every screen, every size
//! without a panic, and key sequences through `App::apply`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use rxdoc::app::{Action, App, Focus, Overlay, Screen, Status, Update, loader};
use rxdoc::keymap::KeyBindings;
use rxdoc::load::{Library, Progress, Source};
use rxdoc::pane::Pane;
use rxdoc::search::fulltext::Index;
use rxdoc::theme::Theme;
use rxdoc::ui::{self, Areas};

#[path = "support/screen.rs"]
mod support;
use support::{apply_all, path, render, text, text_and_cursor, type_text};

const TESTAMOL: &str = "tests/fixtures/good/testamol.toml";
const INOTUZUMAB: &str = "data/inotuzumab-ozogamicin.toml";

/// A library that does not change when the bundled data grows.
fn library() -> Library {
    Library::load(&[Source::Path(path(INOTUZUMAB)), Source::Path(path(TESTAMOL))])
}

fn app() -> App {
    App::new(library())
}

/// The steps of background loading for [`library`], in order.
fn loading_steps() -> Vec<Update> {
    let mut updates = Vec::new();
    loader::load_library(library(), &mut |u| updates.push(u));
    updates
}

/// Part-way through reading files.
fn loading_app() -> App {
    let mut app = App::starting();
    app.receive(Update::Progress(Progress {
        done: 640,
        total: 1000,
    }));
    app
}

/// The list loaded, the index still building, a search typed.
fn indexing_app() -> App {
    let mut app = App::starting();
    let loaded = loading_steps().into_iter().next().unwrap();
    app.receive(loaded);
    apply_all(&mut app, &[Action::StartSearch]);
    type_text(&mut app, "sore");
    app
}

/// The index a quarter built, a search typed.
fn indexing_progress_app() -> App {
    let mut app = indexing_app();
    app.receive(Update::Indexing(Progress {
        done: 2500,
        total: 10000,
    }));
    app
}

/// Makes a browser showing one screen.
type MakeScreen = Box<dyn Fn() -> App>;

/// Every screen the browser can show, by name, and how to reach it.
fn screens() -> Vec<(&'static str, MakeScreen)> {
    let mut screens: Vec<(&'static str, MakeScreen)> = action_screens()
        .into_iter()
        .map(|(name, actions)| -> (&'static str, MakeScreen) {
            (
                name,
                Box::new(move || {
                    let mut app = app();
                    apply_all(&mut app, &actions);
                    app
                }),
            )
        })
        .collect();
    screens.push(("loading", Box::new(loading_app)));
    screens.push(("indexing_search", Box::new(indexing_app)));
    screens.push(("indexing_progress", Box::new(indexing_progress_app)));
    screens
}

/// The screens reached by actions on a loaded browser.
fn action_screens() -> Vec<(&'static str, Vec<Action>)> {
    use Action::*;
    let mut screens = vec![("list", vec![])];
    for pane in Pane::ALL {
        let name = match pane {
            Pane::Usage => "usage",
            Pane::SideEffects => "side_effects",
            Pane::HowItWorks => "how_it_works",
            Pane::Faqs => "faqs",
            Pane::BeforeYouTake => "before_you_take",
            Pane::Contraception => "contraception",
        };
        screens.push((name, vec![Open, Tab(pane)]));
    }
    screens.push((
        "filter",
        vec![StartFilter, Type('b'), Type('e'), Type('s'), Type('p')],
    ));
    screens.push((
        "filter_no_match",
        vec![StartFilter, Type('z'), Type('z'), Type('z')],
    ));
    screens.push(("help", vec![ToggleHelp]));
    screens.push((
        "find",
        vec![
            Open,
            Tab(Pane::SideEffects),
            StartFind,
            Type('b'),
            Type('l'),
            Type('o'),
        ],
    ));
    screens.push(("faqs_expanded", vec![Open, Tab(Pane::Faqs), ToggleAllFaqs]));
    screens.push((
        "search",
        vec![StartSearch, Type('s'), Type('o'), Type('r'), Type('e')],
    ));
    screens.push(("search_empty", vec![StartSearch]));
    screens.push(("faq_browser", vec![OpenFaqBrowser, Down, Accept]));
    // "testmol" mended to "testamol" in the middle: the cursor stays there.
    let mut mended = vec![StartFilter];
    mended.extend("testmol".chars().map(Type));
    mended.extend([CursorLeft, CursorLeft, CursorLeft, Type('a')]);
    screens.push(("filter_mended", mended));
    screens.push(("export_prompt", vec![Open, StartExport]));
    // Inotuzumab (the list's first drug) and Testamol: nothing found, said
    // honestly; then a name being typed, with what Enter would add.
    let mut check = vec![OpenInteractions];
    check.extend("testix".chars().map(Type));
    check.push(Accept);
    screens.push(("interactions_nothing_found", check));
    let mut typing = vec![OpenInteractions];
    typing.extend("tes".chars().map(Type));
    screens.push(("interactions_typing", typing));
    // Testamol compared with inotuzumab: side by side at 80 columns, one
    // after the other at 40.
    let mut compare = vec![Open, Tab(Pane::BeforeYouTake), StartCompare];
    compare.extend("testix".chars().map(Type));
    compare.push(Accept);
    screens.push(("compare", compare));
    let mut compare_typing = vec![StartCompare];
    compare_typing.extend("tes".chars().map(Type));
    screens.push(("compare_typing", compare_typing));
    // README.md is there (tests run in the package's directory): the prompt
    // asks before replacing it, and nothing is written without a y.
    let mut replace = vec![Open, StartExport, DeleteToStart];
    replace.extend("README.md".chars().map(Type));
    replace.push(Accept);
    screens.push(("export_confirm", replace));
    screens
}

#[test]
fn snapshots_of_every_screen_at_80x24_and_40x12() {
    for (name, make) in screens() {
        for (w, h) in [(80, 24), (40, 12)] {
            let mut app = make();
            let shown = text_and_cursor(&mut app, w, h);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
        }
    }
}

#[test]
fn load_problem_notice_snapshot() {
    let mut lib = library();
    let bad = Library::load(&[Source::Path(path("tests/fixtures/bad/syntax.toml"))]);
    lib.diagnostics = bad
        .diagnostics
        .into_iter()
        .map(|mut d| {
            d.location.path = "pharmacy/syntax.toml".into();
            d
        })
        .collect();
    let mut app = App::new(lib);
    assert_eq!(app.overlay, Overlay::Notice);
    insta::assert_snapshot!("notice_80x24", text(&render(&mut app, 80, 24)));
    app.apply(Action::Back);
    let after = text(&render(&mut app, 80, 24));
    assert!(
        after.contains("1 load problem (!)"),
        "marker stays after dismissing:\n{after}"
    );
}

#[test]
fn every_screen_renders_at_every_size_with_the_disclaimer() {
    // Thousands of distinct sizes would thrash ratatui's small layout cache.
    ratatui::layout::Layout::init_cache(std::num::NonZeroUsize::new(200_000).unwrap());
    let theme = Theme::monochrome();
    let keys = KeyBindings::default();
    for (name, make) in screens() {
        let mut app = make();
        for w in 1..=120 {
            for h in 1..=40 {
                // Straight into a buffer: the same drawing code, without the
                // terminal diffing that would make 4,800 sizes slow.
                let area = Rect::new(0, 0, w, h);
                app.set_viewport(Areas::new(area, &app).viewport(&app, &keys));
                let mut buf = Buffer::empty(area);
                ui::render(area, &mut buf, &app, &theme, &keys);
                // The disclaimer is always the bottom line; the short form
                // needs 18 columns.
                if w >= 18 {
                    let bottom: String = (0..w).map(|x| buf[(x, h - 1)].symbol()).collect();
                    assert!(
                        bottom.contains("Not medical advice"),
                        "{name} at {w}x{h}:\n{}",
                        text(&buf)
                    );
                }
            }
        }
    }
}

#[test]
fn filter_open_tab_scroll_back() {
    let mut app = app();
    render(&mut app, 80, 24);
    app.apply(Action::StartFilter);
    type_text(&mut app, "besponsa");
    assert_eq!(app.matches.len(), 1);
    app.apply(Action::Accept);
    assert_eq!(app.focus, Focus::Pane);
    assert_eq!(app.current().unwrap().id, "inotuzumab-ozogamicin");
    app.apply(Action::Tab(Pane::SideEffects));
    app.apply(Action::PageDown);
    assert!(app.scroll() > 0);
    app.apply(Action::Top);
    assert_eq!(app.scroll(), 0);
    app.apply(Action::Bottom);
    let bottom = app.scroll();
    app.apply(Action::Down);
    assert_eq!(app.scroll(), bottom, "never scrolls past the end");
    app.apply(Action::Back);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.tab, Pane::SideEffects);
}

#[test]
fn typos_and_aliases_find_the_drug() {
    for query in ["besponsa", "inotuzmab", "ozogamacin", "OZOGAMICIN", "cd22"] {
        let mut app = app();
        app.apply(Action::StartFilter);
        type_text(&mut app, query);
        let top = app.current().map(|m| m.id.clone());
        assert_eq!(top.as_deref(), Some("inotuzumab-ozogamicin"), "{query}");
    }
    let mut app = app();
    app.apply(Action::StartFilter);
    type_text(&mut app, "xqzv");
    assert!(app.matches.is_empty());
    app.apply(Action::Back);
    assert_eq!(app.matches.len(), 2, "Esc clears the filter");
}

#[test]
fn find_in_pane_counts_and_cycles_matches() {
    let mut app = app();
    render(&mut app, 80, 24);
    apply_all(
        &mut app,
        &[
            Action::Open,
            Action::Tab(Pane::SideEffects),
            Action::StartFind,
        ],
    );
    type_text(&mut app, "blood");
    app.apply(Action::Accept);
    let n = app.hits.len();
    assert!(n >= 3, "{n}");
    assert_eq!(app.hit_index, 0);
    app.apply(Action::FindNext);
    assert_eq!(app.hit_index, 1);
    app.apply(Action::FindPrev);
    app.apply(Action::FindPrev);
    assert_eq!(app.hit_index, n - 1, "wraps around");
    let shown = text(&render(&mut app, 80, 24));
    assert!(shown.contains(&format!("{n}/{n}")), "{shown}");
    app.apply(Action::Back);
    assert!(app.hits.is_empty(), "Esc clears the find first");
    assert_eq!(app.focus, Focus::Pane);
}

#[test]
fn faqs_expand_one_and_all() {
    let mut app = app();
    render(&mut app, 80, 24);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Faqs)]);
    assert!(app.faq_open.iter().all(|o| !o));
    apply_all(&mut app, &[Action::Down, Action::Open]);
    assert_eq!(app.faq_cursor, 1);
    assert!(app.faq_open[1] && !app.faq_open[0]);
    app.apply(Action::ToggleAllFaqs);
    assert!(app.faq_open.iter().all(|o| *o));
    app.apply(Action::ToggleAllFaqs);
    assert!(app.faq_open.iter().all(|o| !o));
}

#[test]
fn resize_keeps_selection_tab_and_scroll() {
    let mut app = app();
    render(&mut app, 100, 30);
    apply_all(
        &mut app,
        &[
            Action::Open,
            Action::Tab(Pane::SideEffects),
            Action::Down,
            Action::Down,
        ],
    );
    render(&mut app, 120, 40);
    assert_eq!(app.current().unwrap().id, "inotuzumab-ozogamicin");
    assert_eq!(app.tab, Pane::SideEffects);
    assert_eq!(app.scroll(), 2);
    render(&mut app, 30, 5);
    render(&mut app, 100, 30);
    assert_eq!(app.scroll(), 2);
}

#[test]
fn mouse_clicks_select_drugs_and_tabs() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    render(&mut app, 100, 30);
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let area = Rect::new(0, 0, 100, 30);
    // Second row of the list.
    assert_eq!(
        ui::mouse_action(area, &app, click(3, 2)),
        Some(Action::ClickRow(1))
    );
    app.apply(Action::ClickRow(1));
    assert_eq!(app.current().unwrap().id, "testamol");
    // Find the "FAQs" tab on screen and click it.
    let shown = text(&render(&mut app, 100, 30));
    let (row, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("How it Works") && l.contains("│FAQs│"))
        .unwrap_or_else(|| panic!("no tab row:\n{shown}"));
    let byte = line.find("FAQs").unwrap();
    let column = u16::try_from(line[..byte].chars().count()).expect("on screen");
    let action = ui::mouse_action(
        area,
        &app,
        click(column, u16::try_from(row).expect("on screen")),
    );
    assert_eq!(action, Some(Action::ClickTab(Pane::Faqs)));
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click(60, 20)
    };
    assert_eq!(
        ui::mouse_action(area, &app, wheel),
        Some(Action::ScrollPane(1))
    );
}

/// The tab row of the pane, trailing border and padding trimmed.
fn tab_row(shown: &str) -> String {
    let row = shown
        .lines()
        .find(|l| l.contains("FAQs"))
        .unwrap_or_else(|| panic!("no tab row:\n{shown}"));
    // The row's part inside the pane's border.
    let inner = row.rsplit("││").next().unwrap_or(row);
    inner.trim_end_matches('│').trim_end().to_string()
}

#[test]
fn tab_labels_at_80_100_and_120_columns() {
    for width in [80, 100, 120] {
        let rows: Vec<String> = Pane::ALL
            .into_iter()
            .map(|pane| {
                let mut app = app();
                apply_all(&mut app, &[Action::Open, Action::Tab(pane)]);
                let row = tab_row(&text(&render(&mut app, width, 30)));
                assert!(row.contains(pane.title()), "the active tab in full: {row}");
                format!("{:<16}{row}", pane.title())
            })
            .collect();
        insta::assert_snapshot!(format!("tabs_{width}"), rows.join("\n"));
    }
}

#[test]
fn clicking_a_short_label_opens_its_tab() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    apply_all(&mut app, &[Action::Open]);
    let shown = text(&render(&mut app, 80, 24));
    let (row, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Mechanism"))
        .unwrap_or_else(|| panic!("no short labels at 80 columns:\n{shown}"));
    let column =
        u16::try_from(line[..line.find("Mechanism").unwrap()].chars().count()).expect("on screen");
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: column + 4,
        row: u16::try_from(row).expect("on screen"),
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        ui::mouse_action(Rect::new(0, 0, 80, 24), &app, click),
        Some(Action::ClickTab(Pane::HowItWorks))
    );
}

/// A buffer's text, then each run of cells styled other than plainly: its
/// row, columns, style and text, so a snapshot pins colours and emphasis.
fn styled(buf: &Buffer) -> String {
    use ratatui::style::{Color, Modifier};
    let describe = |fg: Color, bg: Color, mods: Modifier| {
        let mut parts = Vec::new();
        if fg != Color::Reset {
            parts.push(format!("fg={fg}"));
        }
        if bg != Color::Reset {
            parts.push(format!("bg={bg}"));
        }
        if !mods.is_empty() {
            parts.push(format!("{mods:?}"));
        }
        parts.join(" ")
    };
    let mut out = text(buf);
    out.push_str("---\n");
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let style = describe(cell.fg, cell.bg, cell.modifier);
            let start = x;
            let mut run = String::new();
            while x < buf.area.width {
                let c = &buf[(x, y)];
                if describe(c.fg, c.bg, c.modifier) != style {
                    break;
                }
                run.push_str(c.symbol());
                x += 1;
            }
            if !style.is_empty() && !run.trim().is_empty() {
                out.push_str(&format!(
                    "{y:>2} {start:>2}-{:<2} {style}: {}\n",
                    x - 1,
                    run.trim()
                ));
            }
        }
    }
    out
}

#[test]
fn the_light_and_monochrome_themes() {
    for (name, theme) in [
        ("light", Theme::light()),
        ("monochrome", Theme::monochrome()),
    ] {
        let mut app = app();
        apply_all(&mut app, &[Action::Open, Action::Tab(Pane::SideEffects)]);
        let buf = support::render_with(&mut app, 80, 24, &theme);
        insta::assert_snapshot!(format!("theme_{name}_80x24"), styled(&buf));
    }
}

#[test]
fn the_drug_class_is_readable_in_the_header_at_80_columns() {
    let mut app = support::app_of(&["acetaminophen"]);
    app.apply(Action::Open);
    let shown = text(&render(&mut app, 80, 24));
    insta::assert_snapshot!("header_acetaminophen_80x24", shown);
    assert!(
        shown.contains("Class Pain reliever and fever reducer (analgesic,"),
        "its own line when there is room:\n{shown}"
    );
    // Shorter: one line shared, the class keeping half of it.
    let shown = text(&render(&mut app, 80, 18));
    let line = shown.lines().find(|l| l.contains("Brands")).unwrap();
    assert!(line.contains("Class Pain reliever and…"), "{line}");
    assert!(line.contains("Brands Tylenol, Panadol,…"), "{line}");
}

#[test]
fn contraception_chart_and_the_no_contraception_line() {
    let mut app = app();
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Contraception)]);
    let shown = text(&render(&mut app, 100, 40));
    assert!(
        shown.contains("█ 8 months")
            && shown.contains("█ 5 months")
            && shown.contains("█ 2 months")
    );
    let mut other = self::app();
    apply_all(
        &mut other,
        &[Action::Down, Action::Open, Action::Tab(Pane::Contraception)],
    );
    let shown = text(&render(&mut other, 100, 40));
    let pane = pane_lines(&shown);
    assert_eq!(
        pane,
        [
            "Pregnancy",
            "Ask your doctor before use in pregnancy.",
            "Breastfeeding",
            "Ask your doctor before breastfeeding.",
            "Contraception",
            "No specific contraception is needed.",
        ],
        "{shown}"
    );
}

/// The text of the pane below the tab row, each line trimmed of borders
/// and the scrollbar; blank lines left out.
fn pane_lines(shown: &str) -> Vec<String> {
    shown
        .lines()
        .skip_while(|l| !l.contains("FAQs"))
        .skip(1)
        .map(|l| l.rsplit("││").next().unwrap_or(l))
        .map(|l| l.trim_matches(['│', '║', '█', '└', '┘', ' ']).to_string())
        .filter(|l| !l.is_empty() && !l.contains("──"))
        .take_while(|l| !l.contains("Not medical advice") && !l.contains(" help"))
        .collect()
}

#[test]
fn a_drug_that_needs_no_contraception_opens_with_pregnancy_and_breastfeeding() {
    let mut app = support::app_of(&["ibuprofen"]);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Contraception)]);
    let shown = text(&render(&mut app, 80, 24));
    insta::assert_snapshot!("contraception_not_needed_80x24", shown);
    // The whole pane, on a taller screen.
    let shown = text(&render(&mut app, 80, 60));
    let pane = pane_lines(&shown);
    let headings: Vec<&str> = pane
        .iter()
        .map(String::as_str)
        .filter(|l| ["Pregnancy", "Breastfeeding", "Fertility", "Contraception"].contains(l))
        .collect();
    assert_eq!(
        headings,
        ["Pregnancy", "Breastfeeding", "Fertility", "Contraception"],
        "{shown}"
    );
    assert_eq!(
        shown.matches("No specific contraception").count(),
        1,
        "{shown}"
    );
}

#[test]
fn search_then_enter_lands_on_the_pane_scrolled_to_the_match() {
    let mut app = app();
    render(&mut app, 100, 24);
    app.apply(Action::StartSearch);
    // The reporting line closes every Side Effects pane, below its first screen.
    type_text(&mut app, "report to the FDA");
    render(&mut app, 100, 24);
    assert!(!app.search.is_empty());
    assert_eq!(
        app.search.current().map(|h| h.pane),
        Some(Pane::SideEffects)
    );
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 24));
    assert_eq!(app.screen, Screen::Browse);
    assert_eq!(app.tab, Pane::SideEffects);
    assert!(app.scroll() > 0, "scrolled to the match");
    assert!(shown.contains("1-800-FDA-1088"), "{shown}");
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Search, "Esc returns to the results");
    assert_eq!(app.search.input.text(), "report to the FDA");
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Browse, "Esc again to the list");
    assert_eq!(app.focus, Focus::List);
}

#[test]
fn search_hit_in_a_faq_opens_that_answer() {
    let mut app = app();
    render(&mut app, 100, 24);
    app.apply(Action::StartSearch);
    type_text(&mut app, "appointment");
    app.apply(Action::Accept);
    render(&mut app, 100, 24);
    assert_eq!(app.tab, Pane::Faqs);
    assert_eq!(app.faq_cursor, 2);
    assert!(app.faq_open[2]);
}

#[test]
fn faq_browser_lists_filters_and_expands() {
    let mut app = app();
    render(&mut app, 100, 30);
    app.apply(Action::OpenFaqBrowser);
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("FAQs · 9 questions"), "{shown}");
    assert!(shown.contains("Testamol") && shown.contains("Is it real?"));
    assert!(shown.contains("Not medical advice"));
    type_text(&mut app, "overdose");
    let faqs = app.faqs.as_ref().unwrap();
    assert_eq!(faqs.visible.len(), 1);
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 30));
    assert!(
        shown.contains("▾ What happens if I get too much (overdose)?"),
        "{shown}"
    );
    assert!(
        shown.contains("prepared and given by trained staff"),
        "{shown}"
    );
    app.apply(Action::Back);
    assert!(
        app.faqs.as_ref().unwrap().input.is_empty(),
        "Esc clears the filter first"
    );
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn the_browser_is_usable_while_loading_and_search_waits_for_the_index() {
    let mut app = App::starting();
    assert_eq!(app.status, Status::Loading(Progress::default()));
    // Typing during loading is kept, not lost.
    apply_all(&mut app, &[Action::StartFilter]);
    type_text(&mut app, "besp");
    let mut steps = loading_steps().into_iter();
    app.receive(steps.next().unwrap());
    assert!(matches!(app.status, Status::Indexing(_)));
    assert_eq!(app.current().unwrap().id, "inotuzumab-ozogamicin");
    apply_all(&mut app, &[Action::Back, Action::Back, Action::StartSearch]);
    type_text(&mut app, "sore");
    assert!(app.search.is_empty(), "no index yet");
    app.receive(steps.next().unwrap());
    assert_eq!(app.status, Status::Ready);
    assert!(!app.search.is_empty(), "the waiting query runs");
    // A late progress report changes nothing once the index is there.
    app.receive(Update::Indexing(Progress { done: 1, total: 2 }));
    assert_eq!(app.status, Status::Ready);
}

#[test]
fn search_shows_how_far_the_index_has_got() {
    let screen = text(&render(&mut indexing_progress_app(), 80, 24));
    assert!(
        screen.contains("25%") && screen.contains("2500 of 10000 monographs"),
        "{screen}"
    );
    assert!(screen.contains("Not medical advice"));
    let mut app = indexing_progress_app();
    app.receive(Update::Indexing(Progress {
        done: 10000,
        total: 10000,
    }));
    let screen = text(&render(&mut app, 80, 24));
    assert!(
        screen.contains("100%") && screen.contains("writing it out"),
        "{screen}"
    );
}

#[test]
fn loading_counts_files_and_reports_problems_when_done() {
    let lib = Library::load(&[Source::Path(path("tests/fixtures/bad/syntax.toml"))]);
    let mut app = App::starting();
    let screen = text(&render(&mut loading_app(), 80, 24));
    assert!(
        screen.contains("64%")
            && screen.contains("Loading monographs…")
            && screen.contains("640 of 1000 files"),
        "{screen}"
    );
    loader::load_library(lib, &mut |u| app.receive(u));
    assert_eq!(app.overlay, Overlay::Notice);
}

#[test]
fn search_results_are_made_as_they_come_on_screen() {
    let mut app = App::new(Library::load(&[Source::Bundled]));
    render(&mut app, 100, 12);
    app.apply(Action::StartSearch);
    type_text(&mut app, "take");
    let first = text(&render(&mut app, 100, 12));
    let height = usize::from(app.viewport().list_height);
    assert!(
        app.search.len() > height + 1,
        "enough results to scroll: {} in {height}",
        app.search.len()
    );
    let made = |app: &App| {
        app.search
            .from_offset()
            .map(|(h, _)| h.is_some())
            .collect::<Vec<_>>()
    };
    let rows = made(&app);
    assert!(rows[..height].iter().all(|m| *m), "{rows:?}");
    assert!(!rows[rows.len() - 1], "the last result is not made yet");
    app.apply(Action::Bottom);
    let last = text(&render(&mut app, 100, 12));
    assert!(made(&app).iter().all(|m| *m), "the rows now shown are made");
    assert_ne!(first, last);
    assert!(app.search.current().is_some());
}

#[test]
fn tab_opens_out_a_drugs_other_matching_passages_and_folds_them_again() {
    let mut app = App::new(Library::load(&[Source::Bundled]));
    render(&mut app, 100, 30);
    app.apply(Action::StartSearch);
    type_text(&mut app, "warfarin");
    render(&mut app, 100, 30);
    let drugs = app.search.len();
    let first = app.search.current().cloned().expect("a first result");
    assert!(
        first.more > 0,
        "the named drug has more passages: {first:?}"
    );
    assert_eq!(app.drugs()[first.drug].id, "warfarin");

    app.apply(Action::ToggleMore);
    let shown = text(&render(&mut app, 100, 30));
    assert_eq!(app.search.len(), drugs + first.more, "+N more are N rows");
    assert!(
        shown.contains("   ↳ "),
        "opened-out rows sit under their drug:\n{shown}"
    );
    app.apply(Action::Down);
    render(&mut app, 100, 30);
    let nested = app
        .search
        .current()
        .cloned()
        .expect("an opened-out passage");
    assert_eq!(nested.drug, first.drug, "the rows under a drug are its own");
    assert_ne!(nested.passage, first.passage);

    app.apply(Action::ToggleMore);
    render(&mut app, 100, 30);
    assert_eq!(
        app.search.len(),
        drugs,
        "Tab on an opened-out row folds them"
    );
    assert_eq!(app.search.current().map(|h| h.drug), Some(first.drug));
}

#[test]
fn the_faq_browser_finds_questions_by_the_rule_of_every_search() {
    let mut app = App::new(Library::load(&[Source::Bundled]));
    render(&mut app, 100, 30);
    app.apply(Action::OpenFaqBrowser);
    type_text(&mut app, "administered");
    let shown = text(&render(&mut app, 100, 30));
    assert!(
        shown.contains("How is it given?"),
        "a staff word finds the everyday one:\n{shown}"
    );
    let library = Library::load(&[Source::Bundled]);
    let index = Index::build(library.monographs(), library.synonyms.clone());
    let visible = &app.faqs.as_ref().expect("the FAQ browser").visible;
    let mut expected = index.faqs("administered");
    expected.sort_unstable();
    assert_eq!(
        visible, &expected,
        "the browser shows what `rxdoc faq` prints"
    );
}

/// A library with `count` load problems, each naming its own file.
fn app_with_problems(count: usize) -> App {
    let mut lib = library();
    let bad = Library::load(&[Source::Path(path("tests/fixtures/bad/syntax.toml"))]);
    let problem = &bad.diagnostics[0];
    lib.diagnostics = (1..=count)
        .map(|i| {
            let mut d = problem.clone();
            d.location.path = format!("pharmacy/problem-{i}.toml");
            d
        })
        .collect();
    App::new(lib)
}

#[test]
fn a_hundred_thousand_load_problems_scroll_and_the_hints_stop_before_the_marker() {
    let mut app = app_with_problems(100_000);
    assert_eq!(app.overlay, Overlay::Notice);
    let screen = text(&render(&mut app, 80, 24));
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[1].contains("These files could not be loaded"),
        "{screen}"
    );
    assert!(screen.contains("problem-1.toml:"), "{screen}");
    // The advice and which problems are shown stay on screen, apart.
    let footer = lines
        .iter()
        .find(|l| l.contains("Fix them and run"))
        .unwrap_or_else(|| panic!("no advice:\n{screen}"));
    let rows = usize::from(app.viewport().notice_rows);
    assert!(rows >= 10, "{rows}");
    assert!(footer.contains(&format!(" 1–{rows} of 100000")), "{screen}");
    // The hint bar shows whole hints, then a gap, then the marker.
    let hints = lines[22];
    let (keys, marker) = hints.split_once('⚠').expect("marker");
    assert!(
        keys.ends_with("  ") && keys.trim_end().ends_with("s search"),
        "{hints:?}"
    );
    assert_eq!(marker.trim(), "100000 load problems (!)");

    apply_all(&mut app, &[Action::PageDown, Action::Down]);
    let screen = text(&render(&mut app, 80, 24));
    let first = rows + 2;
    assert!(
        screen.contains(&format!("problem-{first}.toml:")),
        "{screen}"
    );
    assert!(
        !screen.contains(&format!("problem-{}.toml:", first - 1)),
        "{screen}"
    );
    let shown = format!(" {first}–{} of 100000", first + rows - 1);
    assert!(screen.contains(&shown), "{screen}");
    apply_all(&mut app, &[Action::Bottom]);
    let screen = text(&render(&mut app, 80, 24));
    assert!(screen.contains("problem-100000.toml:"), "{screen}");
    assert!(screen.contains("Fix them and run"), "{screen}");
    apply_all(&mut app, &[Action::Top]);
    assert_eq!(app.notice_offset, 0);
    app.apply(Action::Back);
    assert_eq!(app.overlay, Overlay::None);
    app.apply(Action::ShowNotice);
    assert_eq!(app.notice_offset, 0);
}

#[test]
fn an_unreviewed_import_is_marked_in_the_header_with_its_source() {
    let page = std::fs::read_to_string(path("tests/fixtures/import/site/pregabalex.md")).unwrap();
    let today = "2026-01-01".parse().unwrap();
    let (monograph, _) = rxdoc::import::convert("pages/pregabalex.md", &page, today)
        .pop()
        .unwrap()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pregabalex.toml");
    std::fs::write(&file, rxdoc::export::toml::render(&monograph).unwrap()).unwrap();
    let mut app = App::new(Library::load(&[Source::Path(file)]));
    apply_all(&mut app, &[Action::Open]);
    let shown = text(&render(&mut app, 160, 24));
    assert!(shown.contains("IMPORTED, NOT REVIEWED"), "{shown}");
    assert!(
        shown.contains("Source web page pages/pregabalex.md, imported 2026-01-01"),
        "{shown}"
    );
    assert!(
        shown.contains("Class —"),
        "a missing class is a dash: {shown}"
    );

    let mut reviewed = self::app();
    apply_all(&mut reviewed, &[Action::Open]);
    let shown = text(&render(&mut reviewed, 160, 24));
    assert!(
        !shown.contains("NOT REVIEWED") && shown.contains("Reviewed 20"),
        "{shown}"
    );
}

#[test]
fn the_interaction_check_adds_by_brand_finds_by_class_and_removes_with_backspace() {
    let mut app = support::app_of(&["warfarin", "ibuprofen", "acetaminophen"]);
    render(&mut app, 100, 40);
    apply_all(&mut app, &[Action::StartFilter]);
    type_text(&mut app, "warfarin");
    apply_all(
        &mut app,
        &[Action::Accept, Action::Back, Action::OpenInteractions],
    );
    type_text(&mut app, "advil");
    let shown = text(&render(&mut app, 100, 40));
    assert!(shown.contains("Enter adds: Ibuprofen"), "{shown}");
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 40));
    assert!(
        shown.contains("Interaction check · Warfarin + Ibuprofen"),
        "{shown}"
    );
    // The first finding is warfarin's own entry, matched by ibuprofen's class.
    let pair = shown.find("│Warfarin + Ibuprofen").expect("pair heading");
    let first = &shown[pair..];
    let source = first
        .find("Warfarin's monograph, Medicines and products that interact")
        .expect("source");
    assert!(
        source < first.find("Ibuprofen's monograph").expect("other side"),
        "{first}"
    );
    assert!(first.contains("(the label: ask first)"), "{first}");
    let marked = highlighted(&mut app, 100, 40);
    assert!(marked.contains(&"NSAIDs".to_string()), "{marked:?}");
    // A third drug: every pair is shown, each once.
    type_text(&mut app, "tylenol");
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 60));
    assert!(
        shown.contains("Warfarin + Ibuprofen + Acetaminophen"),
        "{shown}"
    );
    // The same drug by another name counts once, and says so.
    type_text(&mut app, "coumadin");
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 40));
    assert!(
        shown.contains("Warfarin is already in the check, counted once"),
        "{shown}"
    );
    // Backspace on the empty line removes the last added.
    app.apply(Action::Backspace);
    let shown = text(&render(&mut app, 100, 40));
    assert!(shown.contains("Removed Acetaminophen"), "{shown}");
    assert!(
        shown.contains("Interaction check · Warfarin + Ibuprofen "),
        "{shown}"
    );
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn an_unknown_name_adds_nothing_and_says_so() {
    let mut app = support::app_of(&["warfarin", "ibuprofen"]);
    render(&mut app, 100, 30);
    app.apply(Action::OpenInteractions);
    type_text(&mut app, "zzqx");
    let shown = text(&render(&mut app, 100, 30));
    assert!(
        shown.contains("No drug, food or drink by that name."),
        "{shown}"
    );
    app.apply(Action::Accept);
    let shown = text(&render(&mut app, 100, 30));
    assert!(
        shown.contains("No drug, food or drink named \"zzqx\""),
        "{shown}"
    );
    assert!(shown.contains("Not medical advice"), "{shown}");
}

/// Words drawn in the dark theme's highlight (black on yellow), in screen
/// order.
fn highlighted(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let buf = support::render_with(app, width, height, &Theme::dark());
    let mut words = Vec::new();
    for y in 0..buf.area.height {
        let mut word = String::new();
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.bg == ratatui::style::Color::Yellow {
                word.push_str(cell.symbol());
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

#[test]
fn compare_shows_one_section_of_two_drugs_side_by_side_or_one_after_the_other() {
    let mut app = support::app_of(&["ibuprofen", "naproxen", "warfarin"]);
    render(&mut app, 120, 40);
    apply_all(&mut app, &[Action::Open, Action::Tab(Pane::Contraception)]);
    assert_eq!(app.current().map(|m| m.id.as_str()), Some("ibuprofen"));
    app.apply(Action::StartCompare);
    assert_eq!(app.screen, Screen::CompareWith);
    type_text(&mut app, "aleve");
    let shown = text(&render(&mut app, 120, 40));
    assert!(shown.contains("Enter compares with: Naproxen"), "{shown}");
    app.apply(Action::Accept);
    assert_eq!(app.screen, Screen::Compare);
    let shown = text(&render(&mut app, 120, 40));
    assert!(
        shown.contains("Compare · Ibuprofen and Naproxen"),
        "{shown}"
    );
    // Side by side: both headings on one row.
    let row = shown
        .lines()
        .find(|l| l.contains("Ibuprofen · Contraception"))
        .expect("heading row");
    assert!(row.contains("Naproxen · Contraception"), "{shown}");
    // Narrow: one after the other, the first drug's section first.
    let shown = text(&render(&mut app, 60, 60));
    let (first, second) = (
        shown.find("Ibuprofen · Contraception").expect("first"),
        shown.find("Naproxen · Contraception").expect("second"),
    );
    assert!(first < second, "{shown}");
    assert!(!shown[..second].lines().any(|l| l.contains("Naproxen ·")));
    // Sections switch for both at once; Esc goes back to the list.
    app.apply(Action::NextTab);
    let shown = text(&render(&mut app, 120, 40));
    assert!(
        shown.contains("Ibuprofen · Usage") && shown.contains("Naproxen · Usage"),
        "{shown}"
    );
    assert!(shown.contains("Not medical advice"), "{shown}");
    app.apply(Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn compare_never_offers_the_drug_itself_and_esc_while_typing_goes_back() {
    let mut app = support::app_of(&["ibuprofen", "naproxen"]);
    render(&mut app, 100, 30);
    app.apply(Action::StartCompare);
    type_text(&mut app, "ibuprofen");
    let shown = text(&render(&mut app, 100, 30));
    assert!(!shown.contains("Enter compares with: Ibuprofen"), "{shown}");
    app.apply(Action::Accept);
    assert_eq!(app.screen, Screen::CompareWith, "nothing to choose");
    apply_all(&mut app, &[Action::Back, Action::Back]);
    assert_eq!(app.screen, Screen::Browse);
}

/// A directory holding Inotuzumab (listed first) and Testamol.
fn two_drugs() -> tempfile::TempDir {
    dir_with(&[INOTUZUMAB, TESTAMOL])
}

/// A directory holding copies of `files` (paths in the repository).
fn dir_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in files {
        copy_into(dir.path(), file);
    }
    dir
}

/// Renames Testamol in `dir`'s copy of its file: the file no longer lists
/// what a catalogue made before says.
fn rename_testamol(dir: &std::path::Path) {
    let file = dir.join("testamol.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    let renamed = before.replace("name = \"Testamol\"", "name = \"Otheramol\"");
    assert_ne!(renamed, before);
    std::fs::write(&file, renamed).unwrap();
}

/// Copies `file` (a path in the repository) into `dir`, under its name.
fn copy_into(dir: &std::path::Path, file: &str) {
    let name = std::path::Path::new(file).file_name().unwrap();
    std::fs::copy(path(file), dir.join(name)).unwrap();
}

/// The catalogue of `dir`'s monographs, as stored beside their index.
fn catalogue_of(dir: &std::path::Path) -> rxdoc::cache::catalogue::Catalogue {
    let library = Library::load(&[Source::Path(dir.to_path_buf())]);
    rxdoc::cache::catalogue::Catalogue::of(&library)
}

/// A browser listing `catalogue`'s drugs, as with a stored catalogue and
/// index current: nothing is read but the drug shown.
fn listed_app(catalogue: rxdoc::cache::catalogue::Catalogue) -> App {
    let mut app = App::starting();
    app.receive(Update::Listed(Box::new(loader::Loaded::listing(catalogue))));
    app
}

#[test]
fn a_listed_drug_is_read_from_its_file_when_shown() {
    let dir = two_drugs();
    let mut app = listed_app(catalogue_of(dir.path()));
    assert!(!app.monographs_whole());
    let at = app.drugs().iter().position(|m| m.id == "testamol").unwrap();
    assert!(app.content(at).is_none(), "not read before it is shown");
    apply_all(&mut app, &[Action::StartFilter]);
    type_text(&mut app, "testix");
    assert_eq!(app.current().unwrap().id, "testamol");
    assert!(app.content(at).is_some(), "read when shown");
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("Once a day with water"), "{shown}");
    assert!(shown.contains(rxdoc::DISCLAIMER_SHORT), "{shown}");
}

#[test]
fn a_listed_drug_whose_file_changed_says_so_and_shows_nothing_else() {
    let dir = dir_with(&[TESTAMOL]);
    let catalogue = catalogue_of(dir.path());
    // Renamed after the list was made: the list no longer says what the file does.
    rename_testamol(dir.path());
    let mut app = listed_app(catalogue);
    render(&mut app, 100, 30);
    assert!(app.current().is_none());
    let why = app.current_problem().expect("a problem");
    assert!(
        why.contains("testamol.toml") && why.contains("changed"),
        "{why}"
    );
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("Could not read"), "{shown}");
    assert!(!shown.contains("Once a day with water"), "{shown}");
    app.apply(Action::StartExport);
    assert!(app.export.is_none(), "nothing to export");
    // Said in the message line too, cut with "…" where it does not fit.
    let shown = text(&render(&mut app, 60, 20));
    let said = shown
        .lines()
        .find(|l| l.contains("Could not read Testamol"));
    assert!(said.is_some_and(|l| l.trim_end().ends_with('…')), "{shown}");
}

#[test]
fn the_faq_browser_opened_before_the_list_has_every_listed_drug_read_once_the_index_is_in() {
    let dir = two_drugs();
    let library = Library::load(&[Source::Path(dir.path().to_path_buf())]);
    let index = Index::build(library.monographs(), library.synonyms.clone());
    let mut app = App::starting();
    app.apply(Action::OpenFaqBrowser);
    app.receive(Update::Listed(Box::new(loader::Loaded::listing(
        rxdoc::cache::catalogue::Catalogue::of(&library),
    ))));
    // The loader may yet read every file itself: not asked twice.
    assert!(app.take_read_all().is_none());
    app.receive(Update::Indexed(Box::new(index)));
    let job = app.take_read_all().expect("asked once the index is in");
    assert!(app.take_read_all().is_none(), "asked once");
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("Reading every monograph"), "{shown}");
    app.receive(Update::Read(job.run()));
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("Is it real?"), "{shown}");
    assert!(shown.contains(rxdoc::DISCLAIMER_SHORT), "{shown}");
}

#[test]
fn files_that_came_between_the_list_and_their_reading_close_what_named_a_drug_by_place() {
    let dir = dir_with(&[TESTAMOL]);
    std::fs::write(
        dir.path().join("broken.toml"),
        "id = \"broken\"\nname = [\n",
    )
    .unwrap();
    let mut app = listed_app(catalogue_of(dir.path()));
    assert_eq!(app.overlay, Overlay::Notice, "the catalogue's problem");
    app.apply(Action::Back);
    app.apply(Action::StartExport);
    assert!(app.export.is_some());
    // Read whole after another drug came: its place moved Testamol's.
    copy_into(dir.path(), INOTUZUMAB);
    let library = Library::load(&[Source::Path(dir.path().to_path_buf())]);
    let mut updates = Vec::new();
    loader::load_library(library, &mut |u| updates.push(u));
    for update in updates {
        app.receive(update);
    }
    assert!(app.export.is_none(), "the prompt named a place, not a drug");
    assert_eq!(
        app.overlay,
        Overlay::None,
        "the same problem is not shown again"
    );
    assert_eq!(
        app.current().map(|m| m.id.as_str()),
        Some("inotuzumab-ozogamicin")
    );
}

#[test]
fn a_file_changed_before_the_faq_browser_reads_it_joins_the_load_problems() {
    let dir = two_drugs();
    let library = Library::load(&[Source::Path(dir.path().to_path_buf())]);
    let index = Index::build(library.monographs(), library.synonyms.clone());
    let mut app = listed_app(rxdoc::cache::catalogue::Catalogue::of(&library));
    app.receive(Update::Indexed(Box::new(index)));
    app.apply(Action::OpenFaqBrowser);
    let job = app.take_read_all().expect("Testamol to read");
    rename_testamol(dir.path());
    app.receive(Update::Read(job.run()));
    assert!(app.monographs_whole());
    let problem = app.diagnostics.last().expect("a load problem");
    assert!(
        problem.location.path.ends_with("testamol.toml"),
        "{problem}"
    );
    assert!(problem.message.contains("changed"), "{problem}");
    let shown = text(&render(&mut app, 100, 30));
    assert!(shown.contains("1 load problem"), "{shown}");
    assert!(!shown.contains("Is it real?"), "{shown}");
}
