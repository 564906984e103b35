//! The plain command line, run as a real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env("NO_COLOR", "1")
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"));
    cmd
}

/// Runs rxdoc with `args`, expects success, and parses its output as JSON.
fn json(args: &[&str]) -> serde_json::Value {
    let out = rxdoc()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn list_prints_every_drug_and_the_disclaimer() {
    rxdoc()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("inotuzumab-ozogamicin"))
        .stdout(predicate::str::contains("Besponsa"))
        .stdout(predicate::str::contains("Not medical advice"));
}

#[test]
fn list_json_has_the_documented_keys() {
    let rows = json(&["list", "--json"]);
    let first = &rows.as_array().unwrap()[0];
    for key in ["id", "name", "brands", "drug_class"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn show_resolves_brand_alias_and_case() {
    for name in [
        "besponsa",
        "INOTUZUMAB OZOGAMICIN",
        "ozogamacin",
        "inotuzumab-ozogamicin",
    ] {
        rxdoc()
            .args(["show", name])
            .assert()
            .success()
            .stdout(predicate::str::contains("== Side Effects =="))
            .stdout(predicate::str::contains("Not medical advice"));
    }
}

#[test]
fn show_one_section() {
    rxdoc()
        .args(["show", "besponsa", "--section", "contraception"])
        .assert()
        .success()
        .stdout(predicate::str::contains("8 months"))
        .stdout(predicate::str::contains("== Usage ==").not())
        .stdout(predicate::str::contains("Not medical advice"));
}

#[test]
fn show_json_uses_the_toml_keys() {
    let m = json(&["show", "besponsa", "--json"]);
    assert_eq!(m["id"], "inotuzumab-ozogamicin");
    assert_eq!(m["reviewed"], "2026-11-29");
    assert_eq!(
        m["review_status"], "2026-11-29",
        "the review status, spelt out"
    );
    assert_eq!(
        m["contraception"]["after_last_dose"][0]["duration"],
        "8 months"
    );
    assert!(m["side_effects"]["emergency"].is_array());
}

#[test]
fn a_combination_brand_finds_its_ingredient_marked_as_another_product() {
    // Hyzaar is losartan with hydrochlorothiazide: it finds losartan, but
    // under the related-products heading, never among losartan's brands.
    rxdoc()
        .args(["show", "hyzaar", "--section", "usage"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{}\n",
            rxdoc::pane::RELATED_TITLE
        )))
        .stdout(predicate::str::contains(
            "Hyzaar: losartan combined with hydrochlorothiazide",
        ));
    let m = json(&["show", "hyzaar", "--json"]);
    assert_eq!(m["id"], "losartan");
    assert_eq!(m["brands"], serde_json::json!(["Cozaar"]));
    assert_eq!(m["related_brands"][0]["name"], "Hyzaar");
}

#[test]
fn show_says_whose_labelling_the_monograph_follows() {
    rxdoc()
        .args(["show", "atorvastatin", "--section", "contraception"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Labelling: US\n"))
        .stdout(predicate::str::contains(
            "In the UK and EU the advice differs",
        ));
}

#[test]
fn show_json_section() {
    let faqs = json(&["show", "besponsa", "--json", "--section", "faqs"]);
    assert!(faqs[0]["question"].is_string());
}

#[test]
fn show_unknown_drug_suggests_close_names() {
    rxdoc()
        .args(["show", "inotuzumb"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "did you mean Inotuzumab ozogamicin",
        ));
}

#[test]
fn suggestions_read_hyphens_as_spaces_and_stay_close() {
    for typed in [
        "inotuzumab-ozogamycin",
        "inotuzumab ozogamycin",
        "besponza",
        "warfrin",
    ] {
        let expected = if typed.starts_with('w') {
            "did you mean Warfarin"
        } else {
            "did you mean Inotuzumab ozogamicin"
        };
        rxdoc()
            .args(["show", typed])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
    }
    // Nothing is within a third of the word's length: no suggestion at
    // all, rather than a far one.
    for typed in ["asa", "xylophone"] {
        rxdoc()
            .args(["show", typed])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("no drug named"))
            .stderr(predicate::str::contains("did you mean").not());
    }
}

#[test]
fn show_rejects_an_unknown_section_with_the_choices() {
    rxdoc()
        .args(["show", "besponsa", "--section", "dosage"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("side-effects"));
}

#[test]
fn show_reads_a_toml_path() {
    rxdoc()
        .args(["show", &fixture("good/testamol.toml")])
        .assert()
        .success()
        .stdout(predicate::str::contains("TESTAMOL"));
}

#[test]
fn check_passes_on_bundled_data() {
    rxdoc()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 problems"));
}

#[test]
fn check_reports_every_problem_with_location_and_fails() {
    rxdoc()
        .args(["check", &fixture("bad")])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("syntax.toml:3:17:"))
        .stderr(predicate::str::contains(
            "unknown-key.toml:16:1: unknown field `how_to_tkae`",
        ))
        .stderr(predicate::str::contains("dup-b.toml:2:1: duplicate id"))
        .stdout(predicate::str::contains("9 problems"));
}

#[test]
fn data_dir_and_env_add_monographs_and_bad_files_only_warn() {
    rxdoc()
        .args(["--data", &fixture("good"), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("testamol"));
    rxdoc()
        .env("RXDOC_DATA", fixture("good"))
        .args(["show", "testix"])
        .assert()
        .success();
    rxdoc()
        .args(["--data", &fixture("bad"), "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("inotuzumab-ozogamicin"))
        .stderr(
            predicate::str::contains("warning:").and(predicate::str::contains("syntax.toml:3:17")),
        );
}

#[test]
fn works_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    rxdoc()
        .current_dir(dir.path())
        .args(["show", "besponsa", "--section", "usage"])
        .assert()
        .success();
}

#[test]
fn search_prints_one_row_per_drug_with_its_urgency_and_what_it_is_out_of() {
    rxdoc()
        .args(["search", "yellow", "skin", "--limit", "3"])
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(
                r"(?m)^allopurinol +side-effects +\[call your doctor\] Yellow skin or eyes$",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains(
            "\nthe first 3 drugs. Not medical advice",
        ));
}

#[test]
fn search_names_the_drug_first_and_counts_its_other_passages() {
    let out = rxdoc().args(["search", "warfarin"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("warfarin ") && first.contains("usage") && first.contains(" more"),
        "{text}"
    );
    let drugs: Vec<&str> = text.lines().filter_map(|l| l.split(' ').next()).collect();
    let unique: std::collections::BTreeSet<_> = drugs.iter().filter(|d| !d.is_empty()).collect();
    assert_eq!(
        unique.len(),
        drugs.iter().filter(|d| !d.is_empty()).count(),
        "one row per drug:\n{text}"
    );
}

#[test]
fn search_all_lists_every_passage_and_json_keeps_the_totals() {
    let answer = json(&["search", "warfarin", "--all", "--limit", "500", "--json"]);
    let results = answer["results"].as_array().unwrap();
    assert_eq!(
        results.len() as u64,
        answer["total_passages"].as_u64().unwrap()
    );
    let warfarin = results.iter().filter(|r| r["id"] == "warfarin").count();
    assert!(
        warfarin > 1,
        "every passage, several of one drug: {warfarin}"
    );
    let drugs: std::collections::BTreeSet<_> =
        results.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(drugs.len() as u64, answer["total_drugs"].as_u64().unwrap());

    let per_drug = json(&["search", "bleeding", "--limit", "2", "--json"]);
    let rows = per_drug["results"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "--limit counts rows");
    assert!(per_drug["total_drugs"].as_u64().unwrap() > 2);
    for row in rows {
        assert!(row["more"].is_u64(), "{row}");
        let graded = row["section"] == "side-effects";
        assert_eq!(
            row["urgency"].is_string(),
            graded,
            "urgency only for side effects: {row}"
        );
    }
}

#[test]
fn search_section_and_json() {
    let answer = json(&[
        "search",
        "calicheamicin",
        "--section",
        "how-it-works",
        "--json",
    ]);
    assert_eq!(answer["results"][0]["id"], "inotuzumab-ozogamicin");
    assert_eq!(answer["results"][0]["section"], "how-it-works");
    rxdoc()
        .args(["search", "calicheamicin", "--section", "contraception"])
        .assert()
        .code(1);
}

#[test]
fn search_without_a_match_exits_1() {
    rxdoc()
        .args(["search", "xylophone"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\n0 drugs. Not medical advice"));
}

#[test]
fn faq_lists_all_or_matching_questions() {
    rxdoc()
        .arg("faq")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Q: Is inotuzumab ozogamicin a cure",
        ));
    rxdoc()
        .args(["faq", "overdose", "--drug", "besponsa"])
        .assert()
        .success()
        .stdout(predicate::str::contains("too much (overdose)"))
        .stdout(predicate::str::contains("cure").not());
    let rows = json(&["faq", "miss", "dose", "--drug", "besponsa", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert!(
        rows[0]["question"]
            .as_str()
            .unwrap()
            .contains("miss a dose")
    );
    rxdoc().args(["faq", "xylophone"]).assert().code(1);
    rxdoc()
        .args(["faq", "--drug", "nosuchdrug"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no drug"));
}

#[test]
fn escape_sequences_in_data_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("good/testamol.toml")).unwrap();
    let hostile = good
        .replace(
            "name = \"Testamol\"",
            "name = \"Testamol\\u001b]0;owned\\u0007\\u202e\"",
        )
        .replace(
            "\"Mild headache\"",
            "\"Mild \\u001b[31mheadache\\u009b2J \\u001b]52;c;ZXZpbA==\\u0007\"",
        )
        .replace("answer = \"No.\"", "answer = \"No.\\u001b[2J\\tTabbed\"");
    std::fs::write(dir.path().join("hostile.toml"), hostile).unwrap();
    let runs: [&[&str]; 5] = [
        &["list"],
        &["show", "testamol"],
        &["search", "headache"],
        &["faq", "--drug", "testamol"],
        &["export", "testamol", "--format", "md"],
    ];
    for args in runs {
        let out = rxdoc()
            .arg("--data")
            .arg(dir.path())
            .args(args)
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            !stdout
                .chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{args:?} printed a control character: {stdout:?}"
        );
    }
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F _rxdoc"),
        ("zsh", "#compdef rxdoc"),
        ("fish", "complete -c rxdoc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = rxdoc().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains(marker), "{shell}:\n{script}");
        for command in ["show", "search", "export", "import", "completions"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    rxdoc().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_every_command() {
    let out = rxdoc().arg("man").assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH rxdoc"),
        "{page}"
    );
    assert!(
        page.contains(".SH NAME") && page.contains(".SH SUBCOMMANDS"),
        "{page}"
    );
    for command in ["show", "search", "export", "import", "check", "man"] {
        assert!(
            page.contains(&format!("rxdoc\\-{command}")),
            "lacks {command}:\n{page}"
        );
    }
}

#[test]
fn help_of_show_and_search_names_every_section_and_export_every_format() {
    for command in ["show", "search"] {
        let out = rxdoc().args([command, "--help"]).assert().success();
        let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for pane in rxdoc::pane::Pane::ALL {
            assert!(
                help.contains(pane.slug()),
                "{command} lacks {}:\n{help}",
                pane.slug()
            );
        }
    }
    let out = rxdoc().args(["export", "--help"]).assert().success();
    let help = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for format in ["html", "md", "txt"] {
        assert!(help.contains(format), "{help}");
    }
}
