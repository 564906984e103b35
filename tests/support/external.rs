//! A test harness for tests that run programs from outside the Rust
//! toolchain (tmux, Chromium, pgrep…). On a machine without one of them such
//! a test is reported as ignored, naming what is missing, so `cargo test`
//! passes on a fresh machine and says what it left out. With
//! `RXDOC_REQUIRE_TOOLS=1` (as CI sets it) a missing program fails the test
//! instead, so the tests cannot silently stop running where they should.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use libtest_mimic::{Arguments, Completion, Failed, Trial};

/// The switch that turns a missing program from a skip into a failure.
pub const REQUIRE_TOOLS: &str = "RXDOC_REQUIRE_TOOLS";

/// A program a test runs: the commands that provide it, tried in order on
/// `PATH`; messages name it by the first.
#[derive(Clone, Copy, Debug)]
pub struct Program(pub &'static [&'static str]);

impl Program {
    /// The name messages use.
    pub fn name(&self) -> &'static str {
        self.0[0]
    }

    /// Where the program is on `PATH`: its first command found.
    pub fn find(&self) -> Option<PathBuf> {
        self.0.iter().find_map(|command| which::which(command).ok())
    }
}

/// Adds each named function to a [`Suite`] as a test named by its module
/// and function, as libtest names them (`tmux::sigterm_…`), needing the
/// programs in the lists after `needs`.
macro_rules! add_tests {
    ($suite:expr; $($test:ident needs [$($needs:expr),* $(,)?]),* $(,)?) => {{
        let module = module_path!().split_once("::").map_or("", |(_, m)| m);
        $( $suite.test(
            &format!("{module}::{}", stringify!($test)),
            &[$($needs),*],
            $test,
        ); )*
    }};
}

/// True when the environment asks for missing programs to fail tests.
fn tools_required() -> bool {
    std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Why a test that needs `missing` cannot run, e.g.
/// "needs tmux, pgrep: not found on PATH".
fn reason(missing: &[Program]) -> String {
    let names: Vec<&str> = missing.iter().map(Program::name).collect();
    format!("needs {}: not found on PATH", names.join(", "))
}

/// The programs that tests skipped for lack of them, for the closing note.
type Skipped = Arc<Mutex<Vec<&'static str>>>;

/// A set of tests that each need some programs, run by [`Suite::run`].
#[derive(Default)]
pub struct Suite {
    trials: Vec<Trial>,
    skipped: Skipped,
}

impl Suite {
    /// Adds the test `name`, which runs `body` when every one of `needs` is
    /// on `PATH`. `body` fails by panicking, as a `#[test]` does.
    pub fn test(&mut self, name: &str, needs: &[&[Program]], body: fn()) -> &mut Self {
        let needs: Vec<Program> = needs.concat();
        let skipped = Arc::clone(&self.skipped);
        self.trials.push(Trial::ignorable_test(name, move || {
            let missing: Vec<Program> = needs.into_iter().filter(|p| p.find().is_none()).collect();
            if missing.is_empty() {
                body();
                return Ok(Completion::Completed);
            }
            if tools_required() {
                return Err(Failed::from(format!(
                    "{} (and {REQUIRE_TOOLS} is set)",
                    reason(&missing)
                )));
            }
            let mut names = skipped
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            names.extend(missing.iter().map(Program::name));
            Ok(Completion::ignored_with(reason(&missing)))
        }));
        self
    }

    /// Runs the tests as `cargo test` asked, then says which programs were
    /// missing, and exits with the suite's status.
    pub fn run(self) -> ! {
        let conclusion = libtest_mimic::run(&Arguments::from_args(), self.trials);
        let mut missing = self
            .skipped
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            println!(
                "note: skipped the tests that need {} (not found on PATH); \
                 the README's \"Tests\" section says what to install, and \
                 {REQUIRE_TOOLS}=1 makes a missing program fail its tests\n",
                missing.join(", "),
            );
        }
        conclusion.exit()
    }
}
