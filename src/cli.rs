//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::export::Format;
use crate::pane::Pane;

/// Offline patient-education drug browser. With no command, opens the browser.
#[derive(Debug, Parser)]
#[command(name = "rxdoc", version, about, long_about = None)]
pub struct Cli {
    /// Also load monographs from DIR (repeatable; a later directory overrides
    /// an earlier one, and both override the bundled data, by id).
    #[arg(long = "data", value_name = "DIR", global = true)]
    pub data: Vec<PathBuf>,

    /// Print `show` and `faq` straight to the terminal, not through the
    /// pager ($RXDOC_PAGER, else $PAGER, else `less -R`).
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Read settings from FILE instead of `config.toml` in the user's
    /// configuration directory (see `rxdoc config path`); also
    /// `RXDOC_CONFIG`.
    #[arg(long = "config", value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// When to use colour: `auto` (unless NO_COLOR is set), `always` (even
    /// then) or `never` (the monochrome theme).
    #[arg(long, value_name = "WHEN", value_enum, default_value_t, global = true)]
    pub color: crate::theme::ColorChoice,

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
        /// Only this section: usage, side-effects, how-it-works, faqs,
        /// before-you-take or contraception.
        #[arg(long, value_name = "SECTION", value_parser = parse_pane)]
        section: Option<Pane>,
        /// Print JSON with the same keys as the TOML file.
        #[arg(long)]
        json: bool,
    },
    /// Search every monograph for words, symptoms or phrases.
    Search {
        /// Words to look for, e.g. `yellow skin` or `bruising`.
        #[arg(required = true)]
        query: Vec<String>,
        /// Only this section: usage, side-effects, how-it-works, faqs,
        /// before-you-take or contraception.
        #[arg(long, value_name = "SECTION", value_parser = parse_pane)]
        section: Option<Pane>,
        /// At most this many rows.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// List every matching passage, not one row per drug.
        #[arg(long)]
        all: bool,
        /// Print JSON: `results`, `total_drugs` and `total_passages`.
        #[arg(long)]
        json: bool,
    },
    /// Print every FAQ, or those matching the words given.
    Faq {
        /// Words to look for in questions and answers.
        query: Vec<String>,
        /// Only this drug's FAQs (id, name, brand or alias).
        #[arg(long, value_name = "DRUG")]
        drug: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What the monographs of two or more drugs (or foods and drinks such
    /// as alcohol and grapefruit) say of each other.
    Interactions {
        /// Ids, generic names, brands or aliases, foods or drinks.
        #[arg(required = true, num_args = 2.., value_name = "DRUG")]
        drugs: Vec<String>,
        /// Print JSON: `checked`, `pairs` (with `findings`), `duplicates`,
        /// `name_only` and `no_interaction_section`.
        #[arg(long)]
        json: bool,
    },
    /// One section of two drugs' monographs, one after the other.
    Compare {
        /// The first drug.
        first: String,
        /// The second drug.
        second: String,
        /// The section (default before-you-take): usage, side-effects,
        /// how-it-works, faqs, before-you-take or contraception.
        #[arg(long, value_name = "SECTION", value_parser = parse_pane)]
        section: Option<Pane>,
    },
    /// Turn drug pages, patient guides and FDA labels into monograph files.
    Import {
        /// Files or directories (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Directory to write `<id>.toml` files into (made if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite monographs that already exist.
        #[arg(long)]
        force: bool,
        /// What the source says of itself elsewhere (its README or about
        /// page), recorded in every import's provenance: `ai-generated`,
        /// `crowd-sourced`. Repeat for both.
        #[arg(long, value_name = "CLAIM", value_parser = parse_claim)]
        declare: Vec<crate::import::Claim>,
    },
    /// Write a patient handout of one monograph.
    Export {
        /// Id, generic name, brand or alias, or a path to a .toml file.
        drug: String,
        /// html (self-contained, print-friendly), md or txt.
        #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
        format: Format,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Validate monograph files or directories (default: the bundled data).
    Check {
        /// Files or directories to check.
        paths: Vec<PathBuf>,
        /// Also review the content (rules in docs/REVIEW.md): a symptom both
        /// common and serious, a rash among common effects where the label
        /// says stop at a rash, a brand shared by two monographs, chart and
        /// prose durations that differ, no missed-dose FAQ, no jurisdiction.
        #[arg(long)]
        strict: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `rxdoc man > rxdoc.1`.
    Man,
    /// Find and check the settings file.
    Config {
        /// What to do.
        #[command(subcommand)]
        action: ConfigAction,
    },
}

/// What `rxdoc config` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum ConfigAction {
    /// Print the path of the settings file rxdoc reads (it may not exist).
    Path,
    /// Print the settings in effect as a settings file, each with where it
    /// comes from; problems with the file go to standard error (exit 1).
    Show,
}

/// Writes the completion script for `shell` (see [`Command::Completions`]).
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "rxdoc", out);
}

/// Writes the manual page in roff (see [`Command::Man`]).
pub fn write_man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// Parses a handout format.
pub fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

/// Parses a section name such as `side-effects`.
pub fn parse_pane(s: &str) -> Result<Pane, String> {
    s.parse()
}

fn parse_claim(s: &str) -> Result<crate::import::Claim, String> {
    match s {
        "ai-generated" => Ok(crate::import::Claim::AiGenerated),
        "crowd-sourced" => Ok(crate::import::Claim::CrowdSourced),
        _ => Err("expected ai-generated or crowd-sourced".into()),
    }
}
