//! The HTML handout as a browser prints it: headless Chromium renders it to
//! a PDF, and pdftotext reads the PDF's pages back.

use std::path::{Path, PathBuf};

use crate::command::rxdoc;
use crate::external::{Program, Suite};

/// Any of the names Chromium is installed under.
const CHROMIUM: Program = Program(&["chromium", "chromium-browser", "google-chrome"]);

/// Poppler's text extractor; it ends each page with a form feed.
const PDFTOTEXT: Program = Program(&["pdftotext"]);

const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

/// Adds this file's tests to `suite`.
pub fn add(suite: &mut Suite) {
    add_tests!(suite;
        html_handout_renders_in_headless_chromium needs [&[CHROMIUM]],
        every_printed_page_of_a_long_handout_carries_the_disclaimer
            needs [&[CHROMIUM, PDFTOTEXT]],
    );
}

/// Exports `drug`'s HTML handout into `dir` and prints it to a PDF there,
/// as a browser's "Save as PDF" would; returns the PDF's path.
fn print_handout(drug: &str, dir: &Path) -> PathBuf {
    let chromium = CHROMIUM.find().expect("the suite found Chromium");
    let html = dir.join(format!("{drug}.html"));
    rxdoc()
        .args(["export", drug, "--format", "html", "-o"])
        .arg(&html)
        .assert()
        .success();
    let pdf = dir.join(format!("{drug}.pdf"));
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
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    pdf
}

fn html_handout_renders_in_headless_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_handout("besponsa", dir.path());
    let bytes = std::fs::read(&pdf).expect("a PDF was written");
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "{} bytes",
        bytes.len()
    );
}

fn every_printed_page_of_a_long_handout_carries_the_disclaimer() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_handout("warfarin", dir.path());
    let pdftotext = PDFTOTEXT.find().expect("the suite found pdftotext");
    let out = std::process::Command::new(pdftotext)
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // Each page ends with a form feed; nothing follows the last one.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "a long handout: {} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        let words = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains(DISCLAIMER),
            "page {} of {} has no disclaimer:\n{page}",
            n + 1,
            pages.len()
        );
    }
}
