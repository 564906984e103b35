//! rxdoc at a terminal: it runs on a pseudo-terminal, with a pager that
//! marks every line it is given. `show` and `faq` go through the pager;
//! `list` and `search` print aligned columns and the disclaimer after them.
#![cfg(unix)]

use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// A pager that marks each line, so paged text can be told from printed.
const MARKING: &str = "sed 's/^/PAGED: /'";

/// What rxdoc wrote to its terminal (80×24), and its standard error,
/// when run with `args` and the environment `env` (a `None` value unset).
fn on_terminal(args: &[&str], env: &[(&str, Option<&str>)]) -> (String, String) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("a pseudo-terminal");
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    tcsetwinsize(&master, size).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let terminal = File::options()
        .read(true)
        .write(true)
        .open(name.to_str().unwrap())
        .unwrap();
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("rxdoc"));
    command
        .args(args)
        .env_remove("RXDOC_DATA")
        .env_remove("RXDOC_PAGER")
        .env_remove("PAGER")
        .env_remove("LESS")
        .env("NO_COLOR", "1")
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .stdin(Stdio::null())
        .stdout(terminal)
        .stderr(Stdio::piped());
    for (key, value) in env {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let child = command.spawn().expect("rxdoc runs");
    // Only the child holds the terminal now: reading ends when it and its
    // pager have closed it.
    drop(command);
    let mut screen = Vec::new();
    let mut master = File::from(master);
    let mut buffer = [0; 4096];
    // Linux reports the end of a terminal's output as an error (EIO).
    while let Ok(n @ 1..) = master.read(&mut buffer) {
        screen.extend_from_slice(&buffer[..n]);
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    (
        String::from_utf8_lossy(&screen).replace("\r\n", "\n"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn paged_lines(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with("PAGED: ")).count()
}

#[test]
fn show_on_a_terminal_goes_through_rxdoc_pager_before_pager() {
    let (screen, _) = on_terminal(
        &["show", "warfarin"],
        &[("RXDOC_PAGER", Some(MARKING)), ("PAGER", Some("false"))],
    );
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines.len() > 40, "{screen}");
    assert!(
        lines.iter().all(|l| l.starts_with("PAGED: ")),
        "every line paged:\n{screen}"
    );
    assert_eq!(lines[0], "PAGED: WARFARIN");
    assert!(
        lines[1].starts_with("PAGED: Not medical advice"),
        "{screen}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains("Ask your doctor or pharmacist.")
    );
    let (screen, _) = on_terminal(&["show", "warfarin"], &[("PAGER", Some(MARKING))]);
    assert!(paged_lines(&screen) > 40, "PAGER when RXDOC_PAGER is unset");
}

#[test]
fn no_pager_and_an_empty_or_cat_pager_print_plainly() {
    let plain = |args: &[&str], env: &[(&str, Option<&str>)]| {
        let (screen, _) = on_terminal(args, env);
        assert!(
            screen.starts_with("WARFARIN\n"),
            "{args:?} {env:?}:\n{screen}"
        );
        assert_eq!(paged_lines(&screen), 0, "{args:?} {env:?}");
    };
    plain(
        &["--no-pager", "show", "warfarin"],
        &[("RXDOC_PAGER", Some(MARKING))],
    );
    plain(
        &["show", "warfarin", "--no-pager"],
        &[("PAGER", Some(MARKING))],
    );
    plain(
        &["show", "warfarin"],
        &[("RXDOC_PAGER", Some("")), ("PAGER", Some(MARKING))],
    );
    plain(&["show", "warfarin"], &[("RXDOC_PAGER", Some("cat"))]);
}

#[test]
fn a_pager_that_is_not_installed_leaves_plain_output_and_no_error() {
    let (screen, errors) = on_terminal(
        &["show", "warfarin"],
        &[("RXDOC_PAGER", Some("rxdoc-no-such-pager -R"))],
    );
    assert!(screen.starts_with("WARFARIN\n"), "{screen}");
    assert!(screen.contains("== Side Effects =="), "{screen}");
    assert_eq!(errors, "");
}

#[test]
fn less_is_told_to_quit_on_short_text_unless_the_user_set_less() {
    let pager = Some("echo \"LESS=$LESS\"; cat");
    let (screen, _) = on_terminal(&["show", "warfarin"], &[("RXDOC_PAGER", pager)]);
    assert!(screen.starts_with("LESS=FRX\nWARFARIN\n"), "{screen}");
    let (screen, _) = on_terminal(
        &["show", "warfarin"],
        &[("RXDOC_PAGER", pager), ("LESS", Some("-S"))],
    );
    assert!(screen.starts_with("LESS=-S\nWARFARIN\n"), "{screen}");
}

#[test]
fn faq_is_paged_only_when_longer_than_the_screen() {
    let (short, _) = on_terminal(
        &["faq", "overdose", "--drug", "besponsa"],
        &[("RXDOC_PAGER", Some(MARKING))],
    );
    assert!(short.lines().count() < 24, "{short}");
    assert_eq!(paged_lines(&short), 0, "{short}");
    assert!(short.contains("too much (overdose)"), "{short}");
    let (long, _) = on_terminal(&["faq"], &[("RXDOC_PAGER", Some(MARKING))]);
    assert!(paged_lines(&long) > 24, "{long}");
    assert_eq!(paged_lines(&long), long.lines().count(), "{long}");
}

#[test]
fn a_pipe_is_never_paged() {
    let out = Command::new(assert_cmd::cargo::cargo_bin("rxdoc"))
        .args(["show", "warfarin"])
        .env("RXDOC_PAGER", MARKING)
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .env_remove("RXDOC_DATA")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("WARFARIN\n"), "{text}");
    assert!(!text.contains("PAGED: "), "{text}");
}

#[test]
fn list_and_search_at_a_terminal_are_aligned_and_end_with_the_disclaimer() {
    let pager = [("RXDOC_PAGER", Some(MARKING))];
    let (screen, errors) = on_terminal(&["list"], &pager);
    assert_eq!(paged_lines(&screen), 0, "data is not paged:\n{screen}");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines[0].starts_with("ID ") && lines[0].contains("NAME"),
        "{screen}"
    );
    assert!(!screen.contains('\t'), "{screen}");
    assert!(
        lines.last().unwrap().ends_with(
            "drugs. Not medical advice: general information only. Ask your doctor or pharmacist."
        ),
        "{screen}"
    );
    assert_eq!(errors, "");
    let (screen, errors) = on_terminal(&["search", "yellow", "skin", "--limit", "3"], &pager);
    let rows: Vec<&str> = screen.lines().take(3).collect();
    assert!(
        rows[0].split_whitespace().collect::<Vec<_>>()[..4]
            == ["allopurinol", "side-effects", "[call", "your"],
        "{screen}"
    );
    // Aligned: every row's second column starts at the same place.
    let second = |row: &str| row.find(" side-effects").map(|i| i + 1);
    assert!(
        rows.iter().all(|r| second(r) == second(rows[0])),
        "{screen}"
    );
    assert!(
        screen.contains("\n\n3 of "),
        "counted at a terminal:\n{screen}"
    );
    assert!(
        screen
            .trim_end()
            .ends_with("Ask your doctor or pharmacist."),
        "{screen}"
    );
    assert_eq!(errors, "");
}
