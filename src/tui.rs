//! The terminal runner: sets the terminal up, feeds events to the app, draws,
//! and always puts the terminal back — on quit, panic, SIGTERM, SIGHUP,
//! SIGINT, and around Ctrl-z.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{Action, App};
use crate::keymap::{self, Context};
use crate::load::Library;
use crate::theme::Theme;
use crate::ui::{self, Areas};

/// How often the loop wakes to check for termination signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// Runs the browser until the user quits or a termination signal arrives.
pub fn run(library: Library) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = enter()?;
    install_panic_hook();
    let result = event_loop(&mut terminal, App::new(library), &stop);
    leave();
    result
}

fn enter() -> io::Result<DefaultTerminal> {
    // ratatui::init enables raw mode, the alternate screen and a panic hook
    // that restores both; mouse capture is ours to undo.
    let terminal = ratatui::init();
    execute!(io::stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Turns mouse capture off before ratatui's hook restores the rest and the
/// panic message is printed on the normal screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(terminal: &mut DefaultTerminal, mut app: App, stop: &AtomicBool) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            let size = terminal.size()?;
            let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            app.set_viewport(Areas::new(area, &app).viewport(&app));
            terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
            dirty = false;
        }
        if !event::poll(SIGNAL_CHECK)? {
            continue;
        }
        let action = match event::read()? {
            Event::Key(key) => keymap::map(key, Context::of(&app)),
            Event::Mouse(mouse) => {
                let size = terminal.size()?;
                let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                ui::mouse_action(area, &app, mouse)
            }
            Event::Resize(..) => {
                dirty = true;
                None
            }
            _ => None,
        };
        match action {
            Some(Action::Suspend) => {
                suspend(terminal)?;
                dirty = true;
            }
            Some(action) => {
                app.apply(action);
                dirty = true;
            }
            None => {}
        }
    }
    Ok(())
}

/// Restores the terminal, stops the process as the shell's Ctrl-z would, and
/// sets the terminal up again when the shell resumes it.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Set up by hand rather than with `enter`: ratatui's panic hook is
    // already installed and must not be stacked again.
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture
    )?;
    terminal.clear()
}
