//! The stored index among other processes and hostile surroundings: one
//! builder at a time, no temporary files left, one file per directory
//! however it is spelled, no relative cache home, nothing that hangs, and a
//! log of what went wrong.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

#[path = "support/cache.rs"]
mod support;

use support::{GOOD, all_files, cache_files, finds, log_text, logging, many_drugs, rxdoc, search};

/// How many times the log says an index was built and stored.
fn stores(log: &str) -> usize {
    log.matches("stored the search index").count()
}

#[test]
fn concurrent_searches_build_the_index_once_and_all_answer_alike() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    many_drugs(data.path(), 400);
    let children: Vec<_> = (0..4)
        .map(|_| {
            std_rxdoc(data.path(), cache.path())
                .envs(logging(state.path()))
                .args(["search", "headache", "--limit", "500"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, outputs[0].stdout);
    }
    assert!(finds(&String::from_utf8_lossy(&outputs[0].stdout), "drug0"));
    let log = log_text(state.path(), cache.path());
    assert_eq!(stores(&log), 1, "one builder, the others wait:\n{log}");
    assert_eq!(cache_files(cache.path()).len(), 1);
    assert_no_temporary_files(cache.path());
}

/// `rxdoc --data DATA` with the cache in `cache`, as a plain process.
fn std_rxdoc(data: &Path, cache: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_rxdoc"));
    command
        .env_remove("RXDOC_DATA")
        .env_remove("RXDOC_LOG")
        .env("RXDOC_CACHE_DIR", cache)
        .arg("--data")
        .arg(data);
    command
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn assert_no_temporary_files(cache: &Path) {
    let left: Vec<_> = all_files(cache)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn a_search_waits_for_the_index_another_process_is_building_and_uses_it() {
    use fs4::FileExt;
    let (data, cache) = (tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let first = search(data.path(), cache.path(), "headache");
    let index = cache_files(cache.path()).remove(0);
    let aside = cache.path().join("aside");
    fs::rename(&index, &aside).unwrap();

    // This test is now "another rxdoc" building the index.
    let mut lock_name = index.clone().into_os_string();
    lock_name.push(".lock");
    let lock = fs::File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_name)
        .unwrap();
    FileExt::lock(&lock).unwrap();
    let mut waiter = std_rxdoc(data.path(), cache.path())
        .args(["search", "headache", "--limit", "500"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        waiter.try_wait().unwrap().is_none(),
        "the second search did not wait for the lock"
    );
    fs::rename(&aside, &index).unwrap();
    let stored = same_file::Handle::from_path(&index).unwrap();
    drop(lock);

    let out = waiter.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), first);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("another rxdoc is building the search index; waiting"),
        "{stderr}"
    );
    assert!(
        same_file::Handle::from_path(&index).unwrap() == stored,
        "the waiter used the index it waited for, not one of its own"
    );
}

#[test]
fn a_cache_file_that_cannot_be_replaced_leaves_no_temporary_file_and_is_logged() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let good = search(data.path(), cache.path(), "headache");
    let index = cache_files(cache.path()).remove(0);
    fs::remove_file(&index).unwrap();
    // A directory that is not empty cannot be renamed over.
    fs::create_dir_all(index.join("in the way")).unwrap();
    let out = rxdoc(data.path(), Some(cache.path()))
        .envs(logging(state.path()))
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), good);
    assert_no_temporary_files(cache.path());
    let log = log_text(state.path(), cache.path());
    assert!(
        log.contains("is not used: it is not a regular file"),
        "{log}"
    );
    assert!(log.contains("cannot write the search index"), "{log}");
    assert!(log.contains("it is kept for this run only"), "{log}");
}

