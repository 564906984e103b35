//! Hostile file names, keys, paths and file types, run through the real
//! binary: nothing printed can act on a terminal, nothing outside the
//! target is written, and nothing hangs.

#[path = "support/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use checks::is_terminal_safe;

/// A name that would clear the screen, set the clipboard and the title,
/// reverse the text after it and fake a second warning line.
const HOSTILE: &str =
    "x\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{1b}\\\u{202e}y\nwarning: fake";

fn rxdoc(cache: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rxdoc").expect("binary");
    cmd.env_remove("RXDOC_DATA")
        .env("NO_COLOR", "1")
        .env("RXDOC_CACHE_DIR", cache)
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Runs the command and returns its standard output and error, each checked
/// to be safe on a terminal.
fn run_safely(cmd: &mut Command) -> (String, String) {
    let output = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // Piped rows are tab-separated: those tabs are rxdoc's own (that none
    // comes from the data is checked in tests/cli.rs).
    let columns = stdout.replace('\t', " ");
    for (name, text) in [("stdout", &columns), ("stderr", &stderr)] {
        assert!(is_terminal_safe(text), "{name} of {cmd:?}: {text:?}");
        assert!(
            !text.contains('\u{2028}') && !text.contains('\u{2029}'),
            "{name}: {text:?}"
        );
        assert!(
            !text.lines().any(|l| l.starts_with("warning: fake")),
            "a newline in a name faked a line in {name}: {text}"
        );
    }
    (stdout, stderr)
}

/// A data directory holding a file with a hostile name, one with a hostile
/// key, and one with a hostile bad value.
#[cfg(unix)]
fn hostile_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join(format!("{HOSTILE}.toml")), "id = 1\n").unwrap();
    std::fs::write(
        d.join("k.toml"),
        // TOML escapes: the keys hold the raw control characters.
        "\"\\u001b]52;c;ZXZpbA==\\u0007\" = 1\n\"\\u202e\\nwarning: fake\" = 2\n",
    )
    .unwrap();
    let good = std::fs::read_to_string(fixture("good/testamol.toml")).unwrap();
    let bad_date = good
        .replace("testamol", "hostilamol")
        .replace("reviewed = 2026-01-31", "reviewed = \"\\u001b[2J\\u202e\"");
    std::fs::write(d.join("v.toml"), bad_date).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn problems_with_hostile_names_keys_and_values_are_printed_escaped() {
    let data = hostile_data();
    let cache = tempfile::tempdir().unwrap();
    let (_, stderr) = run_safely(rxdoc(cache.path()).arg("check").arg(data.path()));
    assert!(stderr.contains(r"\e]52;c;ZXZpbA==\u{7}"), "{stderr}");
    assert!(stderr.contains(r"x\e[2J\e]52;c;"), "{stderr}");
    assert!(
        stderr.contains(r"\u{202e}y\nwarning: fake.toml"),
        "{stderr}"
    );
    for args in [
        &["list"][..],
        &["show", "testamol"],
        &["show", "no-such-drug"],
        &["search", "headache"],
        // Twice: the second reads the problems back from the stored index.
        &["search", "headache"],
        &["faq", "real"],
        &["export", "testamol", "--format", "txt"],
    ] {
        let (_, stderr) = run_safely(
            rxdoc(cache.path())
                .arg("--data")
                .arg(data.path())
                .args(args),
        );
        assert!(stderr.contains(r"\e]52;c;ZXZpbA=="), "{args:?}: {stderr}");
        let warnings = stderr.lines().filter(|l| l.starts_with("warning: "));
        assert_eq!(warnings.count(), 3, "{args:?}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn import_escapes_input_names_and_unmapped_headings() {
    let input = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(fixture("import/page-v2.md")).unwrap();
    let page = page.replace("### Storage", &format!("### Storage{HOSTILE}"));
    std::fs::write(input.path().join(format!("{HOSTILE}.md")), page).unwrap();
    std::fs::write(input.path().join(format!("{HOSTILE}.txt")), "nothing").unwrap();
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr) = run_safely(
        rxdoc(out.path())
            .arg("import")
            .arg(input.path())
            .arg(input.path().join(HOSTILE))
            .arg("--out")
            .arg(out.path()),
    );
    assert!(stdout.contains(r"Storagex\e[2J"), "{stdout}");
    assert!(
        stderr.contains(r"\nwarning: fake.txt: not a recognised"),
        "{stderr}"
    );
    assert!(
        stderr.contains(r"\nwarning: fake: no such file"),
        "{stderr}"
    );
}

#[test]
fn export_paths_and_argument_errors_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(HOSTILE).join("out.txt");
    let (_, stderr) = run_safely(
        rxdoc(dir.path())
            .args(["export", "testamol", "--format", "txt", "-o"])
            .arg(&missing)
            .arg("--data")
            .arg(fixture("good")),
    );
    assert!(
        stderr.contains(r"cannot write") && stderr.contains(r"\e]0;pwned"),
        "{stderr}"
    );
    let (_, stderr) = run_safely(rxdoc(dir.path()).args(["show", "x", "--section", HOSTILE]));
    assert!(stderr.contains(r"x\e[2J"), "{stderr}");
    let (_, stderr) = run_safely(rxdoc(dir.path()).args(["show", HOSTILE]));
    assert!(stderr.contains(r"no drug named `x\e[2J"), "{stderr}");
}

