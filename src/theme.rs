//! Every style the browser uses, in one place. Without colour (`NO_COLOR`),
//! emphasis falls back to bold, underline and reverse video so selection and
//! warnings stay visible.

use ratatui::style::{Color, Modifier, Style};

/// The browser's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text: brands in the list, chart values, labels.
    pub dim: Style,
    /// Titles and the drug name.
    pub title: Style,
    /// Border of the focused region.
    pub border_focus: Style,
    /// Border of other regions.
    pub border: Style,
    /// Selected row in a list.
    pub selected: Style,
    /// Characters that matched the filter or search.
    pub matched: Style,
    /// Find-in-pane matches.
    pub hit: Style,
    /// The current find match.
    pub hit_current: Style,
    /// "Get emergency help now" and the boxed warning.
    pub emergency: Style,
    /// "Call your doctor".
    pub serious: Style,
    /// Common side effects heading.
    pub common: Style,
    /// Other section headings.
    pub heading: Style,
    /// FAQ questions.
    pub question: Style,
    /// Bullets and markers.
    pub marker: Style,
    /// Chart bars.
    pub bar: Style,
    /// The active tab.
    pub tab_active: Style,
    /// Keys in the hint bar.
    pub key: Style,
    /// The disclaimer line.
    pub disclaimer: Style,
}

impl Theme {
    /// Colour unless the `NO_COLOR` environment variable is set and not empty.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Self::monochrome()
        } else {
            Self::color()
        }
    }

    /// The colour theme.
    pub fn color() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            title: bold,
            border_focus: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            selected: Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            hit: Style::new().bg(Color::Yellow).fg(Color::Black),
            hit_current: Style::new()
                .bg(Color::Magenta)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            emergency: bold.fg(Color::LightRed),
            serious: bold.fg(Color::Yellow),
            common: bold.fg(Color::Green),
            heading: bold.fg(Color::Cyan),
            question: bold.fg(Color::LightBlue),
            marker: Style::new().fg(Color::Cyan),
            bar: Style::new().fg(Color::Magenta),
            tab_active: bold.fg(Color::Black).bg(Color::Cyan),
            key: bold.fg(Color::Cyan),
            disclaimer: bold.fg(Color::Yellow),
        }
    }

    /// The theme without colour.
    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Self {
            text: Style::new(),
            dim: Style::new(),
            title: bold,
            border_focus: bold,
            border: Style::new(),
            selected: reversed,
            matched: bold.add_modifier(Modifier::UNDERLINED),
            hit: reversed,
            hit_current: reversed.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            emergency: bold.add_modifier(Modifier::REVERSED),
            serious: bold.add_modifier(Modifier::UNDERLINED),
            common: bold,
            heading: bold,
            question: bold,
            marker: Style::new(),
            bar: Style::new(),
            tab_active: reversed.add_modifier(Modifier::BOLD),
            key: bold,
            disclaimer: bold,
        }
    }
}
