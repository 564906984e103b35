//! The stored search index of `rxdoc search`: built on first use, used
//! while every file's size and modification time are unchanged, rebuilt
//! when they change or the cache is damaged.

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

#[path = "support/cache.rs"]
mod support;

use support::{GOOD, cache_files, finds, rxdoc, search};

/// Writes a monograph whose one common side effect is `effect`, with a
/// fixed modification time.
fn write_drug(path: &Path, effect: &str, modified: SystemTime) {
    fs::write(path, GOOD.replace("Mild headache", effect)).unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[test]
fn the_cache_is_built_used_while_current_and_rebuilt_when_files_change() {
    let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let drug = data.path().join("testamol.toml");
    let then = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    write_drug(&drug, "Mild headache", then);

    let first = search(data.path(), cache.path(), "headache");
    assert!(finds(&first, "testamol"), "{first}");
    assert_eq!(cache_files(cache.path()).len(), 1, "one cache file written");
    assert_eq!(search(data.path(), cache.path(), "headache"), first);

    // Same size, modification time restored: the change time (and inode)
    // still tell the edit apart.
    write_drug(&drug, "Mild backache", then);
    assert!(!finds(
        &search(data.path(), cache.path(), "headache"),
        "testamol"
    ));
    write_drug(&drug, "Mild headache", then);
    assert!(finds(
        &search(data.path(), cache.path(), "headache"),
        "testamol"
    ));

    // A new modification time invalidates it.
    write_drug(&drug, "Mild backache", then + Duration::from_secs(60));
    assert!(!finds(
        &search(data.path(), cache.path(), "headache"),
        "testamol"
    ));
    assert!(finds(
        &search(data.path(), cache.path(), "backache"),
        "testamol"
    ));

    // Left by a run that was stopped while storing; cleared by the next store.
    let stored = cache_files(cache.path()).remove(0);
    let leftover = cache.path().join(format!(
        ".{}.4242.tmp",
        stored.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&leftover, "half a cache").unwrap();

    // A file added to the directory invalidates it too.
    let other = GOOD
        .replace("id = \"testamol\"", "id = \"other\"")
        .replace("Mild headache", "Hiccups");
    fs::write(data.path().join("other.toml"), other).unwrap();
    assert!(finds(
        &search(data.path(), cache.path(), "hiccups"),
        "other"
    ));
    assert_eq!(cache_files(cache.path()).len(), 1, "rewritten in place");
    assert!(!leftover.exists(), "leftover temporary file removed");
}

fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at] ^= 0x20;
    out
}

#[test]
fn a_damaged_cache_is_rebuilt_and_never_trusted() {
    let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let good = search(data.path(), cache.path(), "headache");
    let file = cache_files(cache.path()).remove(0);
    let bytes = fs::read(&file).unwrap();
    // Damage found on opening: the cache is rebuilt as it was.
    for damage in [
        Vec::new(),
        bytes[..bytes.len() / 2].to_vec(),
        bytes.iter().map(|b| b ^ 0x5a).collect(),
        [&bytes[..40], &vec![0xff; bytes.len() - 40][..]].concat(),
        // The format before lazily read, compressed parts (version 7), and
        // one from a later rxdoc.
        [&bytes[..8], &7u32.to_le_bytes()[..], &bytes[12..]].concat(),
        [&bytes[..8], &9u32.to_le_bytes()[..], &bytes[12..]].concat(),
        // Cut short after its header, or within its head.
        bytes[..120].to_vec(),
        bytes[..bytes.len() - 100].to_vec(),
    ] {
        fs::write(&file, damage).unwrap();
        assert_eq!(search(data.path(), cache.path(), "headache"), good);
        assert_eq!(fs::read(&file).unwrap(), bytes, "rebuilt as it was");
    }
    // Damage only a search can meet — a stored text or postings list that
    // no longer matches its hash — never changes the answer either.
    for at in [bytes.len() - 1, bytes.len() * 3 / 4, bytes.len() / 2] {
        fs::write(&file, flipped(&bytes, at)).unwrap();
        assert_eq!(search(data.path(), cache.path(), "headache"), good);
    }
}

#[test]
fn load_problems_are_reported_from_the_cache_too() {
    let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    fs::write(data.path().join("broken.toml"), "id = \"unterminated").unwrap();
    for _ in 0..2 {
        let out = rxdoc(data.path(), Some(cache.path()))
            .args(["search", "headache", "--limit", "500"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("broken.toml:1:19"), "{stderr}");
        assert!(finds(&String::from_utf8_lossy(&out.stdout), "testamol"));
    }
}

/// `rxdoc --data DATA ARGS` (see [`rxdoc`]), which must succeed; its stdout.
fn run(data: &Path, cache: Option<&Path>, args: &[&str]) -> String {
    let out = rxdoc(data, cache).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn faq_searches_with_the_stored_index_and_without_a_cache_alike() {
    let (data, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fs::write(data.path().join("testamol.toml"), GOOD).unwrap();
    let stored = run(data.path(), Some(cache.path()), &["faq", "real"]);
    assert!(stored.contains("Q: Is it real?"), "{stored}");
    assert_eq!(cache_files(cache.path()).len(), 1, "the index was stored");
    assert_eq!(
        run(data.path(), Some(cache.path()), &["faq", "real"]),
        stored
    );
    // With nowhere to store it, the index is made for the run alone.
    assert_eq!(run(data.path(), None, &["faq", "real"]), stored);
    let search = ["search", "headache", "--limit", "500"];
    assert_eq!(
        run(data.path(), None, &search),
        run(data.path(), Some(cache.path()), &search)
    );
}
