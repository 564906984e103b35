//! rxdoc: an offline patient-education drug browser.
//!
//! The core (model, loading, search, import and export) knows nothing of the
//! terminal; the TUI in [`app`], [`keymap`] and [`ui`] builds on it.

pub mod allocator;
pub mod app;
pub mod cache;
pub mod classes;
pub mod cli;
pub mod commands;
pub mod date;
pub mod diagnostic;
pub mod export;
pub(crate) mod hash;
pub mod import;
pub mod interactions;
pub mod keymap;
pub mod lint;
pub mod load;
pub mod logging;
pub mod model;
pub mod narrow;
pub mod pane;
pub mod parallel;
pub mod places;
pub mod progress;
pub mod raw_file;
pub mod resolve;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod slug;
pub mod suggest;
pub mod text;
pub mod text_list;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod userfile;
pub mod validate;
pub mod walk;
pub mod wrap;

/// Shown with every screen and every output meant for a person.
pub const DISCLAIMER: &str =
    "Not medical advice: general information only. Ask your doctor or pharmacist.";

/// Short form for terminals too narrow for [`DISCLAIMER`].
pub const DISCLAIMER_SHORT: &str = "Not medical advice";
