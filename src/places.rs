//! Where rxdoc keeps per-user files, found one way for every kind of file
//! so that each is right on Linux, macOS and Windows.
//!
//! | what  | Linux (XDG)                            | macOS                                   | Windows                              |
//! |-------|----------------------------------------|-----------------------------------------|--------------------------------------|
//! | cache | `$XDG_CACHE_HOME/rxdoc`, `~/.cache/rxdoc` | `~/Library/Caches/org.rxdoc.rxdoc`    | `%LOCALAPPDATA%\rxdoc\rxdoc\cache`   |
//! | state | `$XDG_STATE_HOME/rxdoc`, `~/.local/state/rxdoc` | the cache directory              | the cache directory                  |
//! | config | `$XDG_CONFIG_HOME/rxdoc`, `~/.config/rxdoc` | `~/Library/Preferences/org.rxdoc.rxdoc` | `%APPDATA%\rxdoc\rxdoc\config` |
//!
//! An `XDG_*` variable that is not an absolute path is ignored, as the XDG
//! specification asks; so is a home directory that is not absolute.

use std::ffi::OsString;
use std::path::PathBuf;

use etcetera::app_strategy::{AppStrategy, AppStrategyArgs, choose_native_strategy};

/// The directory for files that can be made again (the stored search
/// index): `RXDOC_CACHE_DIR` if set, else the platform's (see the module
/// documentation). `None` when there is no home directory to put it in.
pub fn cache_dir() -> Option<PathBuf> {
    non_empty(std::env::var_os("RXDOC_CACHE_DIR"))
        .map(PathBuf::from)
        .or_else(|| absolute(strategy()?.cache_dir()))
}

/// The directory for state worth keeping between runs but not worth
/// backing up (the log): the platform's state directory where it has one,
/// else [`cache_dir`].
pub fn state_dir() -> Option<PathBuf> {
    strategy()
        .and_then(|s| s.state_dir())
        .and_then(absolute)
        .or_else(cache_dir)
}

/// Name of the settings file in [`config_dir`].
pub const CONFIG_FILE: &str = "config.toml";

/// The directory of the settings file (see the module documentation).
/// `None` when there is no home directory to put it in.
pub fn config_dir() -> Option<PathBuf> {
    absolute(strategy()?.config_dir())
}

/// The settings file read when neither `--config` nor `RXDOC_CONFIG` names
/// one: `config.toml` in [`config_dir`].
pub fn config_file() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(CONFIG_FILE))
}

/// The user's home directory, for `~/` in a path of the settings file.
pub fn home_dir() -> Option<PathBuf> {
    etcetera::home_dir().ok().and_then(absolute)
}

fn strategy() -> Option<impl AppStrategy> {
    choose_native_strategy(AppStrategyArgs {
        top_level_domain: "org".to_string(),
        author: "rxdoc".to_string(),
        app_name: "rxdoc".to_string(),
    })
    .ok()
}

/// A path resolved against an empty or relative home would land in the
/// working directory: refused.
fn absolute(path: PathBuf) -> Option<PathBuf> {
    path.is_absolute().then_some(path)
}

fn non_empty(value: Option<OsString>) -> Option<OsString> {
    value.filter(|v| !v.is_empty())
}
