//! Drawing. Reads the [`App`] and never changes it; one widget per region.

mod compare;
mod export;
mod faqs;
mod fit;
mod footer;
mod header;
mod input;
mod interactions;
mod list;
mod loading;
mod mouse;
mod overlay;
mod pane;
mod scrollbar;
mod search;
mod tabs;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::{App, Editing, Focus, Overlay, Screen, Viewport};
use crate::keymap::KeyBindings;
use crate::theme::Theme;
use crate::{DISCLAIMER, DISCLAIMER_SHORT};
pub use mouse::mouse_action;

/// Smallest terminal that gets the full browser.
pub const MIN_WIDTH: u16 = 40;
/// Smallest height that gets the full browser.
pub const MIN_HEIGHT: u16 = 6;
/// Narrower than this, the list and the pane take turns instead of sharing the width.
pub const SPLIT_WIDTH: u16 = 70;

/// Where each region goes for a terminal size and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    /// The drug list's block (empty when hidden).
    pub list: Rect,
    /// The pane's block (empty when hidden).
    pub pane: Rect,
    /// The search or FAQ screen (empty while browsing).
    pub screen: Rect,
    /// Hint bar.
    pub hints: Rect,
    /// Disclaimer line.
    pub disclaimer: Rect,
}

impl Areas {
    /// Computes the layout for `area`.
    pub fn new(area: Rect, app: &App) -> Self {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Self::default();
        }
        let [main, hints, disclaimer] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if app.screen != Screen::Browse {
            return Self {
                screen: main,
                hints,
                disclaimer,
                ..Self::default()
            };
        }
        let (list, pane) = if area.width < SPLIT_WIDTH {
            match app.focus {
                Focus::List => (main, Rect::default()),
                Focus::Pane => (Rect::default(), main),
            }
        } else {
            let list_width = list_width(area.width);
            let [list, pane] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)])
                    .areas(main);
            (list, pane)
        };
        Self {
            list,
            pane,
            screen: Rect::default(),
            hints,
            disclaimer,
        }
    }

    /// The scrollable sizes the app needs to know.
    pub fn viewport(&self, app: &App, keys: &KeyBindings) -> Viewport {
        // Overlays cover everything above the hint bar.
        let body = Rect {
            y: 0,
            height: self.hints.y,
            ..self.hints
        };
        let notice_rows = overlay::NoticeAreas::new(body, app).rows.height;
        let help = overlay::HelpLayout::new(body, keys);
        let (help_rows, help_lines) = (
            help.visible(),
            u16::try_from(help.rows.len()).unwrap_or(u16::MAX),
        );
        if app.screen != Screen::Browse {
            let rows = search::rows_area(self.screen);
            return Viewport {
                pane_width: rows.width.saturating_sub(1),
                pane_height: rows.height,
                list_height: rows.height,
                notice_rows,
                help_rows,
                help_lines,
            };
        }
        let pane = pane::PaneArea::new(self.pane, app);
        Viewport {
            pane_width: pane.text.width,
            pane_height: pane.text.height,
            list_height: list::rows_area(self.list, app).height,
            notice_rows,
            help_rows,
            help_lines,
        }
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, keys: &KeyBindings) {
    let area = frame.area();
    if let Some(at) = render(area, frame.buffer_mut(), app, theme, keys) {
        frame.set_cursor_position(at);
    }
}

