//! `rxdoc check --strict`: the content review passes on the bundled data,
//! fails on a bad fixture for each rule naming the file, position and rule,
//! and every rule is documented.

use assert_cmd::Command;
use predicates::prelude::*;
use rxdoc::lint::Rule;

fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env("NO_COLOR", "1")
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"));
    cmd
}

fn fixture(dir: &str) -> String {
    format!("{}/tests/fixtures/strict/{dir}", env!("CARGO_MANIFEST_DIR"))
}

/// How many monographs `data/` holds: every `.toml` but the three tables.
fn bundled_count() -> usize {
    let dir = format!("{}/data", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(dir)
        .expect("data directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .filter(|n| !["synonyms.toml", "query-words.toml", "classes.toml"].contains(&n.as_str()))
        .count()
}

#[test]
fn strict_check_passes_on_the_bundled_data() {
    let expected = format!("{} valid monographs, 0 problems", bundled_count());
    rxdoc()
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr("")
        .stdout(predicate::str::contains(expected));
}

#[test]
fn a_file_that_keeps_every_rule_passes() {
    rxdoc()
        .args(["check", "--strict", &fixture("clean")])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 problems"));
}

/// Each rule's fixture, and where its one finding is: file, line, column.
const BAD: &[(Rule, &str)] = &[
    (Rule::CommonAndSerious, "testamol.toml:22:28"),
    (Rule::RashAmongCommon, "testamol.toml:23:28"),
    (Rule::SharedBrand, "testamol.toml:5:11"),
    (Rule::DurationMismatch, "testamol.toml:44:1"),
    (Rule::MissedDose, "testamol.toml:27:3"),
    (Rule::Jurisdiction, "testamol.toml:10:1"),
    (Rule::InteractionName, "testamol.toml:34:13"),
];

#[test]
fn every_rule_has_a_bad_fixture() {
    let covered: Vec<Rule> = BAD.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(covered, Rule::ALL);
}

#[test]
fn strict_check_fails_on_each_bad_fixture_naming_file_position_and_rule() {
    for (rule, at) in BAD {
        let dir = fixture(rule.name());
        // Valid files: only the content review finds the problem.
        rxdoc().args(["check", &dir]).assert().success();
        let expected = format!("{dir}/{at}: {}: ", rule.name());
        rxdoc()
            .args(["check", "--strict", &dir])
            .assert()
            .code(1)
            .stderr(predicate::str::starts_with(expected))
            .stderr(predicate::function(|err: &str| err.lines().count() == 1))
            .stdout(predicate::str::contains(", 1 problem\n"));
    }
}

#[test]
fn the_findings_say_what_to_change() {
    let cases = [
        (Rule::CommonAndSerious, "\"Dizziness\" is listed as common"),
        (
            Rule::RashAmongCommon,
            "\"Red skin\" lists a rash among common effects, but the boxed warning says to stop at a rash",
        ),
        (Rule::SharedBrand, "\"Testix\" is also a name of testamix"),
        (
            Rule::DurationMismatch,
            "the chart says 3 months for \"Women: birth control\", but `contraception.women` says 2 months",
        ),
        (
            Rule::MissedDose,
            "no FAQ says what to do after a missed dose",
        ),
        (Rule::Jurisdiction, "jurisdiction = \"US\""),
    ];
    for (rule, message) in cases {
        rxdoc()
            .args(["check", "--strict", &fixture(rule.name())])
            .assert()
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn every_rule_is_documented() {
    let doc = include_str!("../docs/REVIEW.md");
    for rule in Rule::ALL {
        assert!(
            doc.contains(&format!("`{}`", rule.name())),
            "docs/REVIEW.md does not describe `{rule}`"
        );
    }
}

/// Every bundled monograph has its review record in docs/REVIEW.md: what
/// was checked, against what, what changed — read by someone who did not
/// write it, so no record still waits for its second read.
#[test]
fn every_bundled_monograph_has_a_finished_review_record() {
    let doc = include_str!("../docs/REVIEW.md");
    let records = doc
        .split_once("## Per monograph")
        .map(|(_, rest)| rest)
        .expect("docs/REVIEW.md has a per-monograph part");
    let mut problems = Vec::new();
    for m in rxdoc::load::Library::load(&[rxdoc::load::Source::Bundled]).monographs() {
        let heading = format!("### {} (`{}`)", m.name, m.id);
        let Some(start) = records.find(&heading) else {
            problems.push(format!("{}: no record", m.id));
            continue;
        };
        let record = &records[start + heading.len()..];
        let record = &record[..record.find("\n### ").unwrap_or(record.len())];
        for part in ["**Checked:**", "**Against:**", "**Changed:**"] {
            if !record.contains(part) {
                problems.push(format!("{}: no {part}", m.id));
            }
        }
        if record.to_lowercase().contains("second read:** pending") {
            problems.push(format!("{}: second read pending", m.id));
        }
        // The structured interaction entries and class memberships are read
        // against the label by a second person too.
        let interactions = record
            .lines()
            .find(|l| l.starts_with("- **Interactions and classes:**"));
        if !interactions.is_some_and(|l| {
            l.trim_end()
                .ends_with("by a reviewer who did not write them.")
        }) {
            problems.push(format!(
                "{}: interactions and classes not read by a second person",
                m.id
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
