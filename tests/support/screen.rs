//! Drawing the browser on a test backend, shared by the tests of screens
//! and of key habits.

#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use rxdoc::app::{Action, App};
use rxdoc::keymap::KeyBindings;
use rxdoc::load::{Library, Source};
use rxdoc::theme::Theme;
use rxdoc::ui::{self, Areas};

/// A path in the repository.
pub fn path(p: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// A browser over the bundled monographs with these ids.
pub fn app_of(ids: &[&str]) -> App {
    let sources: Vec<Source> = ids
        .iter()
        .map(|id| Source::Path(path(&format!("data/{id}.toml"))))
        .collect();
    App::new(Library::load(&sources))
}

/// Applies actions in order.
pub fn apply_all(app: &mut App, actions: &[Action]) {
    for a in actions {
        app.apply(*a);
    }
}

/// Types text into the active input, one key at a time.
pub fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| app.apply(Action::Type(c)));
}

/// Renders as the runner does: tell the app its viewport, then draw.
pub fn render(app: &mut App, width: u16, height: u16) -> Buffer {
    render_with(app, width, height, &Theme::monochrome())
}

/// [`render`] in a given theme.
pub fn render_with(app: &mut App, width: u16, height: u16, theme: &Theme) -> Buffer {
    draw(app, width, height, theme).backend().buffer().clone()
}

/// Draws as the runner does, on a test terminal.
fn draw(app: &mut App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let area = Rect::new(0, 0, width, height);
    let keys = KeyBindings::default();
    app.set_viewport(Areas::new(area, app).viewport(app, &keys));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::draw(f, app, theme, &keys)).unwrap();
    terminal
}

/// Where the terminal's cursor is after a frame, if shown.
pub fn cursor(app: &mut App, width: u16, height: u16) -> Option<(u16, u16)> {
    let terminal = draw(app, width, height, &Theme::monochrome());
    let backend = terminal.backend();
    backend.cursor_visible().then(|| {
        let at = backend.cursor_position();
        (at.x, at.y)
    })
}

/// The screen's text, then a line saying where the terminal's cursor is
/// and what it is on, for snapshots of inputs.
pub fn text_and_cursor(app: &mut App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height, &Theme::monochrome());
    let backend = terminal.backend();
    let cursor = if backend.cursor_visible() {
        let at = backend.cursor_position();
        let under = backend.buffer()[(at.x, at.y)].symbol();
        format!("cursor: column {}, row {}, on {under:?}", at.x, at.y)
    } else {
        "cursor: hidden".to_string()
    };
    format!("{}{cursor}\n", text(backend.buffer()))
}

/// A buffer's text, one line per row, trailing spaces trimmed.
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
