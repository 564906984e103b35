//! Tests that drive programs from outside the Rust toolchain: the browser in
//! a real terminal (tmux) and the handout printed by Chromium. Each is
//! skipped, naming what is missing, where those programs are not installed;
//! `RXDOC_REQUIRE_TOOLS=1` makes that a failure (see `support/external.rs`).

#[macro_use]
#[path = "../support/external.rs"]
mod external;
#[path = "../support/command.rs"]
mod command;

mod handout_pdf;
mod tmux;

fn main() {
    let mut suite = external::Suite::default();
    handout_pdf::add(&mut suite);
    tmux::add(&mut suite);
    suite.run()
}
