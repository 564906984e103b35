//! The `rxdoc` binary: parses arguments and dispatches.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use rxdoc::cache;
use rxdoc::cli::{Cli, Command, ConfigAction};
use rxdoc::commands::pager::{When, paged};
use rxdoc::commands::{self, Destination, Outcome};
use rxdoc::load::{Library, Source, default_sources, env_data_dirs};
use rxdoc::sanitize::{escape, sanitize};

/// mimalloc: see [`rxdoc::allocator`] for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(unsafe_code)]
fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(&e),
    };
    // The browser stays open, and a first start frees its parsed library
    // as it indexes it: what it frees goes back to the system at once. A
    // command is over in a moment, and returning pages it is about to
    // leave anyway would only cost it time.
    if cli.command.is_none() {
        // SAFETY: no other thread exists yet; parsing arguments starts none.
        unsafe { rxdoc::allocator::return_freed_memory_at_once() };
    }
    // The log goes to a file, never the terminal; a log that cannot be
    // started is worth one line (its parts escaped), not a failed run.
    if let Err(e) = rxdoc::logging::init_from_env() {
        eprintln!("rxdoc: {e}");
    }
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Ok(Outcome::Error) => ExitCode::from(2),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rxdoc: {}", escape(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

/// Help and version go out as clap writes them; an error quotes what was
/// typed (or what a shell glob expanded a hostile file name to), so it goes
/// out with those arguments escaped, without clap's styling.
fn argument_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | ErrorKind::DisplayVersion
    ) {
        e.exit();
    }
    // clap quotes a bad value verbatim, escape sequences and newlines and
    // all: each argument that needs it is escaped where it appears; then
    // clap's own styling (the only escape sequences left) is dropped.
    let mut text = e.render().ansi().to_string();
    for value in quoted_values() {
        text = text.replace(&value, &escape(&value));
    }
    eprint!("{}", sanitize(&text));
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Every argument, and every value after `=` in an `--option=value`, that
/// escaping would change, longest first (so a value inside a longer
/// argument is not escaped on its own first).
fn quoted_values() -> Vec<String> {
    let mut values: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|arg| arg.to_string_lossy().into_owned())
        .flat_map(|arg| {
            let value = arg
                .strip_prefix('-')
                .and_then(|a| a.split_once('='))
                .map(|(_, v)| v.to_string());
            std::iter::once(arg).chain(value)
        })
        .filter(|v| escape(v) != v.as_str())
        .collect();
    values.sort_by_key(|v| std::cmp::Reverse(v.len()));
    values
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let mut stdout = stdout_for(cli.command.as_ref());
    let outcome = run_writing(cli, &mut *stdout)?;
    // Flushed here, not on drop, so a closed pipe is seen (and ends the
    // run quietly) rather than ignored.
    stdout.flush()?;
    Ok(outcome)
}

/// Standard output as `command` writes it. A list or search writes a line
/// a row: to a terminal each goes out as written, where a person reads
/// rows as they come, but to a pipe or file they are gathered into large
/// writes (`rxdoc list` of 6,600 drugs made 6,600 system calls). Other
/// commands write a page at once, or mix their lines with standard error
/// (import, check), whose order a buffer would change.
fn stdout_for(command: Option<&Command>) -> Box<dyn Write> {
    let stdout = io::stdout();
    let rows = matches!(
        command,
        None | Some(Command::List { .. } | Command::Search { .. })
    );
    if rows && !stdout.is_terminal() {
        Box::new(io::BufWriter::with_capacity(64 * 1024, stdout.lock()))
    } else {
        Box::new(stdout.lock())
    }
}