#[test]
fn every_spelling_of_a_directory_shares_one_cache_file() {
    let (root, cache) = (tempdir(), tempdir());
    let data = root.path().join("data");
    fs::create_dir_all(data.join("sub")).unwrap();
    fs::write(data.join("testamol.toml"), GOOD).unwrap();
    let absolute = data.display().to_string();
    let mut spellings = vec![
        absolute.clone(),
        format!("{absolute}/"),
        format!("{absolute}/."),
        "data".to_string(),
        "./data/sub/..".to_string(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&data, root.path().join("link")).unwrap();
        spellings.push("link".to_string());
    }
    for spelling in &spellings {
        let out = rxdoc(Path::new(spelling), Some(cache.path()))
            .current_dir(root.path())
            .args(["search", "headache", "--limit", "500"])
            .output()
            .unwrap();
        assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    }
    assert_eq!(cache_files(cache.path()).len(), 1, "{spellings:?}");
}

#[test]
fn one_relative_path_from_two_working_directories_keeps_two_cache_files() {
    let (root, cache, state) = (tempdir(), tempdir(), tempdir());
    for (place, effect) in [("a", "Mild headache"), ("b", "Mild backache")] {
        let data = root.path().join(place).join("data");
        fs::create_dir_all(&data).unwrap();
        fs::write(
            data.join("testamol.toml"),
            GOOD.replace("Mild headache", effect),
        )
        .unwrap();
    }
    for (place, query) in [("a", "headache"), ("b", "backache"), ("a", "headache")] {
        let out = rxdoc(Path::new("data"), Some(cache.path()))
            .envs(logging(state.path()))
            .current_dir(root.path().join(place))
            .args(["search", query, "--limit", "500"])
            .output()
            .unwrap();
        assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    }
    assert_eq!(cache_files(cache.path()).len(), 2);
    let log = log_text(state.path(), cache.path());
    assert_eq!(stores(&log), 2, "neither rebuilt the other's:\n{log}");
}

#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn a_relative_xdg_cache_home_is_ignored() {
    let (home, work, data) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let out = rxdoc(data.path(), None)
        .env_remove("RXDOC_CACHE_DIR")
        .env("HOME", home.path())
        .env("XDG_CACHE_HOME", "relative-cache")
        .current_dir(work.path())
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    assert!(!work.path().join("relative-cache").exists());
    let default = home.path().join(".cache").join("rxdoc");
    assert_eq!(cache_files(&default).len(), 1, "{default:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_cache_file_neither_hangs_a_search_nor_is_trusted() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let good = search(data.path(), cache.path(), "headache");
    let index = cache_files(cache.path()).remove(0);
    fs::remove_file(&index).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&index)
        .status()
        .unwrap();
    assert!(made.success());
    let started = Instant::now();
    let out = rxdoc(data.path(), Some(cache.path()))
        .envs(logging(state.path()))
        .args(["search", "headache", "--limit", "500"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "hung on the FIFO"
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), good);
    assert!(
        fs::metadata(&index).unwrap().is_file(),
        "replaced by an index"
    );
    let log = log_text(state.path(), cache.path());
    assert!(
        log.contains("is not used: it is not a regular file"),
        "{log}"
    );
}

#[test]
fn a_damaged_index_is_logged_with_its_cause_and_rebuilt() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let good = search(data.path(), cache.path(), "headache");
    let index = cache_files(cache.path()).remove(0);
    let bytes = fs::read(&index).unwrap();
    fs::write(&index, &bytes[..bytes.len() - 7]).unwrap();
    let (out, log) = search_logged(data.path(), cache.path(), state.path());
    assert_eq!(out, good);
    let why = format!(
        "is not used: it is {} bytes long, and its header says {}",
        bytes.len() - 7,
        bytes.len()
    );
    assert!(log.contains(&why), "{log}");
    assert_eq!(stores(&log), 1, "{log}");
    assert_eq!(fs::read(&index).unwrap(), bytes, "rebuilt as it was");
}

