//! The bundled monographs are compiled into the binary; rebuild whenever
//! anything under `data/` changes, including files being added.
fn main() {
    println!("cargo:rerun-if-changed=data");
}