fn run_writing(cli: Cli, stdout: &mut dyn Write) -> anyhow::Result<Outcome> {
    let stderr = &mut io::stderr().lock();
    // Generated from the argument definitions; nothing is loaded.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            rxdoc::cli::write_completions(*shell, stdout);
            return Ok(Outcome::Success);
        }
        Some(Command::Man) => {
            rxdoc::cli::write_man(stdout)?;
            return Ok(Outcome::Success);
        }
        _ => {}
    }
    let settings = Settings::find(&cli);
    if let Some(Command::Config { action }) = &cli.command {
        let place = settings.place.as_ref();
        return Ok(match action {
            ConfigAction::Path => commands::config::path(place, stdout, stderr)?,
            ConfigAction::Show => commands::config::show(
                place,
                &settings.effective,
                &settings.problems,
                stdout,
                stderr,
            )?,
        });
    }
    let sources = default_sources(settings.effective.data.iter().map(|(dir, _)| dir.clone()));
    if matches!(
        cli.command,
        Some(Command::Check { .. } | Command::Import { .. } | Command::Search { .. })
    ) {
        report_problems(&settings.problem_lines(), stderr)?;
    }
    if let Some(Command::Check { paths, strict }) = cli.command {
        let sources = if paths.is_empty() {
            vec![Source::Bundled]
        } else {
            paths.into_iter().map(Source::Path).collect()
        };
        return Ok(commands::check(&sources, strict, stdout, stderr)?);
    }
    if let Some(Command::Import {
        paths,
        out,
        force,
        declare,
    }) = &cli.command
    {
        return Ok(commands::import(
            paths, out, *force, declare, stdout, stderr,
        )?);
    }
    if let Some(Command::Search {
        query,
        section,
        limit,
        all,
        json,
    }) = &cli.command
    {
        // Search reads a stored index when one is current (see `cache`).
        let mut library = cache::load(&sources, &tell_waiting);
        report_problems(&library.problems, stderr)?;
        let width = io::stdout()
            .is_terminal()
            .then(|| crossterm::terminal::size().ok())
            .flatten()
            .map(|(columns, _)| usize::from(columns));
        let options = commands::SearchOptions {
            section: *section,
            limit: *limit,
            all: *all,
            json: *json,
            width,
            to: Destination::of_stdout(),
        };
        return Ok(commands::search(
            &mut library,
            &query.join(" "),
            options,
            stdout,
            stderr,
        )?);
    }
    let on_terminal = io::stdout().is_terminal() && io::stdin().is_terminal();
    if cli.command.is_none() && on_terminal {
        // The browser loads in the background and shows load problems, and
        // the settings file's, in its own notice.
        let options = settings.browser_options();
        rxdoc::tui::run(sources, &options).context("running the terminal browser")?;
        return Ok(Outcome::Success);
    }
    report_problems(&settings.problem_lines(), stderr)?;
    // Surveyed before the files are read: the stored catalogue lists the
    // drugs and finds the named ones when it is current, and `rxdoc faq`
    // searches with the stored index.
    let (survey, library) = match named(cli.command.as_ref()) {
        Some(names) => cache::catalogue::library_for(&sources, &names),
        None => (cache::Survey::of(&sources), Library::load(&sources)),
    };
    report_load_problems(&library, stderr)?;
    let to = Destination::of_stdout();
    let no_pager = cli.no_pager;
    let outcome = match cli.command {
        // Not on a terminal (piped, redirected): print the list instead of the browser.
        None => commands::list(&library, false, to, stdout, stderr)?,
        Some(Command::List { json }) => commands::list(&library, json, to, stdout, stderr)?,
        Some(Command::Show {
            drug,
            section,
            json,
        }) => paged(no_pager, When::Always, stdout, |text| {
            commands::show(&library, &drug, section, json, text_width(), text, stderr)
        })?,
        Some(Command::Faq { query, drug, json }) => {
            paged(no_pager, When::longer_than_screen(), stdout, |text| {
                commands::faq(
                    &library,
                    || cache::library_index(survey, &sources, &library, &tell_waiting),
                    &query.join(" "),
                    drug.as_deref(),
                    json,
                    text,
                    stderr,
                )
            })?
        }
        Some(Command::Interactions { drugs, json }) => {
            paged(no_pager, When::longer_than_screen(), stdout, |text| {
                commands::interactions(
                    &library,
                    &drugs,
                    json,
                    to.into(),
                    text_width(),
                    text,
                    stderr,
                )
            })?
        }
        Some(Command::Compare {
            first,
            second,
            section,
        }) => paged(no_pager, When::longer_than_screen(), stdout, |text| {
            commands::compare(
                &library,
                &first,
                &second,
                section,
                text_width(),
                text,
                stderr,
            )
        })?,
        Some(Command::Export {
            drug,
            format,
            output,
            force,
        }) => commands::export(
            &library,
            &drug,
            format,
            output.as_deref(),
            force,
            stdout,
            stderr,
        )?,
        Some(
            Command::Check { .. }
            | Command::Import { .. }
            | Command::Search { .. }
            | Command::Completions { .. }
            | Command::Man
            | Command::Config { .. },
        ) => {
            unreachable!("handled above")
        }
    };
    Ok(outcome)
}

