//! The real binary in a real terminal (tmux): keys in, screen out, and the
//! terminal restored afterwards — on `q`, SIGTERM and SIGHUP.

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::external::{Program, Suite};

/// What every test here runs: tmux, and in its pane the shell and the
/// commands of [`shell_command`].
const IN_TMUX: &[Program] = &[
    Program(&["tmux"]),
    Program(&["sh"]),
    Program(&["env"]),
    Program(&["stty"]),
    Program(&["tr"]),
    Program(&["grep"]),
    Program(&["sed"]),
    Program(&["sleep"]),
];
/// Finding rxdoc's pid and signalling it (procps on Debian).
const SIGNALS: &[Program] = &[Program(&["pgrep"]), Program(&["kill"])];
/// Job control needs an interactive shell with it.
const JOB_CONTROL: &[Program] = &[Program(&["bash"])];

/// Adds this file's tests to `suite`.
pub fn add(suite: &mut Suite) {
    add_tests!(suite;
        filter_open_contraception_and_quit_restores_the_terminal needs [IN_TMUX],
        a_large_library_loads_in_the_background_without_losing_keys needs [IN_TMUX],
        sigterm_and_sighup_restore_the_terminal needs [IN_TMUX, SIGNALS],
        closing_the_terminal_ends_the_process needs [IN_TMUX, SIGNALS],
        ctrl_z_suspends_with_the_terminal_restored_and_fg_resumes needs [IN_TMUX, JOB_CONTROL],
        a_burst_of_two_thousand_keys_moves_two_thousand_rows needs [IN_TMUX],
        a_paste_goes_into_the_filter_as_text needs [IN_TMUX],
        a_long_paste_does_not_stall_the_browser needs [IN_TMUX],
        sigtstp_and_sigcont_from_outside_restore_and_retake_the_terminal needs [IN_TMUX, SIGNALS, JOB_CONTROL],
        a_settings_file_sets_tab_keys_and_mouse_and_its_problems_are_shown needs [IN_TMUX],
        m_gives_the_mouse_back_to_the_terminal_and_takes_it_again needs [IN_TMUX],
        x_writes_a_handout_and_asks_before_replacing_it needs [IN_TMUX],
        i_checks_interactions_as_names_are_typed needs [IN_TMUX],
    );
    pager::add(suite);
}

#[path = "tmux_cases/habits.rs"]
mod habits;
#[path = "tmux_cases/input.rs"]
mod input;
#[path = "tmux_cases/pager.rs"]
mod pager;

/// A tmux server of our own, so tests never touch the user's sessions.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, command: &str) -> Self {
        let tmux = Tmux {
            socket: format!("rxdoc-test-{name}-{}", std::process::id()),
        };
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            command,
        ]);
        tmux
    }

    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", "t", key]);
            sleep(Duration::from_millis(50));
        }
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    fn display(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", format])
            .trim()
            .to_string()
    }

    /// Waits until the screen contains `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// The pid of rxdoc, the shell's child in the pane.
    fn rxdoc_pid(&self) -> String {
        let shell = self.display("#{pane_pid}");
        let out = Command::new("pgrep")
            .args(["-P", &shell, "rxdoc"])
            .output()
            .expect("pgrep");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn assert_restored(&self) {
        // The shell prints the exit status, then the tty mode: wait for the last.
        let screen = self.wait_for("MODE ");
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "alternate screen left:\n{screen}"
        );
        assert_eq!(self.display("#{cursor_flag}"), "1", "cursor shown");
        assert!(
            screen.contains("MODE icanon"),
            "raw mode turned off:\n{screen}"
        );
        assert!(!screen.contains("\u{1b}"), "no stray escape sequences");
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

/// Runs rxdoc in the pane, then reports how it exited and the tty mode.
fn shell_command() -> String {
    shell_command_with("", "")
}

/// [`shell_command`] with extra `NAME=value` settings and arguments.
fn shell_command_with(env: &str, args: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_rxdoc");
    let no_settings = crate::command::NO_SETTINGS;
    format!(
        "env -u RXDOC_DATA -u RXDOC_CONFIG XDG_CONFIG_HOME={no_settings} NO_COLOR=1 {env} {bin} {args}; echo EXITED $?; \
         stty -a | tr ' ' '\\n' | grep -x -- '-\\{{0,1\\}}icanon' | sed 's/^/MODE /'; sleep 60"
    )
}

fn filter_open_contraception_and_quit_restores_the_terminal() {
    let tmux = Tmux::start("quit", &shell_command());
    tmux.wait_for("Not medical advice");
    tmux.keys(&["/", "besponsa"]);
    tmux.wait_for("/ besponsa");
    tmux.keys(&["Enter", "6"]);
    let screen = tmux.wait_for("8 months");
    assert!(screen.contains("Not medical advice"), "{screen}");
    assert!(
        screen.contains("5 months") && screen.contains("2 months"),
        "{screen}"
    );
    tmux.keys(&["?"]);
    let help = tmux.wait_for("Keys");
    assert!(help.contains("Not medical advice"), "{help}");
    tmux.keys(&["Escape", "q"]);
    tmux.assert_restored();
    assert!(tmux.screen().contains("EXITED 0"));
}

fn a_settings_file_sets_tab_keys_and_mouse_and_its_problems_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(
        &file,
        "tab = \"faqs\"\nmouse = false\nthme = \"light\"\n[keys]\nsearch = \"S\"\n",
    )
    .unwrap();
    let args = format!("--config {}", file.display());
    let tmux = Tmux::start("settings", &shell_command_with("", &args));
    // A bad line is told where load problems are, and the rest applies.
    let screen = tmux.wait_for("did you mean `theme`?");
    assert!(
        screen.contains("config.toml:3:1: unknown setting `thme`"),
        "{screen}"
    );
    assert_eq!(
        tmux.display("#{mouse_any_flag}"),
        "0",
        "mouse = false leaves the mouse to the terminal"
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("S search");
    tmux.keys(&["Enter"]);
    // Drugs open on the FAQs tab: its questions are listed.
    tmux.wait_for("▸ ");
    tmux.keys(&["S"]);
    tmux.wait_for("Search everywhere");
    tmux.keys(&["Escape", "Escape", "q"]);
    tmux.assert_restored();
    assert!(tmux.screen().contains("EXITED 0"));
}

fn a_large_library_loads_in_the_background_without_losing_keys() {
    let dir = input::numbered_library("Drug", 3000);
    let cache = tempfile::tempdir().unwrap();
    let env = format!("RXDOC_CACHE_DIR={}", cache.path().display());
    let args = format!("--data {}", dir.path().display());
    // The first start builds and stores the search index; the second reads it.
    for start in ["first", "second"] {
        let tmux = Tmux::start(&format!("large-{start}"), &shell_command_with(&env, &args));
        tmux.wait_for("Not medical advice");
        // Typed straight away, possibly before the list exists: kept, not lost.
        tmux.keys(&["/", "Drug 2999"]);
        let screen = tmux.wait_for(&format!("/{} drugs", 3000 + input::bundled_count()));
        assert!(screen.contains("Drug 2999"), "{screen}");
        assert!(screen.contains("Not medical advice"), "{screen}");
        // A name only the generated library has: the bundled monographs
        // would fill the screen for a symptom.
        tmux.keys(&["Escape", "Escape", "s", "Drug 0000"]);
        // The title counts results once the index is ready; the message
        // shown while it is built says "results" too, so wait for the count.
        let screen = tmux.wait_for("Search everywhere ·");
        assert!(screen.contains("Drug 0000"), "{start} start:\n{screen}");
        let stored = std::fs::read_dir(cache.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension() == Some("idx".as_ref()))
            .count();
        assert_eq!(stored, 1, "{start} start: the index is stored");
        // The second start parses no file: the FAQ browser has them read.
        tmux.keys(&["Escape", "Escape", "F", "real"]);
        let screen = tmux.wait_for("Is it real?");
        assert!(screen.contains("Not medical advice"), "{screen}");
        tmux.keys(&["Escape", "Escape", "Escape", "q"]);
        tmux.assert_restored();
    }
}

fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let tmux = Tmux::start(&signal.to_lowercase(), &shell_command());
        tmux.wait_for("Not medical advice");
        let pid = tmux.rxdoc_pid();
        assert!(!pid.is_empty(), "rxdoc is running");
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(killed.success());
        tmux.assert_restored();
    }
}

