//! The terminal runner: sets the terminal up, feeds events to the app, draws,
//! and always puts the terminal back — on quit, panic, SIGTERM, SIGHUP,
//! SIGINT, and around a suspend (Ctrl-z or SIGTSTP).

mod events;

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::{App, Status, Update, loader};
use crate::diagnostic::Diagnostic;
use crate::keymap::KeyBindings;
use crate::load::Source;
use crate::pane::Pane;
use crate::theme::Theme;
use crate::ui::{self, Areas};

/// How often the loop wakes to check for termination and job-control signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// How often the loop wakes while loading, to show progress.
const LOADING_TICK: Duration = Duration::from_millis(50);

/// Signals the loop acts on, each as a flag set by its handler.
struct Signals {
    /// SIGTERM, SIGHUP or SIGINT: restore the terminal and leave.
    stop: Arc<AtomicBool>,
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-z does.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: resumed after being stopped, perhaps by a SIGSTOP that could
    /// not be answered; the terminal must be set up again.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn register() -> io::Result<Self> {
        use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let flag = |signals: &[i32]| -> io::Result<Arc<AtomicBool>> {
            let flag = Arc::new(AtomicBool::new(false));
            for &signal in signals {
                signal_hook::flag::register(signal, Arc::clone(&flag))?;
            }
            Ok(flag)
        };
        Ok(Self {
            stop: flag(&[SIGTERM, SIGHUP, SIGINT])?,
            suspend: flag(&[SIGTSTP])?,
            resumed: flag(&[SIGCONT])?,
        })
    }
}

/// How the browser starts, from the settings in effect (see
/// [`crate::settings`]).
#[derive(Debug, Clone)]
pub struct Options {
    /// Styles.
    pub theme: Theme,
    /// The tab drugs open on.
    pub tab: Pane,
    /// Whether to capture the mouse (wheel and clicks) rather than leave it
    /// to the terminal, which then selects and copies text.
    pub mouse: bool,
    /// The keys, with any the settings file remaps.
    pub keys: KeyBindings,
    /// Problems with the settings file, shown with the load problems.
    pub problems: Vec<Diagnostic>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            theme: Theme::dark(),
            tab: Pane::Usage,
            mouse: true,
            keys: KeyBindings::default(),
            problems: Vec::new(),
        }
    }
}

/// Runs the browser on `sources`, loaded in the background, until the user
/// quits or a termination signal arrives.
pub fn run(sources: Vec<Source>, options: &Options) -> io::Result<()> {
    let signals = Signals::register()?;
    let mut terminal = enter(options.mouse)?;
    install_panic_hook();
    let finished = Arc::new(AtomicBool::new(false));
    spawn_watchdog(Arc::clone(&signals.stop), Arc::clone(&finished));
    let (send, updates) = mpsc::channel();
    let reader = send.clone();
    let settings_problems = options.problems.clone();
    loader::spawn(sources, move |mut update| {
        // Settings problems are told where load problems are, first.
        if let Update::Loaded(loaded) | Update::Listed(loaded) = &mut update {
            loaded
                .diagnostics
                .splice(0..0, settings_problems.iter().cloned());
        }
        // The receiver is gone only when the browser has quit.
        let _ = send.send(update);
    });
    let mut app = App::starting();
    app.tab = options.tab;
    app.mouse = options.mouse;
    let channel = (&updates, reader);
    let result = event_loop(&mut terminal, app, channel, &signals, options);
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

fn enter(mouse: bool) -> io::Result<DefaultTerminal> {
    // ratatui::init enables raw mode, the alternate screen and a panic hook
    // that restores both; mouse capture and bracketed paste are ours to undo.
    let terminal = ratatui::init();
    execute!(io::stdout(), EnableBracketedPaste)?;
    capture_mouse(mouse)?;
    Ok(terminal)
}

fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = io::stdout().flush();
}

/// Turns mouse capture and bracketed paste off before ratatui's hook
/// restores the rest and the panic message is printed on the normal screen.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    (updates, reader): (&Receiver<Update>, Sender<Update>),
    signals: &Signals,
    options: &Options,
) -> io::Result<()> {
    let (theme, keys) = (options.theme, &options.keys);
    let mut dirty = true;
    // `enter` set mouse capture as the settings say, and the app starts so.
    let mut captured = app.mouse;
    while !app.quit && !signals.stop.load(Ordering::Relaxed) {
        if signals.suspend.swap(false, Ordering::Relaxed) {
            suspend(terminal, signals, app.mouse)?;
            dirty = true;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            reenter(terminal, app.mouse)?;
            dirty = true;
        }
        if captured != app.mouse {
            capture_mouse(app.mouse)?;
            captured = app.mouse;
        }
        for update in updates.try_iter() {
            app.receive(update);
            dirty = true;
        }
        if dirty {
            let area = screen(terminal)?;
            app.set_viewport(Areas::new(area, &app).viewport(&app, keys));
            terminal.draw(|frame| ui::draw(frame, &app, &theme, keys))?;
            dirty = false;
        }
        if let Some(job) = app.take_read_all() {
            let send = reader.clone();
            // The receiver is gone only when the browser has quit.
            std::thread::spawn(move || {
                let read = job.run();
                // Its share of the list goes first: the app then takes the
                // content into a list it alone holds.
                drop(job);
                send.send(Update::Read(read))
            });
        }
        let tick = if app.status == Status::Ready && !app.reading_all() {
            SIGNAL_CHECK
        } else {
            LOADING_TICK
        };
        let mut batch = events::read_batch(tick)?;
        while !batch.is_empty() {
            let handled = events::handle(&mut app, keys, &mut batch, screen(terminal)?);
            dirty |= handled.redraw;
            if handled.suspend {
                suspend(terminal, signals, app.mouse)?;
                dirty = true;
            }
        }
    }
    Ok(())
}

/// The whole screen.
fn screen(terminal: &DefaultTerminal) -> io::Result<Rect> {
    let size = terminal.size()?;
    Ok(Rect::new(0, 0, size.width, size.height))
}

/// Restores the terminal, stops the process as the shell's Ctrl-z would, and
/// sets the terminal up again when the shell resumes it.
fn suspend(terminal: &mut DefaultTerminal, signals: &Signals, mouse: bool) -> io::Result<()> {
    leave();
    // SIGTSTP is caught (to get here), so raising it would not stop the
    // process: this stops it as SIGTSTP's default action would.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    // The SIGCONT that resumed us is answered here.
    signals.resumed.store(false, Ordering::Relaxed);
    reenter(terminal, mouse)
}

/// Turns mouse capture on (the browser gets the wheel and clicks) or off
/// (the terminal selects text, to copy).
fn capture_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), DisableMouseCapture)
    }
}

/// Sets the terminal up again after the process was stopped, and clears it so
/// the next frame is drawn whole. Set up by hand rather than with `enter`:
/// ratatui's panic hook is already installed and must not be stacked again.
fn reenter(terminal: &mut DefaultTerminal, mouse: bool) -> io::Result<()> {
    // After a SIGSTOP the shell set its own mode while crossterm still
    // believes raw mode is on, and would not set it again.
    crossterm::terminal::disable_raw_mode()?;
    crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    capture_mouse(mouse)?;
    terminal.clear()
}
