//! The `rxdoc` binary: parses arguments and dispatches.

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use rxdoc::cli::{Cli, Command};
use rxdoc::commands::{self, Outcome};
use rxdoc::load::{Library, Source, default_sources};
use rxdoc::search::cache;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Failure) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rxdoc: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let sources = default_sources(std::env::var_os("RXDOC_DATA").as_deref(), &cli.data);
    let stdout = &mut io::stdout().lock();
    let stderr = &mut io::stderr().lock();
    if let Some(Command::Check { paths, strict }) = cli.command {
        let sources = if paths.is_empty() {
            vec![Source::Bundled]
        } else {
            paths.into_iter().map(Source::Path).collect()
        };
        return Ok(commands::check(&sources, strict, stdout, stderr)?);
    }
    if let Some(Command::Import { paths, out, force }) = &cli.command {
        return Ok(commands::import(paths, out, *force, stdout, stderr)?);
    }
    if let Some(Command::Search {
        query,
        section,
        limit,
        json,
    }) = &cli.command
    {
        // Search reads a stored index when one is current (see `search::cache`).
        let mut library = cache::load(&sources);
        report_problems(&library.problems, stderr)?;
        return Ok(commands::search(
            &mut library,
            &query.join(" "),
            *section,
            *limit,
            *json,
            stdout,
        )?);
    }
    let on_terminal = io::stdout().is_terminal() && io::stdin().is_terminal();
    if cli.command.is_none() && on_terminal {
        // The browser loads in the background and shows load problems in
        // its own notice.
        rxdoc::tui::run(sources).context("running the terminal browser")?;
        return Ok(Outcome::Success);
    }
    // `rxdoc faq` searches with the stored index too, surveyed before the
    // files are read.
    let survey = matches!(cli.command, Some(Command::Faq { .. }))
        .then(|| cache::Survey::of(&sources))
        .flatten();
    let library = Library::load(&sources);
    report_load_problems(&library, stderr)?;
    let outcome = match cli.command {
        // Not on a terminal (piped, redirected): print the list instead of the browser.
        None => commands::list(&library, false, stdout)?,
        Some(Command::List { json }) => commands::list(&library, json, stdout)?,
        Some(Command::Show {
            drug,
            section,
            json,
        }) => commands::show(&library, &drug, section, json, text_width(), stdout, stderr)?,
        Some(Command::Faq { query, drug, json }) => commands::faq(
            &library,
            || cache::library_index(survey, &sources, &library),
            &query.join(" "),
            drug.as_deref(),
            json,
            stdout,
            stderr,
        )?,
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
        Some(Command::Check { .. } | Command::Import { .. } | Command::Search { .. }) => {
            unreachable!("handled above")
        }
    };
    Ok(outcome)
}

/// Problems with user files are warnings: the rest of the library still loads.
fn report_load_problems(library: &Library, err: &mut dyn io::Write) -> anyhow::Result<()> {
    let problems: Vec<String> = library.diagnostics.iter().map(|d| d.to_string()).collect();
    report_problems(&problems, err)
}

fn report_problems(problems: &[String], err: &mut dyn io::Write) -> anyhow::Result<()> {
    for problem in problems {
        writeln!(err, "warning: {problem}").context("writing warnings")?;
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
        .map(|(w, _)| usize::from(w).clamp(20, 100))
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