fn closing_the_terminal_ends_the_process() {
    let tmux = Tmux::start("hangup", &shell_command());
    tmux.wait_for("Not medical advice");
    let pid = tmux.rxdoc_pid();
    assert!(!pid.is_empty(), "rxdoc is running");
    // The terminal vanishes without rxdoc being told (no SIGHUP reaches it
    // when the server is killed); it must notice and exit, not spin.
    tmux.run(&["kill-server"]);
    let start = Instant::now();
    let alive = || {
        Command::new("kill")
            .args(["-0", &pid])
            // "No such process" is the answer awaited, not news.
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    while alive() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "rxdoc {pid} still running after its terminal closed"
        );
        sleep(Duration::from_millis(100));
    }
}

fn ctrl_z_suspends_with_the_terminal_restored_and_fg_resumes() {
    // Job control needs an interactive shell, as a user has.
    let tmux = Tmux::start("suspend", "env PS1='$ ' bash --norc --noprofile -i");
    tmux.wait_for("$");
    tmux.run(&[
        "send-keys",
        "-t",
        "t",
        "-l",
        &shell_command().replace("; sleep 60", ""),
    ]);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Not medical advice");
    tmux.keys(&["C-z"]);
    let screen = tmux.wait_for("Stopped");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "terminal handed back while suspended:\n{screen}"
    );
    tmux.keys(&["fg", "Enter"]);
    let start = Instant::now();
    while tmux.display("#{alternate_on}") != "1" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "rxdoc did not take the screen back"
        );
        sleep(Duration::from_millis(50));
    }
    tmux.wait_for("Not medical advice");
    tmux.keys(&["q"]);
    tmux.assert_restored();
}

fn a_burst_of_two_thousand_keys_moves_two_thousand_rows() {
    input::a_burst_of_two_thousand_keys_moves_two_thousand_rows();
}

fn a_paste_goes_into_the_filter_as_text() {
    input::a_paste_goes_into_the_filter_as_text();
}

fn a_long_paste_does_not_stall_the_browser() {
    input::a_long_paste_does_not_stall_the_browser();
}

fn sigtstp_and_sigcont_from_outside_restore_and_retake_the_terminal() {
    input::sigtstp_and_sigcont_from_outside_restore_and_retake_the_terminal();
}

fn m_gives_the_mouse_back_to_the_terminal_and_takes_it_again() {
    habits::m_gives_the_mouse_back_to_the_terminal_and_takes_it_again();
}

fn x_writes_a_handout_and_asks_before_replacing_it() {
    habits::x_writes_a_handout_and_asks_before_replacing_it();
}

fn i_checks_interactions_as_names_are_typed() {
    habits::i_checks_interactions_as_names_are_typed();
}
