//! Habits in a real terminal: the mouse given back to the terminal to
//! select text, and a handout exported from the browser, with the cursor in
//! the prompt. Plain functions: the harness that includes this file runs
//! each as a test, with its `Tmux` driver and `shell_command`.

use super::{Tmux, shell_command};

/// `m` turns the terminal's mouse reporting off and on: tmux says whether
/// the program in the pane asked for mouse events.
pub fn m_gives_the_mouse_back_to_the_terminal_and_takes_it_again() {
    let tmux = Tmux::start("mouse", &shell_command());
    tmux.wait_for("Not medical advice");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1", "on at start");
    tmux.keys(&["m"]);
    tmux.wait_for("Mouse off: drag to select text");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "0");
    tmux.keys(&["m"]);
    tmux.wait_for("Mouse on:");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    tmux.keys(&["q"]);
    tmux.assert_restored();
}

/// `x` on Warfarin, a file name typed over the default, Enter: the handout
/// is written, and a second time only after `y`.
pub fn x_writes_a_handout_and_asks_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("warfarin.md");
    let tmux = Tmux::start("export", &shell_command());
    tmux.wait_for("Not medical advice");
    tmux.keys(&["/", "warfarin", "Enter", "x"]);
    tmux.wait_for("File: warfarin.html");
    // The cursor is shown, after the file name.
    assert_eq!(tmux.display("#{cursor_flag}"), "1");
    tmux.keys(&["C-u", &target.display().to_string(), "Enter"]);
    tmux.wait_for("Wrote ");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# Warfarin"), "{written}");
    std::fs::write(&target, "mine").unwrap();
    tmux.keys(&["x", "C-u", &target.display().to_string(), "Enter"]);
    tmux.wait_for("already exists. Replace it?");
    tmux.keys(&["n"]);
    tmux.wait_for("Kept ");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    tmux.keys(&["x", "C-u", &target.display().to_string(), "Enter"]);
    tmux.wait_for("Replace it?");
    tmux.keys(&["y"]);
    tmux.wait_for("Wrote ");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Warfarin")
    );
    tmux.keys(&["q"]);
    tmux.assert_restored();
}

/// `i` on Warfarin opens the interaction check with it; a brand typed and
/// Enter adds its drug, and the finding names the class that matched;
/// Backspace on the empty line takes it out again.
pub fn i_checks_interactions_as_names_are_typed() {
    let tmux = Tmux::start("interactions", &shell_command());
    tmux.wait_for("Not medical advice");
    tmux.keys(&["/", "warfarin", "Enter"]);
    // Warfarin's monograph is shown: the library has loaded.
    tmux.wait_for("WAR-far-in");
    tmux.keys(&["Escape", "i"]);
    tmux.wait_for("Interaction check · Warfarin");
    tmux.keys(&["advil"]);
    tmux.wait_for("Enter adds: Ibuprofen");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Warfarin + Ibuprofen");
    assert!(screen.contains("Warfarin's monograph"), "{screen}");
    assert!(screen.contains("NSAIDs"), "{screen}");
    assert!(screen.contains("Not medical advice"), "{screen}");
    tmux.keys(&["BSpace"]);
    tmux.wait_for("Removed Ibuprofen");
    tmux.keys(&["Escape", "q"]);
    tmux.assert_restored();
}
