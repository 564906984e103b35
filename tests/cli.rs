//! The plain command line, run as a real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn rxdoc() -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env_remove("RXDOC_CONFIG")
        // Not the settings file of whoever runs the tests.
        .env("XDG_CONFIG_HOME", fixture("no-such-dir"))
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

const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

/// Standard output and standard error of a run that succeeds.
fn outputs(args: &[&str]) -> (String, String) {
    let out = rxdoc().args(args).assert().success().get_output().clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn list_piped_is_one_tab_separated_line_a_drug_and_the_disclaimer_on_stderr() {
    let drugs = json(&["list", "--json"]).as_array().unwrap().len();
    let (out, err) = outputs(&["list"]);
    assert_eq!(
        out.lines().count(),
        drugs,
        "`rxdoc list | wc -l` counts drugs:\n{out}"
    );
    assert!(
        out.lines().any(|l| l
            == "inotuzumab-ozogamicin\tInotuzumab ozogamicin\tBesponsa\t\
                Antibody-drug conjugate (anti-cancer, targets CD22)"),
        "{out}"
    );
    assert!(!out.contains("Not medical advice"), "{out}");
    assert_eq!(err, format!("{drugs} drugs. {DISCLAIMER}\n"));
    // No command, piped: the same list.
    assert_eq!(outputs(&[]), (out, err));
}

/// Standard output and standard error of `args` sent to one file, as
/// `rxdoc list >out 2>&1` sends them.
fn merged(args: &[&str]) -> String {
    use std::io::{Read, Seek};
    let mut file = tempfile::tempfile().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_rxdoc"))
        .args(args)
        .env_remove("RXDOC_DATA")
        .env_remove("RXDOC_CONFIG")
        .env("XDG_CONFIG_HOME", fixture("no-such-dir"))
        .env("RXDOC_CACHE_DIR", env!("CARGO_TARGET_TMPDIR"))
        .stdout(file.try_clone().unwrap())
        .stderr(file.try_clone().unwrap())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?}");
    let mut text = String::new();
    file.rewind().unwrap();
    file.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn rows_gathered_for_a_pipe_still_come_before_the_closing_line() {
    let runs: [&[&str]; 4] = [
        &["list"],
        &["search", "bleeding", "--limit", "50"],
        &["list", "--json"],
        &["search", "bleeding", "--json"],
    ];
    for args in runs {
        let (out, err) = outputs(args);
        assert!(out.lines().count() > 20, "{args:?}: enough rows to matter");
        let text = merged(args);
        let first = text.lines().next().unwrap_or_default();
        assert!(
            text == format!("{out}{err}"),
            "{args:?}: rows, then the closing line; the first line is {first:?}"
        );
        assert!(text.ends_with(&format!("{DISCLAIMER}\n")), "{args:?}");
    }
}

#[test]
fn json_stays_pure_json_and_the_disclaimer_goes_to_stderr() {
    let runs: [&[&str]; 4] = [
        &["list", "--json"],
        &["show", "warfarin", "--json"],
        &["search", "bleeding", "--json"],
        &["faq", "--drug", "warfarin", "--json"],
    ];
    for args in runs {
        let (out, err) = outputs(args);
        serde_json::from_str::<serde_json::Value>(&out).expect("only JSON on stdout");
        assert!(!out.contains("Not medical advice"), "{args:?}");
        assert_eq!(err, format!("{DISCLAIMER}\n"), "{args:?}");
    }
}

#[test]
fn show_faq_and_handouts_carry_the_disclaimer_at_the_top_and_the_end() {
    let runs: [&[&str]; 6] = [
        &["show", "warfarin"],
        &["show", "warfarin", "--section", "faqs"],
        &["--no-pager", "show", "warfarin"],
        &["faq", "--drug", "warfarin"],
        &["export", "warfarin", "--format", "txt"],
        &["export", "warfarin", "--format", "md"],
    ];
    for args in runs {
        let (out, err) = outputs(args);
        let lines: Vec<&str> = out.lines().collect();
        let top = lines.iter().take(3).any(|l| l.contains(DISCLAIMER));
        assert!(top, "{args:?}: not near the top:\n{out}");
        let end = lines.iter().rev().find(|l| !l.is_empty()).unwrap();
        assert!(end.contains(DISCLAIMER), "{args:?}: not at the end:\n{out}");
        assert_eq!(out.matches("Not medical advice").count(), 2, "{args:?}");
        assert_eq!(err, "", "{args:?}");
    }
    // The pager is for terminals: piped, `--no-pager` changes nothing.
    assert_eq!(
        outputs(&["--no-pager", "show", "warfarin"]),
        outputs(&["show", "warfarin"])
    );
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
    // Synjardy is empagliflozin with metformin and has no monograph of its
    // own: it finds empagliflozin, but under the related-products heading,
    // never among empagliflozin's brands.
    rxdoc()
        .args(["show", "synjardy", "--section", "usage"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{}\n",
            rxdoc::pane::RELATED_TITLE
        )))
        .stdout(predicate::str::contains(
            "Synjardy: empagliflozin combined with metformin",
        ));
    let m = json(&["show", "synjardy", "--json"]);
    assert_eq!(m["id"], "empagliflozin");
    assert_eq!(m["brands"], serde_json::json!(["Jardiance"]));
    assert_eq!(m["related_brands"][0]["name"], "Synjardy");
}

#[test]
fn a_combination_with_its_own_monograph_is_found_under_its_brand() {
    // Hyzaar is losartan with hydrochlorothiazide, which has a monograph.
    let m = json(&["show", "hyzaar", "--json"]);
    assert_eq!(m["id"], "losartan-hydrochlorothiazide");
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
    for typed in ["qua", "xylophone"] {
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
                r"(?m)^allopurinol\tside-effects\tcall your doctor\tYellow skin or eyes\t0$",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains("Not medical advice").not())
        .stderr(format!("the first 3 drugs. {DISCLAIMER}\n"));
}

#[test]
fn search_names_the_drug_first_and_counts_its_other_passages() {
    let out = rxdoc().args(["search", "warfarin"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("warfarin\tusage\t") && !first.ends_with("\t0"),
        "{text}"
    );
    let drugs: Vec<&str> = text.lines().filter_map(|l| l.split('\t').next()).collect();
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
        .stdout("")
        .stderr(format!("0 drugs. {DISCLAIMER}\n"));
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
    // With the tab-separated columns of piped rows, where there are any.
    let runs: [(&[&str], Option<usize>); 5] = [
        (&["list"], Some(4)),
        (&["show", "testamol"], None),
        (&["search", "headache"], Some(5)),
        (&["faq", "--drug", "testamol"], None),
        (&["export", "testamol", "--format", "md"], None),
    ];
    for (args, columns) in runs {
        let out = rxdoc()
            .arg("--data")
            .arg(dir.path())
            .args(args)
            .assert()
            .success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        let separator = |c: char| c == '\n' || (c == '\t' && columns.is_some());
        assert!(
            !stdout.chars().any(
                |c| (c.is_control() && !separator(c)) || ('\u{202a}'..='\u{202e}').contains(&c)
            ),
            "{args:?} printed a control character: {stdout:?}"
        );
        if let Some(columns) = columns {
            for line in stdout.lines() {
                assert_eq!(line.split('\t').count(), columns, "{args:?}: {line:?}");
            }
        }
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
