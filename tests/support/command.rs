//! The binary under test, as the command-line tests run it.

use assert_cmd::Command;

/// `rxdoc` on the bundled library alone, without colour.
pub fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA").env("NO_COLOR", "1");
    cmd
}
