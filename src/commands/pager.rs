//! Long output through a pager on a terminal, as git does: `$RXDOC_PAGER`,
//! else `$PAGER`, else `less -R`, with `LESS=FRX` when `LESS` is unset so
//! that output shorter than the screen is printed and not paged.
//!
//! Hand-written rather than a crate: the `pager` crate forks and makes the
//! pager the parent process, with rxdoc's standard output replaced for the
//! rest of the run (so errors and the exit status no longer reach the
//! shell as they should), and `minus` is a pager itself rather than a way
//! to run the user's. What is wanted here is small: git's choice of
//! program, one buffer written to it, and plain output when it cannot run.

use std::ffi::{OsStr, OsString};
use std::io::{self, IsTerminal, Write};
use std::process::{Child, Command, Stdio};

use super::Outcome;

/// Used when neither `RXDOC_PAGER` nor `PAGER` is set. `-R` passes colour
/// through, should the text ever carry it.
const DEFAULT: &str = "less -R";

/// What `sh` exits with when it cannot find the command it was given.
const NOT_FOUND: i32 = 127;

/// A pager command, as the user's environment names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    command: OsString,
}

impl Pager {
    /// The pager this process's environment asks for, if any.
    pub fn from_env() -> Option<Pager> {
        Self::choose(std::env::var_os("RXDOC_PAGER"), std::env::var_os("PAGER"))
    }

    /// As git chooses: rxdoc's own variable, then the general one, then
    /// `less -R`. A variable that is set but empty, or `cat`, means no
    /// pager; an empty `RXDOC_PAGER` so overrides `PAGER`.
    pub fn choose(own: Option<OsString>, general: Option<OsString>) -> Option<Pager> {
        let command = own.or(general).unwrap_or_else(|| DEFAULT.into());
        let trimmed = command.to_str().map(str::trim);
        if trimmed == Some("") || trimmed == Some("cat") {
            return None;
        }
        Some(Pager { command })
    }

    /// The command line to run.
    pub fn command(&self) -> &OsStr {
        &self.command
    }

    /// The words of a command that needs no shell ("less -R"), run
    /// directly so that a missing program is a start error and not a
    /// shell's complaint; `None` for one that does (quotes, pipes, `$`).
    fn words(&self) -> Option<Vec<&str>> {
        let command = self.command.to_str()?;
        let plain = |c: char| c.is_alphanumeric() || "-_./,:+@%".contains(c);
        command
            .split_whitespace()
            .all(|word| word.chars().all(plain))
            .then(|| command.split_whitespace().collect())
    }

    /// Starts the pager reading its standard input; `None` when it cannot
    /// start (not installed, not executable).
    fn spawn(&self) -> Option<Child> {
        let mut command = match self.words() {
            Some(words) => {
                let (program, args) = words.split_first()?;
                let mut command = Command::new(program);
                command.args(args);
                command
            }
            None => shell(&self.command),
        };
        // As git does: quit when the text fits, keep colours, leave the
        // screen as it was; a user's own LESS is left alone.
        if std::env::var_os("LESS").is_none() {
            command.env("LESS", "FRX");
        }
        if std::env::var_os("LV").is_none() {
            command.env("LV", "-c");
        }
        command.stdin(Stdio::piped()).spawn().ok()
    }

    /// Writes `text` through the pager and waits for the reader to quit
    /// it. Returns `false`, having written nothing, when the pager could
    /// not be started, so the caller prints the text itself.
    fn show(&self, text: &[u8]) -> io::Result<bool> {
        let Some(mut child) = self.spawn() else {
            return Ok(false);
        };
        // Ctrl-C belongs to the pager while it runs: rxdoc must not die
        // under it and hand the terminal back to the shell too early.
        let _quiet = Interrupts::ignored();
        let written = match child.stdin.take() {
            // Dropping the pipe after writing ends the pager's input.
            Some(mut input) => input.write_all(text),
            None => Ok(()),
        };
        let status = child.wait()?;
        if status.code() == Some(NOT_FOUND) {
            return Ok(false);
        }
        match written {
            // The reader quit before the end: nothing is wrong.
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
            _ => Ok(true),
        }
    }
}

#[cfg(unix)]
fn shell(command: &OsStr) -> Command {
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command);
    shell
}

#[cfg(not(unix))]
fn shell(command: &OsStr) -> Command {
    let mut shell = Command::new("cmd");
    shell.arg("/C").arg(command);
    shell
}

/// When text goes through a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Whenever a pager is wanted (`show`).
    Always,
    /// Only when the text takes more rows than the screen has, its long
    /// lines wrapped at the screen's columns (`faq`).
    Longer {
        /// The screen's rows.
        rows: usize,
        /// The screen's columns.
        columns: usize,
    },
}

