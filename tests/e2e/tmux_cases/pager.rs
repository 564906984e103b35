//! `show` through the real `less`, chosen by default, in a real terminal:
//! a long monograph waits in the pager until `q`; one that fits the
//! screen is printed and `less` quits at once (`LESS=FRX`).

use std::thread::sleep;
use std::time::Duration;

use super::{IN_TMUX, Tmux};
use crate::external::{Program, Suite};

const LESS: Program = Program(&["less"]);

const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

/// Adds this file's tests to `suite`.
pub fn add(suite: &mut Suite) {
    add_tests!(suite;
        a_long_show_waits_in_less_until_q needs [IN_TMUX, &[LESS]],
        a_show_that_fits_the_screen_is_printed_without_waiting needs [IN_TMUX, &[LESS]],
    );
}

/// rxdoc with `args` in the pane (100×30), with no pager chosen by the
/// environment, then how it exited.
fn show(name: &str, args: &str) -> Tmux {
    let bin = env!("CARGO_BIN_EXE_rxdoc");
    Tmux::start(
        name,
        &format!(
            "unset PAGER RXDOC_PAGER LESS RXDOC_DATA; NO_COLOR=1 {bin} {args}; \
             echo EXITED $?; sleep 60"
        ),
    )
}

fn a_long_show_waits_in_less_until_q() {
    let tmux = show("pager-long", "show warfarin");
    let screen = tmux.wait_for("WARFARIN");
    assert!(
        screen.contains(DISCLAIMER),
        "disclaimer on the first screen:\n{screen}"
    );
    // Time for rxdoc to have returned, had it not been paged.
    sleep(Duration::from_millis(500));
    let screen = tmux.screen();
    assert!(!screen.contains("EXITED"), "still in the pager:\n{screen}");
    assert!(
        !screen.contains("Sources:"),
        "one screen at a time:\n{screen}"
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED 0");
}

fn a_show_that_fits_the_screen_is_printed_without_waiting() {
    let tmux = show("pager-short", "show warfarin --section how-it-works");
    let screen = tmux.wait_for("EXITED 0");
    assert!(screen.contains("WARFARIN"), "{screen}");
    assert!(screen.contains("Warfarin blocks the recycling"), "{screen}");
    assert_eq!(
        screen.matches(DISCLAIMER).count(),
        2,
        "top and end:\n{screen}"
    );
}