/// Makes a FIFO (named pipe) at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_fifo())
}

/// A shell command that plants a link at the temporary name an earlier
/// version predicted (`.NAME.PID.tmp`; `exec` keeps the shell's PID), then
/// runs rxdoc with the given arguments.
#[cfg(unix)]
fn with_planted_link(cache: &Path, link_dir: &Path, name: &str, victim: &Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.env_remove("RXDOC_DATA")
        .env("RXDOC_CACHE_DIR", cache)
        .timeout(std::time::Duration::from_secs(60))
        .arg("-c")
        .arg(r#"ln -s "$1" "$2/.$3.$$.tmp" && shift 3 && exec "$@""#)
        .arg("sh")
        .arg(victim)
        .arg(link_dir)
        .arg(name)
        .arg(assert_cmd::cargo::cargo_bin("rxdoc"));
    cmd
}

#[cfg(unix)]
#[test]
fn a_planted_link_at_the_temporary_name_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    let handout = out.join("handout.txt");
    with_planted_link(dir.path(), &out, "handout.txt", &victim)
        .args(["export", "testamol", "--format", "txt", "-o"])
        .arg(&handout)
        .arg("--data")
        .arg(fixture("good"))
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let meta = std::fs::symlink_metadata(&handout).unwrap();
    assert!(meta.is_file(), "the handout is a regular file, not a link");
    assert!(
        std::fs::read_to_string(&handout)
            .unwrap()
            .starts_with("TESTAMOL")
    );

    with_planted_link(dir.path(), &out, "testamol.toml", &victim)
        .arg("import")
        .arg(fixture("import/page.md"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(
        std::fs::symlink_metadata(out.join("examplazole-tabs.toml"))
            .unwrap()
            .is_file()
    );
}

#[cfg(unix)]
#[test]
fn export_force_overwrites_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let export_to = |target: &Path| {
        let mut cmd = rxdoc(dir.path());
        cmd.args(["export", "testamol", "--format", "txt", "--force", "-o"])
            .arg(target)
            .arg("--data")
            .arg(fixture("good"));
        cmd
    };
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let (_, stderr) = run_safely(&mut export_to(&fifo));
    assert!(
        stderr.contains("is a FIFO (named pipe); only a regular file is overwritten"),
        "{stderr}"
    );
    assert!(is_fifo(&fifo), "the FIFO is still there");

    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let (_, stderr) = run_safely(&mut export_to(&link));
    assert!(
        stderr.contains("is a symbolic link; only a regular"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");

    let (_, stderr) = run_safely(&mut export_to(dir.path()));
    assert!(
        stderr.contains("is a directory; only a regular"),
        "{stderr}"
    );

    let regular = dir.path().join("old.txt");
    std::fs::write(&regular, "old").unwrap();
    export_to(&regular).assert().success();
    assert!(
        std::fs::read_to_string(&regular)
            .unwrap()
            .starts_with("TESTAMOL")
    );
}

#[cfg(unix)]
#[test]
fn fifos_given_as_files_are_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.toml");
    mkfifo(&fifo);
    let page = dir.path().join("p.md");
    mkfifo(&page);
    let fifo_arg = fifo.to_str().unwrap();
    let runs: [(&[&str], &str); 5] = [
        (&["--data", fifo_arg, "list"], "warning: "),
        (&["--data", fifo_arg, "search", "headache"], "warning: "),
        (&["check", fifo_arg], ""),
        (&["show", fifo_arg], "rxdoc: "),
        (&["import", page.to_str().unwrap(), "--out", "."], "failed "),
    ];
    for (args, prefix) in runs {
        let mut cmd = rxdoc(dir.path());
        cmd.current_dir(dir.path())
            .args(args)
            .timeout(std::time::Duration::from_secs(20));
        let (_, stderr) = run_safely(&mut cmd);
        assert!(
            stderr.contains(&format!(
                "{prefix}{}",
                args.iter().find(|a| a.contains("p.")).unwrap()
            )) && stderr.contains("is a FIFO (named pipe), not a regular file"),
            "{args:?}: {stderr}"
        );
    }
}

/// Runs rxdoc under a 1 GiB address-space limit, so reading a file whole
/// that should have been refused fails rather than swapping.
#[cfg(target_os = "linux")]
fn rxdoc_in_a_gigabyte(cache: &Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.env_remove("RXDOC_DATA")
        .env("RXDOC_CACHE_DIR", cache)
        .timeout(std::time::Duration::from_secs(60))
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$@""#)
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("rxdoc"));
    cmd
}

#[cfg(target_os = "linux")]
#[test]
fn endless_and_huge_files_are_refused_without_reading_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr) =
        run_safely(rxdoc_in_a_gigabyte(dir.path()).args(["--data", "/dev/zero", "list"]));
    assert!(
        stderr.contains("warning: /dev/zero: is a device, not a regular file"),
        "{stderr}"
    );
    let big = dir.path().join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let (_, stderr) = run_safely(rxdoc_in_a_gigabyte(dir.path()).arg("show").arg(&big));
    assert!(
        stderr.contains("file is 3221225472 bytes; the limit is 4194304 bytes"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn link_loops_are_walked_once_without_false_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("L");
    let a = root.join("a");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::copy(fixture("good/testamol.toml"), a.join("testamol.toml")).unwrap();
    // A loop back to the root, three links back to the directory itself,
    // and a sibling that is the same directory under another name.
    std::os::unix::fs::symlink("..", a.join("up")).unwrap();
    for i in 0..3 {
        std::os::unix::fs::symlink("../a", a.join(format!("s{i}"))).unwrap();
    }
    std::os::unix::fs::symlink("a", root.join("b")).unwrap();
    let mut cmd = rxdoc(dir.path());
    cmd.arg("check")
        .arg(&root)
        .timeout(std::time::Duration::from_secs(20));
    let (stdout, stderr) = run_safely(&mut cmd);
    assert_eq!(stdout, "1 valid monograph, 0 problems\n", "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn two_files_overriding_one_bundled_id_are_warned_of_wherever_it_loads() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/amoxicillin.toml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.toml"), &bundled).unwrap();
    std::fs::write(dir.path().join("b.toml"), &bundled).unwrap();
    for args in [&["list"][..], &["show", "amoxicillin"], &["search", "rash"]] {
        let (_, stderr) = run_safely(rxdoc(dir.path()).arg("--data").arg(dir.path()).args(args));
        let a = dir.path().join("a.toml");
        assert!(
            stderr.contains("b.toml:")
                && stderr.contains(&format!(
                    "duplicate id `amoxicillin`: already used by {}",
                    a.display()
                )),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn an_output_that_is_a_file_is_not_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let (_, stderr) = run_safely(
        rxdoc(dir.path())
            .arg("import")
            .arg(fixture("import/page.md"))
            .arg("--out")
            .arg(&file),
    );
    assert!(stderr.contains("file is not a directory"), "{stderr}");
    assert!(!stderr.contains("does not exist"), "{stderr}");
}