impl When {
    /// Paging only what would scroll off this terminal's screen; a screen
    /// of unknown size is taken for 80×24.
    pub fn longer_than_screen() -> When {
        let (columns, rows) = crossterm::terminal::size()
            .ok()
            .filter(|&(columns, rows)| columns > 0 && rows > 0)
            .unwrap_or((80, 24));
        When::Longer {
            rows: usize::from(rows),
            columns: usize::from(columns),
        }
    }
}

/// Runs a command that writes a document for a person (`show`, `faq`),
/// then prints what it wrote to `out`: through the user's pager when
/// standard output is a terminal, `when` allows and `no_pager` is not set.
pub fn paged(
    no_pager: bool,
    when: When,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> io::Result<Outcome>,
) -> io::Result<Outcome> {
    let mut text = Vec::new();
    let outcome = write(&mut text)?;
    let pager = (!no_pager && io::stdout().is_terminal())
        .then(Pager::from_env)
        .flatten();
    page(&text, pager.as_ref(), when, out)?;
    Ok(outcome)
}

/// The screen rows `text` takes, each line wrapped at `columns`.
fn rows_taken(text: &[u8], columns: usize) -> usize {
    use unicode_width::UnicodeWidthStr;
    String::from_utf8_lossy(text)
        .lines()
        .map(|line| line.width().div_ceil(columns.max(1)).max(1))
        .sum()
}

/// Writes `text` through `pager`, when there is one, `when` allows and it
/// starts; otherwise straight to `out`.
pub fn page(text: &[u8], pager: Option<&Pager>, when: When, out: &mut dyn Write) -> io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    let long = match when {
        When::Always => true,
        When::Longer { rows, columns } => rows_taken(text, columns) > rows,
    };
    if let Some(pager) = pager.filter(|_| long)
        && pager.show(text)?
    {
        return Ok(());
    }
    out.write_all(text)?;
    out.flush()
}

/// SIGINT and SIGQUIT caught and dropped while alive (on Unix); the pager,
/// which reads the terminal, handles them.
struct Interrupts {
    #[cfg(unix)]
    ids: Vec<signal_hook::SigId>,
}

impl Interrupts {
    fn ignored() -> Self {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGINT, SIGQUIT};
            let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let ids = [SIGINT, SIGQUIT]
                .into_iter()
                .filter_map(|signal| signal_hook::flag::register(signal, flag.clone()).ok())
                .collect();
            Interrupts { ids }
        }
        #[cfg(not(unix))]
        Interrupts {}
    }
}

impl Drop for Interrupts {
    fn drop(&mut self) {
        #[cfg(unix)]
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(own: Option<&str>, general: Option<&str>) -> Option<String> {
        Pager::choose(own.map(Into::into), general.map(Into::into))
            .map(|p| p.command().to_string_lossy().into_owned())
    }

    #[test]
    fn the_pager_is_chosen_as_git_chooses_it() {
        assert_eq!(chosen(None, None).as_deref(), Some("less -R"));
        assert_eq!(chosen(None, Some("more")).as_deref(), Some("more"));
        assert_eq!(chosen(Some("most"), Some("more")).as_deref(), Some("most"));
        assert_eq!(chosen(Some(""), Some("more")), None, "set but empty: none");
        assert_eq!(chosen(None, Some("cat")), None);
        assert_eq!(chosen(Some(" cat "), None), None);
    }

    #[test]
    fn a_plain_command_runs_without_a_shell() {
        let pager = |c: &str| Pager { command: c.into() };
        assert_eq!(pager("less -R").words(), Some(vec!["less", "-R"]));
        assert_eq!(pager("/usr/bin/most").words(), Some(vec!["/usr/bin/most"]));
        assert_eq!(pager("sed 's/^/> /'").words(), None);
        assert_eq!(pager("less | tee log").words(), None);
        assert_eq!(pager("$HOME/pager").words(), None);
    }

    #[test]
    fn long_lines_take_the_rows_they_wrap_to() {
        assert_eq!(rows_taken(b"one\n\nthree\n", 80), 3);
        assert_eq!(rows_taken(&[b'x'; 81], 80), 2);
        assert_eq!(rows_taken("药".repeat(40).as_bytes(), 80), 1);
        assert_eq!(rows_taken("药".repeat(41).as_bytes(), 80), 2);
    }

    #[test]
    fn a_pager_that_is_not_installed_leaves_the_text_printed() {
        let missing = Pager {
            command: "/nonexistent/rxdoc-test-pager".into(),
        };
        let rows = |rows| When::Longer { rows, columns: 80 };
        for when in [When::Always, rows(1), rows(10)] {
            let mut out = Vec::new();
            page(b"one\ntwo\n", Some(&missing), when, &mut out).unwrap();
            assert_eq!(out, b"one\ntwo\n", "{when:?}");
        }
    }
}