/// Renders the whole screen into a buffer (what [`draw`] does, without a
/// terminal); gives where the terminal's cursor goes, if anywhere.
pub fn render(
    area: Rect,
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    keys: &KeyBindings,
) -> Option<Position> {
    let areas = Areas::new(area, app);
    if areas.hints.height == 0 {
        too_small(area, buf, theme);
        return None;
    }
    match app.screen {
        Screen::Search => search::SearchView { app, theme }.render(areas.screen, buf),
        Screen::Faqs => faqs::FaqView { app, theme }.render(areas.screen, buf),
        Screen::Interactions => {
            interactions::InteractionView { app, theme }.render(areas.screen, buf);
        }
        Screen::Compare | Screen::CompareWith => {
            compare::CompareView { app, theme }.render(areas.screen, buf);
        }
        Screen::Browse => {}
    }
    if !areas.list.is_empty() {
        list::DrugList { app, theme }.render(areas.list, buf);
    }
    if !areas.pane.is_empty() {
        pane::MonographView { app, theme }.render(areas.pane, buf);
    }
    footer::Hints { app, theme, keys }.render(areas.hints, buf);
    Disclaimer { theme }.render(areas.disclaimer, buf);
    let body = Rect {
        height: area.height.saturating_sub(2),
        ..area
    };
    match app.overlay {
        Overlay::None => {}
        Overlay::Help => overlay::Help {
            offset: app.help_offset,
            theme,
            keys,
        }
        .render(body, buf),
        Overlay::Notice => overlay::Notice { app, theme }.render(body, buf),
        Overlay::Export | Overlay::ConfirmReplace => {
            export::ExportView { app, theme }.render(body, buf);
        }
    }
    match app.overlay {
        Overlay::None => cursor(&areas, app, theme),
        Overlay::Export => export::cursor(body, app, theme),
        _ => None,
    }
}

/// Where the terminal's cursor goes: in the input being typed into.
fn cursor(areas: &Areas, app: &App, theme: &Theme) -> Option<Position> {
    match (app.screen, app.editing) {
        (Screen::Search, _) => {
            search::input_line(app, theme).cursor(search::input_area(areas.screen))
        }
        (Screen::Faqs, _) => {
            faqs::input_line(app.faqs.as_ref()?, theme).cursor(search::input_area(areas.screen))
        }
        (Screen::Interactions, _) => interactions::input_line(app.interaction_check()?, theme)
            .cursor(search::input_area(areas.screen)),
        (Screen::CompareWith, _) => {
            compare::input_line(app.comparison()?, theme).cursor(search::input_area(areas.screen))
        }
        (Screen::Compare, _) => None,
        (Screen::Browse, Some(Editing::Filter)) => {
            list::filter_line(app, theme).cursor(list::filter_area(areas.list))
        }
        (Screen::Browse, Some(Editing::Find)) => {
            footer::find_line(app, theme).cursor(footer::find_area(areas.hints, app))
        }
        (Screen::Browse, None) => None,
    }
}

/// The disclaimer, shortened only when the line is too narrow for it.
pub struct Disclaimer<'a> {
    /// Styles.
    pub theme: &'a Theme,
}

impl Widget for Disclaimer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let first_sentence = DISCLAIMER.split_inclusive('.').next().unwrap_or(DISCLAIMER);
        let text = [DISCLAIMER, first_sentence]
            .into_iter()
            .find(|t| t.chars().count() <= usize::from(area.width))
            .unwrap_or(DISCLAIMER_SHORT);
        Line::styled(text, self.theme.disclaimer).render(area, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    let [message, disclaimer] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    Disclaimer { theme }.render(disclaimer, buf);
    if !message.is_empty() {
        Paragraph::new(format!(
            "Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})"
        ))
        .wrap(Wrap { trim: true })
        .style(theme.text)
        .render(message, buf);
    }
}

/// The narrowest the drug list is made to let a richer tab bar fit: room
/// for "Hydrochlorothiazide" beside the selection marker.
const LIST_NARROWEST: u16 = 24;

/// The drug list's width beside the pane at a total `width`: a third,
/// within 24 to 40 columns, narrowed (to no less than [`LIST_NARROWEST`])
/// when that lets the pane's tab bar spell more out whichever tab is
/// active: all six full names at 100 columns, short forms at 80.
fn list_width(width: u16) -> u16 {
    let usual = (width / 3).clamp(24, 40);
    // The pane's border takes a column on each side.
    let pane_room = |list: u16| usize::from(width.saturating_sub(list).saturating_sub(2));
    tabs::widths_needed()
        .find_map(|needed| {
            if pane_room(usual) >= needed {
                Some(usual)
            } else if pane_room(LIST_NARROWEST) >= needed {
                let room = u16::try_from(needed + 2).unwrap_or(u16::MAX);
                Some(width - room)
            } else {
                None
            }
        })
        .unwrap_or(usual)
}
