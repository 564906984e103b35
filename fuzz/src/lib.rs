//! The fuzz targets check exactly what the test suite's property and
//! regression tests check.

#[path = "../../tests/support/checks.rs"]
mod checks;

pub use checks::*;
