//! Every style the browser uses, in one place, in three themes: dark (for
//! dark backgrounds), light (for light ones) and monochrome (no colour:
//! emphasis by bold, underline and reverse video, so selection and warnings
//! stay visible; what `NO_COLOR` and `--color never` give).
//!
//! Neither colour theme uses colour 8 ("bright black", `DarkGray`): several
//! palettes, Solarized among them, draw it in the background colour. Faint
//! text is the terminal's own dim attribute instead, which a terminal
//! without it shows as plain text. The light theme has no yellow, cyan or
//! bright foregrounds, which vanish on white.

use std::fmt;
use std::str::FromStr;

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

/// A theme by the name the settings file gives it (`theme = "light"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Colours for a dark background.
    #[default]
    Dark,
    /// Colours for a light background.
    Light,
    /// No colour.
    Monochrome,
}

impl ThemeName {
    /// Every theme, in the order the documentation lists them.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::Monochrome];

    /// The name as written in the settings file.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Monochrome => "monochrome",
        }
    }
}

impl fmt::Display for ThemeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ThemeName {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ThemeName::ALL
            .into_iter()
            .find(|t| t.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| "expected one of: dark, light, monochrome".to_string())
    }
}

/// When to draw in colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Colour even when `NO_COLOR` is set.
    Always,
    /// No colour: the monochrome theme.
    Never,
}

/// Whether `NO_COLOR` asks for no colour: set and not empty, as
/// <https://no-color.org> says.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// The styles of a named theme.
    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Dark => Self::dark(),
            ThemeName::Light => Self::light(),
            ThemeName::Monochrome => Self::monochrome(),
        }
    }

    /// The default colour theme, [`Theme::dark`].
    pub fn color() -> Self {
        Self::dark()
    }

    /// Colours for a dark background.
    pub fn dark() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let faint = Style::new().add_modifier(Modifier::DIM);
        Self {
            text: Style::new(),
            dim: faint,
            title: bold,
            border_focus: Style::new().fg(Color::Cyan),
            border: faint,
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

    /// Colours for a light background: dark foregrounds only, and the
    /// backgrounds of highlights dark enough for white text.
    pub fn light() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let faint = Style::new().add_modifier(Modifier::DIM);
        let on = |bg: Color| bold.fg(Color::White).bg(bg);
        Self {
            text: Style::new(),
            dim: faint,
            title: bold,
            border_focus: Style::new().fg(Color::Blue),
            border: faint,
            selected: on(Color::Blue),
            matched: bold.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            // Yellow as a background, under black text, reads on white.
            hit: Style::new().bg(Color::Yellow).fg(Color::Black),
            hit_current: on(Color::Magenta),
            emergency: bold.fg(Color::Red),
            serious: bold.fg(Color::Magenta),
            common: bold.fg(Color::Green),
            heading: bold.fg(Color::Blue),
            question: bold.fg(Color::Blue),
            marker: Style::new().fg(Color::Blue),
            bar: Style::new().fg(Color::Magenta),
            tab_active: on(Color::Blue),
            key: bold.fg(Color::Blue),
            disclaimer: bold.fg(Color::Red),
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

    /// Every style, with its name, for checks over a whole theme.
    pub fn styles(&self) -> [(&'static str, Style); 19] {
        [
            ("text", self.text),
            ("dim", self.dim),
            ("title", self.title),
            ("border_focus", self.border_focus),
            ("border", self.border),
            ("selected", self.selected),
            ("matched", self.matched),
            ("hit", self.hit),
            ("hit_current", self.hit_current),
            ("emergency", self.emergency),
            ("serious", self.serious),
            ("common", self.common),
            ("heading", self.heading),
            ("question", self.question),
            ("marker", self.marker),
            ("bar", self.bar),
            ("tab_active", self.tab_active),
            ("key", self.key),
            ("disclaimer", self.disclaimer),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_theme_uses_colour_8_which_some_palettes_draw_as_the_background() {
        for name in ThemeName::ALL {
            for (field, style) in Theme::named(name).styles() {
                assert_ne!(style.fg, Some(Color::DarkGray), "{name} {field}");
                assert_ne!(style.bg, Some(Color::DarkGray), "{name} {field}");
            }
        }
    }

    #[test]
    fn the_light_theme_has_no_foreground_that_vanishes_on_white() {
        let pale = [
            Color::Yellow,
            Color::LightYellow,
            Color::Cyan,
            Color::LightCyan,
            Color::LightBlue,
            Color::LightRed,
            Color::LightGreen,
            Color::LightMagenta,
            Color::White,
            Color::Gray,
        ];
        for (field, style) in Theme::light().styles() {
            // White text is fine on a dark background of its own.
            if style.bg.is_some() {
                continue;
            }
            assert!(
                !style.fg.is_some_and(|c| pale.contains(&c)),
                "light {field}: {style:?}"
            );
        }
    }

    #[test]
    fn monochrome_has_no_colour_and_still_marks_what_matters() {
        let mono = Theme::monochrome();
        for (field, style) in mono.styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{field}");
        }
        for style in [mono.selected, mono.hit, mono.emergency, mono.tab_active] {
            assert!(style.add_modifier.contains(Modifier::REVERSED));
        }
        assert_ne!(mono.hit, mono.hit_current);
        assert_ne!(mono.emergency, mono.serious);
    }

    #[test]
    fn theme_names_parse_in_any_case() {
        assert_eq!("light".parse::<ThemeName>(), Ok(ThemeName::Light));
        assert_eq!(
            " Monochrome".parse::<ThemeName>(),
            Ok(ThemeName::Monochrome)
        );
        assert!("blue".parse::<ThemeName>().is_err());
    }
}
