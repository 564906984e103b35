//! The binary under test, as the command-line tests run it.

use assert_cmd::Command;

/// `rxdoc` on the bundled library alone, without colour, and without the
/// settings file of whoever runs the tests.
pub fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env_remove("RXDOC_CONFIG")
        .env("XDG_CONFIG_HOME", NO_SETTINGS)
        .env("NO_COLOR", "1");
    cmd
}

/// A configuration directory with no settings file in it.
pub const NO_SETTINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/no-such-dir");
