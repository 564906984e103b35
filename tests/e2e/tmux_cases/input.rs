//! Terminal input in a real terminal: bursts of keys, pastes, and being
//! stopped and resumed from outside. Plain functions: the harness that
//! includes this file runs each as a test, with its `Tmux` driver and
//! `shell_command_with`.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::{Tmux, shell_command_with};

/// A data directory of `count` copies of the test drug, named `{prefix}
/// 0000` on; the guard removes it.
pub fn numbered_library(prefix: &str, count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/good/testamol.toml"
    ))
    .unwrap();
    let id_prefix = prefix.to_lowercase();
    for i in 0..count {
        let text = good
            .replace("id = \"testamol\"", &format!("id = \"{id_prefix}-{i:04}\""))
            .replace(
                "name = \"Testamol\"",
                &format!("name = \"{prefix} {i:04}\""),
            );
        std::fs::write(dir.path().join(format!("{id_prefix}-{i:04}.toml")), text).unwrap();
    }
    dir
}

/// rxdoc on `library` in a fresh tmux, once its list is shown.
fn start_on(name: &str, library: &tempfile::TempDir, cache: &tempfile::TempDir) -> Tmux {
    let env = format!("RXDOC_CACHE_DIR={}", cache.path().display());
    let args = format!("--data {}", library.path().display());
    let tmux = Tmux::start(name, &shell_command_with(&env, &args));
    tmux.wait_for("drugs ");
    tmux
}

/// `send-keys -N 2000 j` arrives as one 2,000-byte burst: every key of it
/// moves the selection, not only the first 1,024 bytes' worth.
pub fn a_burst_of_two_thousand_keys_moves_two_thousand_rows() {
    // "Aaa" sorts before every bundled drug: row n is "Aaa n".
    let library = numbered_library("Aaa", 2500);
    let cache = tempfile::tempdir().unwrap();
    let tmux = start_on("burst", &library, &cache);
    tmux.run(&["send-keys", "-t", "t", "-N", "2000", "j"]);
    let screen = tmux.wait_for("Aaa 2000");
    assert!(!screen.contains("Aaa 2001"), "moved too far:\n{screen}");
    tmux.keys(&["q"]);
    tmux.assert_restored();
}

/// Puts `text` in tmux's paste buffer and pastes it as a terminal does,
/// bracketed if the program asked for that.
fn paste(tmux: &Tmux, text: &str) {
    // Through a file: a long text is more than a tmux command may carry.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    let path = file.path().to_str().unwrap();
    tmux.run(&["load-buffer", "-b", "p", path]);
    tmux.run(&["paste-buffer", "-p", "-b", "p", "-t", "t"]);
}

/// A pasted line break is not Enter, and the letters after it are not
/// commands: `q` does not quit.
pub fn a_paste_goes_into_the_filter_as_text() {
    let tmux = Tmux::start("paste", &shell_command_with("", ""));
    tmux.wait_for("Not medical advice");
    tmux.keys(&["/"]);
    paste(&tmux, "warfarin\nquetiapine");
    let screen = tmux.wait_for("/ warfarin quetiapine");
    assert!(!screen.contains("EXITED"), "{screen}");
    tmux.keys(&["Escape", "q"]);
    tmux.assert_restored();
}

/// A 100 KB paste is answered at once, and Esc straight after it is not
/// kept waiting behind it.
pub fn a_long_paste_does_not_stall_the_browser() {
    let library = numbered_library("Aaa", 2000);
    let cache = tempfile::tempdir().unwrap();
    let tmux = start_on("long-paste", &library, &cache);
    tmux.keys(&["/"]);
    let start = Instant::now();
    paste(&tmux, &"aaa 1999\n".repeat(100_000 / 9));
    // Where the input's window starts depends on the list's width.
    tmux.wait_for("aaa 1999 aaa");
    tmux.keys(&["Escape", "Escape"]);
    tmux.wait_for(&format!(" {} drugs ", 2000 + bundled_count()));
    let took = start.elapsed();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    tmux.keys(&["q"]);
    tmux.assert_restored();
}

/// `kill -TSTP` from outside suspends as Ctrl-z does, handing the terminal
/// back; `fg` takes it again and redraws. A `kill -STOP`, which cannot be
/// answered, is followed on `fg` by raw mode and a redraw all the same.
pub fn sigtstp_and_sigcont_from_outside_restore_and_retake_the_terminal() {
    let tmux = Tmux::start("tstp", "env PS1='$ ' bash --norc --noprofile -i");
    tmux.wait_for("$");
    let command = shell_command_with("", "").replace("; sleep 60", "");
    tmux.run(&["send-keys", "-t", "t", "-l", &command]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Not medical advice");
    let pid = tmux.rxdoc_pid();
    assert!(!pid.is_empty(), "rxdoc is running");
    for signal in ["TSTP", "STOP"] {
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        let screen = tmux.wait_for("Stopped");
        if signal == "TSTP" {
            assert_eq!(
                tmux.display("#{alternate_on}"),
                "0",
                "SIGTSTP: terminal not handed back:\n{screen}"
            );
        }
        tmux.run(&["send-keys", "-t", "t", "clear; fg", "Enter"]);
        wait_until(&tmux, "the alternate screen", || {
            tmux.display("#{alternate_on}") == "1"
        });
        // Redrawn: the browser, and nothing of the shell's.
        wait_until(&tmux, "a redraw", || {
            let screen = tmux.screen();
            screen.contains("Not medical advice") && !screen.contains("fg")
        });
        wait_until(&tmux, "raw mode", || tty_mode(&tmux).contains(" -icanon"));
    }
    // The shell does not run the rest of a command line after a job it
    // resumed twice: the terminal's state is checked here instead.
    tmux.keys(&["q"]);
    wait_until(&tmux, "the normal screen", || {
        tmux.display("#{alternate_on}") == "0"
    });
    assert_eq!(tmux.display("#{cursor_flag}"), "1", "cursor shown");
}

/// The settings of the pane's terminal, as `stty -a` shows them.
fn tty_mode(tmux: &Tmux) -> String {
    let tty = tmux.display("#{pane_tty}");
    let out = Command::new("stty")
        .args(["-a", "-F", &tty])
        .output()
        .expect("stty");
    String::from_utf8_lossy(&out.stdout).replace('\n', " ")
}

/// Waits up to ten seconds for `done`, then fails saying what was awaited
/// and showing the screen.
fn wait_until(tmux: &Tmux, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}; screen:\n{}",
            tmux.screen()
        );
        sleep(Duration::from_millis(50));
    }
}

/// How many monographs are bundled: every `data/*.toml` but the tables
/// (synonyms, query words, classes), which are not monographs.
pub fn bundled_count() -> usize {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    std::fs::read_dir(dir)
        .expect("data directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.ends_with(".toml")
                && !["synonyms.toml", "query-words.toml", "classes.toml"].contains(&n.as_str())
        })
        .count()
}
