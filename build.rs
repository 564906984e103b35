//! The bundled monographs are compiled into the binary; rebuild whenever
//! anything under `data/` changes, including files being added.
//!
//! A digest of every bundled file is worked out here, once, so that a
//! survey of the library fingerprints the bundled files without hashing
//! their contents at every start.

#[path = "src/hash.rs"]
mod hash;

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let mut digest = hash::Fnv::default();
    add_dir(Path::new("data"), Path::new(""), &mut digest);
    println!("cargo:rustc-env=RXDOC_BUNDLED_DIGEST={:016x}", digest.0);
}

/// Feeds every file under `dir`, by name order, to `digest`: its path
/// under `data/`, then its bytes.
fn add_dir(dir: &Path, shown: &Path, digest: &mut hash::Fnv) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("data/ is readable")
        .map(|e| e.expect("data/ is readable").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = shown.join(path.file_name().expect("a directory entry has a name"));
        if path.is_dir() {
            add_dir(&path, &name, digest);
        } else {
            digest.write(name.to_string_lossy().as_bytes());
            digest.write(&std::fs::read(&path).expect("data/ is readable"));
        }
    }
}
