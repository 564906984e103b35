//! The terminal runner: sets the terminal up, feeds events to the app, draws,
//! and always puts the terminal back — on quit, panic, SIGTERM, SIGHUP,
//! SIGINT, and around Ctrl-z.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Status, Update, loader};
use crate::keymap::{self, Context};
use crate::load::Source;
use crate::theme::Theme;
use crate::ui::{self, Areas};

/// How often the loop wakes to check for termination signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// How often the loop wakes while loading, to show progress.
const LOADING_TICK: Duration = Duration::from_millis(50);

/// Runs the browser on `sources`, loaded in the background, until the user
/// quits or a termination signal arrives.
pub fn run(sources: Vec<Source>) -> io::Result<()> {
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
    let finished = Arc::new(AtomicBool::new(false));
    spawn_watchdog(Arc::clone(&stop), Arc::clone(&finished));
    let (send, updates) = mpsc::channel();
    loader::spawn(sources, move |update| {
        // The receiver is gone only when the browser has quit.
        let _ = send.send(update);
    });
    let result = event_loop(&mut terminal, App::starting(), &updates, &stop);
    finished.store(true, Ordering::Relaxed);
    leave();
    result
}

/// How often the watchdog looks at the terminal, and how long a termination
/// signal may go unanswered before it acts.
const WATCHDOG_TICK: Duration = Duration::from_millis(250);
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

/// Ends the process if the terminal disappears or a termination signal is not
/// acted on. When a terminal hangs up without sending SIGHUP, reads from it
/// return end-of-file forever and the event reader never returns; without
/// this the browser would spin on a dead terminal.
fn spawn_watchdog(stop: Arc<AtomicBool>, finished: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut stopping_since = None;
        loop {
            std::thread::sleep(WATCHDOG_TICK);
            if finished.load(Ordering::Relaxed) {
                return;
            }
            // isatty fails on a hung-up terminal (terminal::size would fall
            // back to a default and hide it).
            if !io::stdin().is_terminal() {
                // Nothing left to restore: the terminal is gone.
                std::process::exit(1);
            }
            if stop.load(Ordering::Relaxed) {
                let since = *stopping_since.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > SIGNAL_GRACE {
                    leave();
                    std::process::exit(1);
                }
            }
        }
    });
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    updates: &Receiver<Update>,
    stop: &AtomicBool,
) -> io::Result<()> {
    let theme = Theme::from_env();
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        for update in updates.try_iter() {
            app.receive(update);
            dirty = true;
        }
        if dirty {
            let size = terminal.size()?;
            let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            app.set_viewport(Areas::new(area, &app).viewport(&app));
            terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
            dirty = false;
        }
        let tick = if app.status == Status::Ready {
            SIGNAL_CHECK
        } else {
            LOADING_TICK
        };
        if !event::poll(tick)? {
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
