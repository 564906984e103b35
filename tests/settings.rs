//! The settings file as a user meets it: found, shown and checked from the
//! command line; a bad one never stops rxdoc; `--color` and `NO_COLOR`; and
//! its keys in the browser's help and hint bar.

use assert_cmd::Command;
use predicates::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use rxdoc::app::{Action, App};
use rxdoc::keymap::KeyBindings;
use rxdoc::load::{Library, Source};
use rxdoc::settings::parse;
use rxdoc::settings::resolve::{Overrides, resolve};
use rxdoc::theme::Theme;
use rxdoc::ui::{self, Areas};

#[path = "support/screen.rs"]
mod support;
use support::{path, text};

const EXAMPLE: &str = include_str!("../docs/config.example.toml");

/// rxdoc with no settings file but the one a test names.
fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env_remove("RXDOC_CONFIG")
        .env_remove("NO_COLOR")
        .env("XDG_CONFIG_HOME", path("tests/fixtures/no-such-dir"))
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"));
    cmd
}

/// A settings file in a fresh directory.
fn settings_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, text).expect("the settings file is written");
    (dir, file)
}

#[test]
fn config_path_names_the_file_in_the_configuration_directory() {
    rxdoc()
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(format!(
            "{}\n",
            path("tests/fixtures/no-such-dir/rxdoc/config.toml").display()
        ))
        .stderr(predicate::str::contains("no settings file there yet"));
    rxdoc()
        .args(["config", "path"])
        .env("RXDOC_CONFIG", "/etc/rx.toml")
        .assert()
        .success()
        .stdout("/etc/rx.toml\n");
    rxdoc()
        .args(["--config", "mine.toml", "config", "path"])
        .env("RXDOC_CONFIG", "/etc/rx.toml")
        .assert()
        .stdout("mine.toml\n");
}

#[test]
fn color_always_beats_no_color_and_never_is_monochrome() {
    let (_dir, file) = settings_file("theme = \"light\"\n");
    let config = file.to_str().unwrap();
    let theme_line = |args: &[&str], no_color: bool| {
        let mut cmd = rxdoc();
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd
            .args(["--config", config])
            .args(args)
            .args(["config", "show"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        stdout
            .lines()
            .find(|l| l.starts_with("theme = "))
            .unwrap()
            .to_string()
    };
    assert_eq!(theme_line(&[], false), "theme = \"light\"  # settings file");
    assert_eq!(
        theme_line(&[], true),
        "theme = \"monochrome\"  # environment: NO_COLOR"
    );
    assert_eq!(
        theme_line(&["--color", "always"], true),
        "theme = \"light\"  # settings file"
    );
    assert_eq!(
        theme_line(&["--color=never"], false),
        "theme = \"monochrome\"  # command line: --color never"
    );
    rxdoc()
        .args(["--color", "sometimes", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "[possible values: auto, always, never]",
        ));
}

#[test]
fn a_bad_settings_file_is_reported_where_it_is_wrong_and_rxdoc_still_runs() {
    let (_dir, file) = settings_file("theme = \"blue\"\ntabs = \"faqs\"\nmouse = tru\n");
    let config = file.display().to_string();
    let out = rxdoc()
        .args(["--config", &config, "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the list is still printed");
    assert!(String::from_utf8_lossy(&out.stdout).contains("warfarin"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!(
            "warning: {config}:1:9: `theme` takes \"dark\", \"light\" or \"monochrome\", not \"blue\"; using the default"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "warning: {config}:2:1: unknown setting `tabs`; did you mean `tab`?"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("warning: {config}:3:9: ")),
        "{stderr}"
    );
    // `config show` checks the file: the same problems, exit status 1.
    rxdoc()
        .args(["--config", &config, "config", "show"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("theme = \"dark\"  # default"))
        .stderr(predicate::str::contains(":2:1: unknown setting `tabs`"));
}

#[test]
fn a_named_settings_file_that_is_missing_is_a_warning_and_the_usual_one_is_not() {
    rxdoc()
        .args(["--config", "/no/such/rxdoc.toml", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: /no/such/rxdoc.toml: cannot read: No such file",
        ));
    // Piped, `list` says only its count and the disclaimer on stderr.
    rxdoc()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn data_directories_in_the_settings_file_are_loaded_from_its_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    std::fs::copy(
        path("tests/fixtures/good/testamol.toml"),
        dir.path().join("mine/testamol.toml"),
    )
    .unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "data = [\"mine\"]\n").unwrap();
    rxdoc()
        .args(["--config", file.to_str().unwrap(), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("testamol"));
    rxdoc()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("testamol").not());
}

#[test]
fn the_example_settings_file_is_the_one_in_the_readme_and_has_no_problem() {
    let (settings, problems) = parse("config.toml", EXAMPLE.as_bytes(), &Default::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(settings.theme.is_some() && settings.tab.is_some() && settings.mouse.is_some());
    assert!(!settings.data.is_empty() && !settings.keys.is_empty());
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```toml\n{EXAMPLE}```")),
        "README's Settings section shows docs/config.example.toml as it is"
    );
}

/// The browser drawn with the keys and theme a settings file gives.
fn draw_with(app: &mut App, keys: &KeyBindings, theme: &Theme, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    app.set_viewport(Areas::new(area, app).viewport(app, keys));
    let mut buf = Buffer::empty(area);
    ui::render(area, &mut buf, app, theme, keys);
    buf
}

#[test]
fn remapped_keys_work_and_show_in_the_help_and_the_hint_bar() {
    let file = "[keys]\nsearch = \"S\"\nquit = [\"X\", \"Ctrl-q\"]\n";
    let (settings, problems) = parse("config.toml", file.as_bytes(), &Default::default());
    assert!(problems.is_empty(), "{problems:?}");
    let keys = resolve(&settings, &Overrides::default()).key_bindings();
    let mut app = App::new(Library::load(&[Source::Path(path(
        "tests/fixtures/good/testamol.toml",
    ))]));
    let theme = Theme::monochrome();
    let shown = text(&draw_with(&mut app, &keys, &theme, 100, 30));
    let hints = shown.lines().rev().nth(1).unwrap();
    assert!(
        hints.contains("S search") && hints.contains("X quit"),
        "{hints}"
    );
    app.apply(Action::ToggleHelp);
    let help = text(&draw_with(&mut app, &keys, &theme, 100, 40));
    let quit_row = help.lines().find(|l| l.contains("quit;")).unwrap();
    let (row_keys, _) = quit_row.trim_matches(['│', ' ']).split_once("  ").unwrap();
    assert_eq!(
        row_keys.split_whitespace().collect::<Vec<_>>(),
        ["X", "Ctrl-q", "Ctrl-c", "Ctrl-z"],
        "q no longer quits:\n{help}"
    );
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let cx = rxdoc::keymap::Context::of(&App::new(Library::default()));
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(keys.map(key('S'), cx), Some(Action::StartSearch));
    assert_eq!(keys.map(key('s'), cx), None);
    assert_eq!(keys.map(key('X'), cx), Some(Action::Quit));
    assert_eq!(keys.map(key('x'), cx), Some(Action::StartExport));
}
