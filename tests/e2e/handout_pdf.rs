//! The HTML handout as a browser prints it: headless Chromium renders it to
//! a PDF.

use crate::command::rxdoc;
use crate::external::{Program, Suite};

/// Any of the names Chromium is installed under.
const CHROMIUM: Program = Program(&["chromium", "chromium-browser", "google-chrome"]);

/// Adds this file's tests to `suite`.
pub fn add(suite: &mut Suite) {
    add_tests!(suite;
        html_handout_renders_in_headless_chromium needs [&[CHROMIUM]],
    );
}

fn html_handout_renders_in_headless_chromium() {
    let chromium = CHROMIUM.find().expect("the suite found Chromium");
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("besponsa.html");
    rxdoc()
        .args(["export", "besponsa", "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let pdf = dir.path().join("besponsa.pdf");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("a PDF was written");
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "{} bytes",
        bytes.len()
    );
}
