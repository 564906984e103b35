//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::pane::Pane;

/// Offline patient-education drug browser. With no command, opens the browser.
#[derive(Debug, Parser)]
#[command(name = "rxdoc", version, about, long_about = None)]
pub struct Cli {
    /// Also load monographs from DIR (repeatable; a later directory overrides
    /// an earlier one, and both override the bundled data, by id).
    #[arg(long = "data", value_name = "DIR", global = true)]
    pub data: Vec<PathBuf>,

    /// What to do; opens the browser when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every monograph: id, name, brands, class.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print one drug's monograph, or one section of it.
    Show {
        /// Id, generic name, brand or alias (any case), or a path to a .toml file.
        drug: String,
        /// Only this section.
        #[arg(long, value_name = "SECTION", value_parser = parse_pane)]
        section: Option<Pane>,
        /// Print JSON with the same keys as the TOML file.
        #[arg(long)]
        json: bool,
    },
    /// Validate monograph files or directories (default: the bundled data).
    Check {
        /// Files or directories to check.
        paths: Vec<PathBuf>,
    },
}

/// Parses a section name such as `side-effects`.
pub fn parse_pane(s: &str) -> Result<Pane, String> {
    s.parse()
}
