//! A log for what rxdoc does out of sight — the stored search index
//! refused, rebuilt, not written, waited for, pruned — kept in a file and
//! only when asked for: `RXDOC_LOG=LEVEL`, one of `error`, `warn`, `info`,
//! `debug`, `trace` (each includes the ones before it) or `off`. The file is
//! `rxdoc.log` in the user's state directory ([`crate::places::state_dir`]),
//! appended to. Nothing is ever logged to the terminal: the browser owns the
//! screen.
//!
//! Messages carry paths and causes from outside (file names, I/O errors),
//! so every line is escaped: control and bidirectional-formatting
//! characters are written inert (`\e`, `\n`, `\u{202e}`), and one message
//! is always one line.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::SystemTime;

use log::{LevelFilter, Log, Metadata, Record};

use crate::date::ReviewedDate;

/// The variable that turns the log on and sets its level.
pub const VARIABLE: &str = "RXDOC_LOG";

/// The log file's name in the state directory.
pub const FILE_NAME: &str = "rxdoc.log";

/// Why the log could not be started.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// `RXDOC_LOG` names no level.
    #[error("{VARIABLE}=\"{}\" is not a level (error, warn, info, debug, trace or off)", escape_for_log(.0))]
    Level(String),
    /// No state directory could be found.
    #[error("no directory for the log: no home directory")]
    NoDirectory,
    /// The file could not be opened.
    #[error(
        "cannot open the log {}: {}",
        escape_for_log(&.path.display().to_string()),
        escape_for_log(&.source.to_string())
    )]
    Open {
        /// The log file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Starts logging to the file if `RXDOC_LOG` asks for it; `Ok(None)` when
/// it does not. Returns the log file's path.
pub fn init_from_env() -> Result<Option<PathBuf>, LogError> {
    let Some(level) = std::env::var_os(VARIABLE).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let level = level.to_string_lossy();
    let level = LevelFilter::from_str(&level).map_err(|_| LogError::Level(level.into_owned()))?;
    if level == LevelFilter::Off {
        return Ok(None);
    }
    let dir = crate::places::state_dir().ok_or(LogError::NoDirectory)?;
    let path = dir.join(FILE_NAME);
    let file = open(&dir, &path).map_err(|source| LogError::Open {
        path: path.clone(),
        source,
    })?;
    // Only the first logger set counts; a second start is harmless.
    if log::set_boxed_logger(Box::new(FileLogger {
        file: Mutex::new(file),
        level,
    }))
    .is_ok()
    {
        log::set_max_level(level);
    }
    Ok(Some(path))
}

/// The log file, appended to; never a FIFO or device, which could hang the
/// program before it starts.
fn open(dir: &Path, path: &Path) -> std::io::Result<File> {
    std::fs::create_dir_all(dir)?;
    crate::cache::open_regular(File::options().create(true).append(true), path)
}

/// Appends each record as one escaped line.
struct FileLogger {
    file: Mutex<File>,
    level: LevelFilter,
}

impl Log for FileLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= self.level
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!(
            "{} {:5} {}: {}\n",
            timestamp(SystemTime::now()),
            record.level(),
            escape_for_log(record.target()),
            escape_for_log(&record.args().to_string()),
        );
        if let Ok(mut file) = self.file.lock() {
            // A log that cannot be written must not stop the program.
            let _ = file.write_all(line.as_bytes());
        }
    }

    fn flush(&self) {
        if let Ok(mut file) = self.file.lock() {
            let _ = file.flush();
        }
    }
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, in UTC.
fn timestamp(now: SystemTime) -> String {
    let since = now
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let date = ReviewedDate::from_unix_seconds(secs);
    let of_day = secs % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
        since.subsec_millis()
    )
}

/// `text` as the log writes it: escaped like every message rxdoc prints
/// ([`crate::sanitize::escape`]), so a log line shows control and
/// reordering characters inert.
pub fn escape_for_log(text: &str) -> String {
    crate::sanitize::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_reordering_characters_are_logged_inert() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\nwarning: fake\u{202e}gpj.exe\\";
        let escaped = escape_for_log(hostile);
        assert_eq!(
            escaped,
            "a\\e]52;c;ZXZpbA==\\u{7}b\\nwarning: fake\\u{202e}gpj.exe\\"
        );
        assert!(!escaped.chars().any(char::is_control));
        assert_eq!(escape_for_log("plain text, ü ✓"), "plain text, ü ✓");
    }

    #[test]
    fn timestamps_are_utc_to_the_millisecond() {
        let at = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_764_430_245_007);
        assert_eq!(timestamp(at), "2025-11-29T15:30:45.007Z");
    }
}