/// The settings file, where it is and what it says, combined with the
/// environment and the command line.
struct Settings {
    place: Option<rxdoc::settings::Place>,
    effective: rxdoc::settings::resolve::Effective,
    problems: Vec<rxdoc::diagnostic::Diagnostic>,
}

impl Settings {
    fn find(cli: &Cli) -> Self {
        use rxdoc::settings::{Place, resolve};
        let place = Place::find(
            cli.config.as_deref(),
            std::env::var_os("RXDOC_CONFIG").as_deref(),
        );
        let (file, problems) = place.as_ref().map(Place::read).unwrap_or_default();
        let overrides = resolve::Overrides {
            color: cli.color,
            no_color: rxdoc::theme::no_color_env(),
            env_data: env_data_dirs(std::env::var_os("RXDOC_DATA").as_deref()),
            flag_data: cli.data.clone(),
        };
        Self {
            place,
            effective: resolve::resolve(&file, &overrides),
            problems,
        }
    }

    fn browser_options(&self) -> rxdoc::tui::Options {
        rxdoc::tui::Options {
            theme: rxdoc::theme::Theme::named(self.effective.theme.0),
            tab: self.effective.tab.0,
            mouse: self.effective.mouse.0,
            keys: self.effective.key_bindings(),
            problems: self.problems.clone(),
        }
    }

    fn problem_lines(&self) -> Vec<String> {
        self.problems.iter().map(ToString::to_string).collect()
    }
}

/// The drugs a command names, for which the stored catalogue can stand in
/// for loading every file (none for the list); `None` for a command that
/// needs every monograph whole.
fn named(command: Option<&Command>) -> Option<Vec<&str>> {
    match command {
        None | Some(Command::List { .. }) => Some(Vec::new()),
        Some(Command::Show { drug, .. } | Command::Export { drug, .. }) => Some(vec![drug]),
        Some(Command::Interactions { drugs, .. }) => {
            Some(drugs.iter().map(String::as_str).collect())
        }
        Some(Command::Compare { first, second, .. }) => Some(vec![first, second]),
        Some(_) => None,
    }
}

/// Said once another rxdoc is found building the index this one needs.
fn tell_waiting() {
    eprintln!("rxdoc: another rxdoc is building the search index; waiting for it");
}

/// Problems with user files are warnings: the rest of the library still loads.
fn report_load_problems(library: &Library, err: &mut dyn io::Write) -> anyhow::Result<()> {
    let problems: Vec<String> = library
        .diagnostics
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    report_problems(&problems, err)
}

fn report_problems(problems: &[String], err: &mut dyn io::Write) -> anyhow::Result<()> {
    for problem in problems {
        // Escaped again here: a stored index written by an older version
        // may hold them raw.
        writeln!(err, "warning: {}", escape(problem)).context("writing warnings")?;
    }
    Ok(())
}

/// Wrap width for text on a terminal; pipes get unwrapped lines.
fn text_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    crossterm::terminal::size()
        .ok()
        .filter(|&(w, _)| w > 0)
        .map(|(w, _)| usize::from(w).clamp(20, 100))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