#[test]
fn an_index_of_an_older_format_is_logged_as_such_and_rebuilt() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let good = search(data.path(), cache.path(), "headache");
    let index = cache_files(cache.path()).remove(0);
    let bytes = fs::read(&index).unwrap();
    // Format 8 kept no name lines beside the passages table, so naming a
    // drug read the table; its version is all that is needed to refuse it.
    let older = [&bytes[..8], &8u32.to_le_bytes()[..], &bytes[12..]].concat();
    fs::write(&index, older).unwrap();
    let (out, log) = search_logged(data.path(), cache.path(), state.path());
    assert_eq!(out, good);
    assert!(
        log.contains("is not used: it is of format 8, and this rxdoc reads format 9"),
        "{log}"
    );
    assert_eq!(stores(&log), 1, "{log}");
    assert_eq!(fs::read(&index).unwrap(), bytes, "rebuilt as it was");
}

/// `rxdoc search headache` with a log kept: what it printed, and the log.
fn search_logged(data: &Path, cache: &Path, state: &Path) -> (String, String) {
    let out = rxdoc(data, Some(cache))
        .envs(logging(state))
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        log_text(state, cache),
    )
}

/// Closes the count that a piped search prints on standard error.
const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

#[cfg(unix)]
#[test]
fn log_lines_show_control_characters_inert_and_no_log_is_kept_unless_asked() {
    let (root, cache, state) = (tempdir(), tempdir(), tempdir());
    let data = root.path().join("d\u{1b}]0;pwned\u{7}\n\u{202e}x");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("testamol.toml"), GOOD).unwrap();
    let unlogged = rxdoc(&data, Some(cache.path()))
        .env("XDG_STATE_HOME", state.path())
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    assert!(unlogged.status.success());
    assert!(
        all_files(state.path()).is_empty(),
        "logged without RXDOC_LOG"
    );
    assert!(
        all_files(cache.path())
            .iter()
            .all(|p| !p.ends_with("rxdoc.log"))
    );

    // A cache file of another version, so its refusal names the path.
    let index = cache_files(cache.path()).remove(0);
    let mut bytes = fs::read(&index).unwrap();
    bytes[8] ^= 0x40;
    fs::write(&index, &bytes).unwrap();
    let out = rxdoc(&data, Some(cache.path()))
        .envs(logging(state.path()))
        .env("RXDOC_LOG", "debug")
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // Piped, search's count and disclaimer go to stderr; nothing else.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.lines().all(|l| l.ends_with(DISCLAIMER)),
        "the log went to the terminal: {stderr}"
    );
    let log = log_text(state.path(), cache.path());
    assert!(log.contains("is of format"), "{log}");
    assert!(log.contains("d\\e]0;pwned\\u{7}\\n\\u{202e}x"), "{log}");
    assert!(
        !log.chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
        "{log:?}"
    );
    assert!(log.lines().all(|l| l.contains(" rxdoc")), "{log}");
}

#[test]
fn an_unknown_log_level_is_said_once_and_changes_nothing_else() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let out = rxdoc(data.path(), Some(cache.path()))
        .env("RXDOC_LOG", "loud\u{1b}[2J")
        .env("XDG_STATE_HOME", state.path())
        .args(["search", "headache", "--limit", "500"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let (said, closing) = stderr.split_once('\n').unwrap_or_default();
    assert_eq!(
        said,
        "rxdoc: RXDOC_LOG=\"loud\\e[2J\" is not a level (error, warn, info, debug, trace or off)"
    );
    assert!(
        closing.ends_with(&format!("drugs. {DISCLAIMER}\n")) && closing.lines().count() == 1,
        "said once, then search's closing line: {stderr}"
    );
    assert!(all_files(state.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_log_is_refused_without_hanging() {
    let (data, cache, state) = (tempdir(), tempdir(), tempdir());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    fs::create_dir_all(state.path().join("rxdoc")).unwrap();
    let fifo = state.path().join("rxdoc").join("rxdoc.log");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = rxdoc(data.path(), Some(cache.path()))
        .envs(logging(state.path()))
        .args(["search", "headache", "--limit", "500"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert!(out.status.success(), "hung or failed on the FIFO");
    assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Refused on opening (no reader: "no such device") or on its type.
    assert!(stderr.starts_with("rxdoc: cannot open the log"), "{stderr}");
}
